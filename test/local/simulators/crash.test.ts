import { join } from 'node:path';
import { kill, useChildRuntimes } from '../../support/child';
import { call, COMPLETED, postback, SALE } from './support';

const TOPOLOGY = join(__dirname, '../../fixtures/simulators-topology.ts');

describe('provider simulators across a crash (SIGKILL) and restart', () => {
  const runtimes = useChildRuntimes(TOPOLOGY);

  it('still verifies every message and sale issued before the kill, refund included', async () => {
    const first = await runtimes.start();
    const ipn = (await call(first.endpoint, 'POST', '/simulators/paypal/messages', COMPLETED)).json;
    const sale = (await call(first.endpoint, 'POST', '/simulators/gumroad/sales', SALE)).json;
    const refunded = (await call(first.endpoint, 'POST', '/simulators/gumroad/sales', SALE)).json;
    await call(first.endpoint, 'POST', `/simulators/gumroad/sales/${refunded.saleId}/refund`);
    await kill(first.child);

    const second = await runtimes.start();
    expect((await postback(second.endpoint, ipn.body)).text).toBe('VERIFIED');
    expect((await postback(second.endpoint, ipn.body.replace('49.00', '4.90'))).text).toBe('INVALID');
    const lookup = (saleId: string) => call(second.endpoint, 'GET', `/simulators/gumroad/v2/sales/${saleId}`);
    expect((await lookup(sale.saleId)).json.sale).toMatchObject({ id: sale.saleId, refunded: false });
    expect((await lookup(refunded.saleId)).json.sale).toMatchObject({ id: refunded.saleId, refunded: true });
  });
});
