/**
 * Which payment a refund or dispute is about, from the raw webhook body ingress kept: the same
 * transaction id the payment flow records (and so the `entitlements` key).
 *
 * Stripe: the refunded charge's or the dispute's `payment_intent` (the PaymentIntent the checkout
 * session paid with). PayPal: a refund or reversal names its payment in `parent_txn_id`; a new
 * dispute case in `txn_id`. Gumroad: the `sale_id`.
 */
import { z } from 'zod';
import type { PaymentRefundedDetail, Provider } from '../../events/payments';
import { InvalidEventError } from '../shared/errors';

const StripeRefund = z.object({
  data: z.object({ object: z.object({ payment_intent: z.string().min(1) }) }),
});

/** The provider's id of the payment the refund takes back. */
export function refundedTransaction(refund: Pick<PaymentRefundedDetail, 'provider' | 'body'>): string {
  const id = transactionOf(refund.provider, refund.body);
  if (!id) throw new InvalidEventError(`A ${refund.provider} refund that names no payment`);
  return id;
}

function transactionOf(provider: Provider, body: string): string | null | undefined {
  if (provider === 'stripe') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return undefined;
    }
    const refund = StripeRefund.safeParse(parsed);
    return refund.success ? refund.data.data.object.payment_intent : undefined;
  }
  const fields = new URLSearchParams(body);
  if (provider === 'paypal') {
    return fields.get('txn_type') === 'new_case' ? fields.get('txn_id') : fields.get('parent_txn_id');
  }
  return fields.get('sale_id');
}
