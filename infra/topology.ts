/**
 * The system on one page: every function, workflow, queue, table, bucket, bus, rule and route
 * Lectern runs. Both targets read it: `infra/aws` turns it into CloudFormation, `infra/local`
 * runs it on one machine. A new flow adds its entries here; neither target changes.
 *
 * Names are logical: locally they are the resource names; on AWS the CDK generates physical
 * names and hands them to functions through environment variables (see `resourceEnv`).
 */
import type { SecretName } from '../config/secrets';
import { LECTERN_BUS } from '../events/catalogue';
import { PaymentReceived } from '../events/payments';
import { patternOf } from '../events/rules';
import { LEDGER_KEY, LEDGER_TABLE } from '../handlers/payments/ledger-table';
import { WEBHOOKS_EXPIRY, WEBHOOKS_KEY, WEBHOOKS_TABLE } from '../handlers/webhooks/table';
import { entitlementsTopology } from './entitlements';
import type { Definition, Json } from '../workflows/asl';
import { PAYMENT_VERIFICATION_PLACEHOLDERS, paymentVerification } from '../workflows/payment-verification';

export interface FunctionSpec {
  /** Unique logical name; the local Lambda function name and the CDK construct id. */
  name: string;
  /** Handler module, relative to the repository root. */
  entry: string;
  /** The module's export that is the handler; defaults to `handler`. */
  handler?: string;
  /** Lambda timeout; defaults to 10 s. */
  timeoutSeconds?: number;
  /** Lambda memory; defaults to 256 MB. */
  memoryMb?: number;
  /** At most this many invocations at once (reserved concurrency); unlimited when absent. */
  reservedConcurrency?: number;
  /** Extra environment variables (never secrets: those come from the deployment's secret store). */
  environment?: Record<string, string>;
  /**
   * The names the handler reads with `loadSecrets` (config/secrets.ts). On AWS the stored ones come
   * from the stack's secret (read access granted to this function only) and the provider URLs are
   * set as variables; locally the runtime's environment and development values apply.
   */
  secrets?: SecretName[];
  /** What the function may touch; each target grants exactly this and sets `resourceEnv` variables. */
  access?: Access;
  /** Asynchronous invocations (EventBridge targets): retries, maximum age, where failures go. */
  async?: {
    /** 0–2, default 2. */
    maximumRetryAttempts?: number;
    /** 60–21600, default 21600. */
    maximumEventAgeSeconds?: number;
    /** A queue that receives the failed invocation record. */
    onFailureQueue?: string;
  };
  /** SQS event source mappings. */
  queues?: EventSourceSpec[];
}

export interface Access {
  tables?: Record<string, 'read' | 'readWrite'>;
  queues?: Record<string, 'send' | 'consume'>;
  buckets?: Record<string, 'read' | 'write' | 'readWrite'>;
  /** Buses the function may put events on. */
  buses?: string[];
  /** Workflows the function may start or answer task tokens of. */
  workflows?: Record<string, 'start' | 'callback'>;
  /** Whether it may send e-mail (SES v2 SendEmail) from the topology's mail identity. */
  mail?: boolean;
}

export interface EventSourceSpec {
  queue: string;
  /** 1–10 for standard queues; default 10. */
  batchSize?: number;
  /** 0–300; default 0. */
  maximumBatchingWindowSeconds?: number;
  /** The handler answers `{ batchItemFailures: [{ itemIdentifier }] }` so only those are retried. */
  reportBatchItemFailures?: boolean;
}

