import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { topology } from '../../fixtures/dynamodb-topology';
import { useRuntime } from '../../support/local';

const local = useRuntime(topology, { dynamodb: DynamoDBClient });

const key = { pk: { S: 'a' }, sk: { S: 'b' } };
/** Valid requests of every operation, which the fuzzer then breaks. */
const VALID: Array<[string, Record<string, unknown>]> = [
  [
    'PutItem',
    {
      TableName: 'purchases',
      Item: { ...key, l: { L: [{ S: 'x' }, { M: { q: { N: '2' } } }] }, ss: { SS: ['a'] } },
      ConditionExpression: 'attribute_not_exists(#n) OR #n.q[0] = :v',
      ExpressionAttributeNames: { '#n': 'm' },
      ExpressionAttributeValues: { ':v': { S: 'x' } },
      ReturnValues: 'ALL_OLD',
    },
  ],
  [
    'UpdateItem',
    {
      TableName: 'purchases',
      Key: key,
      UpdateExpression: 'SET #n.a = :v, l[0] = :v ADD c :one REMOVE z DELETE ss :set',
      ConditionExpression: 'size(l) > :one',
      ExpressionAttributeNames: { '#n': 'm' },
      ExpressionAttributeValues: { ':v': { S: 'x' }, ':one': { N: '1' }, ':set': { SS: ['a'] } },
    },
  ],
  [
    'UpdateItem',
    {
      TableName: 'purchases',
      Key: key,
      AttributeUpdates: { a: { Action: 'ADD', Value: { N: '1' } } },
      Expected: { c: { ComparisonOperator: 'NULL' }, d: { Exists: false } },
    },
  ],
  [
    'GetItem',
    {
      TableName: 'purchases',
      Key: key,
      ProjectionExpression: '#n.a, l[0]',
      ExpressionAttributeNames: { '#n': 'm' },
    },
  ],
  [
    'DeleteItem',
    {
      TableName: 'purchases',
      Key: key,
      Expected: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'x' }] } },
    },
  ],
  [
    'Query',
    {
      TableName: 'purchases',
      IndexName: 'byEmail',
      KeyConditionExpression: 'email = :v AND #at > :n',
      FilterExpression: 'contains(l, :v)',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':v': { S: 'x' }, ':n': { N: '1' } },
      ExclusiveStartKey: { ...key, email: { S: 'x' }, at: { N: '2' } },
      Limit: 2,
    },
  ],
  [
    'Scan',
    {
      TableName: 'purchases',
      ScanFilter: { a: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: 'x' }] } },
      Segment: 0,
      TotalSegments: 2,
    },
  ],
  [
    'BatchWriteItem',
    { RequestItems: { purchases: [{ PutRequest: { Item: key } }, { DeleteRequest: { Key: key } }] } },
  ],
  [
    'BatchGetItem',
    {
      RequestItems: {
        purchases: { Keys: [key], ProjectionExpression: 'pk, #x', ExpressionAttributeNames: { '#x': 'x' } },
      },
    },
  ],
  [
    'TagResource',
    {
      ResourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/purchases',
      Tags: [{ Key: 'a', Value: 'b' }],
    },
  ],
  [
    'UpdateTimeToLive',
    { TableName: 'counters', TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true } },
  ],
];

/** A small seeded generator (LCG), so that a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  return { next, pick };
}

const JUNK: unknown[] = [
  null,
  [null],
  { a: null },
  'x',
  '',
  5,
  -1.5,
  true,
  [],
  {},
  [{}],
  { S: 'a' },
  { N: 'x' },
  { L: {} },
  { M: [] },
  'SET #n = :v',
  ':v',
  'a[99999999999]',
  {},
];

function mutate(value: unknown, r: ReturnType<typeof random>, depth = 0): unknown {
  if (r.next() < 0.15 || depth > 6) return r.pick(JUNK);
  if (Array.isArray(value)) return value.map((item) => (r.next() < 0.3 ? mutate(item, r, depth + 1) : item));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(value)) {
      if (r.next() < 0.1) continue;
      copy[name] = r.next() < 0.35 ? mutate(member, r, depth + 1) : member;
    }
    if (r.next() < 0.15) copy.Tags = [r.pick(JUNK)];
    return copy;
  }
  return r.next() < 0.5 ? r.pick(JUNK) : value;
}

describe('malformed requests (seeded fuzzing)', () => {
  it('answers every one of 1,500 broken requests with 200 or a 400 error, and keeps serving', async () => {
    const r = random(20261121);
    const statuses = new Set<number>();
    for (let i = 0; i < 1500; i++) {
      const [operation, valid] = r.pick(VALID);
      const response = await fetch(local.runtime.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `DynamoDB_20120810.${operation}`,
        },
        body: JSON.stringify(mutate(valid, r)),
      });
      await response.arrayBuffer();
      statuses.add(response.status);
    }
    expect([...statuses].sort()).toEqual([200, 400]);
    await expect(local.dynamodb.send(new ListTablesCommand({}))).resolves.toMatchObject({
      TableNames: expect.any(Array),
    });
  });
});
