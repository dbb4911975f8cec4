/** `POST /webhooks/paypal`: PayPal's IPN messages → Payment Received / Payment Refunded, verified later. */
import { readPayPal } from './paypal-notification';
import { webhookHandler } from './receive';

export const handler = webhookHandler('paypal', readPayPal);
