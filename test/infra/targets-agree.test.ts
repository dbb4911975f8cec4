/**
 * One source of truth: the CDK template and the local runtime are built from the same topology
 * and must run the same definitions. This synthesizes the fixture topology, fills the template's
 * DefinitionSubstitutions with the local ARNs, compares with what the local runtime created, and
 * runs the workflows locally.
 */
import { DescribeStateMachineCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { App, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LecternStack } from '../../infra/aws/lectern-stack';
import { LocalFunctions } from '../../infra/local/lambda/functions';
import type { LocalRuntime } from '../../infra/local/runtime';
import { stateMachineArn } from '../../infra/local/stepfunctions/arns';
import { substitute } from '../../workflows/placeholders';
import { fixtureTopology } from '../fixtures/topology';
import { startTestRuntime } from '../support/local';
import { finished } from '../support/run';

let runtime: LocalRuntime;
let sfn: SFNClient;

beforeAll(async () => {
  ({ runtime, sfn } = await startTestRuntime(fixtureTopology));
});
afterAll(async () => {
  sfn.destroy();
  await runtime.close();
});

it('creates locally exactly the definitions the template deploys', async () => {
  const stack = new LecternStack(new App(), 'Agree', { topology: fixtureTopology });
  const template = Template.fromStack(stack);
  const machines = template.findResources('AWS::StepFunctions::StateMachine');
  for (const workflow of fixtureTopology.workflows) {
    const id = stack.getLogicalId(stack.workflows.get(workflow.name)!.node.defaultChild as CfnElement);
    const { DefinitionString, DefinitionSubstitutions } = machines[id].Properties;
    // Each substitution names a function or workflow; locally they resolve to local ARNs.
    const local: Record<string, string> = {};
    for (const placeholder of Object.keys(DefinitionSubstitutions)) {
      const fn = workflow.functions?.[placeholder];
      local[placeholder] = fn ? LocalFunctions.arn(fn) : stateMachineArn(workflow.workflows![placeholder]);
    }
    const deployed = JSON.parse(substitute(DefinitionString as string, local));
    const { definition } = await sfn.send(
      new DescribeStateMachineCommand({ stateMachineArn: stateMachineArn(workflow.name) }),
    );
    expect(JSON.parse(definition!)).toEqual(deployed);
  }
});

it('runs the fixture workflows locally: a workflow starting another and waiting for it', async () => {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn: stateMachineArn('welcome'), input: '{"name":"Ada"}' }),
  );
  const e = await finished(runtime, sfn, executionArn!);
  expect(e.status).toBe('SUCCEEDED');
  expect(e.result.Output).toEqual({ greeting: 'Hello, Ada' });
});
