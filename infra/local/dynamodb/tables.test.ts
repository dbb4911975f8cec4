import type { TableSpec } from '../../topology';
import { createTableInput, tableDifferences, type TableDescription } from './tables';

const spec: TableSpec = {
  name: 'purchases',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [
    { name: 'byEmail', partitionKey: { name: 'email', type: 'S' }, sortKey: { name: 'at', type: 'N' } },
    { name: 'bySk', partitionKey: { name: 'sk', type: 'S' } },
  ],
};

/** What DescribeTable shows for a table created from `createTableInput(s)`. */
const described = (s: TableSpec): TableDescription => {
  const input = createTableInput(s);
  return {
    TableStatus: 'ACTIVE',
    KeySchema: input.KeySchema,
    AttributeDefinitions: input.AttributeDefinitions,
    GlobalSecondaryIndexes: input.GlobalSecondaryIndexes,
  };
};

describe('createTableInput', () => {
  it('defines each key attribute once, with its type', () => {
    expect(createTableInput(spec).AttributeDefinitions).toEqual([
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'email', AttributeType: 'S' },
      { AttributeName: 'at', AttributeType: 'N' },
    ]);
  });

  it('makes an on-demand table whose indexes project every attribute', () => {
    expect(createTableInput(spec)).toMatchObject({
      TableName: 'purchases',
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byEmail',
          KeySchema: [
            { AttributeName: 'email', KeyType: 'HASH' },
            { AttributeName: 'at', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'bySk',
          KeySchema: [{ AttributeName: 'sk', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
  });

  it('leaves out GlobalSecondaryIndexes for a table without indexes', () => {
    expect(createTableInput({ name: 'plain', partitionKey: { name: 'id', type: 'N' } })).not.toHaveProperty(
      'GlobalSecondaryIndexes',
    );
  });

  it('refuses an attribute declared with two types', () => {
    expect(() =>
      createTableInput({
        name: 'bad',
        partitionKey: { name: 'id', type: 'S' },
        indexes: [{ name: 'i', partitionKey: { name: 'id', type: 'N' } }],
      }),
    ).toThrow('Table "bad" declares attribute "id" as both S and N');
  });
});

describe('tableDifferences', () => {
  it('finds none for the table its spec created', () => {
    expect(tableDifferences(spec, described(spec))).toEqual([]);
  });

  it('names a key whose type changed', () => {
    const original = { ...spec, indexes: [] };
    const changed = { ...original, sortKey: { name: 'sk', type: 'N' as const } };
    expect(tableDifferences(changed, described(original))).toEqual([
      'keys are [HASH pk S, RANGE sk S], the topology says [HASH pk S, RANGE sk N]',
    ]);
  });

  it('names an index whose key changed', () => {
    const changed = {
      ...spec,
      indexes: [spec.indexes![0], { name: 'bySk', partitionKey: { name: 'email', type: 'S' as const } }],
    };
    expect(tableDifferences(changed, described(spec))).toEqual([
      'index bySk has [HASH sk S], the topology says [HASH email S]',
    ]);
  });

  it('names an index added to the topology and one removed from it', () => {
    const changed = {
      ...spec,
      indexes: [spec.indexes![0], { name: 'byAt', partitionKey: { name: 'at', type: 'N' as const } }],
    };
    expect(tableDifferences(changed, described(spec))).toEqual([
      'index byAt is missing',
      'index bySk is not in the topology',
    ]);
  });
});
