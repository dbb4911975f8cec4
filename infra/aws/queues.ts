/** One SQS queue per `QueueSpec`: encrypted, TLS only, redriving to its dead-letter queue. */
import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueSpec } from '../topology';

/** SQS's own default, which the topology documents; the CDK leaves it to SQS when a spec sets none. */
export const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;

export interface QueuesProps {
  /** Checked by `resolveTopology`: every dead-letter queue exists and none redrives in a cycle. */
  specs: QueueSpec[];
}

/** The topology's queues, by name. */
export class Queues extends Construct {
  readonly byName: ReadonlyMap<string, sqs.Queue>;

  constructor(scope: Construct, id: string, props: QueuesProps) {
    super(scope, id);
    const specs = new Map(props.specs.map((spec) => [spec.name, spec]));
    const byName = new Map<string, sqs.Queue>();
    // A queue's dead-letter queue is created first, whatever the order of the specs.
    const create = (spec: QueueSpec): sqs.Queue => {
      const existing = byName.get(spec.name);
      if (existing) return existing;
      const deadLetter = spec.deadLetter && {
        queue: create(specs.get(spec.deadLetter.queue) as QueueSpec),
        maxReceiveCount: spec.deadLetter.maxReceiveCount,
      };
      const queue = new sqs.Queue(this, spec.name, {
        // SQS-managed keys: EventBridge and S3 can send to the queue without a key policy.
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: seconds(spec.visibilityTimeoutSeconds),
        retentionPeriod: seconds(spec.retentionSeconds),
        deliveryDelay: seconds(spec.delaySeconds),
        deadLetterQueue: deadLetter,
      });
      byName.set(spec.name, queue);
      return queue;
    };
    for (const spec of props.specs) create(spec);
    this.byName = byName;
  }
}

const seconds = (value: number | undefined) => (value === undefined ? undefined : Duration.seconds(value));
