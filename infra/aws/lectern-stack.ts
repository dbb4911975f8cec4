/** Lectern on AWS: the topology's resources, functions, workflows, rules and API, composed; the constructs do the work. */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { Topology } from '../topology';
import { FunctionAccess } from './access';
import { Buckets } from './buckets';
import { Buses } from './buses';
import { Functions } from './functions';
import { HttpApi } from './http-api';
import { Queues } from './queues';
import { resolveTopology } from './references';
import { Rules } from './rules';
import { checkSecretArn, StackSecrets } from './secrets';
import { Tables } from './tables';
import { Workflows } from './workflows';

export interface LecternStackProps extends StackProps {
  topology: Topology;
  /**
   * The complete ARN of an existing secret for the functions' stored secrets (e.g. the one a
   * torn-down stack left behind); without it the stack creates one (see `secrets.ts`).
   */
  secretArn?: string;
}

export class LecternStack extends Stack {
  /** The topology's functions, by name. */
  readonly functions: ReadonlyMap<string, lambda.Function>;
  /** The topology's workflows, by name. */
  readonly workflows: ReadonlyMap<string, sfn.StateMachine>;
  readonly queues: ReadonlyMap<string, sqs.Queue>;
  readonly tables: ReadonlyMap<string, dynamodb.Table>;
  readonly buckets: ReadonlyMap<string, s3.Bucket>;
  readonly buses: ReadonlyMap<string, events.EventBus>;
  readonly rules: ReadonlyMap<string, events.Rule>;
  /** The HTTP API, when the topology has routes. */
  readonly api?: HttpApi;

  constructor(scope: Construct, id: string, props: LecternStackProps) {
    super(scope, id, props);
    const { topology } = props;
    // Checked first, so a wrong name or secret ARN fails before any handler is bundled.
    const resolved = resolveTopology(topology);
    checkSecretArn(props.secretArn);

    this.queues = new Queues(this, 'Queues', { specs: topology.queues ?? [] }).byName;
    this.tables = new Tables(this, 'Tables', { specs: topology.tables ?? [] }).byName;
    this.buckets = new Buckets(this, 'Buckets', { specs: topology.buckets ?? [] }).byName;
    this.buses = new Buses(this, 'Buses', { specs: topology.buses ?? [] }).byName;
    const resources = { queues: this.queues, tables: this.tables, buckets: this.buckets, buses: this.buses };

    this.functions = new Functions(this, 'Functions', {
      specs: topology.functions,
      serviceName: 'lectern',
      queues: this.queues,
    }).byName;
    const { secret } = new StackSecrets(this, 'Secrets', {
      specs: topology.functions,
      functions: this.functions,
      secretArn: props.secretArn,
    });
    this.workflows = new Workflows(this, 'Workflows', {
      resolved,
      functions: this.functions,
      resources,
    }).byName;
    new FunctionAccess(this, 'Access', {
      specs: topology.functions,
      functions: this.functions,
      workflows: this.workflows,
      resources,
      mailFrom: topology.mailFrom,
    });
    this.rules = new Rules(this, 'Rules', {
      specs: topology.rules ?? [],
      buses: this.buses,
      functions: this.functions,
      workflows: this.workflows,
      queues: this.queues,
    }).byName;

    if (secret) {
      new CfnOutput(this, 'SecretArn', {
        value: secret.secretArn,
        description: 'The secret the operator fills in: a JSON object keyed by secret name',
      });
    }
    if (topology.api) {
      this.api = new HttpApi(this, 'HttpApi', { spec: topology.api, functions: this.functions });
      new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'The HTTP API, $default stage' });
    }
  }
}
