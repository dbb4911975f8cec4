/**
 * `Payment Verified` → the buyer's account (a pending one, invited, for a purchase before
 * sign-up) → the course granted once per transaction → `Entitlement Granted` → access mail.
 * Only the execution whose write made the account or the grant announces it and queues its mail,
 * so a redelivered event or a retried step adds nothing; mail is deduplicated again by its key.
 *
 * A payment whose refund came first finds the refund's tombstone and ends at once: no account,
 * no invitation, no grant, no mail. A refund landing between that look and the grant still stops
 * the grant (`refused`); the account stays, as it does for any purchase refunded after its grant.
 */
import { EntitlementGranted, UserInvited } from '../events/entitlements';
import { ENTITLEMENTS_KEY } from '../handlers/entitlements/tables';
import type { Definition } from './asl';
import { putEventTask, queueMailTask, STEP_CONTEXT, stepTask } from './entitlement-tasks';
import { DYNAMODB_TRANSIENT } from './retries';

export const entitlementGranting: Definition = {
  Comment: 'Grant the course a verified payment bought',
  QueryLanguage: 'JSONata',
  StartAt: 'FindRefund',
  States: {
    // The transaction's `entitlements` item (its key as `transactionKey` builds it): a revoked one is
    // the tombstone of a refund that overtook its payment.
    FindRefund: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:getItem',
      Arguments: {
        TableName: '${EntitlementsTable}',
        Key: {
          [ENTITLEMENTS_KEY]: {
            S: "{% $states.input.detail.provider & '#' & $states.input.detail.transactionId %}",
          },
        },
        ConsistentRead: true,
      },
      Assign: { payment: '{% $states.input.detail %}' },
      Retry: [DYNAMODB_TRANSIENT],
      Next: 'RefundedFirst',
    },
    RefundedFirst: {
      Type: 'Choice',
      Choices: [
        { Condition: "{% $states.input.Item.status.S = 'revoked' %}", Next: 'RefundedBeforePayment' },
      ],
      Default: 'FindOrCreateUser',
    },
    RefundedBeforePayment: {
      Type: 'Succeed',
      Comment: 'The refund came first: nothing to grant, no account to make for it',
      Output: { outcome: 'refused' },
    },
    FindOrCreateUser: stepTask(
      'FindOrCreateUserFunction',
      { email: '{% $payment.email %}', ...STEP_CONTEXT },
      { Assign: { user: '{% $states.result.Payload %}' }, Next: 'NewAccount' },
    ),
    NewAccount: {
      Type: 'Choice',
      Choices: [{ Condition: '{% $user.invited %}', Next: 'AnnounceInvitation' }],
      Default: 'GrantEntitlement',
    },
    AnnounceInvitation: putEventTask(
      'LecternBus',
      UserInvited,
      {
        userId: '{% $user.userId %}',
        email: '{% $user.email %}',
        courseId: '{% $payment.courseId %}',
        invitedAt: '{% $states.context.State.EnteredTime %}',
      },
      { Next: 'QueueInvitation' },
    ),
    QueueInvitation: queueMailTask(
      'MailOutbox',
      {
        kind: 'invitation',
        dedupeKey: "{% 'invitation:' & $user.userId %}",
        to: '{% $user.email %}',
        userId: '{% $user.userId %}',
        courseId: '{% $payment.courseId %}',
      },
      { Next: 'GrantEntitlement' },
    ),
    GrantEntitlement: stepTask(
      'GrantEntitlementFunction',
      {
        userId: '{% $user.userId %}',
        email: '{% $user.email %}',
        courseId: '{% $payment.courseId %}',
        provider: '{% $payment.provider %}',
        transactionId: '{% $payment.transactionId %}',
        ...STEP_CONTEXT,
      },
      { Assign: { grant: '{% $states.result.Payload %}' }, Next: 'Granted' },
    ),
    Granted: {
      Type: 'Choice',
      Choices: [{ Condition: "{% $grant.outcome = 'granted' %}", Next: 'AnnounceGrant' }],
      // A duplicate (another execution granted it) or refused (refunded first): nothing to say.
      Default: 'NothingToGrant',
    },
    AnnounceGrant: putEventTask(
      'LecternBus',
      EntitlementGranted,
      {
        userId: '{% $user.userId %}',
        email: '{% $user.email %}',
        courseId: '{% $payment.courseId %}',
        provider: '{% $payment.provider %}',
        transactionId: '{% $payment.transactionId %}',
        grantedAt: '{% $grant.grantedAt %}',
      },
      { Next: 'QueueAccessMail' },
    ),
    QueueAccessMail: queueMailTask(
      'MailOutbox',
      {
        kind: 'access-granted',
        dedupeKey: "{% 'access-granted:' & $payment.provider & '#' & $payment.transactionId %}",
        to: '{% $user.email %}',
        courseId: '{% $payment.courseId %}',
      },
      { Output: '{% $grant %}', End: true },
    ),
    NothingToGrant: { Type: 'Succeed', Output: '{% $grant %}' },
  },
};
