/** What `lectern trigger` is asked to send, and the pieces every provider's message is made of. */
import { randomBytes } from 'node:crypto';
import type { CatalogueProduct } from '../../config/catalogue';
import type { Provider } from '../../events/payments';

/** A purchase (or its refund) of one course by one buyer, through one provider's product. */
export interface Order {
  provider: Provider;
  email: string;
  courseId: string;
  courseTitle: string;
  product: CatalogueProduct;
  /** Send the refund instead; `payment` is the provider's transaction to refund (a new one if absent). */
  refund?: { payment?: string };
}

/** A webhook ready to POST to the HTTP API. */
export interface OutgoingWebhook {
  /** Below the API's URL, e.g. `/webhooks/stripe`. */
  path: string;
  /** The path as it may be shown: secrets in it replaced by their name (`/webhooks/gumroad/{key}`). */
  route: string;
  headers: Record<string, string>;
  body: string;
  /** For the operator, e.g. `checkout.session.completed evt_…`. */
  description: string;
  /** The provider's id of the payment, to refund it later with `--refund --payment`. */
  payment: string;
}

export const FORM = 'application/x-www-form-urlencoded';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random characters of `alphabet`, e.g. the tail of a Stripe id. */
export function randomId(length: number, alphabet = ALPHANUMERIC): string {
  return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** An amount in minor units as the provider writes major units: 4900 USD → `49.00`, 500 JPY → `500`. */
export function majorUnits(amount: number, currency: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return (amount / 10 ** digits).toFixed(digits);
}
