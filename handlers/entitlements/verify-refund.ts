/**
 * Step `VerifyRefund`: a refund is believed only once its provider vouches for it. A PayPal IPN
 * arrives unauthenticated, so it is posted back to PayPal as the payment flow does; Stripe's
 * refunds were signature-checked at ingress and Gumroad's pings carry the secret URL key.
 */
import { loadSecrets } from '../../config/secret-store';
import { postBackToPayPal } from '../payments/paypal-postback';
import { verifyPayPalIpn } from '../payments/verify';
import { handlerOf } from '../shared/lambda';
import { stepInput, VerifyRefundInput } from './steps';

/** Throws PaymentNotVerifiedError (PayPal: INVALID) or ProviderUnavailableError (retried). */
export const handler = handlerOf(async (event: unknown) => {
  const refund = stepInput(VerifyRefundInput, event);
  if (refund.provider === 'paypal') {
    const secrets = await loadSecrets(['PAYPAL_IPN_URL']);
    await verifyPayPalIpn(refund.body, `the refund of txn_id ${refund.transactionId}`, (body) =>
      postBackToPayPal(secrets.PAYPAL_IPN_URL, body),
    );
  }
  return { verified: true };
});
