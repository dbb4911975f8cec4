/**
 * PayPal IPN messages. Against the local runtime the PayPal simulator issues them (so that the
 * workflow's postback is VERIFIED, as only messages PayPal sent are); elsewhere they are built
 * here the same way, and a real PayPal will call them INVALID.
 */
import { FORM, majorUnits, randomId, type Order, type OutgoingWebhook } from './order';
import { postJson } from './simulator';

/** The IPN variables of the order: a completed Buy Now payment, or its refund. */
export function ipnVariables(order: Order, receiverEmail: string): Record<string, string> {
  const { product } = order;
  const gross = majorUnits(product.amount, product.currency);
  return {
    payment_status: order.refund ? 'Refunded' : 'Completed',
    mc_gross: order.refund ? `-${gross}` : gross,
    mc_currency: product.currency,
    receiver_email: receiverEmail,
    payer_email: order.email,
    item_number: product.key,
    item_name: order.courseTitle,
    ...(order.refund ? { parent_txn_id: order.refund.payment ?? randomTxnId(), reason_code: 'refund' } : {}),
  };
}

/** The message as the PayPal simulator at `endpoint` issues it. */
export async function simulatedIpn(
  endpoint: string,
  variables: Record<string, string>,
): Promise<OutgoingWebhook> {
  const { body, txnId } = await postJson<{ body: string; txnId: string }>(
    `${endpoint}/simulators/paypal/messages`,
    variables,
  );
  return webhookOf(body, variables, txnId);
}

/** The message built here, in PayPal's form: the variables PayPal always sends, form-encoded. */
export function builtIpn(variables: Record<string, string>): OutgoingWebhook {
  const txnId = randomTxnId();
  const body = new URLSearchParams({
    ...variables,
    charset: 'UTF-8',
    notify_version: '3.9',
    txn_id: txnId,
    txn_type: 'web_accept',
    payment_type: 'instant',
    ipn_track_id: randomId(13, '0123456789abcdef'),
  }).toString();
  return webhookOf(body, variables, txnId);
}

function webhookOf(body: string, variables: Record<string, string>, txnId: string): OutgoingWebhook {
  return {
    path: '/webhooks/paypal',
    route: '/webhooks/paypal',
    headers: { 'content-type': FORM, 'user-agent': 'PayPal IPN ( https://www.paypal.com/ipn )' },
    body,
    description: `IPN ${variables.payment_status} txn_id ${txnId}`,
    // A refund is about the payment it refunds.
    payment: variables.parent_txn_id ?? txnId,
  };
}

const randomTxnId = () => randomId(17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
