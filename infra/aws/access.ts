/**
 * What each function may touch: exactly the grants its `access` lists, through the CDK's `grant*`
 * methods, and for every resource it touches the `resourceEnv` variable naming it (as the local
 * runtime sets them).
 */
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { resourceEnv, type Access, type FunctionSpec } from '../topology';
import { lookup, type TopologyResources } from './resources';

export interface FunctionAccessProps {
  /** Checked by `resolveTopology`: every name in every `access` exists. */
  specs: FunctionSpec[];
  functions: ReadonlyMap<string, lambda.Function>;
  resources: TopologyResources;
  workflows: ReadonlyMap<string, sfn.IStateMachine>;
  /** The verified SES identity functions with `mail` access send from. */
  mailFrom?: string;
}

/** Grants every function its `access` and tells it the names of what it accesses. */
export class FunctionAccess extends Construct {
  private mailIdentity?: ses.IEmailIdentity;

  constructor(scope: Construct, id: string, props: FunctionAccessProps) {
    super(scope, id);
    for (const spec of props.specs) {
      if (spec.access) this.grant(lookup(props.functions, spec.name), spec.access, props);
    }
  }

  private grant(fn: lambda.Function, access: Access, props: FunctionAccessProps): void {
    const { queues, tables, buckets, buses } = props.resources;

    for (const [name, level] of Object.entries(access.tables ?? {})) {
      const table = lookup(tables, name);
      if (level === 'read') table.grantReadData(fn);
      else table.grantReadWriteData(fn);
      fn.addEnvironment(resourceEnv('table', name), table.tableName);
    }
    for (const [name, level] of Object.entries(access.queues ?? {})) {
      const queue = lookup(queues, name);
      if (level === 'send') queue.grantSendMessages(fn);
      else queue.grantConsumeMessages(fn);
      fn.addEnvironment(resourceEnv('queue', name), queue.queueUrl);
    }
    for (const [name, level] of Object.entries(access.buckets ?? {})) {
      const bucket = lookup(buckets, name);
      if (level === 'read') bucket.grantRead(fn);
      else if (level === 'write') bucket.grantWrite(fn);
      else bucket.grantReadWrite(fn);
      fn.addEnvironment(resourceEnv('bucket', name), bucket.bucketName);
    }
    for (const name of access.buses ?? []) {
      const bus = lookup(buses, name);
      bus.grantPutEventsTo(fn);
      fn.addEnvironment(resourceEnv('bus', name), bus.eventBusName);
    }
    for (const [name, level] of Object.entries(access.workflows ?? {})) {
      const workflow = lookup(props.workflows, name);
      if (level === 'start') workflow.grantStartExecution(fn);
      else workflow.grantTaskResponse(fn);
      fn.addEnvironment(resourceEnv('workflow', name), workflow.stateMachineArn);
    }
    if (access.mail) this.mailFrom(props).grantSendEmail(fn);
  }

  private mailFrom(props: FunctionAccessProps): ses.IEmailIdentity {
    // An identity verified outside the stack (verification needs DNS or a click); checked by resolveTopology.
    this.mailIdentity ??= ses.EmailIdentity.fromEmailIdentityName(this, 'MailFrom', props.mailFrom as string);
    return this.mailIdentity;
  }
}
