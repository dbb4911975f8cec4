/** The `entitlements` table behind `GrantStore`. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { GrantItem, GrantStore } from './grants';
import { ENTITLEMENTS_KEY } from './tables';

export function dynamoGrantStore(documents: DynamoDBDocumentClient, tableName: string): GrantStore {
  return {
    async putGrant(item) {
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: item,
            ConditionExpression: 'attribute_not_exists(#key)',
            ExpressionAttributeNames: { '#key': ENTITLEMENTS_KEY },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async get(transaction) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: { [ENTITLEMENTS_KEY]: transaction },
          ConsistentRead: true,
        }),
      );
      return Item as GrantItem | undefined;
    },

    async markRevoked(revocation) {
      try {
        const { Attributes } = await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { [ENTITLEMENTS_KEY]: revocation.transaction },
            UpdateExpression:
              'SET #status = :revoked, #provider = :provider, #transactionId = :transactionId, #kind = :kind, #revokedAt = :at, #revokedBy = :by',
            ConditionExpression: 'attribute_not_exists(#status) OR #status <> :revoked',
            // Attribute names through placeholders: some (status…) are DynamoDB reserved words.
            ExpressionAttributeNames: {
              '#status': 'status',
              '#provider': 'provider',
              '#transactionId': 'transactionId',
              '#kind': 'kind',
              '#revokedAt': 'revokedAt',
              '#revokedBy': 'revokedBy',
            },
            ExpressionAttributeValues: {
              ':revoked': 'revoked',
              ':provider': revocation.provider,
              ':transactionId': revocation.transactionId,
              ':kind': revocation.kind,
              ':at': revocation.revokedAt,
              ':by': revocation.revokedBy,
            },
            ReturnValues: 'ALL_OLD',
          }),
        );
        return { applied: true, before: Attributes as GrantItem | undefined };
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return { applied: false };
        throw error;
      }
    },
  };
}
