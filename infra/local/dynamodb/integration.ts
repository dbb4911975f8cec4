import type { Json, JsonObject } from '../../../workflows/asl';
import { StatesError } from '../stepfunctions/asl/states-error';
import type { Integration, TaskRequest } from '../stepfunctions/integrations/integration';
import { DynamoDbError, type Dynalite, type DynamoResponse } from './dynalite';

/** The Step Functions actions (`arn:aws:states:::dynamodb:<action>`) and their API operations. */
export const DYNAMODB_ACTIONS = {
  getItem: 'GetItem',
  putItem: 'PutItem',
  updateItem: 'UpdateItem',
  deleteItem: 'DeleteItem',
} as const;

// Errors the Java SDK behind Step Functions has an exception class for keep their name
// (`DynamoDB.<name>`); any other, ValidationException first of all, is DynamoDB.AmazonDynamoDBException.
const MODELLED = new Set([
  'ConditionalCheckFailedException',
  'ResourceNotFoundException',
  'ProvisionedThroughputExceededException',
  'ItemCollectionSizeLimitExceededException',
  'TransactionConflictException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'ResourceInUseException',
  'InternalServerError',
]);

/**
 * `arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem` (request-response only):
 * Parameters are the API's input in DynamoDB JSON and go to dynalite as they are; the result is
 * the API's raw output plus the SDK metadata Step Functions adds. Errors carry Step Functions'
 * names and a Java-SDK-style cause.
 */
export function dynamoDbIntegration(dynalite: Dynalite, operation: string): Integration {
  return {
    async start({ parameters }: TaskRequest): Promise<Json> {
      let response: DynamoResponse;
      try {
        response = await dynalite.send(operation, parameters);
      } catch (error) {
        throw new StatesError(
          'DynamoDB.SdkClientException',
          `Unable to execute HTTP request: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      const requestId = String(response.headers['x-amzn-requestid'] ?? '');
      if (response.status >= 300) {
        const error = DynamoDbError.from(response);
        throw new StatesError(
          MODELLED.has(error.code) ? `DynamoDB.${error.code}` : 'DynamoDB.AmazonDynamoDBException',
          `${error.message} (Service: AmazonDynamoDBv2; Status Code: ${response.status}; Error Code: ${error.code}; Request ID: ${requestId}; Proxy: null)`,
        );
      }
      return { ...(response.body as JsonObject), ...sdkMetadata(response, requestId) };
    },
  };
}

/** SdkHttpMetadata and SdkResponseMetadata as Step Functions records them for DynamoDB. */
function sdkMetadata(response: DynamoResponse, requestId: string): JsonObject {
  const headers: Record<string, string> = {
    Connection: 'keep-alive',
    'Content-Length': String(response.headers['content-length'] ?? ''),
    'Content-Type': 'application/x-amz-json-1.0',
    Date: String(response.headers.date ?? ''),
    Server: 'Server',
    'x-amz-crc32': String(response.headers['x-amz-crc32'] ?? ''),
    'x-amzn-RequestId': requestId,
  };
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
      HttpHeaders: headers,
      HttpStatusCode: response.status,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}
