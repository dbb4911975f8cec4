/**
 * The entitlement flow's part of the topology (flow 2 of DESIGN.md): its steps, workflows, tables,
 * the mail outbox and the rules that start it. `topology.ts` lists these entries with the rest.
 */
import { LECTERN_BUS } from '../events/catalogue';
import { PaymentRefunded, PaymentVerified } from '../events/payments';
import { patternOf } from '../events/rules';
import {
  ENTITLEMENTS_BY_USER,
  ENTITLEMENTS_KEY,
  ENTITLEMENTS_TABLE,
  USERS_KEY,
  USERS_TABLE,
} from '../handlers/entitlements/tables';
import {
  MAIL_FROM,
  MAIL_OUTBOX_DEAD_LETTERS,
  MAIL_OUTBOX_QUEUE,
  SENT_MAILS_EXPIRY,
  SENT_MAILS_KEY,
  SENT_MAILS_TABLE,
} from '../handlers/mail/outbox';
import { entitlementGranting } from '../workflows/entitlement-granting';
import { entitlementRevocation } from '../workflows/entitlement-revocation';
import type { FunctionSpec, QueueSpec, RuleSpec, TableSpec, WorkflowSpec } from './topology';

/** Events a rule could not deliver to a workflow, with the error attached, for the operator to redrive. */
const UNDELIVERED = 'entitlements-undelivered';
const FOURTEEN_DAYS = 14 * 24 * 3600;

const functions: FunctionSpec[] = [
  {
    name: 'findOrCreateUser',
    entry: 'handlers/entitlements/find-or-create-user.ts',
    access: { tables: { [USERS_TABLE]: 'readWrite' } },
  },
  {
    name: 'grantEntitlement',
    entry: 'handlers/entitlements/grant-entitlement.ts',
    access: { tables: { [ENTITLEMENTS_TABLE]: 'readWrite' } },
  },
  { name: 'normaliseRefund', entry: 'handlers/entitlements/normalise-refund.ts' },
  {
    name: 'verifyRefund',
    entry: 'handlers/entitlements/verify-refund.ts',
    secrets: ['PAYPAL_IPN_URL'],
  },
  {
    name: 'revokeEntitlement',
    entry: 'handlers/entitlements/revoke-entitlement.ts',
    access: { tables: { [ENTITLEMENTS_TABLE]: 'readWrite' } },
  },
  {
    name: 'sendMail',
    entry: 'handlers/mail/send-mail.ts',
    timeoutSeconds: 30,
    environment: { APP_URL: 'http://localhost:5173' },
    queues: [{ queue: MAIL_OUTBOX_QUEUE, batchSize: 10, reportBatchItemFailures: true }],
    // Writes the invitation's token digest on the pending account.
    access: { tables: { [SENT_MAILS_TABLE]: 'readWrite', [USERS_TABLE]: 'readWrite' }, mail: true },
  },
];

const bus = { LecternBus: LECTERN_BUS };
const outbox = { MailOutbox: MAIL_OUTBOX_QUEUE };

const workflows: WorkflowSpec[] = [
  {
    name: 'entitlementGranting',
    definition: entitlementGranting,
    functions: { FindOrCreateUserFunction: 'findOrCreateUser', GrantEntitlementFunction: 'grantEntitlement' },
    tables: { EntitlementsTable: ENTITLEMENTS_TABLE },
    queues: outbox,
    buses: bus,
  },
  {
    name: 'entitlementRevocation',
    definition: entitlementRevocation,
    functions: {
      NormaliseRefundFunction: 'normaliseRefund',
      VerifyRefundFunction: 'verifyRefund',
      RevokeEntitlementFunction: 'revokeEntitlement',
    },
    queues: outbox,
    buses: bus,
  },
];

const queues: QueueSpec[] = [
  {
    name: MAIL_OUTBOX_QUEUE,
    // Six times send-mail's timeout, as AWS advises for event source mappings.
    visibilityTimeoutSeconds: 180,
    deadLetter: { queue: MAIL_OUTBOX_DEAD_LETTERS, maxReceiveCount: 5 },
  },
  { name: MAIL_OUTBOX_DEAD_LETTERS, retentionSeconds: FOURTEEN_DAYS },
  { name: UNDELIVERED, retentionSeconds: FOURTEEN_DAYS },
];

const tables: TableSpec[] = [
  { name: USERS_TABLE, partitionKey: { name: USERS_KEY, type: 'S' } },
  {
    name: ENTITLEMENTS_TABLE,
    partitionKey: { name: ENTITLEMENTS_KEY, type: 'S' },
    indexes: [
      {
        name: ENTITLEMENTS_BY_USER,
        partitionKey: { name: 'userId', type: 'S' },
        sortKey: { name: 'courseId', type: 'S' },
      },
    ],
  },
  {
    name: SENT_MAILS_TABLE,
    partitionKey: { name: SENT_MAILS_KEY, type: 'S' },
    timeToLiveAttribute: SENT_MAILS_EXPIRY,
  },
];

const rules: RuleSpec[] = [
  {
    name: 'paymentVerified',
    bus: LECTERN_BUS,
    pattern: patternOf(PaymentVerified),
    targets: [{ workflow: 'entitlementGranting', deadLetterQueue: UNDELIVERED }],
  },
  {
    name: 'paymentRefunded',
    bus: LECTERN_BUS,
    pattern: patternOf(PaymentRefunded),
    targets: [{ workflow: 'entitlementRevocation', deadLetterQueue: UNDELIVERED }],
  },
];

export const entitlementsTopology = { functions, workflows, queues, tables, rules, mailFrom: MAIL_FROM };
