import type { QueueSpec, Topology } from '../../topology';
import type { LocalSqs } from './sqs';

/**
 * Creates (or updates) the topology's queues, as `cdk deploy` would. Dead-letter queues may be
 * listed after the queues that use them, so redrive policies are set once all queues exist.
 */
export function deployQueues(topology: Topology, sqs: LocalSqs): void {
  const specs = topology.queues ?? [];
  for (const spec of specs) {
    const attributes = plainAttributes(spec);
    const existing = sqs.find(spec.name);
    if (existing) sqs.setAttributes(existing, attributes);
    else sqs.createQueue(spec.name, attributes);
  }
  for (const spec of specs) {
    const redrive = spec.deadLetter
      ? JSON.stringify({
          deadLetterTargetArn: sqs.arn(spec.deadLetter.queue),
          maxReceiveCount: spec.deadLetter.maxReceiveCount,
        })
      : '';
    sqs.setAttributes(sqs.require(spec.name), { RedrivePolicy: redrive });
  }
}

function plainAttributes(spec: QueueSpec): Record<string, string> {
  return {
    VisibilityTimeout: String(spec.visibilityTimeoutSeconds ?? 30),
    MessageRetentionPeriod: String(spec.retentionSeconds ?? 345600),
    DelaySeconds: String(spec.delaySeconds ?? 0),
  };
}
