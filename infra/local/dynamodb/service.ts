import { AwsError, missing } from '../http/aws-error';
import type { JsonRpcService, Operation } from '../http/json-rpc';
import { DynamoDbError, type Dynalite } from './dynalite';
import type { TimeToLiveSettings } from './time-to-live';

/** What dynalite 4 implements (its index.js); anything else is UnknownOperationException. */
const FORWARDED = [
  'BatchGetItem',
  'BatchWriteItem',
  'DeleteItem',
  'DescribeTable',
  'GetItem',
  'ListTables',
  'ListTagsOfResource',
  'PutItem',
  'Query',
  'Scan',
  'TagResource',
  'UntagResource',
  'UpdateItem',
  'UpdateTable',
];

/**
 * The DynamoDB API on the local endpoint (`X-Amz-Target: DynamoDB_20120810.*`): each call goes
 * to dynalite as it came and dynalite's answer comes back, its errors under the same names.
 * Time to Live is answered here, since dynalite has none (see TimeToLiveSettings).
 */
export function dynamoDbService(dynalite: Dynalite, ttl: TimeToLiveSettings): JsonRpcService {
  const forward =
    (operation: string): Operation =>
    (input) =>
      call(dynalite, operation, input);
  const operations: Record<string, Operation> = Object.fromEntries(FORWARDED.map((op) => [op, forward(op)]));

  // A new table starts without TTL, whatever a deleted table of the same name had.
  const forgetTimeToLive =
    (operation: string): Operation =>
    async (input) => {
      const output = await call(dynalite, operation, input);
      const table = String(input.TableName);
      if (ttl.attribute(table) !== undefined) await ttl.set(table, null);
      return output;
    };
  operations.CreateTable = forgetTimeToLive('CreateTable');
  operations.DeleteTable = forgetTimeToLive('DeleteTable');

  operations.DescribeTimeToLive = async (input) => {
    await call(dynalite, 'DescribeTable', { TableName: input.TableName });
    const attribute = ttl.attribute(String(input.TableName));
    return {
      TimeToLiveDescription: attribute
        ? { TimeToLiveStatus: 'ENABLED', AttributeName: attribute }
        : { TimeToLiveStatus: 'DISABLED' },
    };
  };

  operations.UpdateTimeToLive = async (input) => {
    const spec = input.TimeToLiveSpecification as { AttributeName?: unknown; Enabled?: unknown } | undefined;
    if (spec === undefined || spec === null) throw missing('timeToLiveSpecification');
    if (typeof spec.Enabled !== 'boolean') throw missing('timeToLiveSpecification.enabled');
    const name = spec.AttributeName;
    if (typeof name !== 'string' || name.length < 1 || name.length > 255) {
      throw new AwsError(
        'ValidationException',
        `1 validation error detected: Value '${String(name ?? null)}' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length between 1 and 255`,
      );
    }
    await call(dynalite, 'DescribeTable', { TableName: input.TableName });
    const table = String(input.TableName);
    const current = ttl.attribute(table);
    if (current !== undefined && current !== name) {
      throw new AwsError(
        'ValidationException',
        `TimeToLive is active on a different AttributeName: current AttributeName is ${current}`,
      );
    }
    if (spec.Enabled && current) throw new AwsError('ValidationException', 'TimeToLive is already enabled');
    if (!spec.Enabled && !current)
      throw new AwsError('ValidationException', 'TimeToLive is already disabled');
    await ttl.set(table, spec.Enabled ? name : null);
    return { TimeToLiveSpecification: { AttributeName: name, Enabled: spec.Enabled } };
  };

  return {
    prefix: 'DynamoDB_20120810',
    contentType: 'application/x-amz-json-1.0',
    namespace: 'com.amazonaws.dynamodb.v20120810',
    operations,
  };
}

/** One call to dynalite; its error answers become AwsErrors with the same name, message and status. */
async function call(dynalite: Dynalite, operation: string, input: unknown): Promise<Record<string, unknown>> {
  try {
    return await dynalite.call(operation, input);
  } catch (error) {
    if (error instanceof DynamoDbError) throw new AwsError(error.code, error.message, error.status);
    throw error;
  }
}
