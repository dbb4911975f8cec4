import { topology } from '../../fixtures/simulators-topology';
import { useRuntime } from '../../support/local';
import { call, SALE } from './support';

describe('Gumroad simulator', () => {
  const local = useRuntime(topology);
  const endpoint = () => local.runtime.endpoint;

  const issue = async (sale: object = SALE) => {
    const { status, json } = await call(endpoint(), 'POST', '/simulators/gumroad/sales', sale);
    expect(status).toBe(200);
    return json as { body: string; saleId: string };
  };
  const lookup = (saleId: string) =>
    call(endpoint(), 'GET', `/simulators/gumroad/v2/sales/${encodeURIComponent(saleId)}`);

  it('issues a sale and the form-encoded ping Gumroad would post for it', async () => {
    const { body, saleId } = await issue();
    expect(Object.fromEntries(new URLSearchParams(body))).toMatchObject({
      sale_id: saleId,
      permalink: 'lectern-course',
      email: 'ada@example.com',
      price: '4900',
      currency: 'usd',
      refunded: 'false',
      resource_name: 'sale',
      sale_timestamp: '2026-01-01T00:00:00Z',
    });
  });

  it("answers the lookup of an issued sale like Gumroad's GET /v2/sales/:id", async () => {
    const { saleId } = await issue({ ...SALE, currency: 'EUR', full_name: 'Ada Lovelace' });
    const { status, contentType, json } = await lookup(saleId);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^application\/json/);
    expect(json).toMatchObject({
      success: true,
      sale: {
        id: saleId,
        product_permalink: 'lectern-course',
        email: 'ada@example.com',
        full_name: 'Ada Lovelace',
        price: 4900,
        currency: 'eur',
        refunded: false,
      },
    });
  });

  it('finds a sale whose id is sent unencoded, = signs and all', async () => {
    const { saleId } = await issue({ ...SALE, sale_id: 'FO8TXN-dvxYabdavG97Y-Q==' });
    expect((await call(endpoint(), 'GET', `/simulators/gumroad/v2/sales/${saleId}`)).json.sale.id).toBe(
      saleId,
    );
  });

  it('answers 404 { success: false, message } for a sale it never issued', async () => {
    expect(await lookup('forged-sale==')).toMatchObject({
      status: 404,
      json: { success: false, message: 'The sale was not found.' },
    });
  });

  it('refunds a sale: the refund ping, then the lookup shows it refunded', async () => {
    const { saleId } = await issue();
    const { status, json } = await call(endpoint(), 'POST', `/simulators/gumroad/sales/${saleId}/refund`);
    expect(status).toBe(200);
    expect(json.saleId).toBe(saleId);
    expect(Object.fromEntries(new URLSearchParams(json.body))).toMatchObject({
      sale_id: saleId,
      refunded: 'true',
      resource_name: 'refund',
    });
    expect((await lookup(saleId)).json.sale.refunded).toBe(true);
  });

  it('refuses to refund a sale twice (409) or one it never issued (404)', async () => {
    const { saleId } = await issue();
    await call(endpoint(), 'POST', `/simulators/gumroad/sales/${saleId}/refund`);
    expect(await call(endpoint(), 'POST', `/simulators/gumroad/sales/${saleId}/refund`)).toMatchObject({
      status: 409,
      json: { message: `The sale ${saleId} is refunded already` },
    });
    expect(await call(endpoint(), 'POST', '/simulators/gumroad/sales/nope/refund')).toMatchObject({
      status: 404,
      json: { message: 'No sale nope was issued' },
    });
  });

  it('records a chargeback: the dispute ping, then the lookup shows it disputed', async () => {
    const { saleId } = await issue();
    const { status, json } = await call(endpoint(), 'POST', `/simulators/gumroad/sales/${saleId}/dispute`);
    expect(status).toBe(200);
    expect(Object.fromEntries(new URLSearchParams(json.body))).toMatchObject({
      sale_id: saleId,
      disputed: 'true',
      refunded: 'false',
      resource_name: 'dispute',
    });
    expect((await lookup(saleId)).json.sale).toMatchObject({ disputed: true, chargedback: true });
    expect((await call(endpoint(), 'POST', `/simulators/gumroad/sales/${saleId}/dispute`)).status).toBe(409);
  });

  it('refuses a sale id that was issued already with a 409', async () => {
    await issue({ ...SALE, sale_id: 'once' });
    expect(
      await call(endpoint(), 'POST', '/simulators/gumroad/sales', { ...SALE, sale_id: 'once' }),
    ).toMatchObject({
      status: 409,
      json: { message: 'The sale once was issued already' },
    });
  });

  it('refuses an invalid sale with a 400 that names every problem', async () => {
    const { status, json } = await call(endpoint(), 'POST', '/simulators/gumroad/sales', {
      email: 'ada@example.com',
      price: '49.00',
      colour: 'red',
    });
    expect(status).toBe(400);
    expect(json.message).toBe(
      'product_permalink: is required; price: must be a number of cents; Unrecognized key: "colour"',
    );
  });

  it('issues and refunds in-process too, for the CLI and tests', () => {
    const { saleId } = local.runtime.simulators.gumroad.issue(SALE);
    local.runtime.simulators.gumroad.refund(saleId);
    expect(local.runtime.simulators.gumroad.sale(saleId)).toMatchObject({ id: saleId, refunded: true });
  });

  it('is what GUMROAD_VERIFY_URL is the base of in the handlers environment', async () => {
    expect(process.env.GUMROAD_VERIFY_URL).toBe(`${endpoint()}/simulators/gumroad/v2`);
    const { saleId } = await issue();
    const response = await fetch(`${process.env.GUMROAD_VERIFY_URL}/sales/${saleId}?access_token=local`);
    expect(((await response.json()) as { sale: { id: string } }).sale.id).toBe(saleId);
  });
});