export interface WorkflowSpec {
  /** Unique logical name; the state machine name locally and the CDK construct id. */
  name: string;
  /** Typed ASL. Resources are `${Placeholder}`s, filled in by each target. */
  definition: Definition;
  type?: 'STANDARD' | 'EXPRESS';
  /** Placeholder → function name, e.g. `{ GrantEntitlementFunction: 'grantEntitlement' }`. */
  functions?: Record<string, string>;
  /** Placeholder → workflow name, for `states:startExecution` tasks. */
  workflows?: Record<string, string>;
  /** Placeholder → queue name (the value is the queue URL), for `sqs:sendMessage` tasks. */
  queues?: Record<string, string>;
  /** Placeholder → table name, for `dynamodb:*` tasks. */
  tables?: Record<string, string>;
  /** Placeholder → bus name, for `events:putEvents` tasks. */
  buses?: Record<string, string>;
  /** Placeholder → bucket name, e.g. MediaConvert inputs and outputs. */
  buckets?: Record<string, string>;
  /** Whether it runs MediaConvert jobs (`mediaconvert:createJob(.sync)`); `${MediaConvertRole}` is then bound. */
  mediaConvert?: boolean;
}

export interface QueueSpec {
  name: string;
  /** Default 30 s. */
  visibilityTimeoutSeconds?: number;
  /** Default 4 days. */
  retentionSeconds?: number;
  delaySeconds?: number;
  /** Messages received more than `maxReceiveCount` times move to `queue`. */
  deadLetter?: { queue: string; maxReceiveCount: number };
}

export interface TableSpec {
  name: string;
  partitionKey: KeySpec;
  sortKey?: KeySpec;
  /** Attribute holding an epoch-seconds expiry. */
  timeToLiveAttribute?: string;
  indexes?: Array<{ name: string; partitionKey: KeySpec; sortKey?: KeySpec }>;
}

export interface KeySpec {
  name: string;
  type: 'S' | 'N' | 'B';
}

export interface BucketSpec {
  name: string;
  /** Send `Object Created` (and `Object Deleted`) events to the default bus. */
  eventBridge?: boolean;
  /** Browsers may PUT (presigned uploads) and GET (playback) from these origins. */
  corsOrigins?: string[];
}

export interface BusSpec {
  name: string;
  /** Keep every event for replay, this many days (0: forever). */
  archiveRetentionDays?: number;
}

/** An EventBridge event pattern (content filtering as AWS documents it). */
export type EventPattern = { [field: string]: Json };

export interface RuleSpec {
  name: string;
  /** A BusSpec name or `default` (where AWS services such as S3 and MediaConvert send). */
  bus: string;
  pattern: EventPattern;
  targets: TargetSpec[];
}

export type TargetSpec = ({ workflow: string } | { queue: string } | { function: string }) & {
  /** Constant input instead of the event. */
  input?: Json;
  /** A JSONPath into the event, e.g. `$.detail`. */
  inputPath?: string;
  inputTransformer?: { inputPathsMap?: Record<string, string>; inputTemplate: string };
  /** Default 185 attempts over 24 h, as AWS. */
  retry?: { maximumRetryAttempts?: number; maximumEventAgeSeconds?: number };
  /** A queue that receives events that could not be delivered, with the error attached. */
  deadLetterQueue?: string;
};

export interface RouteSpec {
  /** e.g. `POST /webhooks/stripe`, `GET /videos/{id}`. */
  route: string;
  function: string;
  /** `jwt`: the HTTP API's JWT authorizer must accept the bearer token. Default `none`. */
  auth?: 'none' | 'jwt';
}

export interface HttpApiSpec {
  routes: RouteSpec[];
  /** CORS: allowed origins (`*` for any). */
  corsOrigins?: string[];
  /** The JWT authorizer: who issues the tokens and for whom. */
  jwt?: { issuer: string; audience: string[] };
}

export interface Topology {
  functions: FunctionSpec[];
  workflows: WorkflowSpec[];
  queues?: QueueSpec[];
  tables?: TableSpec[];
  buckets?: BucketSpec[];
  buses?: BusSpec[];
  rules?: RuleSpec[];
  api?: HttpApiSpec;
  /** The verified SES identity mail is sent from. */
  mailFrom?: string;
}

/**
 * The environment variable through which a function learns a resource's physical name (or
 * URL for queues): e.g. `resourceEnv('table', 'users')` → `TABLE_USERS`.
 */
