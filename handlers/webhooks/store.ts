/**
 * The `webhooks` table: one item per provider notification, keeping the raw body for a week
 * (longer than any provider retries) and remembering whether its event was emitted.
 *
 * De-duplication must not lose a webhook whose event could not be emitted: the provider retries
 * it, and that retry must emit. So a conditional put *claims* the notification for a short lease;
 * the event is emitted; the item is marked emitted. A retry finds it emitted (a duplicate), or
 * claimed by a live lease (another delivery is at it: try later), or with an expired or released
 * lease (that attempt failed: take it over).
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Provider } from '../../events/payments';
import { WEBHOOKS_EXPIRY, WEBHOOKS_KEY } from './table';

/** Longer than the function's timeout, so a lease outlives the attempt that holds it. */
export const LEASE_MS = 60_000;
/** Stripe retries for 3 days, PayPal for 4: a retry always finds its first delivery. */
export const RETENTION_MS = 7 * 24 * 3600 * 1000;

export interface WebhookRecord {
  provider: Provider;
  webhookId: string;
  /** Epoch milliseconds. */
  receivedAt: number;
  body: string;
  contentType?: string;
}

export type Claim =
  /** This attempt emits; `lease` identifies its claim. */
  | { state: 'claimed'; lease: number }
  /** The event was emitted already. */
  | { state: 'emitted' }
  /** Another attempt holds a live claim. */
  | { state: 'busy' };

export interface WebhookStore {
  /** Keeps the webhook and claims it for emission, unless it was emitted or is claimed (see `Claim`). */
  claim(record: WebhookRecord, now: number): Promise<Claim>;
  /** Records that the event was emitted: every later delivery is a duplicate. */
  markEmitted(record: WebhookRecord, now: number): Promise<void>;
  /** Gives a claim up after a failed emission, so the provider's retry need not wait for the lease. */
  release(record: WebhookRecord, lease: number): Promise<void>;
}

const keyOf = (record: WebhookRecord) => ({ [WEBHOOKS_KEY]: `${record.provider}#${record.webhookId}` });

/** The store over the `webhooks` table. */
export function dynamoWebhookStore(documents: DynamoDBDocumentClient, tableName: string): WebhookStore {
  return {
    async claim(record, now) {
      const lease = now + LEASE_MS;
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keyOf(record),
              provider: record.provider,
              webhookId: record.webhookId,
              receivedAt: new Date(record.receivedAt).toISOString(),
              contentType: record.contentType,
              body: record.body,
              claimedUntil: lease,
              [WEBHOOKS_EXPIRY]: Math.floor((record.receivedAt + RETENTION_MS) / 1000),
            },
            ConditionExpression: `attribute_not_exists(${WEBHOOKS_KEY}) OR (attribute_not_exists(emittedAt) AND claimedUntil < :now)`,
            ExpressionAttributeValues: { ':now': now },
          }),
        );
        return { state: 'claimed', lease };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keyOf(record),
          ConsistentRead: true,
          ProjectionExpression: 'emittedAt',
        }),
      );
      return Item?.emittedAt ? { state: 'emitted' } : { state: 'busy' };
    },

    async markEmitted(record, now) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keyOf(record),
          UpdateExpression: 'SET emittedAt = :now REMOVE claimedUntil',
          ExpressionAttributeValues: { ':now': new Date(now).toISOString() },
        }),
      );
    },

    async release(record, lease) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keyOf(record),
            UpdateExpression: 'SET claimedUntil = :released',
            // Only our own claim: a later attempt may have taken over an expired lease.
            ConditionExpression: 'claimedUntil = :lease',
            ExpressionAttributeValues: { ':released': 0, ':lease': lease },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
