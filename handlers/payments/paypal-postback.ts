/** PayPal's IPN postback over HTTP: the message sent back byte for byte, PayPal's one-word answer returned. */
import { callProvider } from './provider-http';

/** Posts `cmd=_notify-validate&` + `body` to `ipnUrl` (PAYPAL_IPN_URL); resolves to PayPal's answer. */
export async function postBackToPayPal(ipnUrl: string, body: string): Promise<string> {
  const response = await callProvider('PayPal’s IPN postback', ipnUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'lectern' },
    body: `cmd=_notify-validate&${body}`,
  });
  return response.text();
}
