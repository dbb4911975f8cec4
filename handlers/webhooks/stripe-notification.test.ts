import Stripe from 'stripe';
import { httpRequest, RECEIVED_AT } from '../../test/support/http-request';
import { InvalidSignatureError, MalformedRequestError, PayloadTooLargeError } from '../shared/errors';
import { MAX_WEBHOOK_BYTES } from './notification';
import { readStripe, TOLERANCE_SECONDS } from './stripe-notification';

const SECRET = 'whsec_test_secret';
const NOW = Math.floor(RECEIVED_AT / 1000);

const eventBody = (type: string, id = 'evt_1QxTest') =>
  JSON.stringify({
    id,
    object: 'event',
    type,
    data: { object: { id: 'cs_test_1', object: 'checkout.session' } },
  });

/** A request as Stripe sends it: signed at `signedAt` (seconds) with `secret`. */
function stripeRequest(body: string, options: { signedAt?: number; secret?: string } = {}) {
  const signature = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret ?? SECRET,
    timestamp: options.signedAt ?? NOW,
  });
  return httpRequest({
    body,
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
  });
}

describe('events Lectern uses', () => {
  it.each([
    'checkout.session.completed',
    'checkout.session.async_payment_succeeded',
    'checkout.session.async_payment_failed',
  ])('reads %s as a payment received, keyed by the event id, keeping the body', (type) => {
    const body = eventBody(type);
    expect(readStripe(stripeRequest(body), SECRET)).toEqual({
      event: 'received',
      webhookId: 'evt_1QxTest',
      body,
    });
  });

  it('reads charge.refunded as a refund', () => {
    expect(readStripe(stripeRequest(eventBody('charge.refunded')), SECRET)).toMatchObject({
      event: 'refunded',
      kind: 'refund',
    });
  });

  it('reads charge.dispute.created as a dispute', () => {
    expect(readStripe(stripeRequest(eventBody('charge.dispute.created')), SECRET)).toMatchObject({
      event: 'refunded',
      kind: 'dispute',
    });
  });

  it('ignores, with a reason, an event type Lectern does not use', () => {
    expect(readStripe(stripeRequest(eventBody('customer.created')), SECRET)).toEqual({
      event: 'ignored',
      reason: 'Stripe sends customer.created, which Lectern does not use',
    });
  });
});

describe('authenticity', () => {
  it('accepts a signature exactly at the tolerance', () => {
    const request = stripeRequest(eventBody('charge.refunded'), { signedAt: NOW - TOLERANCE_SECONDS });
    expect(() => readStripe(request, SECRET)).not.toThrow();
  });

  it('refuses a signature older than the tolerance, as of when the request arrived', () => {
    const request = stripeRequest(eventBody('charge.refunded'), { signedAt: NOW - TOLERANCE_SECONDS - 1 });
    expect(() => readStripe(request, SECRET)).toThrow(
      new InvalidSignatureError('Stripe-Signature refused: Timestamp outside the tolerance zone'),
    );
  });

  it('refuses a body signed with another secret', () => {
    const request = stripeRequest(eventBody('charge.refunded'), { secret: 'whsec_forged' });
    expect(() => readStripe(request, SECRET)).toThrow(
      new InvalidSignatureError(
        'Stripe-Signature refused: No signatures found matching the expected signature for payload.',
      ),
    );
  });

  it('refuses a body changed after signing', () => {
    const request = stripeRequest(eventBody('checkout.session.completed'));
    request.body = request.body!.replace('cs_test_1', 'cs_test_2');
    expect(() => readStripe(request, SECRET)).toThrow(InvalidSignatureError);
  });

  it('refuses a request without Stripe-Signature', () => {
    const request = httpRequest({ body: eventBody('charge.refunded') });
    expect(() => readStripe(request, SECRET)).toThrow('The Stripe-Signature header is missing');
  });
});

describe('malformed bodies', () => {
  it('refuses a signed body that is not JSON', () => {
    expect(() => readStripe(stripeRequest('id=evt_1'), SECRET)).toThrow(
      new MalformedRequestError('The body is not JSON'),
    );
  });

  it('refuses signed JSON that is not a Stripe event', () => {
    expect(() => readStripe(stripeRequest('{"id":"x"}'), SECRET)).toThrow(MalformedRequestError);
  });

  it('refuses a body over the limit before checking anything else', () => {
    expect(() => readStripe(stripeRequest(' '.repeat(MAX_WEBHOOK_BYTES + 1)), SECRET)).toThrow(
      PayloadTooLargeError,
    );
  });
});
