/** `POST /webhooks/stripe`: Stripe's signed events → Payment Received / Payment Refunded. */
import { loadSecrets } from '../../config/secret-store';
import { webhookHandler } from './receive';
import { readStripe } from './stripe-notification';

export const handler = webhookHandler('stripe', async (request) => {
  const { STRIPE_WEBHOOK_SECRET } = await loadSecrets(['STRIPE_WEBHOOK_SECRET']);
  return readStripe(request, STRIPE_WEBHOOK_SECRET);
});
