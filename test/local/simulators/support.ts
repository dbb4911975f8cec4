/** HTTP calls to the provider simulators on a runtime's endpoint, as the CLI and the workflow make them. */
import type { IpnInput } from '../../../infra/local/simulators/paypal-ipn';
import type { SaleInput } from '../../../infra/local/simulators/gumroad-sale';

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function call(endpoint: string, method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${endpoint}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : {
          headers: {
            'content-type':
              typeof body === 'string' ? 'application/x-www-form-urlencoded' : 'application/json',
          },
          body: typeof body === 'string' ? body : JSON.stringify(body),
        }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, json };
}

/** The listener's postback to PAYPAL_IPN_URL: the IPN body exactly as received, prefixed. */
export const postback = (endpoint: string, ipn: string) =>
  call(endpoint, 'POST', '/simulators/paypal/ipn', `cmd=_notify-validate&${ipn}`);

/** A completed PayPal payment for a course, as the tests issue it. */
export const COMPLETED: IpnInput = {
  payment_status: 'Completed',
  mc_gross: '49.00',
  mc_currency: 'USD',
  receiver_email: 'sales@lectern.test',
  payer_email: 'ada@example.com',
  item_number: 'course-1',
};

/** A Gumroad sale of a course, as the tests issue it. */
export const SALE: SaleInput = { product_permalink: 'lectern-course', email: 'ada@example.com', price: 4900 };
