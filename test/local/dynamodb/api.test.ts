import {
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ResourceNotFoundException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand as DocumentQuery,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { topology } from '../../fixtures/dynamodb-topology';
import { useRuntime } from '../../support/local';
import { run } from '../../support/run';
import { uniqueId } from './ids';

const local = useRuntime(topology, { dynamodb: DynamoDBClient });
let documents: DynamoDBDocumentClient;
beforeAll(() => {
  documents = DynamoDBDocumentClient.from(local.dynamodb);
});

const key = (pk: string, sk = 'purchase') => ({ pk: { S: pk }, sk: { S: sk } });

describe('the topology tables', () => {
  it('exist with their keys, attribute types and index', async () => {
    const { Table } = await local.dynamodb.send(new DescribeTableCommand({ TableName: 'purchases' }));
    expect(Table).toMatchObject({
      TableStatus: 'ACTIVE',
      TableArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/purchases',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST' },
    });
    expect(Table!.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'email', AttributeType: 'S' },
        { AttributeName: 'at', AttributeType: 'N' },
      ]),
    );
    expect(Table!.GlobalSecondaryIndexes).toEqual([
      expect.objectContaining({
        IndexName: 'byEmail',
        IndexStatus: 'ACTIVE',
        Projection: { ProjectionType: 'ALL' },
      }),
    ]);
  });

  it('have Time to Live as the topology declares it', async () => {
    const purchases = await local.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'purchases' }));
    const counters = await local.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'counters' }));
    expect(purchases.TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'expiresAt',
    });
    expect(counters.TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });
});

