import { EventBridgeClient, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { LocalRuntime } from '../../infra/local/runtime';
import { localClient } from './clients';
import { createQueue } from './sqs';

/** `localClient(EventBridgeClient, runtime.endpoint)`, as the flow tests and benches write it. */
export const eventBridgeClient = (runtime: LocalRuntime) => localClient(EventBridgeClient, runtime.endpoint);

let names = 0;
/** A unique resource name. */
export const unique = (prefix: string) => `${prefix}-${++names}`;

/** A fresh queue that a rule of its own fills with every event of `source` on `bus`. */
export async function inbox(
  { eb, sqs }: { eb: EventBridgeClient; sqs: SQSClient },
  source: string,
  bus = 'default',
): Promise<{ queueUrl: string; ruleArn: string }> {
  const queueUrl = await createQueue(sqs, {}, 'inbox');
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
  );
  const name = unique('rule');
  const { RuleArn } = await eb.send(
    new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: JSON.stringify({ source: [source] }) }),
  );
  await eb.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: bus,
      Targets: [{ Id: 'q', Arn: Attributes!.QueueArn }],
    }),
  );
  return { queueUrl, ruleArn: RuleArn! };
}

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
