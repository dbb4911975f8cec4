/** Reading a Stripe webhook: the signature over the raw body, then which event it is. */
import Stripe from 'stripe';
import { z } from 'zod';
import type { RefundKind } from '../../events/payments';
import { CHECKOUT_PAYMENT_EVENTS } from '../payments/stripe-checkout';
import { InvalidSignatureError, MalformedRequestError } from '../shared/errors';
import { header, textBody, type HttpRequest } from '../shared/http';
import { MAX_WEBHOOK_BYTES, type Notification } from './notification';

/** Stripe's recommended tolerance: a signature older than this is a replay. */
export const TOLERANCE_SECONDS = 300;

/**
 * A Checkout's payment, paid, pending with a delayed method, or later succeeded or failed: the
 * workflow reads which (`normalisePayment`) and grants only what is paid.
 */
const RECEIVED: ReadonlySet<string> = new Set(CHECKOUT_PAYMENT_EVENTS);
const REFUNDED: Record<string, RefundKind> = {
  'charge.refunded': 'refund',
  'charge.dispute.created': 'dispute',
};

const StripeEvent = z.object({ id: z.string().regex(/^evt_\w+$/), type: z.string().min(1) });

/**
 * Verifies `Stripe-Signature` on the raw body with the endpoint's signing secret, as of the
 * moment API Gateway received the request, and classifies the event. Forged or stale: a 400.
 */
export function readStripe(request: HttpRequest, secret: string): Notification {
  const signature = header(request, 'stripe-signature');
  if (!signature) throw new InvalidSignatureError('The Stripe-Signature header is missing');
  const body = textBody(request, MAX_WEBHOOK_BYTES);
  let event: unknown;
  try {
    event = Stripe.webhooks.constructEvent(
      body,
      signature,
      secret,
      TOLERANCE_SECONDS,
      undefined,
      request.requestContext.timeEpoch,
    );
  } catch (error) {
    if (error instanceof SyntaxError) throw new MalformedRequestError('The body is not JSON');
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new InvalidSignatureError(`Stripe-Signature refused: ${firstSentence(error.message)}`);
    }
    throw error;
  }
  const parsed = StripeEvent.safeParse(event);
  if (!parsed.success) throw new MalformedRequestError('The body is not a Stripe event (id evt_…, type)');
  const { id, type } = parsed.data;
  if (RECEIVED.has(type)) return { event: 'received', webhookId: id, body };
  if (Object.hasOwn(REFUNDED, type)) return { event: 'refunded', kind: REFUNDED[type], webhookId: id, body };
  return { event: 'ignored', reason: `Stripe sends ${type}, which Lectern does not use` };
}

/** Stripe's messages run on with advice; the first sentence says what failed. */
const firstSentence = (message: string) => message.split(/\n|(?<=\.) /)[0].trim();