describe('items (low-level client)', () => {
  it('puts and gets an item with every kind of value', async () => {
    const pk = uniqueId();
    const item = {
      ...key(pk),
      n: { N: '42.5' },
      b: { B: new Uint8Array([1, 2, 3]) },
      ss: { SS: ['a', 'b'] },
      l: { L: [{ S: 'x' }, { NULL: true }] },
      m: { M: { flag: { BOOL: true } } },
    };
    await local.dynamodb.send(new PutItemCommand({ TableName: 'purchases', Item: item }));
    const { Item } = await local.dynamodb.send(new GetItemCommand({ TableName: 'purchases', Key: key(pk) }));
    expect(Item).toEqual(item);
  });

  it('updates an item and returns the new attributes', async () => {
    const pk = uniqueId();
    await local.dynamodb.send(
      new PutItemCommand({ TableName: 'purchases', Item: { ...key(pk), count: { N: '1' } } }),
    );
    const { Attributes } = await local.dynamodb.send(
      new UpdateItemCommand({
        TableName: 'purchases',
        Key: key(pk),
        UpdateExpression: 'SET #c = #c + :one, #s = :s',
        ExpressionAttributeNames: { '#c': 'count', '#s': 'status' },
        ExpressionAttributeValues: { ':one': { N: '1' }, ':s': { S: 'paid' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(Attributes).toEqual({ ...key(pk), count: { N: '2' }, status: { S: 'paid' } });
  });

  it('deletes an item and returns the old one', async () => {
    const pk = uniqueId();
    await local.dynamodb.send(new PutItemCommand({ TableName: 'purchases', Item: key(pk) }));
    const { Attributes } = await local.dynamodb.send(
      new DeleteItemCommand({ TableName: 'purchases', Key: key(pk), ReturnValues: 'ALL_OLD' }),
    );
    expect(Attributes).toEqual(key(pk));
    expect(
      (await local.dynamodb.send(new GetItemCommand({ TableName: 'purchases', Key: key(pk) }))).Item,
    ).toBeUndefined();
  });

  it('works from any region and with any credentials', async () => {
    const other = local.client(DynamoDBClient, { region: 'eu-west-1' });
    const pk = uniqueId();
    await other.send(new PutItemCommand({ TableName: 'purchases', Item: key(pk) }));
    const { Item } = await local.dynamodb.send(new GetItemCommand({ TableName: 'purchases', Key: key(pk) }));
    expect(Item).toEqual(key(pk));
  });

  it('writes a batch and queries the index in order, page by page', async () => {
    const email = `${uniqueId('buyer')}@example.com`;
    await local.dynamodb.send(
      new BatchWriteItemCommand({
        RequestItems: {
          purchases: [3, 1, 2].map((at) => ({
            PutRequest: { Item: { ...key(uniqueId()), email: { S: email }, at: { N: String(at) } } },
          })),
        },
      }),
    );
    const first = await local.dynamodb.send(
      new QueryCommand({
        TableName: 'purchases',
        IndexName: 'byEmail',
        KeyConditionExpression: 'email = :e',
        ExpressionAttributeValues: { ':e': { S: email } },
        Limit: 2,
      }),
    );
    const rest = await local.dynamodb.send(
      new QueryCommand({
        TableName: 'purchases',
        IndexName: 'byEmail',
        KeyConditionExpression: 'email = :e',
        ExpressionAttributeValues: { ':e': { S: email } },
        ExclusiveStartKey: first.LastEvaluatedKey,
      }),
    );
    expect([...first.Items!, ...rest.Items!].map((i) => i.at.N)).toEqual(['1', '2', '3']);
    expect(rest.LastEvaluatedKey).toBeUndefined();
  });
});

describe('conditional writes', () => {
  it('refuses a second put of the same key with ConditionalCheckFailedException', async () => {
    const put = new PutItemCommand({
      TableName: 'purchases',
      Item: { ...key(uniqueId()), amount: { N: '10' } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    await local.dynamodb.send(put);
    const error = await local.dynamodb.send(put).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect(error).toMatchObject({
      message: 'The conditional request failed',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('fails the check only once: the SDK does not retry it', async () => {
    const pk = uniqueId();
    await local.dynamodb.send(new PutItemCommand({ TableName: 'purchases', Item: key(pk) }));
    const error = await local.dynamodb
      .send(
        new UpdateItemCommand({
          TableName: 'purchases',
          Key: key(pk),
          UpdateExpression: 'SET paid = :t',
          ConditionExpression: 'attribute_exists(refunded)',
          ExpressionAttributeValues: { ':t': { BOOL: true } },
        }),
      )
      .catch((e: { $metadata: { attempts: number } }) => e);
    expect(error.$metadata.attempts).toBe(1);
  });

  it('leaves the item as it was when the condition fails', async () => {
    const pk = uniqueId();
    await local.dynamodb.send(
      new PutItemCommand({ TableName: 'purchases', Item: { ...key(pk), v: { N: '1' } } }),
    );
    await expect(
      local.dynamodb.send(
        new PutItemCommand({
          TableName: 'purchases',
          Item: { ...key(pk), v: { N: '2' } },
          ConditionExpression: 'v = :two',
          ExpressionAttributeValues: { ':two': { N: '2' } },
        }),
      ),
    ).rejects.toThrow(ConditionalCheckFailedException);
    const { Item } = await local.dynamodb.send(new GetItemCommand({ TableName: 'purchases', Key: key(pk) }));
    expect(Item!.v).toEqual({ N: '1' });
  });
});

describe('the Document client (lib-dynamodb)', () => {
  it('round-trips plain JavaScript values', async () => {
    const pk = uniqueId();
    const item = {
      pk,
      sk: 'purchase',
      amount: 19.99,
      tags: new Set(['video', 'ts']),
      meta: { paid: true, at: null },
    };
    await documents.send(new PutCommand({ TableName: 'purchases', Item: item }));
    const { Item } = await documents.send(
      new GetCommand({ TableName: 'purchases', Key: { pk, sk: 'purchase' } }),
    );
    expect(Item).toEqual(item);
  });

  it('increments a counter in a table with a Number key', async () => {
    const id = Date.now();
    const add = () =>
      documents.send(
        new UpdateCommand({
          TableName: 'counters',
          Key: { id },
          UpdateExpression: 'ADD hits :one',
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
    await add();
    expect((await add()).Attributes).toEqual({ hits: 2 });
  });

  it('queries the index with a key condition on its sort key', async () => {
    const email = `${uniqueId('doc')}@example.com`;
    for (const at of [10, 20, 30]) {
      await documents.send(
        new PutCommand({ TableName: 'purchases', Item: { pk: uniqueId(), sk: 'p', email, at } }),
      );
    }
    const { Items } = await documents.send(
      new DocumentQuery({
        TableName: 'purchases',
        IndexName: 'byEmail',
        KeyConditionExpression: 'email = :e AND #at >= :from',
        ExpressionAttributeNames: { '#at': 'at' },
        ExpressionAttributeValues: { ':e': email, ':from': 20 },
        ScanIndexForward: false,
      }),
    );
    expect(Items!.map((i) => i.at)).toEqual([30, 20]);
  });

  it('reports a failed delete condition as ConditionalCheckFailedException', async () => {
    await expect(
      documents.send(
        new DeleteCommand({
          TableName: 'purchases',
          Key: { pk: uniqueId(), sk: 'purchase' },
          ConditionExpression: 'attribute_exists(pk)',
        }),
      ),
    ).rejects.toThrow(ConditionalCheckFailedException);
  });
});

describe('malformed requests', () => {
  it('answers ResourceNotFoundException for a table that does not exist', async () => {
    await expect(
      local.dynamodb.send(new GetItemCommand({ TableName: 'nosuchtable', Key: { pk: { S: 'x' } } })),
    ).rejects.toThrow(ResourceNotFoundException);
  });

  it('answers ValidationException for a key of the wrong type, and writes nothing', async () => {
    const error = await local.dynamodb
      .send(new PutItemCommand({ TableName: 'purchases', Item: { pk: { N: '1' }, sk: { S: 'x' } } }))
      .catch((e: Error) => e);
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: 'One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N',
      $metadata: { httpStatusCode: 400, attempts: 1 },
    });
    const { Count } = await local.dynamodb.send(
      new QueryCommand({
        TableName: 'purchases',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: '1' } },
      }),
    );
    expect(Count).toBe(0);
  });

  it('answers ValidationException for an update expression that does not parse', async () => {
    await expect(
      local.dynamodb.send(
        new UpdateItemCommand({ TableName: 'purchases', Key: key(uniqueId()), UpdateExpression: 'SET = 1' }),
      ),
    ).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringMatching(/^Invalid UpdateExpression/),
    });
  });

  it('answers ValidationException for a missing key attribute', async () => {
    await expect(
      local.dynamodb.send(new GetItemCommand({ TableName: 'purchases', Key: { pk: { S: 'only-pk' } } })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('answers SerializationException for a body that is not JSON', async () => {
    const response = await fetch(local.runtime.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.PutItem' },
      body: '{"TableName":',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { __type: string }).__type).toMatch(/#SerializationException$/);
  });

  it('answers UnknownOperationException for transactions, which dynalite lacks, and writes nothing', async () => {
    const pk = uniqueId();
    await expect(
      local.dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [{ Put: { TableName: 'purchases', Item: key(pk) } }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'UnknownOperationException', $metadata: { httpStatusCode: 400 } });
    expect(
      (await local.dynamodb.send(new GetItemCommand({ TableName: 'purchases', Key: key(pk) }))).Item,
    ).toBeUndefined();
  });
});

describe('tables and Time to Live through the API', () => {
  it('creates, lists and deletes a table', async () => {
    const TableName = uniqueId('scratch');
    await local.dynamodb.send(
      new CreateTableCommand({
        TableName,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    expect((await local.dynamodb.send(new ListTablesCommand({}))).TableNames).toContain(TableName);
    await local.dynamodb.send(new DeleteTableCommand({ TableName }));
    expect((await local.dynamodb.send(new ListTablesCommand({}))).TableNames).not.toContain(TableName);
  });

  it('enables Time to Live and describes it', async () => {
    const TableName = await scratchTable();
    const { TimeToLiveSpecification } = await local.dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      }),
    );
    const { TimeToLiveDescription } = await local.dynamodb.send(new DescribeTimeToLiveCommand({ TableName }));
    expect(TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
    expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'ttl' });
  });

  it('refuses to enable Time to Live twice', async () => {
    const TableName = await scratchTable();
    const enable = new UpdateTimeToLiveCommand({
      TableName,
      TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
    });
    await local.dynamodb.send(enable);
    await expect(local.dynamodb.send(enable)).rejects.toMatchObject({
      name: 'ValidationException',
      message: 'TimeToLive is already enabled',
    });
  });

  it('forgets Time to Live when its table is deleted and created again', async () => {
    const TableName = await scratchTable();
    await local.dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
      }),
    );
    await local.dynamodb.send(new DeleteTableCommand({ TableName }));
    await scratchTable(TableName);
    const { TimeToLiveDescription } = await local.dynamodb.send(new DescribeTimeToLiveCommand({ TableName }));
    expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });

  it('answers ResourceNotFoundException for Time to Live of a missing table', async () => {
    await expect(
      local.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'nosuchtable' })),
    ).rejects.toThrow(ResourceNotFoundException);
  });
});

describe('in-process handlers', () => {
  it('reach DynamoDB through the environment the runtime gives them', async () => {
    const txn = uniqueId('txn');
    const e = await run(local.runtime, local.sfn, {
      StartAt: 'Remember',
      States: {
        Remember: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'rememberNote', Payload: { txn, text: 'hello' } },
          OutputPath: '$.Payload',
          End: true,
        },
      },
    });
    expect(e.result).toEqual({ saved: true });
    const { Item } = await documents.send(
      new GetCommand({ TableName: 'purchases', Key: { pk: txn, sk: 'note' } }),
    );
    expect(Item).toEqual({ pk: txn, sk: 'note', text: 'hello' });
  });
});

async function scratchTable(TableName = uniqueId('scratch')): Promise<string> {
  await local.dynamodb.send(
    new CreateTableCommand({
      TableName,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return TableName;
}
