import type { Json, JsonObject } from '../../../../workflows/asl';
import { evaluateDynamicValue, evaluatePayloadTemplate } from './payload';
import { StatesError } from './states-error';

const context: JsonObject = { DayOfWeek: 'TUESDAY', Task: { Token: 'token-123' } };

describe('evaluatePayloadTemplate', () => {
  it('builds the effective input of the ASL specification example', () => {
    const parameters = {
      flagged: true,
      parts: { 'first.$': '$.vals[0]', 'last3.$': '$.vals[-3:]' },
      'weekday.$': '$$.DayOfWeek',
      'formattedOutput.$': "States.Format('Today is {}', $$.DayOfWeek)",
    };
    const input = { flagged: 7, vals: [0, 10, 20, 30, 40, 50] };
    expect(evaluatePayloadTemplate(parameters, { input, context, variables: {} })).toEqual({
      flagged: true,
      parts: { first: 0, last3: [30, 40, 50] },
      weekday: 'TUESDAY',
      formattedOutput: 'Today is TUESDAY',
    });
  });

  it('passes a task token from the Context object', () => {
    const parameters = {
      QueueUrl: 'https://sqs/outbox',
      MessageBody: { 'TaskToken.$': '$$.Task.Token', 'email.$': '$.email' },
    };
    expect(
      evaluatePayloadTemplate(parameters, { input: { email: 'ana@example.com' }, context, variables: {} }),
    ).toEqual({
      QueueUrl: 'https://sqs/outbox',
      MessageBody: { TaskToken: 'token-123', email: 'ana@example.com' },
    });
  });

  it('reads variables, as in the JSONPath-to-JSONata conversion example', () => {
    const parameters = {
      static: 'Hello',
      'title.$': '$.title',
      'name.$': '$customerName',
      'not-evaluated': '$customerName',
    };
    const payload = evaluatePayloadTemplate(parameters, {
      input: { title: 'Doctor' },
      context,
      variables: { customerName: 'María' },
    });
    expect(payload).toEqual({
      static: 'Hello',
      title: 'Doctor',
      name: 'María',
      'not-evaluated': '$customerName',
    });
  });

  it('processes objects inside arrays', () => {
    const template: Json = { entries: [{ 'id.$': '$.id' }, 'plain', { nested: [{ 'n.$': '$.n' }] }] };
    expect(evaluatePayloadTemplate(template, { input: { id: 'a', n: 2 }, context, variables: {} })).toEqual({
      entries: [{ id: 'a' }, 'plain', { nested: [{ n: 2 }] }],
    });
  });

  it('leaves strings in fields without the .$ suffix untouched', () => {
    const template = { path: '$.id', jsonata: '{% $x %}' };
    expect(evaluatePayloadTemplate(template, { input: { id: 'a' }, context, variables: {} })).toEqual(
      template,
    );
  });

  it('keeps the whole input for $ and an indefinite path as an array', () => {
    const input = { items: [{ sku: 'A' }, { sku: 'B' }] };
    expect(
      evaluatePayloadTemplate(
        { 'all.$': '$', 'skus.$': '$.items[*].sku' },
        { input, context, variables: {} },
      ),
    ).toEqual({
      all: input,
      skus: ['A', 'B'],
    });
  });

  it('fails with States.Runtime worded as AWS when a path names nothing', () => {
    const run = (): Json =>
      evaluatePayloadTemplate(
        { 'value.$': '$.no_such_jsonpath' },
        { input: { a: 1 }, context, variables: {} },
      );
    expect(run).toThrow(
      new StatesError(
        'States.Runtime',
        "The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"a\":1}'",
      ),
    );
  });

  it('names the template input, not the Context object, when a $$ path names nothing', () => {
    const run = (): Json =>
      evaluatePayloadTemplate(
        { deep: { 'value.$': '$$.Execution.Input.x' } },
        { input: { a: 1 }, context, variables: {} },
      );
    expect(run).toThrow(
      /'\$\$\.Execution\.Input\.x' specified for the field 'value\.\$' could not be found in the input '\{"a":1\}'/,
    );
  });
});

describe('evaluateDynamicValue', () => {
  it('evaluates an intrinsic call', () => {
    expect(
      evaluateDynamicValue("States.Format('{}-{}', $.a, $.b)", 'x.$', {
        input: { a: 1, b: 2 },
        context,
        variables: {},
      }),
    ).toBe('1-2');
  });

  it('refuses a value that is not a string', () => {
    expect(() => evaluateDynamicValue(5, 'x.$', { input: {}, context, variables: {} })).toThrow(StatesError);
  });
});
