import { invalidValue, sqsError } from './errors';

/** A standard queue's settable attributes with their defaults, as GetQueueAttributes shows them. */
export const DEFAULT_ATTRIBUTES: Readonly<Record<string, string>> = {
  DelaySeconds: '0',
  MaximumMessageSize: '262144',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
  SqsManagedSseEnabled: 'true',
};

const RANGES: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 262144],
  MessageRetentionPeriod: [60, 1209600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43200],
  KmsDataKeyReusePeriodSeconds: [60, 86400],
};

const JSON_ATTRIBUTES = new Set(['Policy', 'RedrivePolicy', 'RedriveAllowPolicy']);
const OTHER_SETTABLE = new Set(['KmsMasterKeyId', 'SqsManagedSseEnabled']);
const FIFO_ONLY = new Set([
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

/** Read-only attributes GetQueueAttributes knows besides the settable ones. */
export const COMPUTED_ATTRIBUTES = [
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
];

export function isKnownAttribute(name: string): boolean {
  return (
    name in RANGES ||
    JSON_ATTRIBUTES.has(name) ||
    OTHER_SETTABLE.has(name) ||
    FIFO_ONLY.has(name) ||
    COMPUTED_ATTRIBUTES.includes(name)
  );
}

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

/**
 * Checks CreateQueue/SetQueueAttributes `Attributes` and returns them normalised (the redrive
 * policy re-serialised with a numeric maxReceiveCount). `queueExists` checks a dead-letter target.
 * An empty RedrivePolicy or Policy removes it (the value stays `''` for the caller to drop).
 */
export function checkAttributes(
  attributes: unknown,
  queueExists: (arn: string) => boolean,
): Record<string, string> {
  if (attributes === undefined || attributes === null) return {};
  if (typeof attributes !== 'object' || Array.isArray(attributes)) {
    throw sqsError('InvalidParameterValue', 'Value for parameter Attributes is invalid.');
  }
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(attributes as Record<string, unknown>)) {
    if (FIFO_ONLY.has(name)) {
      if (name === 'FifoQueue' && String(raw) === 'false') continue;
      throw sqsError(
        'InvalidAttributeName',
        `Unknown Attribute ${name}. The local runtime supports standard queues only.`,
      );
    }
    if (!(name in RANGES) && !JSON_ATTRIBUTES.has(name) && !OTHER_SETTABLE.has(name)) {
      throw sqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
    if (typeof raw !== 'string') throw invalidAttribute(name);
    out[name] = checkOne(name, raw, queueExists);
  }
  return out;
}

function checkOne(name: string, value: string, queueExists: (arn: string) => boolean): string {
  const range = RANGES[name];
  if (range) {
    if (!/^-?\d+$/.test(value.trim())) throw invalidAttribute(name);
    const n = Number(value);
    if (n < range[0] || n > range[1]) throw invalidAttribute(name);
    return String(n);
  }
  if (name === 'SqsManagedSseEnabled') {
    if (value !== 'true' && value !== 'false') throw invalidAttribute(name);
    return value;
  }
  if (name === 'RedrivePolicy')
    return value === '' ? '' : JSON.stringify(parseRedrivePolicy(value, queueExists));
  if (JSON_ATTRIBUTES.has(name) && value !== '') {
    try {
      JSON.parse(value);
    } catch {
      throw invalidValue(name, value, `${name} is not a valid JSON map.`);
    }
  }
  return value;
}

function parseRedrivePolicy(value: string, queueExists: (arn: string) => boolean): RedrivePolicy {
  const reject = (reason: string) => invalidValue('RedrivePolicy', value, reason);
  let policy: unknown;
  try {
    policy = JSON.parse(value);
  } catch {
    throw reject('Redrive policy is not a valid JSON map.');
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    throw reject('Redrive policy is not a valid JSON map.');
  }
  const { deadLetterTargetArn, maxReceiveCount } = policy as Record<string, unknown>;
  if (deadLetterTargetArn === undefined) {
    throw reject('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  }
  if (maxReceiveCount === undefined) {
    throw reject('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  }
  const count = Number(maxReceiveCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw reject(
      `Invalid value for maxReceiveCount: ${String(maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`,
    );
  }
  if (typeof deadLetterTargetArn !== 'string' || !queueExists(deadLetterTargetArn)) {
    throw reject('Dead letter target does not exist.');
  }
  return { deadLetterTargetArn, maxReceiveCount: count };
}

function invalidAttribute(name: string) {
  return sqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
}

/** The queue's redrive policy, if it has one. */
export function redrivePolicyOf(attributes: Record<string, string>): RedrivePolicy | undefined {
  const text = attributes.RedrivePolicy;
  return text ? (JSON.parse(text) as RedrivePolicy) : undefined;
}

/** A numeric attribute (its default when unset). */
export function numberAttribute(attributes: Record<string, string>, name: string): number {
  return Number(attributes[name] ?? DEFAULT_ATTRIBUTES[name]);
}
