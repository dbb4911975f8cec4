/**
 * One source of truth: the CDK template and the local runtime are built from the same topology
 * and must run the same definitions. This synthesizes the fixture topologies, fills the template's
 * DefinitionSubstitutions with the local values of the same placeholders, compares with what the
 * local runtime created, and runs the workflows locally.
 */
import { DescribeStateMachineCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { Template } from 'aws-cdk-lib/assertions';
import type { LecternStack } from '../../infra/aws/lectern-stack';
import { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS } from '../../infra/local/apigateway/cors';
import { localEnvironment } from '../../infra/local/resources';
import type { LocalRuntime } from '../../infra/local/runtime';
import { stateMachineArn } from '../../infra/local/stepfunctions/arns';
import { placeholderValues } from '../../infra/local/stepfunctions/deploy';
import type { Topology } from '../../infra/topology';
import { substitute } from '../../workflows/placeholders';
import { resourcesTopology } from '../fixtures/resources-topology';
import { fixtureTopology } from '../fixtures/topology';
import { useRuntime } from '../support/local';
import { finished } from '../support/run';
import { propertiesOf, synth } from '../support/template';

interface Agreement {
  runtime: LocalRuntime;
  sfn: SFNClient;
  stack: LecternStack;
  template: Template;
}

/** The checks that the template and the local runtime agree on `topology`; returns the runtime for more tests. */
function agreeOn(topology: Topology): () => Agreement {
  const local = useRuntime(topology);
  let stack: LecternStack;
  let template: Template;

  beforeAll(() => {
    ({ stack, template } = synth(topology));
  });

  it('binds on AWS exactly the placeholders the local runtime binds', () => {
    for (const workflow of topology.workflows) {
      const { DefinitionSubstitutions } = propertiesOf(template, stack, stack.workflows.get(workflow.name)!);

      expect([workflow.name, Object.keys(DefinitionSubstitutions).sort()]).toEqual([
        workflow.name,
        Object.keys(placeholderValues(workflow, local.runtime.endpoint)).sort(),
      ]);
    }
  });

  it('creates locally exactly the definitions the template deploys', async () => {
    for (const workflow of topology.workflows) {
      const { DefinitionString } = propertiesOf(template, stack, stack.workflows.get(workflow.name)!);
      const deployed = JSON.parse(
        substitute(DefinitionString as string, placeholderValues(workflow, local.runtime.endpoint)),
      );

      const { definition } = await local.sfn.send(
        new DescribeStateMachineCommand({ stateMachineArn: stateMachineArn(workflow.name) }),
      );

      expect(JSON.parse(definition!)).toEqual(deployed);
    }
  });

  it('sets on AWS only resource variables that the local runtime sets too', () => {
    const localVariables = localEnvironment(topology, local.runtime.endpoint);
    for (const fn of stack.functions.values()) {
      const {
        POWERTOOLS_SERVICE_NAME: _service,
        NODE_OPTIONS: _options,
        ...variables
      } = propertiesOf(template, stack, fn).Environment.Variables;

      expect(Object.keys(variables).filter((name) => !(name in localVariables))).toEqual([]);
    }
  });

  return () => ({ runtime: local.runtime, sfn: local.sfn, stack, template });
}

describe('the fixture topology with functions and workflows', () => {
  const agreed = agreeOn(fixtureTopology);

  it('runs the fixture workflows locally: a workflow starting another and waiting for it', async () => {
    const { runtime, sfn } = agreed();
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: stateMachineArn('welcome'), input: '{"name":"Ada"}' }),
    );
    const e = await finished(runtime, sfn, executionArn!);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.result.Output).toEqual({ greeting: 'Hello, Ada' });
  });
});

describe('the fixture topology with queues, tables, buses, buckets and MediaConvert', () => {
  const agreed = agreeOn(resourcesTopology);

  it('allows on AWS the CORS methods and headers the local HTTP API allows', () => {
    const { stack, template } = agreed();
    const { AllowMethods, AllowHeaders } = propertiesOf(template, stack, stack.api!.api).CorsConfiguration;

    expect([AllowMethods.join(','), AllowHeaders.join(',')]).toEqual([
      CORS_ALLOW_METHODS,
      CORS_ALLOW_HEADERS,
    ]);
  });
});
