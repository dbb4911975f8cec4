/**
 * One Step Functions state machine per `WorkflowSpec`. The definition goes into the template as
 * written; CloudFormation fills in its placeholders from `DefinitionSubstitutions`, and the role
 * may touch exactly what they name.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { WorkflowSpec } from '../topology';
import { MediaConvertJobs } from './mediaconvert';
import { MEDIA_CONVERT_ROLE, type ResolvedTopology, type WorkflowReferences } from './references';
import { lookup, type TopologyResources } from './resources';
import { syncEventsRuleArn } from './sync-rules';

// Step Functions manages this rule itself to learn when a `.sync` child execution ends.
const SYNC_EVENTS_RULE = 'StepFunctionsGetEventsForStepFunctionsExecutionRule';

export interface WorkflowsProps {
  /** The topology's workflows, already checked and in creation order (see `resolveTopology`). */
  resolved: ResolvedTopology;
  functions: ReadonlyMap<string, lambda.IFunction>;
  resources: TopologyResources;
  /** How long execution logs are kept. */
  logRetention?: logs.RetentionDays;
}

/** A placeholder and the construct it stands for. */
interface Binding<T> {
  placeholder: string;
  target: T;
}

/** The topology's workflows, by name. */
export class Workflows extends Construct {
  readonly byName: ReadonlyMap<string, sfn.StateMachine>;

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const byName = new Map<string, sfn.StateMachine>();
    for (const spec of props.resolved.workflows) {
      const references = lookup(props.resolved.references, spec.name);
      byName.set(spec.name, this.create(spec, references, props, byName));
    }
    this.byName = byName;
  }

  private create(
    spec: WorkflowSpec,
    references: WorkflowReferences,
    props: WorkflowsProps,
    created: ReadonlyMap<string, sfn.StateMachine>,
  ): sfn.StateMachine {
    const bind = <T>(map: ReadonlyMap<string, string>, targets: ReadonlyMap<string, T>): Binding<T>[] =>
      [...map].map(([placeholder, name]) => ({ placeholder, target: lookup(targets, name) }));
    const functions = bind(references.functions, props.functions);
    // resolveTopology ordered the workflows so that every one started here already exists.
    const workflows = bind(references.workflows, created);
    const queues = bind(references.queues, props.resources.queues);
    const tables = bind(references.tables, props.resources.tables);
    const buses = bind(references.buses, props.resources.buses);
    const buckets = bind(references.buckets, props.resources.buckets);
    const mediaConvert = references.mediaConvert
      ? new MediaConvertJobs(this, `${spec.name}MediaConvert`, { buckets: buckets.map((b) => b.target) })
      : undefined;

    const substitutions: Record<string, string> = Object.fromEntries([
      ...functions.map(({ placeholder, target }) => [placeholder, target.functionArn]),
      ...workflows.map(({ placeholder, target }) => [placeholder, target.stateMachineArn]),
      ...queues.map(({ placeholder, target }) => [placeholder, target.queueUrl]),
      ...tables.map(({ placeholder, target }) => [placeholder, target.tableName]),
      ...buses.map(({ placeholder, target }) => [placeholder, target.eventBusName]),
      ...buckets.map(({ placeholder, target }) => [placeholder, target.bucketName]),
    ]);
    if (mediaConvert) substitutions[MEDIA_CONVERT_ROLE] = mediaConvert.role.roleArn;

    const stateMachine = new sfn.StateMachine(this, spec.name, {
      definitionBody: sfn.DefinitionBody.fromString(JSON.stringify(spec.definition)),
      definitionSubstitutions: substitutions,
      stateMachineType:
        spec.type === 'EXPRESS' ? sfn.StateMachineType.EXPRESS : sfn.StateMachineType.STANDARD,
      tracingEnabled: true,
      logs: {
        destination: new logs.LogGroup(this, `${spec.name}Logs`, {
          retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH,
        }),
        level: sfn.LogLevel.ERROR,
        // Inputs and outputs carry e-mail addresses and payment details; the execution history has them.
        includeExecutionData: false,
      },
    });

    for (const { target } of functions) target.grantInvoke(stateMachine);
    for (const { target } of workflows) {
      target.grantStartExecution(stateMachine);
      if (references.waitsForExecutions) {
        target.grantExecution(stateMachine, 'states:DescribeExecution', 'states:StopExecution');
      }
    }
    if (references.waitsForExecutions && workflows.length > 0) {
      stateMachine.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
          resources: [syncEventsRuleArn(this, SYNC_EVENTS_RULE)],
        }),
      );
    }
    for (const { target } of queues) target.grantSendMessages(stateMachine);
    // Only the item actions its DynamoDB tasks call; none when it merely hands a table's name on.
    if (references.tableActions.length > 0) {
      for (const { target } of tables) target.grant(stateMachine, ...references.tableActions);
    }
    for (const { target } of buses) target.grantPutEventsTo(stateMachine);
    mediaConvert?.grantRun(stateMachine, references.waitsForMediaConvertJobs);
    return stateMachine;
  }
}
