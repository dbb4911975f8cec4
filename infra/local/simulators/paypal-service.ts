import { readBody, type RestService } from '../http/server';
import {
  faultRoutes,
  queryOf,
  readJsonObject,
  sendFault,
  sendJson,
  sendText,
  simulatorService,
} from './http';
import type { IpnInput } from './paypal-ipn';
import type { PayPalSimulator } from './paypal';

/** An IPN message is a few kilobytes; a postback larger than this cannot be one PayPal issued. */
const MAX_POSTBACK = 64 * 1024;

/**
 * The PayPal simulator on the local endpoint, under `/simulators/paypal/`:
 * `POST messages` (JSON variables → `{ body, txnId }`), `GET messages[?txn_id=]`,
 * `POST ipn` (the postback, PAYPAL_IPN_URL locally) and `GET`/`POST faults`.
 */
export function payPalService(paypal: PayPalSimulator): RestService {
  return simulatorService('paypal', '/simulators/paypal', [
    {
      method: 'POST',
      path: /^\/messages$/,
      handle: async (request, response) =>
        sendJson(response, 200, paypal.issue((await readJsonObject(request)) as IpnInput)),
    },
    {
      method: 'GET',
      path: /^\/messages$/,
      handle: (request, response) =>
        sendJson(response, 200, { messages: paypal.messages(queryOf(request).get('txn_id') ?? undefined) }),
    },
    {
      method: 'POST',
      path: /^\/ipn$/,
      async handle(request, response) {
        const fault = paypal.takeFault();
        if (fault) return sendFault(request, response, fault);
        const body = await readBody(request, MAX_POSTBACK);
        // PayPal answers 200 with one word in an HTML content type, whatever was posted.
        const answer = body ? paypal.verify(body) : 'INVALID';
        sendText(response, 200, answer, 'text/html; charset=UTF-8');
      },
    },
    ...faultRoutes(paypal),
  ]);
}
