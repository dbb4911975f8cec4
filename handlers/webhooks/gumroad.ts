/** `POST /webhooks/gumroad/{key}`: Gumroad's pings, authenticated by the key → Payment Received / Refunded. */
import { readSecrets } from '../../config/secrets';
import { readGumroad } from './gumroad-notification';
import { webhookHandler } from './receive';

const { GUMROAD_WEBHOOK_KEY } = readSecrets(['GUMROAD_WEBHOOK_KEY']);

export const handler = webhookHandler('gumroad', (request) => readGumroad(request, GUMROAD_WEBHOOK_KEY));
