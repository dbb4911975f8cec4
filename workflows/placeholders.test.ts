import type { Definition } from './asl';
import { placeholdersOf, substitute, UnboundPlaceholderError } from './placeholders';

const definition: Definition = {
  StartAt: 'Grant',
  States: {
    Grant: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: '${GrantEntitlementFunction}', Payload: '{% $states.input %}' },
      Next: 'Notify',
    },
    Notify: {
      Type: 'Task',
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Arguments: { StateMachineArn: '${SendMailWorkflow}', Input: { retry: '${GrantEntitlementFunction}' } },
      End: true,
    },
  },
};

describe('placeholdersOf', () => {
  it('lists each placeholder once, in order of first use, from nested strings', () => {
    expect(placeholdersOf(definition)).toEqual(['GrantEntitlementFunction', 'SendMailWorkflow']);
  });

  it('finds placeholders in keys, in arrays and inside longer strings', () => {
    const node = { '${KeyName}': ['prefix-${InArray}-suffix', 42, null, true] };

    expect(placeholdersOf(node)).toEqual(['KeyName', 'InArray']);
  });

  it('reports non-identifier placeholders that CloudFormation would try to resolve', () => {
    expect(placeholdersOf({ Resource: 'arn:${AWS::Partition}:states:::lambda:invoke' })).toEqual([
      'AWS::Partition',
    ]);
  });

  it('ignores JSONPath and JSONata syntax', () => {
    expect(
      placeholdersOf({ a: '$.detail', b: '{% $states.input.id %}', c: "States.Format('{}', $.x)" }),
    ).toEqual([]);
  });
});

describe('substitute', () => {
  const values = {
    GrantEntitlementFunction: 'arn:aws:lambda:eu-west-1:123456789012:function:grant',
    SendMailWorkflow: 'arn:aws:states:eu-west-1:123456789012:stateMachine:mail',
  };

  it('replaces every placeholder with its value', () => {
    const result = substitute(definition, values);

    expect(result.States.Grant.Arguments).toEqual({
      FunctionName: values.GrantEntitlementFunction,
      Payload: '{% $states.input %}',
    });
    expect(result.States.Notify.Arguments).toEqual({
      StateMachineArn: values.SendMailWorkflow,
      Input: { retry: values.GrantEntitlementFunction },
    });
    expect(placeholdersOf(result)).toEqual([]);
  });

  it('leaves the given definition unchanged', () => {
    const before = JSON.stringify(definition);

    substitute(definition, values);

    expect(JSON.stringify(definition)).toBe(before);
  });

  it('does not rescan a value that itself looks like a placeholder', () => {
    expect(substitute({ a: '${A}' }, { A: '${B}' })).toEqual({ a: '${B}' });
  });

  it('throws an error naming the workflow and every unbound placeholder', () => {
    const act = () => substitute(definition, { GrantEntitlementFunction: 'arn' }, 'grantEntitlement');

    expect(act).toThrow(UnboundPlaceholderError);
    expect(act).toThrow('Workflow "grantEntitlement" has no value for ${SendMailWorkflow}');
  });

  it('throws even without a workflow name', () => {
    expect(() => substitute({ a: '${A}' }, {})).toThrow('A workflow has no value for ${A}');
  });
});
