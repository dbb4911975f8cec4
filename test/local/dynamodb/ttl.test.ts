import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateTimeToLiveCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { SWEEP_INTERVAL_MS } from '../../../infra/local/dynamodb/time-to-live-sweeper';
import { topology } from '../../fixtures/dynamodb-topology';
import { useRuntime } from '../../support/local';
import { uniqueId } from './ids';

const local = useRuntime(topology, { dynamodb: DynamoDBClient });

const YEAR = 365 * 24 * 3600;
const seconds = () => Math.floor(local.clock.now() / 1000);
const key = (pk: string) => ({ pk: { S: pk }, sk: { S: 'session' } });

async function put(expiresAt: AttributeValue | undefined, extra: Record<string, AttributeValue> = {}) {
  const pk = uniqueId();
  const Item = { ...key(pk), ...(expiresAt ? { expiresAt } : {}), ...extra };
  await local.dynamodb.send(new PutItemCommand({ TableName: 'purchases', Item }));
  return pk;
}
const exists = async (pk: string, TableName = 'purchases') =>
  (await local.dynamodb.send(new GetItemCommand({ TableName, Key: key(pk) }))).Item !== undefined;

/** Moves the clock to the next sweep and waits until that sweep is done. */
async function nextSweep(): Promise<number> {
  local.clock.advance(SWEEP_INTERVAL_MS);
  return local.runtime.dynamodb.sweeper.settled();
}

describe('Time to Live', () => {
  it('deletes an item whose expiry has passed at the next sweep', async () => {
    const pk = await put({ N: String(seconds() + 30) });
    await nextSweep();
    expect(await exists(pk)).toBe(false);
  });

  it('keeps showing an expired item until the sweep, as AWS does', async () => {
    const pk = await put({ N: String(seconds() - 10) });
    expect(await exists(pk)).toBe(true);
    await nextSweep();
    expect(await exists(pk)).toBe(false);
  });

  it('keeps an item whose expiry is still ahead', async () => {
    const pk = await put({ N: String(seconds() + 3600) });
    await nextSweep();
    expect(await exists(pk)).toBe(true);
  });

  it('keeps an item whose TTL attribute is not a Number', async () => {
    const pk = await put({ S: String(seconds() - 10) });
    await nextSweep();
    expect(await exists(pk)).toBe(true);
  });

  it('keeps an item without the TTL attribute', async () => {
    const pk = await put(undefined);
    await nextSweep();
    expect(await exists(pk)).toBe(true);
  });

  it('keeps an item that expired more than five years ago', async () => {
    const pk = await put({ N: String(seconds() - 6 * YEAR) });
    await nextSweep();
    expect(await exists(pk)).toBe(true);
  });

  it('removes the expired item from the index too', async () => {
    const email = `${uniqueId('ttl')}@example.com`;
    await put({ N: String(seconds() - 1) }, { email: { S: email }, at: { N: '1' } });
    await nextSweep();
    const { Count } = await local.dynamodb.send(
      new QueryCommand({
        TableName: 'purchases',
        IndexName: 'byEmail',
        KeyConditionExpression: 'email = :e',
        ExpressionAttributeValues: { ':e': { S: email } },
      }),
    );
    expect(Count).toBe(0);
  });

  it('counts what a sweep deleted', async () => {
    await nextSweep();
    await put({ N: String(seconds() - 1) });
    await put({ N: String(seconds() - 2) });
    expect(await nextSweep()).toBe(2);
  });

  it('expires items of a table whose TTL was enabled through the API', async () => {
    const TableName = uniqueId('sessions');
    await local.dynamodb.send(
      new CreateTableCommand({
        TableName,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await local.dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName,
        TimeToLiveSpecification: { AttributeName: 'until', Enabled: true },
      }),
    );
    const pk = uniqueId();
    await local.dynamodb.send(
      new PutItemCommand({ TableName, Item: { ...key(pk), until: { N: String(seconds() - 1) } } }),
    );
    await nextSweep();
    expect(await exists(pk, TableName)).toBe(false);
  });
});
