import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { join } from 'node:path';
import { stateMachineArn } from '../../../infra/local/stepfunctions/arns';
import { kill, useChildRuntimes } from '../../support/child';
import { localClient } from '../../support/clients';
import { startExecution } from '../../support/run';

const TOPOLOGY = join(__dirname, '../../fixtures/dynamodb-topology.ts');
const key = (pk: string) => ({ pk: { S: pk }, sk: { S: 'purchase' } });

describe('crash and restart (SIGKILL)', () => {
  const runtimes = useChildRuntimes(TOPOLOGY);
  let client: DynamoDBClient | undefined;
  afterAll(async () => {
    client?.destroy();
  });

  it('keeps every item, table and Time to Live setting acknowledged before the kill', async () => {
    const first = await runtimes.start();
    client = localClient(DynamoDBClient, first.endpoint);
    const sfn = localClient(SFNClient, first.endpoint);

    const created = (await client.send(new DescribeTableCommand({ TableName: 'purchases' }))).Table!
      .CreationDateTime;
    // Through the Step Functions integration…
    const execution = await startExecution(sfn, stateMachineArn('recordPurchase'), {
      txn: 'txn-1',
      email: 'a@x.io',
    });
    while ((await sfn.send(new DescribeExecutionCommand({ executionArn: execution }))).status === 'RUNNING') {
      await new Promise((resolve) => setImmediate(resolve));
    }
    // …and the API: a table with TTL enabled, then a burst of writes, the last of them just before the kill.
    await client.send(
      new CreateTableCommand({
        TableName: 'sessions',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: 'sessions',
        TimeToLiveSpecification: { AttributeName: 'until', Enabled: true },
      }),
    );
    await client.send(
      new UpdateItemCommand({
        TableName: 'purchases',
        Key: key('txn-1'),
        UpdateExpression: 'SET grants = :one',
        ExpressionAttributeValues: { ':one': { N: '1' } },
      }),
    );
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        client!.send(
          new PutItemCommand({
            TableName: 'purchases',
            Item: { ...key(`burst-${i}`), email: { S: 'burst@x.io' }, at: { N: String(i) } },
          }),
        ),
      ),
    );
    await kill(first.child);
    client.destroy();
    sfn.destroy();

    const second = await runtimes.start();
    client = localClient(DynamoDBClient, second.endpoint);

    const { Item } = await client.send(new GetItemCommand({ TableName: 'purchases', Key: key('txn-1') }));
    expect(Item).toEqual({ ...key('txn-1'), email: { S: 'a@x.io' }, grants: { N: '1' } });
    const { Count } = await client.send(
      new QueryCommand({
        TableName: 'purchases',
        IndexName: 'byEmail',
        KeyConditionExpression: 'email = :e',
        ExpressionAttributeValues: { ':e': { S: 'burst@x.io' } },
      }),
    );
    expect(Count).toBe(50);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'purchases' }));
    expect(Table!.CreationDateTime).toEqual(created);
    const { TimeToLiveDescription } = await client.send(
      new DescribeTimeToLiveCommand({ TableName: 'sessions' }),
    );
    expect(TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'until' });
  });
});
