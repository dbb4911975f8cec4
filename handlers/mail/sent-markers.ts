/** The `sentMails` table: one marker per dedupe key, claimed for a lease, then marked sent; kept 30 days. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SentMarkers } from './deliver';
import { SENT_MAILS_EXPIRY, SENT_MAILS_KEY } from './outbox';

/** Longer than send-mail's timeout, so a lease outlives the attempt that holds it. */
export const MAIL_LEASE_MS = 60_000;
/** Longer than the queue keeps a message (4 days): every redelivery finds its marker. */
const RETENTION_MS = 30 * 24 * 3600 * 1000;

export function dynamoSentMarkers(documents: DynamoDBDocumentClient, tableName: string): SentMarkers {
  const Key = (dedupeKey: string) => ({ [SENT_MAILS_KEY]: dedupeKey });
  return {
    async claim(dedupeKey, now) {
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...Key(dedupeKey),
              claimedUntil: now + MAIL_LEASE_MS,
              [SENT_MAILS_EXPIRY]: Math.floor((now + RETENTION_MS) / 1000),
            },
            ConditionExpression: `attribute_not_exists(${SENT_MAILS_KEY}) OR (attribute_not_exists(sentAt) AND claimedUntil < :now)`,
            ExpressionAttributeValues: { ':now': now },
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: Key(dedupeKey), ConsistentRead: true }),
      );
      return Item?.sentAt ? 'sent' : 'busy';
    },

    async markSent(dedupeKey, now) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: Key(dedupeKey),
          UpdateExpression: 'SET sentAt = :now REMOVE claimedUntil',
          ExpressionAttributeValues: { ':now': new Date(now).toISOString() },
        }),
      );
    },

    async release(dedupeKey) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: Key(dedupeKey),
          UpdateExpression: 'SET claimedUntil = :released',
          ConditionExpression: 'attribute_not_exists(sentAt)',
          ExpressionAttributeValues: { ':released': 0 },
        }),
      );
    },
  };
}
