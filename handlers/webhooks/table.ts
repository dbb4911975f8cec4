/** The `webhooks` table's names, shared by the topology and the store (no SDK here: the topology imports it). */
export const WEBHOOKS_TABLE = 'webhooks';
/** `provider#webhookId`. */
export const WEBHOOKS_KEY = 'pk';
/** Epoch seconds after which DynamoDB's Time to Live removes the item. */
export const WEBHOOKS_EXPIRY = 'expiresAt';
