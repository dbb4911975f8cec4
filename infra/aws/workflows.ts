/**
 * One Step Functions state machine per `WorkflowSpec`. The definition goes into the template as
 * written; CloudFormation fills in its placeholders from `DefinitionSubstitutions`.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { WorkflowSpec } from '../topology';
import type { ResolvedTopology, WorkflowReferences } from './references';

// Step Functions manages this rule itself to learn when a `.sync` child execution ends.
const SYNC_EVENTS_RULE = 'StepFunctionsGetEventsForStepFunctionsExecutionRule';

export interface WorkflowsProps {
  /** The topology's workflows, already checked and in start order (see `resolveTopology`). */
  resolved: ResolvedTopology;
  functions: ReadonlyMap<string, lambda.IFunction>;
  /** How long execution logs are kept. */
  logRetention?: logs.RetentionDays;
}

/** The topology's workflows, by name. */
export class Workflows extends Construct {
  readonly byName: ReadonlyMap<string, sfn.StateMachine>;

  constructor(scope: Construct, id: string, props: WorkflowsProps) {
    super(scope, id);
    const byName = new Map<string, sfn.StateMachine>();
    for (const spec of props.resolved.workflows) {
      const references = props.resolved.references.get(spec.name) as WorkflowReferences;
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
    const functions = [...references.functions].map(([placeholder, name]) => ({
      placeholder,
      target: props.functions.get(name) as lambda.IFunction,
    }));
    const workflows = [...references.workflows].map(([placeholder, name]) => ({
      placeholder,
      // resolveTopology ordered the workflows so that every one started here already exists.
      target: created.get(name) as sfn.StateMachine,
    }));

    const stateMachine = new sfn.StateMachine(this, spec.name, {
      definitionBody: sfn.DefinitionBody.fromString(JSON.stringify(spec.definition)),
      definitionSubstitutions: Object.fromEntries([
        ...functions.map(({ placeholder, target }) => [placeholder, target.functionArn]),
        ...workflows.map(({ placeholder, target }) => [placeholder, target.stateMachineArn]),
      ]),
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
          resources: [
            Stack.of(this).formatArn({
              service: 'events',
              resource: 'rule',
              resourceName: SYNC_EVENTS_RULE,
              arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
            }),
          ],
        }),
      );
    }
    return stateMachine;
  }
}
