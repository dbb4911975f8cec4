import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { LocalRuntime } from '../../infra/local/runtime';
import { credentials } from './local';

export function eventBridgeClient(runtime: LocalRuntime | string, maxAttempts?: number): EventBridgeClient {
  const endpoint = typeof runtime === 'string' ? runtime : runtime.endpoint;
  return new EventBridgeClient({
    endpoint,
    region: 'us-east-1',
    credentials,
    ...(maxAttempts ? { maxAttempts } : {}),
  });
}

let names = 0;
/** A unique resource name. */
export const unique = (prefix: string) => `${prefix}-${++names}`;

/**
 * Receives (and deletes) messages until `count` have arrived, polling the API on every turn of
 * the event loop; with their attributes.
 */
export async function receive(sqs: SQSClient, queueUrl: string, count: number): Promise<Message[]> {
  const messages: Message[] = [];
  while (messages.length < count) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageAttributeNames: ['All'],
      }),
    );
    for (const message of Messages) {
      messages.push(message);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle! }));
    }
    if (!Messages.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return messages;
}

/** The parsed bodies of `count` messages. */
export async function receiveBodies(sqs: SQSClient, queueUrl: string, count: number): Promise<unknown[]> {
  return (await receive(sqs, queueUrl, count)).map((m) => JSON.parse(m.Body!) as unknown);
}
