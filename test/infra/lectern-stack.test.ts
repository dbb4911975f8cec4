import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { LecternStack } from '../../infra/aws/lectern-stack';
import { TopologyError } from '../../infra/aws/references';
import { topology, type Topology, type WorkflowSpec } from '../../infra/topology';
import { placeholdersOf, substitute } from '../../workflows/placeholders';
import { fixtureTopology } from '../fixtures/topology';
import { getAtt, logicalId, statementsAllowing, statementsOf, synth } from '../support/template';

function stateMachineOf(template: Template, stack: LecternStack, name: string) {
  const resources = template.findResources('AWS::StepFunctions::StateMachine');
  return resources[logicalId(stack, stack.workflows.get(name)!)].Properties;
}

/** The fixture with one workflow replaced. */
function withWorkflow(workflow: WorkflowSpec): Topology {
  return { functions: [], workflows: [workflow] };
}

const startOnly = (name: string, workflows: Record<string, string>, arn = '${Child}'): WorkflowSpec => ({
  name,
  workflows,
  definition: {
    StartAt: 'Start',
    States: {
      Start: {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution',
        Parameters: { StateMachineArn: arn },
        End: true,
      },
    },
  },
});

const passOnly: WorkflowSpec = {
  name: 'child',
  definition: { StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } },
};

describe('LecternStack from the fixture topology', () => {
  let stack: LecternStack;
  let template: Template;

  beforeAll(() => {
    ({ stack, template } = synth(fixtureTopology));
  });

  it('runs every function on Node.js 22 on arm64', () => {
    template.allResourcesProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
    });
  });

  it('takes timeout and memory from the spec, defaulting to 10 s and 256 MB', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const greet = functions[logicalId(stack, stack.functions.get('greet')!)].Properties;
    const unused = functions[logicalId(stack, stack.functions.get('unused')!)].Properties;

    expect([greet.Timeout, greet.MemorySize]).toEqual([5, 128]);
    expect([unused.Timeout, unused.MemorySize]).toEqual([10, 256]);
  });

  it('gives every function the Powertools service name and its own log group with retention', () => {
    template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: 'lectern' }) },
      LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
    });
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('keeps the definition as written and binds its placeholder to the function ARN', () => {
    const greeting = fixtureTopology.workflows[0];
    const properties = stateMachineOf(template, stack, 'greeting');

    expect(properties.DefinitionString).toBe(JSON.stringify(greeting.definition));
    expect(properties.DefinitionSubstitutions).toEqual({
      GreetFunction: getAtt(stack, stack.functions.get('greet')!, 'Arn'),
    });
  });

  it('leaves no placeholder once CloudFormation applies the substitutions', () => {
    const properties = stateMachineOf(template, stack, 'greeting');
    const values = Object.fromEntries(
      Object.entries(properties.DefinitionSubstitutions).map(([name, value]) => [
        name,
        JSON.stringify(value),
      ]),
    );

    const deployed = substitute(JSON.parse(properties.DefinitionString), values, 'greeting');

    expect(placeholdersOf(deployed)).toEqual([]);
    expect(deployed.States.Greet.Arguments.FunctionName).toBe(
      JSON.stringify(getAtt(stack, stack.functions.get('greet')!, 'Arn')),
    );
  });

  it('lets a workflow invoke only the functions it references', () => {
    const greet = logicalId(stack, stack.functions.get('greet')!);
    const roleId = logicalId(stack, stack.workflows.get('greeting')!.role);

    const invokes = statementsAllowing(statementsOf(template, roleId), 'lambda:InvokeFunction');

    expect(invokes.flatMap((s) => [s.Resource].flat())).toEqual([
      { 'Fn::GetAtt': [greet, 'Arn'] },
      { 'Fn::Join': ['', [{ 'Fn::GetAtt': [greet, 'Arn'] }, ':*']] },
    ]);
  });

  it('lets a workflow start, watch and stop only the workflows it references, and no function', () => {
    const child = stack.workflows.get('greeting')!;
    const statements = statementsOf(template, logicalId(stack, stack.workflows.get('welcome')!.role));

    expect(statementsAllowing(statements, 'states:StartExecution').map((s) => s.Resource)).toEqual([
      { Ref: logicalId(stack, child) },
    ]);
    const watch = statementsAllowing(statements, 'states:DescribeExecution');
    expect(watch).toHaveLength(1);
    expect(watch[0].Action).toEqual(
      expect.arrayContaining(['states:DescribeExecution', 'states:StopExecution']),
    );
    // arn:…:execution:<the child's name, split from its ARN>:*
    expect(watch[0].Resource).toEqual({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':states:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          ':execution:',
          { 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: logicalId(stack, child) }] }] },
          ':*',
        ],
      ],
    });
    expect(statementsAllowing(statements, 'lambda:InvokeFunction')).toEqual([]);
  });

  it('lets a workflow that waits for child executions manage only the Step Functions events rule', () => {
    const statements = statementsOf(template, logicalId(stack, stack.workflows.get('welcome')!.role));

    const rules = statementsAllowing(statements, 'events:PutRule');

    expect(rules).toHaveLength(1);
    expect(JSON.stringify(rules[0].Resource)).toMatch(
      /:rule\/StepFunctionsGetEventsForStepFunctionsExecutionRule"\]\]\}$/,
    );
  });

  it('creates each workflow with its type, error-level logging and tracing', () => {
    expect(stateMachineOf(template, stack, 'greeting').StateMachineType).toBe('EXPRESS');
    expect(stateMachineOf(template, stack, 'welcome').StateMachineType).toBe('STANDARD');
    template.allResourcesProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: Match.objectLike({ Level: 'ERROR', IncludeExecutionData: false }),
      TracingConfiguration: { Enabled: true },
    });
  });
});

