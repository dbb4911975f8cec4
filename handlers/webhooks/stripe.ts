/** `POST /webhooks/stripe`: Stripe's signed events → Payment Received / Payment Refunded. */
import { readSecrets } from '../../config/secrets';
import { webhookHandler } from './receive';
import { readStripe } from './stripe-notification';

const { STRIPE_WEBHOOK_SECRET } = readSecrets(['STRIPE_WEBHOOK_SECRET']);

export const handler = webhookHandler('stripe', (request) => readStripe(request, STRIPE_WEBHOOK_SECRET));
