import type { KeySpec, TableSpec } from '../../topology';
import { DynamoDbError, type Dynalite } from './dynalite';

interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

interface AttributeDefinition {
  AttributeName: string;
  AttributeType: string;
}

/** The parts of DescribeTable's `Table` that a TableSpec decides. */
export interface TableDescription {
  TableStatus?: string;
  KeySchema?: KeySchemaElement[];
  AttributeDefinitions?: AttributeDefinition[];
  GlobalSecondaryIndexes?: Array<{ IndexName: string; KeySchema: KeySchemaElement[] }>;
}

/** Thrown at start when a table kept in the data directory no longer matches the topology. */
export class TableMismatchError extends Error {
  override readonly name = 'TableMismatchError';

  constructor(
    readonly table: string,
    readonly differences: string[],
  ) {
    super(
      `DynamoDB table "${table}" in the data directory differs from the topology (${differences.join('; ')}). ` +
        'Keys and indexes cannot change in place: delete the table (DeleteTable) or the data directory to recreate it.',
    );
  }
}

/** CreateTable's input for a topology table: on-demand, every index projecting all attributes. */
export function createTableInput(spec: TableSpec) {
  const keys = [
    spec.partitionKey,
    spec.sortKey,
    ...(spec.indexes ?? []).flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  const types = new Map<string, string>();
  for (const key of keys) {
    if (!key) continue;
    const known = types.get(key.name);
    if (known && known !== key.type) {
      throw new Error(
        `Table "${spec.name}" declares attribute "${key.name}" as both ${known} and ${key.type}`,
      );
    }
    types.set(key.name, key.type);
  }
  return {
    TableName: spec.name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: keySchema(spec.partitionKey, spec.sortKey),
    AttributeDefinitions: [...types].map(([AttributeName, AttributeType]) => ({
      AttributeName,
      AttributeType,
    })),
    ...(spec.indexes?.length
      ? {
          GlobalSecondaryIndexes: spec.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: 'ALL' },
          })),
        }
      : {}),
  };
}

/** How an existing table's keys and indexes differ from its spec; empty when they agree. */
export function tableDifferences(spec: TableSpec, table: TableDescription): string[] {
  const wanted = createTableInput(spec);
  const differences: string[] = [];
  const typeOf = (name: string, definitions: AttributeDefinition[] | undefined) =>
    definitions?.find((d) => d.AttributeName === name)?.AttributeType;
  const describe = (schema: KeySchemaElement[] | undefined, definitions: AttributeDefinition[] | undefined) =>
    (schema ?? [])
      .map((k) => `${k.KeyType} ${k.AttributeName} ${typeOf(k.AttributeName, definitions)}`)
      .join(', ');

  const keys = describe(table.KeySchema, table.AttributeDefinitions);
  const wantedKeys = describe(wanted.KeySchema, wanted.AttributeDefinitions);
  if (keys !== wantedKeys) differences.push(`keys are [${keys}], the topology says [${wantedKeys}]`);

  const indexes = new Map(
    (table.GlobalSecondaryIndexes ?? []).map((i) => [
      i.IndexName,
      describe(i.KeySchema, table.AttributeDefinitions),
    ]),
  );
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    const existing = indexes.get(index.IndexName);
    const wantedIndex = describe(index.KeySchema, wanted.AttributeDefinitions);
    if (existing === undefined) differences.push(`index ${index.IndexName} is missing`);
    else if (existing !== wantedIndex) {
      differences.push(`index ${index.IndexName} has [${existing}], the topology says [${wantedIndex}]`);
    }
    indexes.delete(index.IndexName);
  }
  for (const extra of indexes.keys()) differences.push(`index ${extra} is not in the topology`);
  return differences;
}

/**
 * Creates the topology's tables that do not exist yet and waits until they are ACTIVE; tables
 * kept from an earlier run keep their items. Throws TableMismatchError for a table whose keys
 * or indexes changed.
 */
export async function ensureTables(dynalite: Dynalite, specs: TableSpec[]): Promise<void> {
  for (const spec of specs) {
    const existing = await describe(dynalite, spec.name);
    if (existing) {
      const differences = tableDifferences(spec, existing);
      if (differences.length) throw new TableMismatchError(spec.name, differences);
      if (existing.TableStatus === 'ACTIVE') continue;
    } else {
      await dynalite.call('CreateTable', createTableInput(spec));
    }
    await untilActive(dynalite, spec.name);
  }
}

async function describe(dynalite: Dynalite, name: string): Promise<TableDescription | undefined> {
  try {
    return (await dynalite.call<{ Table: TableDescription }>('DescribeTable', { TableName: name })).Table;
  } catch (error) {
    if (error instanceof DynamoDbError && error.code === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/** How long a table may take to turn ACTIVE (dynalite flips it right after its CreateTable answer). */
const ACTIVE_WITHIN_MS = 10_000;

async function untilActive(dynalite: Dynalite, name: string): Promise<void> {
  const deadline = performance.now() + ACTIVE_WITHIN_MS;
  while ((await describe(dynalite, name))?.TableStatus !== 'ACTIVE') {
    // A table left CREATING by a kill in the instant between dynalite's two writes stays so.
    if (performance.now() > deadline) throw new Error(`DynamoDB table "${name}" did not become ACTIVE`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function keySchema(partition: KeySpec, sort?: KeySpec): KeySchemaElement[] {
  return [
    { AttributeName: partition.name, KeyType: 'HASH' },
    ...(sort ? [{ AttributeName: sort.name, KeyType: 'RANGE' as const }] : []),
  ];
}