describe('LecternStack permissions without .sync', () => {
  it('grants StartExecution only, with no execution or events rule access', () => {
    const { stack, template } = synth({
      functions: [],
      workflows: [passOnly, startOnly('parent', { Child: 'child' })],
    });
    const statements = statementsOf(template, logicalId(stack, stack.workflows.get('parent')!.role));

    expect(statementsAllowing(statements, 'states:StartExecution')).toHaveLength(1);
    expect(statementsAllowing(statements, 'states:DescribeExecution')).toEqual([]);
    expect(statementsAllowing(statements, 'events:PutRule')).toEqual([]);
  });
});

describe('LecternStack refuses a topology that does not add up', () => {
  it('refuses a workflow that references an unknown function', () => {
    const greeting = { ...fixtureTopology.workflows[0], functions: { GreetFunction: 'nope' } };

    const act = () => synth({ ...fixtureTopology, workflows: [greeting] });

    expect(act).toThrow(TopologyError);
    expect(act).toThrow('Workflow "greeting" maps ${GreetFunction} to the unknown function "nope"');
  });

  it('refuses a workflow that references an unknown workflow', () => {
    expect(() => synth(withWorkflow(startOnly('parent', { Child: 'missing' })))).toThrow(
      'Workflow "parent" maps ${Child} to the unknown workflow "missing"',
    );
  });

  it('refuses a placeholder that no map declares', () => {
    expect(() =>
      synth({ functions: [], workflows: [passOnly, startOnly('parent', { Child: 'child' }, '${Kid}')] }),
    ).toThrow('Workflow "parent" uses ${Kid}, which none of its placeholder maps');
  });

  it('refuses a declared placeholder that the definition never uses', () => {
    const unused = { ...passOnly, name: 'idle', workflows: { Child: 'child' } };

    expect(() => synth({ functions: [], workflows: [passOnly, unused] })).toThrow(
      'Workflow "idle" declares ${Child} but its definition never uses it',
    );
  });

  it('refuses workflows that start each other', () => {
    const a = startOnly('a', { Child: 'b' });
    const b = startOnly('b', { Child: 'a' });

    expect(() => synth({ functions: [], workflows: [a, b] })).toThrow(
      'Workflows and functions refer to each other in a cycle (workflow "a" → workflow "b" → workflow "a")',
    );
  });

  it('refuses a function whose entry does not exist', () => {
    expect(() =>
      synth({ functions: [{ name: 'ghost', entry: 'handlers/ghost.ts' }], workflows: [] }),
    ).toThrow(/Function "ghost" has entry "handlers\/ghost.ts", which does not exist/);
  });
});

describe("Lectern's own topology", () => {
  it('synthesizes, with one function and one state machine per entry', () => {
    const { stack, template } = synth(topology);
    const resources = template.toJSON().Resources ?? {};

    // Counted by construct, not by type: the CDK adds helper functions of its own (e.g. for S3 notifications).
    for (const fn of stack.functions.values())
      expect(resources[logicalId(stack, fn)].Type).toBe('AWS::Lambda::Function');
    expect([...stack.functions.keys()]).toEqual(topology.functions.map((f) => f.name));
    template.resourceCountIs('AWS::StepFunctions::StateMachine', topology.workflows.length);
  });
});
