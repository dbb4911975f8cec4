/**
 * Gumroad pings to `/webhooks/gumroad/{key}`. Against the local runtime the Gumroad simulator
 * makes the sale (so that the workflow's sale lookup finds it) and its ping; elsewhere the ping is
 * built here in Gumroad's form.
 */
import { FORM, randomId, type Order, type OutgoingWebhook } from './order';
import { postJson } from './simulator';

/** The ping as the Gumroad simulator at `endpoint` makes it: a new sale, or the refund of one. */
export async function simulatedPing(endpoint: string, order: Order, key: string): Promise<OutgoingWebhook> {
  const simulator = `${endpoint}/simulators/gumroad`;
  let saleId = order.refund?.payment;
  if (!saleId) {
    const { body, saleId: id } = await postJson<{ body: string; saleId: string }>(`${simulator}/sales`, {
      product_permalink: order.product.key,
      email: order.email,
      price: order.product.amount,
      currency: order.product.currency.toLowerCase(),
      product_name: order.courseTitle,
    });
    if (!order.refund) return webhookOf(body, key, id, false);
    saleId = id;
  }
  const { body } = await postJson<{ body: string }>(
    `${simulator}/sales/${encodeURIComponent(saleId)}/refund`,
    {},
  );
  return webhookOf(body, key, saleId, true);
}

/** The ping built here, for seller `sellerId`. */
export function builtPing(order: Order, key: string, sellerId: string): OutgoingWebhook {
  const saleId = order.refund?.payment ?? `${randomId(22)}==`;
  const { product } = order;
  const body = new URLSearchParams({
    seller_id: sellerId,
    product_name: order.courseTitle,
    permalink: product.key,
    product_permalink: `https://gumroad.com/l/${product.key}`,
    short_product_id: product.key,
    email: order.email,
    price: String(product.amount),
    currency: product.currency.toLowerCase(),
    quantity: '1',
    sale_id: saleId,
    sale_timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    refunded: String(Boolean(order.refund)),
    resource_name: order.refund ? 'refund' : 'sale',
    disputed: 'false',
  }).toString();
  return webhookOf(body, key, saleId, Boolean(order.refund));
}

function webhookOf(body: string, key: string, saleId: string, refund: boolean): OutgoingWebhook {
  return {
    path: `/webhooks/gumroad/${encodeURIComponent(key)}`,
    route: '/webhooks/gumroad/{key}',
    headers: { 'content-type': FORM },
    body,
    description: `${refund ? 'refund' : 'sale'} ping, sale_id ${saleId}`,
    payment: saleId,
  };
}
