/**
 * `Payment Refunded` → the payment it is about → the refund verified with its provider → its grant
 * revoked (or a tombstone, when the refund overtook the payment, so the grant never happens) →
 * `Entitlement Revoked` → mail.
 *
 * Stripe's refunds are signed and Gumroad's pings carry the secret key, both checked at ingress;
 * a PayPal refund IPN is not, so `VerifyRefund` posts it back to PayPal (`cmd=_notify-validate`)
 * with the payment flow's retries. An IPN PayPal calls INVALID (forged) ends the execution at
 * `RefundNotVerified`, the reason in its output, with nothing revoked and no event.
 */
import { EntitlementRevoked } from '../events/entitlements';
import type { Definition } from './asl';
import { putEventTask, queueMailTask, STEP_CONTEXT, stepTask } from './entitlement-tasks';
import { LAMBDA_TRANSIENT, VERIFY_RETRY } from './retries';

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
        Next: 'VerifyRefund',
      },
    ),
    VerifyRefund: stepTask(
      'VerifyRefundFunction',
      {
        provider: '{% $refund.provider %}',
        body: '{% $refund.body %}',
        transactionId: '{% $transactionId %}',
      },
      {
        Retry: [LAMBDA_TRANSIENT, VERIFY_RETRY],
        // The provider's "no": nothing to revoke. A provider that stays down fails the execution.
        Catch: [
          {
            ErrorEquals: ['PaymentNotVerifiedError'],
            Output:
              "{% {'outcome': 'not-verified', 'transactionId': $transactionId, 'message': $parse($states.errorOutput.Cause).errorMessage} %}",
            Next: 'RefundNotVerified',
          },
        ],
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
    RefundNotVerified: {
      Type: 'Succeed',
      Comment: 'The provider does not confirm the refund: the grant stays',
    },
  },
};
