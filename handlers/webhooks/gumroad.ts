/** `POST /webhooks/gumroad/{key}`: Gumroad's pings, authenticated by the key → Payment Received / Refunded. */
import { loadSecrets } from '../../config/secret-store';
import { readGumroad } from './gumroad-notification';
import { webhookHandler } from './receive';

export const handler = webhookHandler('gumroad', async (request) => {
  const { GUMROAD_WEBHOOK_KEY } = await loadSecrets(['GUMROAD_WEBHOOK_KEY']);
  return readGumroad(request, GUMROAD_WEBHOOK_KEY);
});