export function resourceEnv(kind: 'table' | 'queue' | 'bucket' | 'bus' | 'workflow', name: string): string {
  return `${kind.toUpperCase()}_${name.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`;
}

const PAYMENTS_UNDELIVERED = 'payments-undelivered';

/** Webhook ingress keeps each notification and puts its event on the bus. */
const webhookIngress: Access = { tables: { [WEBHOOKS_TABLE]: 'readWrite' }, buses: [LECTERN_BUS] };

/** Lectern's topology. Each flow adds its entries here. */
export const topology: Topology = {
  functions: [
    // Payments: webhook ingress (handlers/webhooks).
    {
      name: 'stripeWebhook',
      entry: 'handlers/webhooks/stripe.ts',
      access: webhookIngress,
      secrets: ['STRIPE_WEBHOOK_SECRET'],
    },
    { name: 'paypalWebhook', entry: 'handlers/webhooks/paypal.ts', access: webhookIngress },
    {
      name: 'gumroadWebhook',
      entry: 'handlers/webhooks/gumroad.ts',
      access: webhookIngress,
      secrets: ['GUMROAD_WEBHOOK_KEY'],
    },
    // Payments: verification (handlers/payments); the workflow itself writes the ledger and emits.
    { name: 'normalisePayment', entry: 'handlers/payments/normalise-payment.ts' },
    {
      name: 'verifyWithProvider',
      entry: 'handlers/payments/verify-with-provider.ts',
      secrets: ['PAYPAL_IPN_URL', 'GUMROAD_VERIFY_URL', 'GUMROAD_ACCESS_TOKEN'],
    },
    { name: 'checkPayment', entry: 'handlers/payments/check-payment.ts' },
    ...entitlementsTopology.functions,
  ],
  workflows: [
    {
      name: 'paymentVerification',
      definition: paymentVerification,
      functions: {
        [PAYMENT_VERIFICATION_PLACEHOLDERS.functions.normalise]: 'normalisePayment',
        [PAYMENT_VERIFICATION_PLACEHOLDERS.functions.verify]: 'verifyWithProvider',
        [PAYMENT_VERIFICATION_PLACEHOLDERS.functions.check]: 'checkPayment',
      },
      tables: { [PAYMENT_VERIFICATION_PLACEHOLDERS.table]: LEDGER_TABLE },
      buses: { [PAYMENT_VERIFICATION_PLACEHOLDERS.bus]: LECTERN_BUS },
    },
    ...entitlementsTopology.workflows,
  ],
  queues: [
    // Payment Received events the rule could not start a verification for, with the error attached.
    { name: PAYMENTS_UNDELIVERED, retentionSeconds: 14 * 24 * 3600 },
    ...entitlementsTopology.queues,
  ],
  tables: [
    // Raw webhook payloads, one item per provider notification (de-duplication), kept a week.
    {
      name: WEBHOOKS_TABLE,
      partitionKey: { name: WEBHOOKS_KEY, type: 'S' },
      timeToLiveAttribute: WEBHOOKS_EXPIRY,
    },
    // Verified payments, one item per provider transaction, kept for good.
    { name: LEDGER_TABLE, partitionKey: { name: LEDGER_KEY, type: 'S' } },
    ...entitlementsTopology.tables,
  ],
  // Lectern's own events; the archive keeps a year of them for replay.
  buses: [{ name: LECTERN_BUS, archiveRetentionDays: 365 }],
  rules: [
    {
      name: 'paymentReceived',
      bus: LECTERN_BUS,
      pattern: patternOf(PaymentReceived),
      targets: [{ workflow: 'paymentVerification', deadLetterQueue: PAYMENTS_UNDELIVERED }],
    },
    ...entitlementsTopology.rules,
  ],
  mailFrom: entitlementsTopology.mailFrom,
  api: {
    routes: [
      { route: 'POST /webhooks/stripe', function: 'stripeWebhook' },
      { route: 'POST /webhooks/paypal', function: 'paypalWebhook' },
      { route: 'POST /webhooks/gumroad/{key}', function: 'gumroadWebhook' },
    ],
  },
};
