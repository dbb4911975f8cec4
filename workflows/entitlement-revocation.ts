/**
 * `Payment Refunded` → the payment it is about → its grant revoked (or a tombstone, when the
 * refund overtook the payment, so the grant never happens) → `Entitlement Revoked` → mail.
 *
 * Not yet verified with the provider: Stripe's refunds are signed and Gumroad's pings carry the
 * secret key, but a PayPal refund IPN is believed as it came. Posting it back to PayPal
 * (`cmd=_notify-validate`) belongs before `RevokeEntitlement` once the payment flow's
 * verification step exists; until then a forged PayPal refund can take a course back.
 */
import { EntitlementRevoked } from '../events/entitlements';
import type { Definition } from './asl';
import { putEventTask, queueMailTask, STEP_CONTEXT, stepTask } from './entitlement-tasks';

export const entitlementRevocation: Definition = {
  Comment: 'Take back the course a refunded or disputed payment bought',
  QueryLanguage: 'JSONata',
  StartAt: 'NormaliseRefund',
  States: {
    NormaliseRefund: stepTask(
      'NormaliseRefundFunction',
      { provider: '{% $states.input.detail.provider %}', body: '{% $states.input.detail.body %}' },
      {
        Assign: {
          refund: '{% $states.input.detail %}',
          transactionId: '{% $states.result.Payload.transactionId %}',
        },
        Next: 'RevokeEntitlement',
      },
    ),
    RevokeEntitlement: stepTask(
      'RevokeEntitlementFunction',
      {
        provider: '{% $refund.provider %}',
        transactionId: '{% $transactionId %}',
        kind: '{% $refund.kind %}',
        ...STEP_CONTEXT,
      },
      { Assign: { revocation: '{% $states.result.Payload %}' }, Next: 'Revoked' },
    ),
    Revoked: {
      Type: 'Choice',
      Choices: [{ Condition: "{% $revocation.outcome = 'revoked' %}", Next: 'AnnounceRevocation' }],
      // A tombstone (nothing granted yet) or a duplicate: nobody to tell.
      Default: 'NothingToRevoke',
    },
    AnnounceRevocation: putEventTask(
      'LecternBus',
      EntitlementRevoked,
      {
        userId: '{% $revocation.userId %}',
        email: '{% $revocation.email %}',
        courseId: '{% $revocation.courseId %}',
        provider: '{% $refund.provider %}',
        transactionId: '{% $transactionId %}',
        kind: '{% $refund.kind %}',
        revokedAt: '{% $revocation.revokedAt %}',
      },
      { Next: 'QueueRevocationMail' },
    ),
    QueueRevocationMail: queueMailTask(
      'MailOutbox',
      {
        kind: 'access-revoked',
        dedupeKey: "{% 'access-revoked:' & $refund.provider & '#' & $transactionId %}",
        to: '{% $revocation.email %}',
        courseId: '{% $revocation.courseId %}',
        reason: '{% $refund.kind %}',
      },
      { Output: '{% $revocation %}', End: true },
    ),
    NothingToRevoke: { Type: 'Succeed', Output: '{% $revocation %}' },
  },
};
