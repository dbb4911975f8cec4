import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { credentials } from '../../support/local';

/** The low-level and the Document client, pointed at a local runtime. */
export function dynamoClients(endpoint: string, region = 'us-east-1') {
  const client = new DynamoDBClient({ endpoint, region, credentials });
  return { client, documents: DynamoDBDocumentClient.from(client) };
}

let ids = 0;
/** A key no other test uses. */
export const uniqueId = (prefix = 'id') => `${prefix}-${++ids}-${process.pid}`;
