/**
 * AWS SDK clients, built once per process and shared by every invocation (connections are reused).
 * Region, credentials and endpoint come from the environment: Lambda's on AWS, the local
 * runtime's (`AWS_ENDPOINT_URL`) locally. Cores never import this: they receive what they use.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export const eventBridge = new EventBridgeClient({});

export const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});
