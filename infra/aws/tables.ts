/** One DynamoDB table per `TableSpec`: on demand, with point-in-time recovery, kept when the stack goes. */
import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import type { KeySpec, TableSpec } from '../topology';

export interface TablesProps {
  specs: TableSpec[];
}

/** The topology's tables, by name. */
export class Tables extends Construct {
  readonly byName: ReadonlyMap<string, dynamodb.Table>;

  constructor(scope: Construct, id: string, props: TablesProps) {
    super(scope, id);
    this.byName = new Map(props.specs.map((spec) => [spec.name, this.create(spec)]));
  }

  private create(spec: TableSpec): dynamodb.Table {
    const table = new dynamodb.Table(this, spec.name, {
      partitionKey: attribute(spec.partitionKey),
      sortKey: spec.sortKey && attribute(spec.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: spec.timeToLiveAttribute,
      // Users, purchases and grants outlive any one deployment of the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of spec.indexes ?? []) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: index.sortKey && attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }
}

const TYPES = {
  S: dynamodb.AttributeType.STRING,
  N: dynamodb.AttributeType.NUMBER,
  B: dynamodb.AttributeType.BINARY,
} as const;

const attribute = (key: KeySpec): dynamodb.Attribute => ({ name: key.name, type: TYPES[key.type] });
