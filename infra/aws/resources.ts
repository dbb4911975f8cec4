import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';

/** The topology's queues, tables, buckets and buses, by logical name, as the stack created them. */
export interface TopologyResources {
  queues: ReadonlyMap<string, sqs.IQueue>;
  tables: ReadonlyMap<string, dynamodb.ITable>;
  buckets: ReadonlyMap<string, s3.IBucket>;
  buses: ReadonlyMap<string, events.IEventBus>;
}

/** `map`'s entry for `name`, which `resolveTopology` has made sure exists. */
export function lookup<T>(map: ReadonlyMap<string, T>, name: string): T {
  const value = map.get(name);
  if (value === undefined)
    throw new Error(`Nothing is named "${name}", which resolveTopology should have refused`);
  return value;
}
