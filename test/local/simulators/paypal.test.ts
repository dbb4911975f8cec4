import { topology } from '../../fixtures/simulators-topology';
import { useRuntime } from '../../support/local';
import { call, COMPLETED, postback } from './support';

describe('PayPal IPN simulator', () => {
  const local = useRuntime(topology);
  const endpoint = () => local.runtime.endpoint;

  const issue = async (fields: object = COMPLETED) => {
    const { status, json } = await call(endpoint(), 'POST', '/simulators/paypal/messages', fields);
    expect(status).toBe(200);
    return json as { body: string; txnId: string };
  };

  it('issues a form-encoded IPN message with the given variables and PayPal defaults', async () => {
    const { body, txnId } = await issue({ ...COMPLETED, custom: 'order 7' });
    const fields = Object.fromEntries(new URLSearchParams(body));
    expect(fields).toMatchObject({
      ...COMPLETED,
      custom: 'order 7',
      txn_id: txnId,
      txn_type: 'web_accept',
      payment_date: '16:00:00 Dec 31, 2025 PST',
      notify_version: '3.9',
      charset: 'UTF-8',
    });
    expect(fields.verify_sign).toBeDefined();
    expect(fields.ipn_track_id).toBeDefined();
  });

  it('answers VERIFIED, 200 text/html, to the postback of an issued message', async () => {
    const { body } = await issue();
    const answer = await postback(endpoint(), body);
    expect(answer).toMatchObject({ status: 200, text: 'VERIFIED', contentType: 'text/html; charset=UTF-8' });
  });

  it('verifies the same message as often as the listener asks', async () => {
    const { body } = await issue();
    expect((await postback(endpoint(), body)).text).toBe('VERIFIED');
    expect((await postback(endpoint(), body)).text).toBe('VERIFIED');
  });

  it('answers INVALID when a single byte of the message was altered', async () => {
    const { body } = await issue();
    const altered = body.replace('mc_gross=49.00', 'mc_gross=49.01');
    expect(altered).not.toBe(body);
    expect(await postback(endpoint(), altered)).toMatchObject({ status: 200, text: 'INVALID' });
  });

  it('answers INVALID when the variables were reordered or re-encoded', async () => {
    const { body } = await issue();
    const pairs = body.split('&');
    expect((await postback(endpoint(), [...pairs.slice(1), pairs[0]].join('&'))).text).toBe('INVALID');
    expect((await postback(endpoint(), body.replace(/%40/g, '@'))).text).toBe('INVALID');
  });

  it('answers INVALID to a forged message it never issued', async () => {
    const forged = new URLSearchParams({ ...COMPLETED, txn_id: '61E67681CH3238416' }).toString();
    expect((await postback(endpoint(), forged)).text).toBe('INVALID');
  });

  it('answers INVALID when the message is not prefixed with cmd=_notify-validate&', async () => {
    const { body } = await issue();
    expect((await call(endpoint(), 'POST', '/simulators/paypal/ipn', body)).text).toBe('INVALID');
    expect(
      (await call(endpoint(), 'POST', '/simulators/paypal/ipn', `${body}&cmd=_notify-validate`)).text,
    ).toBe('INVALID');
    expect((await call(endpoint(), 'POST', '/simulators/paypal/ipn', 'cmd=_notify-validate&')).text).toBe(
      'INVALID',
    );
  });

  it('issues and verifies a dispute case message (txn_type=new_case) about a payment', async () => {
    const payment = await issue();
    const { body, txnId } = await issue({
      txn_type: 'new_case',
      txn_id: payment.txnId,
      case_type: 'chargeback',
      receiver_email: COMPLETED.receiver_email,
      payer_email: COMPLETED.payer_email,
    });
    expect(txnId).toBe(payment.txnId);
    expect(new URLSearchParams(body).get('case_id')).toMatch(/^PP-/);
    expect((await postback(endpoint(), body)).text).toBe('VERIFIED');
  });

  it('verifies a message issued in-process (the CLI and tests) over HTTP', async () => {
    const { body, txnId } = local.runtime.simulators.paypal.issue({ ...COMPLETED, txn_id: 'INPROCESS1' });
    expect(txnId).toBe('INPROCESS1');
    expect((await postback(endpoint(), body)).text).toBe('VERIFIED');
  });

  it('lists what it issued for a transaction, newest first, exactly as issued', async () => {
    const pending = await issue({ ...COMPLETED, payment_status: 'Pending', txn_id: 'LISTED1' });
    const completed = await issue({ ...COMPLETED, txn_id: 'LISTED1' });
    const { status, json } = await call(endpoint(), 'GET', '/simulators/paypal/messages?txn_id=LISTED1');
    expect(status).toBe(200);
    expect(json.messages.map((m: { body: string }) => m.body)).toEqual([completed.body, pending.body]);
  });

  it('is what PAYPAL_IPN_URL points at in the handlers environment', async () => {
    expect(process.env.PAYPAL_IPN_URL).toBe(`${endpoint()}/simulators/paypal/ipn`);
    const { body } = await issue();
    const response = await fetch(process.env.PAYPAL_IPN_URL!, {
      method: 'POST',
      body: `cmd=_notify-validate&${body}`,
    });
    expect(await response.text()).toBe('VERIFIED');
  });

  it('refuses a message with invalid variables with a 400 that names them', async () => {
    const { status, json } = await call(endpoint(), 'POST', '/simulators/paypal/messages', {
      ...COMPLETED,
      payment_status: 'Paid',
      mc_gross: 49,
    });
    expect(status).toBe(400);
    expect(json.message).toMatch(/^payment_status: must be one of .*; mc_gross: IPN values are strings$/);
  });

  it('refuses a body that is not a JSON object with a 400', async () => {
    expect(
      await call(endpoint(), 'POST', '/simulators/paypal/messages', 'payment_status=Completed'),
    ).toMatchObject({
      status: 400,
      json: { message: 'The request body is not valid JSON' },
    });
    expect(await call(endpoint(), 'POST', '/simulators/paypal/messages', [COMPLETED])).toMatchObject({
      status: 400,
      json: { message: 'The request body must be a JSON object' },
    });
  });

  it('answers 405 with Allow to a method a path does not take, and 404 to a path it does not have', async () => {
    const wrongMethod = await fetch(`${endpoint()}/simulators/paypal/ipn`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    await wrongMethod.text();
    expect(await call(endpoint(), 'POST', '/simulators/paypal/refunds', {})).toMatchObject({
      status: 404,
      json: { message: 'The paypal simulator has no /refunds' },
    });
  });

  it('keeps S3 away from /simulators/: a provider without a simulator is no bucket', async () => {
    const { status, json } = await call(endpoint(), 'GET', '/simulators/stripe/v1/charges');
    expect(status).toBe(404);
    expect(json.__type).toBe('UnknownOperationException');
  });
});
