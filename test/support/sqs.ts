import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { LocalRuntime } from '../../infra/local/runtime';
import { localClient } from './clients';

/** `localClient(SQSClient, runtime.endpoint)`, as the flow tests and benches write it. */
export const sqsClient = (runtime: LocalRuntime) => localClient(SQSClient, runtime.endpoint);

let queues = 0;
/** Creates a queue with a unique name through the API; returns its URL. */
export async function createQueue(sqs: SQSClient, attributes: Record<string, string> = {}, prefix = 'q') {
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({ QueueName: `${prefix}-${++queues}`, Attributes: attributes }),
  );
  return QueueUrl!;
}

/**
 * Resolves once `check` holds, trying again on every turn of the event loop, or every `intervalMs`
 * (for checks on a child process, which a busy loop would only slow down).
 */
export async function until(check: () => boolean | Promise<boolean>, intervalMs?: number): Promise<void> {
  const next = (resolve: () => void) =>
    intervalMs === undefined ? setImmediate(resolve) : setTimeout(resolve, intervalMs);
  while (!(await check())) await new Promise<void>(next);
}
