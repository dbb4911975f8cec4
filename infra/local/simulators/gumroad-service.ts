import type { RestService } from '../http/server';
import type { GumroadSimulator } from './gumroad';
import type { SaleInput } from './gumroad-sale';
import { faultRoutes, readJsonObject, sendFault, sendJson, simulatorService } from './http';

/**
 * The Gumroad simulator on the local endpoint, under `/simulators/gumroad/`: `POST sales`
 * (JSON sale → `{ body, saleId }`), `POST sales/{id}/refund` and `POST sales/{id}/dispute` (the
 * same answer, with the refund or chargeback ping), Gumroad's API `GET v2/sales/{id}`
 * (GUMROAD_VERIFY_URL is `…/simulators/gumroad/v2` locally) and `GET`/`POST faults`.
 */
export function gumroadService(gumroad: GumroadSimulator): RestService {
  return simulatorService('gumroad', '/simulators/gumroad', [
    {
      method: 'POST',
      path: /^\/sales$/,
      handle: async (request, response) =>
        sendJson(response, 200, gumroad.issue((await readJsonObject(request)) as unknown as SaleInput)),
    },
    {
      method: 'POST',
      path: /^\/sales\/([^/]+)\/refund$/,
      handle: (_request, response, [saleId]) => sendJson(response, 200, gumroad.refund(saleId)),
    },
    {
      method: 'POST',
      path: /^\/sales\/([^/]+)\/dispute$/,
      handle: (_request, response, [saleId]) => sendJson(response, 200, gumroad.dispute(saleId)),
    },
    {
      method: 'GET',
      path: /^\/v2\/sales\/([^/]+)$/,
      handle(request, response, [saleId]) {
        const fault = gumroad.takeFault();
        if (fault) return sendFault(request, response, fault);
        // The access token Gumroad requires is not checked: the simulator has one seller.
        const sale = gumroad.sale(saleId);
        if (sale) sendJson(response, 200, { success: true, sale });
        else sendJson(response, 404, { success: false, message: 'The sale was not found.' });
      },
    },
    ...faultRoutes(gumroad),
  ]);
}
