import { topology } from '../../fixtures/simulators-topology';
import { useRuntime } from '../../support/local';
import { call, COMPLETED, postback, SALE } from './support';

describe('provider simulator faults', () => {
  const local = useRuntime(topology);
  const endpoint = () => local.runtime.endpoint;
  afterEach(() => {
    local.runtime.simulators.paypal.faults({ mode: 'up' });
    local.runtime.simulators.gumroad.faults({ mode: 'up' });
  });

  const setFaults = async (provider: 'paypal' | 'gumroad', setting: object) => {
    const { status, json } = await call(endpoint(), 'POST', `/simulators/${provider}/faults`, setting);
    expect(status).toBe(200);
    return json;
  };
  const lookup = (saleId: string) => call(endpoint(), 'GET', `/simulators/gumroad/v2/sales/${saleId}`);

  it('answers 503 to the next N PayPal postbacks, then VERIFIED again by itself', async () => {
    const { body } = local.runtime.simulators.paypal.issue(COMPLETED);
    expect(await setFaults('paypal', { mode: 'down', failNext: 2 })).toEqual({
      mode: 'down',
      remaining: 2,
      status: 503,
      drop: false,
      failed: 0,
    });
    expect(await postback(endpoint(), body)).toMatchObject({ status: 503, text: 'Service Unavailable' });
    expect(await postback(endpoint(), body)).toMatchObject({ status: 503 });
    expect(await postback(endpoint(), body)).toMatchObject({ status: 200, text: 'VERIFIED' });
    expect((await call(endpoint(), 'GET', '/simulators/paypal/faults')).json).toEqual({
      mode: 'up',
      failed: 2,
    });
  });

  it('keeps PayPal down until it is set up again', async () => {
    const { body } = local.runtime.simulators.paypal.issue(COMPLETED);
    await setFaults('paypal', { mode: 'down' });
    for (let attempt = 0; attempt < 4; attempt++) expect((await postback(endpoint(), body)).status).toBe(503);
    expect((await call(endpoint(), 'GET', '/simulators/paypal/faults')).json).toMatchObject({
      mode: 'down',
      remaining: null,
      failed: 4,
    });
    await setFaults('paypal', { mode: 'up' });
    expect((await postback(endpoint(), body)).text).toBe('VERIFIED');
  });

  it('still issues messages while the postback endpoint is down', async () => {
    await setFaults('paypal', { mode: 'down' });
    const issued = await call(endpoint(), 'POST', '/simulators/paypal/messages', COMPLETED);
    expect(issued.status).toBe(200);
    await setFaults('paypal', { mode: 'up' });
    expect((await postback(endpoint(), issued.json.body)).text).toBe('VERIFIED');
  });

  it('answers the Gumroad lookup with the status asked for while down', async () => {
    const { saleId } = local.runtime.simulators.gumroad.issue(SALE);
    await setFaults('gumroad', { mode: 'down', failNext: 1, status: 429 });
    expect((await lookup(saleId)).status).toBe(429);
    expect(await lookup(saleId)).toMatchObject({ status: 200, json: { success: true } });
  });

  it('drops the connection without an answer when asked to', async () => {
    const { saleId } = local.runtime.simulators.gumroad.issue(SALE);
    await setFaults('gumroad', { mode: 'down', failNext: 1, drop: true });
    await expect(lookup(saleId)).rejects.toThrow('fetch failed');
    expect((await lookup(saleId)).status).toBe(200);
  });

  it('takes faults set in-process too', async () => {
    const { body } = local.runtime.simulators.paypal.issue(COMPLETED);
    local.runtime.simulators.paypal.faults({ mode: 'down', failNext: 1, status: 500 });
    expect((await postback(endpoint(), body)).status).toBe(500);
    expect((await postback(endpoint(), body)).text).toBe('VERIFIED');
  });

  it('refuses a setting it cannot apply with a 400, and keeps the provider as it was', async () => {
    const refused = await call(endpoint(), 'POST', '/simulators/gumroad/faults', {
      mode: 'down',
      failNext: -1,
    });
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/^failNext: /);
    expect((await call(endpoint(), 'POST', '/simulators/paypal/faults', { mode: 'off' })).status).toBe(400);
    expect((await call(endpoint(), 'GET', '/simulators/gumroad/faults')).json).toEqual({
      mode: 'up',
      failed: 0,
    });
  });
});
