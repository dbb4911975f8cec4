import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import type { StateDefinition } from '../../../workflows/asl';
import { stateMachineArn } from '../../../infra/local/stepfunctions/arns';
import { topology } from '../../fixtures/dynamodb-topology';
import { useRuntime } from '../../support/local';
import { finished, run as runAndInspect, startExecution } from '../../support/run';
import { uniqueId } from './ids';

const local = useRuntime(topology, { dynamodb: DynamoDBClient });

const task = (
  action: string,
  Parameters: StateDefinition['Parameters'],
  extra: Partial<StateDefinition> = {},
) =>
  ({
    Type: 'Task',
    Resource: `arn:aws:states:::dynamodb:${action}`,
    Parameters,
    End: true,
    ...extra,
  }) as StateDefinition;
const one = (state: StateDefinition, input: unknown = {}) =>
  runAndInspect(local.runtime, local.sfn, { StartAt: 'Task', States: { Task: state } }, input);
const key = (pk: string) => ({ pk: { S: pk }, sk: { S: 'purchase' } });

describe('dynamodb:putItem and getItem', () => {
  it('writes the item from the Parameters and records the task events', async () => {
    const pk = uniqueId();
    const e = await one(
      task('putItem', {
        TableName: 'purchases',
        Item: { ...key('x'), pk: { 'S.$': '$.pk' }, amount: { N: '5' } },
      }),
      { pk },
    );
    expect(e.status).toBe('SUCCEEDED');
    expect(e.types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(e.events[2].taskScheduledEventDetails).toMatchObject({
      resourceType: 'dynamodb',
      resource: 'putItem',
    });
    const { Item } = await local.dynamodb.send(new GetItemCommand({ TableName: 'purchases', Key: key(pk) }));
    expect(Item).toEqual({ ...key(pk), amount: { N: '5' } });
  });

  it('returns the raw API output with the SDK metadata Step Functions adds', async () => {
    const pk = uniqueId();
    await one(task('putItem', { TableName: 'purchases', Item: { ...key(pk), b: { B: 'AQID' } } }));
    const e = await one(task('getItem', { TableName: 'purchases', Key: key(pk) }));
    expect(e.result).toEqual({
      Item: { ...key(pk), b: { B: 'AQID' } },
      SdkHttpMetadata: {
        AllHttpHeaders: expect.objectContaining({
          'Content-Type': ['application/x-amz-json-1.0'],
          'x-amzn-RequestId': [e.result.SdkResponseMetadata.RequestId],
        }),
        HttpHeaders: expect.objectContaining({ Connection: 'keep-alive', 'x-amz-crc32': expect.any(String) }),
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: expect.stringMatching(/^[A-Z0-9]{52}$/) },
    });
  });

  it('returns no Item for a key that is not there', async () => {
    const e = await one(task('getItem', { TableName: 'purchases', Key: key(uniqueId()) }));
    expect(e.status).toBe('SUCCEEDED');
    expect(e.result.Item).toBeUndefined();
    expect(e.result.SdkHttpMetadata.HttpStatusCode).toBe(200);
  });
});

describe('dynamodb:updateItem and deleteItem', () => {
  it('updates with an expression and returns the new attributes', async () => {
    const pk = uniqueId();
    await one(task('putItem', { TableName: 'purchases', Item: { ...key(pk), grants: { N: '0' } } }));
    const e = await one(
      task('updateItem', {
        TableName: 'purchases',
        Key: key(pk),
        UpdateExpression: 'SET grants = grants + :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    expect(e.result.Attributes).toEqual({ grants: { N: '1' } });
  });

  it('deletes and returns the old item', async () => {
    const pk = uniqueId();
    await one(task('putItem', { TableName: 'purchases', Item: key(pk) }));
    const e = await one(
      task('deleteItem', { TableName: 'purchases', Key: key(pk), ReturnValues: 'ALL_OLD' }),
    );
    expect(e.result.Attributes).toEqual(key(pk));
    expect(
      (await local.dynamodb.send(new GetItemCommand({ TableName: 'purchases', Key: key(pk) }))).Item,
    ).toBeUndefined();
  });
});

describe('errors', () => {
  it('lets a Catch on DynamoDB.ConditionalCheckFailedException take a duplicate put (topology workflow)', async () => {
    const input = { txn: uniqueId('txn'), email: 'a@example.com' };
    const arn = stateMachineArn('recordPurchase');
    const first = await finished(local.runtime, local.sfn, await startExecution(local.sfn, arn, input));
    const second = await finished(local.runtime, local.sfn, await startExecution(local.sfn, arn, input));
    expect(first.result).toEqual({ outcome: 'recorded' });
    expect(second.status).toBe('SUCCEEDED');
    expect(second.result).toEqual({
      outcome: 'duplicate',
      error: 'DynamoDB.ConditionalCheckFailedException',
      cause: expect.stringMatching(
        /^The conditional request failed \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ConditionalCheckFailedException; Request ID: [A-Z0-9]{52}; Proxy: null\)$/,
      ),
    });
    expect(second.types).toContain('TaskFailed');
  });

  it('fails with DynamoDB.ResourceNotFoundException for a missing table', async () => {
    const e = await one(task('getItem', { TableName: 'nosuchtable', Key: key('x') }));
    expect(e.status).toBe('FAILED');
    expect(e.error).toBe('DynamoDB.ResourceNotFoundException');
    expect(e.cause).toMatch(
      /^Requested resource not found \(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ResourceNotFoundException;/,
    );
  });

  it('fails with DynamoDB.AmazonDynamoDBException for a ValidationException', async () => {
    const e = await one(
      task('putItem', { TableName: 'purchases', Item: { pk: { N: '1' }, sk: { S: 'x' } } }),
    );
    expect(e.error).toBe('DynamoDB.AmazonDynamoDBException');
    expect(e.cause).toMatch(/Type mismatch for key pk .*Error Code: ValidationException;/);
  });
});
