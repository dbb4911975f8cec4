import { formRequest, httpRequest } from '../../test/support/http-request';
import { MalformedRequestError, UnsupportedMediaTypeError } from '../shared/errors';
import { readPayPal } from './paypal-notification';

/** An IPN as PayPal sends it (abridged). */
const ipn = (fields: Record<string, string>) => ({
  mc_gross: '49.00',
  payment_status: 'Completed',
  payer_email: 'ada@example.com',
  txn_id: '61E67681CH3238416',
  receiver_email: 'sales@lectern.test',
  txn_type: 'web_accept',
  mc_currency: 'USD',
  item_number: 'LECTERN-VIDEO-BASICS',
  ipn_track_id: 'b2c5a9b8d1f3e',
  ...fields,
});

it('reads a payment, keyed by transaction and status, keeping the body byte for byte', () => {
  const request = formRequest(ipn({ item_name: 'Video Basics: Shoot, Cut, Publish' }));
  expect(readPayPal(request)).toEqual({
    event: 'received',
    webhookId: '61E67681CH3238416:Completed',
    body: Buffer.from(request.body!, 'base64').toString(),
  });
});

it('reads a pending payment as its own notification (the workflow checks the status)', () => {
  expect(readPayPal(formRequest(ipn({ payment_status: 'Pending' })))).toMatchObject({
    event: 'received',
    webhookId: '61E67681CH3238416:Pending',
  });
});

it('reads Refunded as a refund', () => {
  const request = formRequest(
    ipn({ payment_status: 'Refunded', txn_id: '9RF23414WN123456X', parent_txn_id: '61E67681CH3238416' }),
  );
  expect(readPayPal(request)).toMatchObject({
    event: 'refunded',
    kind: 'refund',
    webhookId: '9RF23414WN123456X:Refunded',
  });
});

it('reads Reversed (a chargeback) as a dispute', () => {
  expect(readPayPal(formRequest(ipn({ payment_status: 'Reversed' })))).toMatchObject({
    event: 'refunded',
    kind: 'dispute',
  });
});

it('reads a new dispute case as a dispute, keyed by the case', () => {
  const request = formRequest({
    txn_type: 'new_case',
    case_id: 'PP-D-27803',
    case_type: 'chargeback',
    txn_id: '61E67681CH3238416',
  });
  expect(readPayPal(request)).toMatchObject({
    event: 'refunded',
    kind: 'dispute',
    webhookId: 'case:PP-D-27803',
  });
});

it('ignores a message about no transaction', () => {
  expect(readPayPal(formRequest({ txn_type: 'subscr_signup', subscr_id: 'I-BW452GLLEP1G' }))).toEqual({
    event: 'ignored',
    reason: 'An IPN of txn_type subscr_signup without a transaction',
  });
});

it('refuses a transaction without payment_status', () => {
  expect(() => readPayPal(formRequest({ txn_id: '61E67681CH3238416' }))).toThrow(
    new MalformedRequestError('The IPN has no payment_status'),
  );
});

it('refuses an id PayPal would not send', () => {
  expect(() => readPayPal(formRequest(ipn({ txn_id: '61E6#7681' })))).toThrow(
    "The IPN's txn_id is not one PayPal would send",
  );
});

it('refuses a body that is not form-encoded', () => {
  const request = httpRequest({ body: '{"txn_id":"1"}', headers: { 'content-type': 'application/json' } });
  expect(() => readPayPal(request)).toThrow(UnsupportedMediaTypeError);
});
