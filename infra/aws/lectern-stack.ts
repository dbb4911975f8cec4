/** Lectern on AWS: the topology's functions and workflows, composed; the constructs do the work. */
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { Topology } from '../topology';
import { Functions } from './functions';
import { resolveTopology } from './references';
import { Workflows } from './workflows';

export interface LecternStackProps extends StackProps {
  topology: Topology;
}

export class LecternStack extends Stack {
  /** The topology's functions, by name. */
  readonly functions: ReadonlyMap<string, lambda.Function>;
  /** The topology's workflows, by name. */
  readonly workflows: ReadonlyMap<string, sfn.StateMachine>;

  constructor(scope: Construct, id: string, props: LecternStackProps) {
    super(scope, id, props);
    // Checked first, so a wrong name fails before any handler is bundled.
    const resolved = resolveTopology(props.topology);
    this.functions = new Functions(this, 'Functions', {
      specs: props.topology.functions,
      serviceName: 'lectern',
    }).byName;
    this.workflows = new Workflows(this, 'Workflows', { resolved, functions: this.functions }).byName;
  }
}
