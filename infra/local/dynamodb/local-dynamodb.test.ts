import type { TableSpec } from '../../topology';
import { ManualClock } from '../clock';
import { LocalDatabase } from '../store/database';
import { tempDataDir } from '../../../test/support/local';
import { LocalDynamoDb } from './local-dynamodb';
import { TableMismatchError } from './tables';

const table: TableSpec = {
  name: 'orders',
  partitionKey: { name: 'id', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  indexes: [{ name: 'byUser', partitionKey: { name: 'user', type: 'S' } }],
};

/** Starts on `dir`, runs `use`, and closes everything again (a clean restart in between calls). */
async function withDynamoDb<T>(
  dir: string,
  tables: TableSpec[],
  use: (d: LocalDynamoDb) => Promise<T>,
): Promise<T> {
  const db = new LocalDatabase(dir);
  try {
    const dynamodb = await LocalDynamoDb.start({ dataDir: dir, db, clock: new ManualClock(), tables });
    try {
      return await use(dynamodb);
    } finally {
      await dynamodb.close();
    }
  } finally {
    db.close();
  }
}

describe('LocalDynamoDb in a data directory', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('keeps the items of an existing table when it starts again', async () => {
    await withDynamoDb(data.dir, [table], (d) =>
      d.dynalite.call('PutItem', { TableName: 'orders', Item: { id: { S: 'o-1' }, user: { S: 'u' } } }),
    );
    const { Item } = await withDynamoDb(data.dir, [table], (d) =>
      d.dynalite.call<{ Item: unknown }>('GetItem', { TableName: 'orders', Key: { id: { S: 'o-1' } } }),
    );
    expect(Item).toEqual({ id: { S: 'o-1' }, user: { S: 'u' } });
  });

  it('turns Time to Live off when the topology no longer declares it', async () => {
    const attribute = await withDynamoDb(
      data.dir,
      [{ ...table, timeToLiveAttribute: undefined }],
      async (d) => d.timeToLive.attribute('orders'),
    );
    expect(attribute).toBeUndefined();
  });

  it('refuses to start when a kept table no longer matches the topology', async () => {
    const changed = {
      ...table,
      indexes: [{ name: 'byUser', partitionKey: { name: 'user', type: 'N' as const } }],
    };
    await expect(withDynamoDb(data.dir, [changed], async () => undefined)).rejects.toThrow(
      TableMismatchError,
    );
  });
});
