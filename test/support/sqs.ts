import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalRuntime } from '../../infra/local/runtime';
import { credentials } from './local';

export function sqsClient(runtime: LocalRuntime | string): SQSClient {
  const endpoint = typeof runtime === 'string' ? runtime : runtime.endpoint;
  return new SQSClient({ endpoint, region: 'us-east-1', credentials });
}

let queues = 0;
/** Creates a queue with a unique name through the API; returns its URL. */
export async function createQueue(sqs: SQSClient, attributes: Record<string, string> = {}, prefix = 'q') {
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: `${prefix}-${++queues}`, Attributes: attributes }),
  );
  return QueueUrl!;
}

/** Resolves once `check` holds, trying again on every turn of the event loop. */
export async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setImmediate(resolve));
}
