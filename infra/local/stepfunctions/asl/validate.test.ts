import { invalidDefinitionMessage, validateDefinition, type Diagnostic } from './validate';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type States = Record<string, Json>;

const LAMBDA = 'arn:aws:states:::lambda:invoke';

const json = (definition: Json | string): string =>
  typeof definition === 'string' ? definition : JSON.stringify(definition);

/** A machine whose first state is `states`' first key. */
const machine = (states: States, top: Record<string, Json> = {}): Json => ({
  StartAt: Object.keys(states)[0],
  States: states,
  ...top,
});

const jsonata = (states: States, top: Record<string, Json> = {}): Json =>
  machine(states, { QueryLanguage: 'JSONata', ...top });

/** A single state, ending the machine. */
const single = (state: Record<string, Json>, top: Record<string, Json> = {}): Json =>
  machine({ S: state }, top);

/** The one diagnostic a definition has; fails when it has none or several. */
function onlyProblem(definition: Json | string): Diagnostic {
  const diagnostics = validateDefinition(json(definition));
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0];
}

/** The text a caller of CreateStateMachine reads must name the state and the field at fault. */
function expectNamed(diagnostic: Diagnostic, ...names: string[]): void {
  const text = invalidDefinitionMessage([diagnostic]);
  for (const name of names) expect(text).toContain(name);
}

const schemaError = (location: string, message?: string) => ({
  severity: 'ERROR',
  code: 'SCHEMA_VALIDATION_FAILED',
  location,
  ...(message === undefined ? {} : { message }),
});

// A course-purchase workflow touching every state type, as the workflows in this repo are written.
const PURCHASE_JSONPATH: Json = {
  Comment: 'Sell a course and grant access',
  StartAt: 'ValidateOrder',
  TimeoutSeconds: 3600,
  Version: '1.0',
  States: {
    ValidateOrder: {
      Type: 'Pass',
      Parameters: {
        'orderId.$': '$.detail.orderId',
        'label.$': "States.Format('order {} for {}', $.detail.orderId, $.detail.email)",
        'requestId.$': '$$.Execution.Id',
        flags: { 'ids.$': 'States.Array($.a, States.MathAdd($.n, 1))' },
      },
      ResultPath: '$.order',
      Assign: { 'customer.$': '$.detail.email', attempts: 0 },
      Next: 'ChargeCard',
    },
    ChargeCard: {
      Type: 'Task',
      Resource: LAMBDA,
      Parameters: { FunctionName: 'charge', 'Payload.$': '$' },
      ResultSelector: { 'status.$': '$.Payload.status' },
      ResultPath: '$.charge',
      TimeoutSeconds: 30,
      HeartbeatSeconds: 10,
      Retry: [
        { ErrorEquals: ['PaymentProviderUnavailable'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2.0 },
        { ErrorEquals: ['States.ALL'], MaxDelaySeconds: 60, JitterStrategy: 'FULL' },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'PaymentFailed' }],
      Next: 'IsPaid',
    },
    IsPaid: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.charge.status', StringEquals: 'PAID', Next: 'WaitForSettlement' },
        {
          And: [
            { Variable: '$.charge.amount', NumericGreaterThanEqualsPath: '$.order.minimum' },
            { Not: { Variable: '$.charge.refunded', BooleanEquals: true } },
          ],
          Next: 'WaitForSettlement',
        },
        { Variable: '$customer', IsPresent: false, Next: 'PaymentFailed' },
      ],
      Default: 'PaymentFailed',
    },
    WaitForSettlement: { Type: 'Wait', SecondsPath: '$.charge.settleAfter', Next: 'Fulfil' },
    Fulfil: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'GrantEntitlement',
          States: { GrantEntitlement: { Type: 'Task', Resource: LAMBDA, End: true } },
        },
        {
          StartAt: 'SendReceipt',
          States: {
            SendReceipt: {
              Type: 'Task',
              Resource: 'arn:aws:states:::sqs:sendMessage',
              Parameters: { QueueUrl: 'receipts', 'MessageBody.$': 'States.JsonToString($)' },
              End: true,
            },
          },
        },
      ],
      ResultPath: null,
      Next: 'UnlockLessons',
    },
    UnlockLessons: {
      Type: 'Map',
      ItemsPath: '$.order.lessons',
      ItemSelector: { 'lesson.$': '$$.Map.Item.Value', 'customer.$': '$customer' },
      MaxConcurrency: 5,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Unlock',
        States: { Unlock: { Type: 'Task', Resource: LAMBDA, End: true } },
      },
      ResultPath: '$.lessons',
      Next: 'Done',
    },
    Done: { Type: 'Succeed', OutputPath: '$.order' },
    PaymentFailed: { Type: 'Fail', Error: 'PaymentFailed', CausePath: "States.Format('{}', $.error.Cause)" },
  },
};

const PURCHASE_JSONATA: Json = {
  QueryLanguage: 'JSONata',
  StartAt: 'ValidateOrder',
  States: {
    ValidateOrder: {
      Type: 'Pass',
      Assign: {
        orderId: '{% $states.input.detail.orderId %}',
        lessons: '{% $states.input.detail.lessons %}',
      },
      Output: { email: '{% $states.input.detail.email %}' },
      Next: 'ChargeCard',
    },
    ChargeCard: {
      Type: 'Task',
      Resource: LAMBDA,
      Arguments: { FunctionName: 'charge', Payload: { orderId: '{% $orderId %}' } },
      Output: '{% $states.result.Payload %}',
      TimeoutSeconds: '{% $states.input.timeout ? $states.input.timeout : 30 %}',
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
      Catch: [
        {
          ErrorEquals: ['States.ALL'],
          Output: { cause: '{% $states.errorOutput.Cause %}' },
          Assign: { failure: '{% $states.errorOutput %}' },
          Next: 'PaymentFailed',
        },
      ],
      Next: 'IsPaid',
    },
    IsPaid: {
      Type: 'Choice',
      Choices: [{ Condition: "{% $states.input.status = 'PAID' %}", Next: 'WaitForSettlement' }],
      Default: 'PaymentFailed',
    },
    WaitForSettlement: { Type: 'Wait', Seconds: '{% $states.input.settleAfter %}', Next: 'Fulfil' },
    Fulfil: {
      Type: 'Parallel',
      Arguments: { orderId: '{% $orderId %}' },
      Branches: [{ StartAt: 'Grant', States: { Grant: { Type: 'Task', Resource: LAMBDA, End: true } } }],
      Next: 'UnlockLessons',
    },
    UnlockLessons: {
      Type: 'Map',
      Items: '{% $lessons %}',
      ItemSelector: { lesson: '{% $states.context.Map.Item.Value %}' },
      MaxConcurrency: '{% $count($lessons) %}',
      ItemProcessor: { StartAt: 'Unlock', States: { Unlock: { Type: 'Task', Resource: LAMBDA, End: true } } },
      Next: 'Done',
    },
    Done: { Type: 'Succeed', Output: { orderId: '{% $orderId %}' } },
    PaymentFailed: { Type: 'Fail', Error: 'PaymentFailed', Cause: '{% $string($failure) %}' },
  },
};

describe('validateDefinition: valid definitions', () => {
  it('accepts a JSONPath workflow using every state type', () => {
    expect(validateDefinition(json(PURCHASE_JSONPATH))).toEqual([]);
  });

  it('accepts a JSONata workflow using every state type', () => {
    expect(validateDefinition(json(PURCHASE_JSONATA))).toEqual([]);
  });

  it.each<[string, Json]>([
    [
      'Pass with a static Result',
      single({ Type: 'Pass', Result: { ok: true }, ResultPath: '$.result', End: true }),
    ],
    [
      'Task with Path timeouts',
      single({ Type: 'Task', Resource: LAMBDA, TimeoutSecondsPath: '$.t', End: true }),
    ],
    [
      'Choice on a timestamp',
      machine({
        C: {
          Type: 'Choice',
          Choices: [{ Variable: '$.at', TimestampLessThan: '2030-01-01T00:00:00Z', Next: 'D' }],
        },
        D: { Type: 'Succeed' },
      }),
    ],
    ['Wait until a timestamp', single({ Type: 'Wait', Timestamp: '2030-01-01T10:00:00+02:00', End: true })],
    ['Succeed', single({ Type: 'Succeed', InputPath: '$.a', OutputPath: null })],
    ['Fail with an ErrorPath', single({ Type: 'Fail', ErrorPath: '$.error', Cause: 'broken' })],
    [
      'Parallel whose branch loops without a terminal state',
      single({
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'A',
            States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Wait', Seconds: 1, Next: 'A' } },
          },
        ],
        End: true,
      }),
    ],
    [
      'Map with the legacy Iterator',
      single({
        Type: 'Map',
        Iterator: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
        End: true,
      }),
    ],
    [
      'distributed Map',
      single({
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'P',
          States: { P: { Type: 'Pass', End: true } },
        },
        ToleratedFailurePercentage: 10,
        End: true,
      }),
    ],
    [
      'JSONata state inside a JSONPath machine',
      single({ Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% 1 %}', End: true }),
    ],
    [
      'JSONata Choice with a literal Condition',
      jsonata({ C: { Type: 'Choice', Choices: [{ Condition: true, Next: 'D' }] }, D: { Type: 'Succeed' } }),
    ],
    [
      'JSONata Wait until an expression',
      jsonata({ W: { Type: 'Wait', Timestamp: '{% $states.input.at %}', End: true } }),
    ],
    ['JSONata Fail', jsonata({ F: { Type: 'Fail', Error: '{% $states.input.code %}', Cause: 'no' } })],
    [
      'JSONata Pass with Assign only',
      jsonata({ P: { Type: 'Pass', Assign: { total: '{% $sum($states.input.prices) %}' }, End: true } }),
    ],
  ])('accepts %s', (_name, definition) => {
    expect(validateDefinition(json(definition))).toEqual([]);
  });
});

describe('validateDefinition: JSON and the top level', () => {
  it('reports broken JSON as INVALID_JSON_DESCRIPTION', () => {
    expect(onlyProblem('{"StartAt": "A",')).toMatchObject({ code: 'INVALID_JSON_DESCRIPTION', location: '' });
  });

  it('reports an empty definition as MISSING_DESCRIPTION', () => {
    expect(onlyProblem('  ')).toMatchObject({ code: 'MISSING_DESCRIPTION', location: '' });
  });

  it('reports a definition nested beyond the call stack as TOO_DEEPLY_NESTED instead of throwing', () => {
    const depth = 20000;
    const payload = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const text = `{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":${payload},"End":true}}}`;
    expect(onlyProblem(text)).toMatchObject({ code: 'TOO_DEEPLY_NESTED', location: '' });
  });

  it('refuses a definition that is not an object', () => {
    expect(onlyProblem('[]')).toMatchObject(schemaError('/', 'Expected value of type [OBJECT]'));
  });

  it('requires StartAt', () => {
    const d = onlyProblem({ States: { A: { Type: 'Succeed' } } });
    expect(d).toMatchObject(schemaError('/', 'These fields are required: [StartAt]'));
  });

  it('requires States', () => {
    expect(onlyProblem({ StartAt: 'A' })).toMatchObject(
      schemaError('/', 'These fields are required: [States]'),
    );
  });

  it('refuses a StartAt that names no state, and every state is then unreachable', () => {
    const diagnostics = validateDefinition(json({ StartAt: 'Nope', States: { A: { Type: 'Succeed' } } }));
    expect(diagnostics).toEqual([
      {
        severity: 'ERROR',
        code: 'MISSING_TRANSITION_TARGET',
        message: "Missing 'Next' target: Nope",
        location: '/StartAt',
      },
      {
        severity: 'ERROR',
        code: 'MISSING_TRANSITION_TARGET',
        message: 'State "A" is not reachable.',
        location: '/States/A',
      },
    ]);
  });

  it('refuses an unknown top-level field', () => {
    const d = onlyProblem(single({ Type: 'Succeed' }, { Coment: 'typo' }));
    expect(d).toMatchObject(schemaError('/', "Field 'Coment' is not supported"));
    expectNamed(d, 'Coment');
  });

  it('refuses a machine TimeoutSeconds of zero', () => {
    const d = onlyProblem(single({ Type: 'Succeed' }, { TimeoutSeconds: 0 }));
    expect(d).toMatchObject(schemaError('/TimeoutSeconds', 'Minimum value is 1'));
  });

  it('refuses a fractional machine TimeoutSeconds', () => {
    const d = onlyProblem(single({ Type: 'Succeed' }, { TimeoutSeconds: 1.5 }));
    expect(d).toMatchObject(schemaError('/TimeoutSeconds', 'Expected value of type [INTEGER]'));
  });

  it('refuses a QueryLanguage outside the enum', () => {
    const d = onlyProblem(single({ Type: 'Succeed' }, { QueryLanguage: 'jsonata' }));
    expect(d).toMatchObject(
      schemaError('/QueryLanguage', 'Value should be one of the following: [JSONPath, JSONata]'),
    );
  });

  it('refuses a Version other than 1.0', () => {
    const d = onlyProblem(single({ Type: 'Succeed' }, { Version: '2.0' }));
    expect(d).toMatchObject(schemaError('/Version', 'Value should be one of the following: [1.0]'));
  });
});

describe('validateDefinition: every state', () => {
  it('requires Type', () => {
    const d = onlyProblem(single({ End: true }));
    expect(d).toMatchObject(schemaError('/States/S', 'These fields are required: [Type]'));
    expectNamed(d, 'States/S', 'Type');
  });

  it('refuses an unknown Type', () => {
    const d = onlyProblem(single({ Type: 'Lambda', End: true }));
    expect(d).toMatchObject(schemaError('/States/S/Type'));
    expectNamed(d, 'States/S', 'Type', 'Pass, Task, Choice');
  });

  it('refuses an unknown field', () => {
    const d = onlyProblem(single({ Type: 'Pass', Foo: 1, End: true }));
    expect(d).toMatchObject(schemaError('/States/S', "Field 'Foo' is not supported"));
    expectNamed(d, 'States/S', 'Foo');
  });

  it.each([
    ['TimeoutSeconds', 'Pass', { TimeoutSeconds: 5, End: true }],
    ['Catch', 'Pass', { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'S' }], End: true }],
    ['Retry', 'Wait', { Seconds: 1, Retry: [{ ErrorEquals: ['States.ALL'] }], End: true }],
    ['ResultSelector', 'Pass', { ResultSelector: {}, End: true }],
  ])('refuses %s on a %s state', (field, type, fields) => {
    const d = onlyProblem(single({ Type: type, ...fields }));
    expect(d).toMatchObject(schemaError('/States/S', `Field '${field}' is not supported`));
    expectNamed(d, 'States/S', field);
  });

  it('refuses a JSONPath-only field in a JSONata state', () => {
    const d = onlyProblem(jsonata({ X: { Type: 'Pass', InputPath: '$.a', End: true } }));
    expect(d).toMatchObject(
      schemaError(
        '/States/X',
        "The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage",
      ),
    );
    expectNamed(d, 'States/X', 'InputPath');
  });

  it.each(['Output', 'Arguments'])('refuses the JSONata-only field %s in a JSONPath Task', (field) => {
    const d = onlyProblem(single({ Type: 'Task', Resource: LAMBDA, [field]: {}, End: true }));
    expect(d).toMatchObject(schemaError('/States/S'));
    expectNamed(d, 'States/S', `field '${field}' is only supported for the 'JSONata' QueryLanguage`);
  });

  it('refuses a JSONPath state inside a JSONata machine', () => {
    const d = onlyProblem(jsonata({ X: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } }));
    expect(d).toMatchObject(
      schemaError(
        '/States/X',
        "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine",
      ),
    );
    expectNamed(d, 'States/X', 'QueryLanguage');
  });

  it("gives branch states the machine's language, not the Parallel's", () => {
    const d = onlyProblem(
      single({
        Type: 'Parallel',
        QueryLanguage: 'JSONata',
        Branches: [{ StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% 1 %}', End: true } } }],
        End: true,
      }),
    );
    expect(d).toMatchObject(schemaError('/States/S/Branches[0]/States/P'));
    expectNamed(d, 'States/P', 'Output');
  });

  it('refuses QueryLanguage on an ItemProcessor', () => {
    const processor = { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const d = onlyProblem(single({ Type: 'Map', ItemProcessor: processor, End: true }));
    expect(d).toMatchObject(schemaError('/States/S/ItemProcessor', "Field 'QueryLanguage' is not supported"));
    expectNamed(d, 'States/S/ItemProcessor', 'QueryLanguage');
  });

  it('refuses Next together with End', () => {
    const d = onlyProblem(machine({ A: { Type: 'Pass', Next: 'B', End: true }, B: { Type: 'Succeed' } }));
    expect(d).toMatchObject(
      schemaError('/States/A', 'There should only be one of the following fields: [Next, End]'),
    );
    expectNamed(d, 'States/A', 'Next', 'End');
  });

  it('refuses a state with neither Next nor End', () => {
    const diagnostics = validateDefinition(
      json(machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass' } })),
    );
    expect(diagnostics).toContainEqual(
      schemaError('/States/B', 'This object should have only one of the following fields: [Next, End]'),
    );
  });

  it('refuses End that is not a boolean', () => {
    const diagnostics = validateDefinition(
      json(machine({ A: { Type: 'Pass', End: 'true' }, B: { Type: 'Succeed' } })),
    );
    expect(diagnostics[0]).toEqual(schemaError('/States/A/End', 'Expected value of type [BOOLEAN]'));
  });

  it.each([
    ['Choice', { Choices: [{ Variable: '$.a', IsNull: true, Next: 'B' }], Next: 'B' }, 'Next'],
    ['Succeed', { End: true, Next: 'B' }, 'End'],
    ['Fail', { Next: 'B' }, 'Next'],
  ])('refuses a transition field on a %s state', (type, fields, field) => {
    const diagnostics = validateDefinition(
      json(machine({ A: { Type: type, ...fields }, B: { Type: 'Succeed' } })),
    );
    const d = diagnostics.find((found) => found.message.includes(`'${field}'`)) as Diagnostic;
    expect(d).toMatchObject(schemaError('/States/A', `Field '${field}' is not supported`));
    expectNamed(d, 'States/A', field);
  });

  it('refuses a state name longer than 80 characters', () => {
    const name = 'N'.repeat(81);
    const d = onlyProblem(machine({ [name]: { Type: 'Succeed' } }));
    expect(d).toMatchObject({ code: 'INVALID_STATE_NAME', location: `/States/${name}` });
    expectNamed(d, name, '80-character');
  });

  it('refuses a state name reused in a nested scope', () => {
    const branch = { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } };
    const d = onlyProblem(
      machine({ Fan: { Type: 'Parallel', Branches: [branch], Next: 'Done' }, Done: { Type: 'Succeed' } }),
    );
    expect(d).toMatchObject({
      code: 'DUPLICATE_STATE_NAME',
      location: '/States/Done',
      message: 'Duplicate State name: Done',
    });
  });
});

describe('validateDefinition: transitions', () => {
  it('refuses a Next that names no state', () => {
    const d = validateDefinition(
      json(machine({ A: { Type: 'Pass', Next: 'Ghost' }, B: { Type: 'Succeed' } })),
    )[0];
    expect(d).toEqual({
      severity: 'ERROR',
      code: 'MISSING_TRANSITION_TARGET',
      message: "Missing 'Next' target: Ghost",
      location: '/States/A/Next',
    });
    expectNamed(d, 'States/A', 'Next', 'Ghost');
  });

  it('refuses a Catch Next that names no state', () => {
    const catcher = { ErrorEquals: ['States.ALL'], Next: 'Ghost' };
    const d = onlyProblem(single({ Type: 'Task', Resource: LAMBDA, Catch: [catcher], End: true }));
    expect(d).toMatchObject({ code: 'MISSING_TRANSITION_TARGET', location: '/States/S/Catch[0]/Next' });
    expectNamed(d, 'States/S', 'Catch[0]', 'Ghost');
  });

  it('refuses a Choice rule Next that names no state', () => {
    const rule = { Variable: '$.a', IsPresent: true, Next: 'Ghost' };
    const d = onlyProblem(
      machine({ C: { Type: 'Choice', Choices: [rule], Default: 'D' }, D: { Type: 'Succeed' } }),
    );
    expect(d).toMatchObject({ code: 'MISSING_TRANSITION_TARGET', location: '/States/C/Choices[0]/Next' });
  });

  it('refuses a Choice Default that names no state', () => {
    const rule = { Variable: '$.a', IsPresent: true, Next: 'D' };
    const d = onlyProblem(
      machine({ C: { Type: 'Choice', Choices: [rule], Default: 'Ghost' }, D: { Type: 'Succeed' } }),
    );
    expect(d).toMatchObject({ code: 'MISSING_TRANSITION_TARGET', location: '/States/C/Default' });
    expectNamed(d, 'States/C', 'Default', 'Ghost');
  });

  it('refuses a transition out of a Parallel branch', () => {
    const branch = { StartAt: 'B', States: { B: { Type: 'Pass', Next: 'Done' } } };
    const d = validateDefinition(
      json(
        machine({ Fan: { Type: 'Parallel', Branches: [branch], Next: 'Done' }, Done: { Type: 'Succeed' } }),
      ),
    );
    expect(d).toEqual([
      {
        severity: 'ERROR',
        code: 'MISSING_TRANSITION_TARGET',
        message: "Missing 'Next' target: Done",
        location: '/States/Fan/Branches[0]/States/B/Next',
      },
    ]);
  });

  it('refuses a transition into a Map processor from outside', () => {
    const processor = { StartAt: 'Inner', States: { Inner: { Type: 'Succeed' } } };
    const diagnostics = validateDefinition(
      json(machine({ M: { Type: 'Map', ItemProcessor: processor, Next: 'Inner' } })),
    );
    expect(diagnostics[0]).toMatchObject({ code: 'MISSING_TRANSITION_TARGET', location: '/States/M/Next' });
  });

  it('refuses a state nothing transitions to', () => {
    const d = onlyProblem(machine({ A: { Type: 'Succeed' }, Orphan: { Type: 'Succeed' } }));
    expect(d).toEqual({
      severity: 'ERROR',
      code: 'MISSING_TRANSITION_TARGET',
      message: 'State "Orphan" is not reachable.',
      location: '/States/Orphan',
    });
  });

  it('refuses an unreachable state inside a branch', () => {
    const branch = { StartAt: 'A', States: { A: { Type: 'Succeed' }, Ghost: { Type: 'Succeed' } } };
    const d = onlyProblem(single({ Type: 'Parallel', Branches: [branch], End: true }));
    expect(d).toMatchObject({
      code: 'MISSING_TRANSITION_TARGET',
      location: '/States/S/Branches[0]/States/Ghost',
    });
  });

  it('refuses a machine with no terminal state, without a location', () => {
    const d = onlyProblem(machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } }));
    expect(d).toEqual({
      severity: 'ERROR',
      code: 'MISSING_END_STATE',
      message: 'Workflow has no terminal state',
      location: '',
    });
  });
});

describe('validateDefinition: Task', () => {
  it('requires Resource', () => {
    const d = onlyProblem(single({ Type: 'Task', End: true }));
    expect(d).toMatchObject(schemaError('/States/S', 'These fields are required: [Resource]'));
    expectNamed(d, 'States/S', 'Resource');
  });

  it('refuses a Resource that is not a string', () => {
    const d = onlyProblem(single({ Type: 'Task', Resource: { arn: LAMBDA }, End: true }));
    expect(d).toMatchObject(schemaError('/States/S/Resource', 'Expected value of type [STRING]'));
  });

  it('refuses a Resource that is not an ARN', () => {
    const d = onlyProblem(single({ Type: 'Task', Resource: 'chargeCard', End: true }));
    expect(d).toMatchObject(schemaError('/States/S/Resource', 'Value is not a valid resource ARN'));
    expectNamed(d, 'States/S', 'Resource');
  });

  it('refuses a TimeoutSeconds of zero', () => {
    const d = onlyProblem(single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 0, End: true }));
    expect(d).toMatchObject(schemaError('/States/S/TimeoutSeconds', 'Minimum value is 1'));
  });

  it('refuses a fractional HeartbeatSeconds', () => {
    const d = onlyProblem(single({ Type: 'Task', Resource: LAMBDA, HeartbeatSeconds: 2.5, End: true }));
    expect(d).toMatchObject(schemaError('/States/S/HeartbeatSeconds', 'Expected value of type [INTEGER]'));
  });

  it('refuses TimeoutSeconds together with TimeoutSecondsPath', () => {
    const d = onlyProblem(
      single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 5, TimeoutSecondsPath: '$.t', End: true }),
    );
    expect(d).toMatchObject(
      schemaError(
        '/States/S/TimeoutSeconds',
        'There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath]',
      ),
    );
  });

  it('refuses a HeartbeatSeconds not below TimeoutSeconds', () => {
    const d = onlyProblem(
      single({ Type: 'Task', Resource: LAMBDA, TimeoutSeconds: 10, HeartbeatSeconds: 10, End: true }),
    );
    expect(d).toMatchObject(schemaError('/States/S/HeartbeatSeconds'));
    expectNamed(d, 'States/S', 'HeartbeatSeconds', 'TimeoutSeconds');
  });

  it('refuses a TimeoutSecondsPath that is not a reference path', () => {
    const d = onlyProblem(
      single({ Type: 'Task', Resource: LAMBDA, TimeoutSecondsPath: '$.t[*]', End: true }),
    );
    expect(d).toMatchObject(schemaError('/States/S/TimeoutSecondsPath', 'Value is not a Reference Path'));
  });

  it('refuses a JSONata TimeoutSeconds that does not parse', () => {
    const d = onlyProblem(
      jsonata({ T: { Type: 'Task', Resource: LAMBDA, TimeoutSeconds: '{% 1 + %}', End: true } }),
    );
    expect(d).toMatchObject({ code: 'INVALID_JSONATA_EXPRESSION', location: '/States/T/TimeoutSeconds' });
  });
});

describe('validateDefinition: Retry and Catch', () => {
  const task = (fields: Record<string, Json>) =>
    single({ Type: 'Task', Resource: LAMBDA, End: true, ...fields });

  it('requires ErrorEquals on a retrier', () => {
    const d = onlyProblem(task({ Retry: [{ MaxAttempts: 1 }] }));
    expect(d).toMatchObject(schemaError('/States/S/Retry[0]', 'These fields are required: [ErrorEquals]'));
    expectNamed(d, 'States/S', 'Retry[0]', 'ErrorEquals');
  });

  it('refuses an empty ErrorEquals', () => {
    const d = onlyProblem(task({ Retry: [{ ErrorEquals: [] }] }));
    expect(d).toMatchObject(schemaError('/States/S/Retry[0]/ErrorEquals', 'Value cannot be empty'));
  });

  it.each([
    ['IntervalSeconds', 0, 'Minimum value is 1'],
    ['MaxAttempts', -1, 'Minimum value is 0'],
    ['MaxAttempts', 1.5, 'Expected value of type [INTEGER]'],
    ['BackoffRate', 0.5, 'Minimum value is 1.0'],
    ['MaxDelaySeconds', 0, 'Minimum value is 1'],
    ['JitterStrategy', 'HALF', 'Value should be one of the following: [FULL, NONE]'],
  ])('refuses a retrier %s of %p', (field, value, message) => {
    const d = onlyProblem(task({ Retry: [{ ErrorEquals: ['States.ALL'], [field]: value }] }));
    expect(d).toMatchObject(schemaError(`/States/S/Retry[0]/${field}`, message));
    expectNamed(d, 'States/S', field);
  });

  it('refuses an unknown retrier field', () => {
    const d = onlyProblem(task({ Retry: [{ ErrorEquals: ['States.ALL'], Attempts: 2 }] }));
    expect(d).toMatchObject(schemaError('/States/S/Retry[0]', "Field 'Attempts' is not supported"));
  });

  it('refuses States.ALL next to other errors', () => {
    const d = onlyProblem(task({ Retry: [{ ErrorEquals: ['States.ALL', 'States.Timeout'] }] }));
    expect(d).toMatchObject(
      schemaError('/States/S/Retry[0]/ErrorEquals', 'States.ALL must appear alone and at end of list'),
    );
  });

  it('refuses a States.ALL retrier before another retrier', () => {
    const d = onlyProblem(
      task({ Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['States.Timeout'] }] }),
    );
    expect(d).toMatchObject(schemaError('/States/S/Retry[0]/ErrorEquals'));
    expectNamed(d, 'States/S', 'States.ALL');
  });

  it('refuses a States.ALL catcher before another catcher', () => {
    const catchers = [
      { ErrorEquals: ['States.ALL'], Next: 'S' },
      { ErrorEquals: ['States.Timeout'], Next: 'S' },
    ];
    const d = onlyProblem(task({ Catch: catchers }));
    expect(d).toMatchObject(schemaError('/States/S/Catch[0]/ErrorEquals'));
  });

  it('requires Next on a catcher', () => {
    const d = onlyProblem(task({ Catch: [{ ErrorEquals: ['States.ALL'] }] }));
    expect(d).toMatchObject(schemaError('/States/S/Catch[0]', 'These fields are required: [Next]'));
    expectNamed(d, 'States/S', 'Catch[0]', 'Next');
  });

  it('refuses a catcher ResultPath with a wildcard', () => {
    const d = onlyProblem(
      task({ Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.errors[*]', Next: 'S' }] }),
    );
    expect(d).toMatchObject(schemaError('/States/S/Catch[0]/ResultPath', 'Value is not a Reference Path'));
  });
});

describe('validateDefinition: Choice', () => {
  const choice = (rules: Json, top: Record<string, Json> = {}) =>
    machine({ C: { Type: 'Choice', Choices: rules, Default: 'D' }, D: { Type: 'Succeed' } }, top);

  it('refuses empty Choices', () => {
    const d = onlyProblem(choice([]));
    expect(d).toMatchObject(schemaError('/States/C/Choices', 'Value cannot be empty'));
    expectNamed(d, 'States/C', 'Choices');
  });

  it('requires Next on a top-level rule', () => {
    const d = onlyProblem(choice([{ Variable: '$.a', IsNull: true }]));
    expect(d).toMatchObject(schemaError('/States/C/Choices[0]', 'These fields are required: [Next]'));
  });

  it('refuses Next on a nested rule', () => {
    const d = onlyProblem(choice([{ Not: { Variable: '$.a', IsNull: true, Next: 'D' }, Next: 'D' }]));
    expect(d).toMatchObject(schemaError('/States/C/Choices[0]/Not', "Field 'Next' is not supported"));
  });

  it('requires a Variable on a JSONPath comparison', () => {
    const d = onlyProblem(choice([{ StringEquals: 'x', Next: 'D' }]));
    expect(d).toMatchObject(schemaError('/States/C/Choices[0]'));
    expectNamed(d, 'States/C', 'Variable');
  });

  it('refuses a rule with two comparison operators', () => {
    const d = onlyProblem(choice([{ Variable: '$.a', StringEquals: 'x', IsNull: true, Next: 'D' }]));
    expect(d).toMatchObject(schemaError('/States/C/Choices[0]'));
    expectNamed(d, 'States/C', 'StringEquals, IsNull');
  });

  it('refuses a Variable that is not a path', () => {
    const d = onlyProblem(choice([{ Variable: 'a', IsNull: true, Next: 'D' }]));
    expect(d).toMatchObject(schemaError('/States/C/Choices[0]/Variable'));
    expectNamed(d, 'States/C', 'Variable');
  });

  it.each([
    ['StringEquals', 5, 'Expected value of type [STRING]'],
    ['NumericLessThan', '5', 'Expected value of type [NUMBER]'],
    ['BooleanEquals', 'true', 'Expected value of type [BOOLEAN]'],
    ['TimestampEquals', '2030-01-01 00:00:00', 'String does not match RFC3339 timestamp'],
    ['StringEqualsPath', 'name', "The value for the field 'StringEqualsPath' must be a valid JSONPath"],
  ])('refuses a %s operand of %p', (operator, value, message) => {
    const d = onlyProblem(choice([{ Variable: '$.a', [operator]: value, Next: 'D' }]));
    expect(d).toMatchObject(schemaError(`/States/C/Choices[0]/${operator}`, message));
    expectNamed(d, 'States/C', operator);
  });

  it('requires Condition on a JSONata rule', () => {
    const d = onlyProblem(choice([{ Next: 'D' }], { QueryLanguage: 'JSONata' }));
    expect(d).toMatchObject(schemaError('/States/C/Choices[0]', 'These fields are required: [Condition]'));
  });

  it('refuses a Variable on a JSONata rule', () => {
    const d = onlyProblem(
      choice([{ Condition: true, Variable: '$.a', Next: 'D' }], { QueryLanguage: 'JSONata' }),
    );
    expect(d).toMatchObject(schemaError('/States/C/Choices[0]'));
    expectNamed(d, 'States/C', "field 'Variable' is only supported for the 'JSONPath' QueryLanguage");
  });

  it('refuses a Condition on a JSONPath rule', () => {
    const d = validateDefinition(json(choice([{ Condition: true, Next: 'D' }])))[0];
    expect(d).toMatchObject(schemaError('/States/C/Choices[0]'));
    expectNamed(d, 'States/C', "field 'Condition' is only supported for the 'JSONata' QueryLanguage");
  });

  it('refuses a JSONata Condition that does not parse', () => {
    const d = onlyProblem(
      choice([{ Condition: '{% $states.input.a = %}', Next: 'D' }], { QueryLanguage: 'JSONata' }),
    );
    expect(d).toMatchObject({
      code: 'INVALID_JSONATA_EXPRESSION',
      location: '/States/C/Choices[0]/Condition',
    });
  });
});

describe('validateDefinition: Wait and Fail', () => {
  it('requires one of Seconds, SecondsPath, Timestamp, TimestampPath', () => {
    const d = onlyProblem(single({ Type: 'Wait', End: true }));
    expect(d).toMatchObject(schemaError('/States/S'));
    expectNamed(d, 'States/S', 'Seconds, SecondsPath, Timestamp, TimestampPath');
  });

  it('refuses two ways of waiting', () => {
    const d = onlyProblem(single({ Type: 'Wait', Seconds: 5, Timestamp: '2030-01-01T00:00:00Z', End: true }));
    expect(d).toMatchObject(schemaError('/States/S/Seconds'));
    expectNamed(d, 'States/S', 'Seconds', 'Timestamp');
  });

  it('refuses a Timestamp that is not RFC3339', () => {
    const d = onlyProblem(single({ Type: 'Wait', Timestamp: '2030-01-01 00:00:00', End: true }));
    expect(d).toMatchObject(schemaError('/States/S/Timestamp', 'String does not match RFC3339 timestamp'));
  });

  it('refuses negative Seconds', () => {
    const d = onlyProblem(single({ Type: 'Wait', Seconds: -1, End: true }));
    expect(d).toMatchObject(schemaError('/States/S/Seconds', 'Minimum value is 0'));
  });

  it('refuses a SecondsPath that is not a path', () => {
    const d = onlyProblem(single({ Type: 'Wait', SecondsPath: 'delay', End: true }));
    expect(d).toMatchObject(schemaError('/States/S/SecondsPath'));
    expectNamed(d, 'States/S', 'SecondsPath', "didn't start with '$'");
  });

  it.each([
    ['Error', 'ErrorPath'],
    ['Cause', 'CausePath'],
  ])('refuses %s together with %s', (literal, path) => {
    const d = onlyProblem(single({ Type: 'Fail', [literal]: 'x', [path]: '$.x' }));
    expect(d).toMatchObject(schemaError(`/States/S/${literal}`));
    expectNamed(d, 'States/S', literal, path);
  });

  it('refuses an ErrorPath that is neither a path nor an intrinsic', () => {
    const d = onlyProblem(single({ Type: 'Fail', ErrorPath: 'error' }));
    expect(d).toMatchObject(schemaError('/States/S/ErrorPath'));
    expectNamed(d, 'States/S', 'ErrorPath');
  });
});

describe('validateDefinition: Parallel and Map', () => {
  it('requires Branches', () => {
    const d = onlyProblem(single({ Type: 'Parallel', End: true }));
    expect(d).toMatchObject(schemaError('/States/S', 'These fields are required: [Branches]'));
  });

  it('refuses empty Branches', () => {
    const d = onlyProblem(single({ Type: 'Parallel', Branches: [], End: true }));
    expect(d).toMatchObject(schemaError('/States/S/Branches', 'Value cannot be empty'));
  });

  it('requires StartAt in a branch', () => {
    const d = onlyProblem(
      single({ Type: 'Parallel', Branches: [{ States: { A: { Type: 'Succeed' } } }], End: true }),
    );
    expect(d).toMatchObject(schemaError('/States/S/Branches[0]', 'These fields are required: [StartAt]'));
  });

  it('validates the states of a branch, locating them inside it', () => {
    const branch = {
      StartAt: 'A',
      States: { A: { Type: 'Pass', Next: 'B', End: true }, B: { Type: 'Succeed' } },
    };
    const d = onlyProblem(
      machine({
        Fan: {
          Type: 'Parallel',
          Branches: [{ StartAt: 'X', States: { X: { Type: 'Succeed' } } }, branch],
          End: true,
        },
      }),
    );
    expect(d).toMatchObject(schemaError('/States/Fan/Branches[1]/States/A'));
    expectNamed(d, 'Fan', 'States/A', 'Next, End');
  });

  it('requires an ItemProcessor', () => {
    const d = onlyProblem(single({ Type: 'Map', End: true }));
    expect(d).toMatchObject(schemaError('/States/S', 'These fields are required: [ItemProcessor]'));
  });

  it('refuses both ItemProcessor and Iterator', () => {
    const processor = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const iterator = { StartAt: 'Q', States: { Q: { Type: 'Pass', End: true } } };
    const d = onlyProblem(single({ Type: 'Map', ItemProcessor: processor, Iterator: iterator, End: true }));
    expect(d).toMatchObject(schemaError('/States/S/ItemProcessor'));
    expectNamed(d, 'States/S', 'ItemProcessor, Iterator');
  });

  it('validates the states of a legacy Iterator', () => {
    const iterator = { StartAt: 'P', States: { P: { Type: 'Pass' } } };
    const d = onlyProblem(single({ Type: 'Map', Iterator: iterator, End: true }));
    expect(d).toMatchObject(schemaError('/States/S/Iterator/States/P'));
  });

  it('refuses a negative MaxConcurrency', () => {
    const processor = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const d = onlyProblem(single({ Type: 'Map', ItemProcessor: processor, MaxConcurrency: -1, End: true }));
    expect(d).toMatchObject(schemaError('/States/S/MaxConcurrency', 'Minimum value is 0'));
    expectNamed(d, 'States/S', 'MaxConcurrency');
  });

  it('refuses MaxConcurrency together with MaxConcurrencyPath', () => {
    const processor = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const fields = { MaxConcurrency: 2, MaxConcurrencyPath: '$.limit' };
    const d = onlyProblem(single({ Type: 'Map', ItemProcessor: processor, ...fields, End: true }));
    expect(d).toMatchObject(schemaError('/States/S/MaxConcurrency'));
  });

  it('refuses ItemsPath in a JSONata Map', () => {
    const processor = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const d = onlyProblem(
      jsonata({ M: { Type: 'Map', ItemProcessor: processor, ItemsPath: '$.items', End: true } }),
    );
    expect(d).toMatchObject(schemaError('/States/M'));
    expectNamed(d, 'States/M', "field 'ItemsPath' is only supported for the 'JSONPath' QueryLanguage");
  });

  it('refuses Items in a JSONPath Map', () => {
    const processor = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const d = onlyProblem(single({ Type: 'Map', ItemProcessor: processor, Items: [1, 2], End: true }));
    expect(d).toMatchObject(schemaError('/States/S'));
    expectNamed(d, 'States/S', "field 'Items' is only supported for the 'JSONata' QueryLanguage");
  });

  it('refuses an ItemsPath with a wildcard', () => {
    const processor = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
    const d = onlyProblem(
      single({ Type: 'Map', ItemProcessor: processor, ItemsPath: '$.orders[*].lines', End: true }),
    );
    expect(d).toMatchObject(schemaError('/States/S/ItemsPath', 'Value is not a Reference Path'));
  });

  it('requires ExecutionType in a distributed processor', () => {
    const processor = {
      ProcessorConfig: { Mode: 'DISTRIBUTED' },
      StartAt: 'P',
      States: { P: { Type: 'Pass', End: true } },
    };
    const d = onlyProblem(single({ Type: 'Map', ItemProcessor: processor, End: true }));
    expect(d).toMatchObject(
      schemaError('/States/S/ItemProcessor/ProcessorConfig', 'These fields are required: [ExecutionType]'),
    );
  });
});

describe('validateDefinition: paths and payload templates', () => {
  it('refuses an InputPath that does not start with $', () => {
    const d = onlyProblem(single({ Type: 'Pass', InputPath: 'detail', End: true }));
    expect(d).toMatchObject(
      schemaError('/States/S/InputPath', "The value for the field 'InputPath' must be a valid JSONPath"),
    );
    expectNamed(d, 'States/S', 'InputPath');
  });

  it('refuses an OutputPath with an unclosed bracket', () => {
    const d = onlyProblem(single({ Type: 'Pass', OutputPath: '$.items[0', End: true }));
    expect(d).toMatchObject(schemaError('/States/S/OutputPath'));
  });

  it('refuses a ResultPath with a filter', () => {
    const d = onlyProblem(single({ Type: 'Pass', ResultPath: '$.items[?(@.id == 1)]', End: true }));
    expect(d).toMatchObject(schemaError('/States/S/ResultPath', 'Value is not a Reference Path'));
    expectNamed(d, 'States/S', 'ResultPath');
  });

  it('refuses a ResultPath into the Context object', () => {
    const d = onlyProblem(single({ Type: 'Pass', ResultPath: '$$.Execution', End: true }));
    expect(d).toMatchObject(schemaError('/States/S/ResultPath'));
  });

  it.each([
    ['plain text', 'orderId'],
    ['an unknown intrinsic', 'States.Reverse($.a)'],
    ['an intrinsic with too few arguments', 'States.MathAdd($.a)'],
    ['an unterminated string argument', "States.Format('{}, $.a)"],
    ['trailing text after the call', 'States.UUID() extra'],
  ])('refuses a .$ value that is %s', (_what, value) => {
    const d = onlyProblem(single({ Type: 'Pass', Parameters: { 'id.$': value }, End: true }));
    expect(d).toMatchObject(schemaError('/States/S/Parameters/id.$'));
    expectNamed(d, 'States/S', 'Parameters', "'id.$'", 'valid intrinsic function call');
  });

  it('checks .$ keys in nested objects', () => {
    const d = onlyProblem(
      single({ Type: 'Task', Resource: LAMBDA, Parameters: { Payload: { 'id.$': 'id' } }, End: true }),
    );
    expect(d).toMatchObject(schemaError('/States/S/Parameters/Payload/id.$'));
  });

  it('refuses a ResultSelector that is not an object', () => {
    const d = onlyProblem(single({ Type: 'Task', Resource: LAMBDA, ResultSelector: '$.Payload', End: true }));
    expect(d).toMatchObject(schemaError('/States/S/ResultSelector', 'Expected value of type [OBJECT]'));
  });
});

describe('validateDefinition: JSONata expressions', () => {
  const output = (value: Json) => jsonata({ P: { Type: 'Pass', Output: value, End: true } });

  it('refuses an expression that is not closed', () => {
    const d = onlyProblem(output({ total: '{% $states.input.total' }));
    expect(d).toMatchObject(
      schemaError('/States/P/Output/total', 'JSONata string must start with {% and end with %}'),
    );
  });

  it('refuses an expression that does not parse, with the parser message', () => {
    const d = onlyProblem(output({ v: '{% a[1,2) %}' }));
    expect(d).toEqual({
      severity: 'ERROR',
      code: 'INVALID_JSONATA_EXPRESSION',
      message: 'Expected "]", got ","',
      location: '/States/P/Output/v',
    });
    expectNamed(d, 'States/P', 'Output');
  });

  it('refuses a reference to a top-level field', () => {
    const d = onlyProblem(output({ v: '{% phone %}' }));
    expect(d).toMatchObject({
      code: 'UNSUPPORTED_JSONATA_EXPRESSION',
      message: "Reference to 'phone' at the top level is not supported.",
      location: '/States/P/Output/v',
    });
  });

  it('accepts bare names inside a filter', () => {
    expect(validateDefinition(json(output('{% $states.input.items[price > 5].name %}')))).toEqual([]);
  });

  it('refuses the $$ root', () => {
    const d = onlyProblem(output('{% $$ %}'));
    expect(d).toMatchObject({
      code: 'UNSUPPORTED_JSONATA_EXPRESSION',
      message: "Reference to '$$' is not supported.",
    });
  });

  it('refuses $states.errorOutput outside a catcher', () => {
    const d = onlyProblem(output('{% $states.errorOutput %}'));
    expect(d).toMatchObject({
      code: 'UNSUPPORTED_JSONATA_EXPRESSION',
      message: "Field '$states.errorOutput' does not exist.",
    });
  });

  it('refuses an Arguments that is neither an object nor an expression', () => {
    const d = onlyProblem(jsonata({ T: { Type: 'Task', Resource: LAMBDA, Arguments: [1], End: true } }));
    expect(d).toMatchObject(schemaError('/States/T/Arguments', 'Expected value of type [OBJECT]'));
  });
});

describe('validateDefinition: Assign', () => {
  const assign = (variables: Json, top: Record<string, Json> = {}) =>
    single({ Type: 'Pass', Assign: variables, End: true }, top);

  it.each([
    ['starting with $', '$total'],
    ['containing a hyphen', 'order-id'],
    ['starting with a digit', '1st'],
  ])('refuses a variable name %s', (_why, name) => {
    const d = onlyProblem(assign({ [name]: 1 }));
    expect(d).toMatchObject({ code: 'INVALID_VARIABLE_NAME', location: `/States/S/Assign/${name}` });
    expectNamed(d, 'States/S', 'Assign', name);
  });

  it('refuses a variable name longer than 80 characters', () => {
    const name = 'v'.repeat(81);
    const d = onlyProblem(assign({ [name]: 1 }));
    expect(d).toMatchObject({ code: 'INVALID_VARIABLE_NAME', location: `/States/S/Assign/${name}` });
  });

  it('refuses the reserved variable states', () => {
    const d = onlyProblem(assign({ states: 1 }));
    expect(d).toMatchObject({ code: 'RESERVED_VARIABLE_NAME', location: '/States/S/Assign/states' });
    expectNamed(d, 'States/S', 'states');
  });

  it('accepts a Unicode variable name', () => {
    expect(validateDefinition(json(assign({ prénom: 'Ana', 合計: 1 })))).toEqual([]);
  });

  it('refuses a JSONPath Assign value that is not a path', () => {
    const d = onlyProblem(assign({ 'total.$': 'total' }));
    expect(d).toMatchObject(schemaError('/States/S/Assign/total.$'));
  });

  it('refuses a JSONata Assign value that does not parse', () => {
    const d = onlyProblem(assign({ total: '{% $sum( %}' }, { QueryLanguage: 'JSONata' }));
    expect(d).toMatchObject({ code: 'INVALID_JSONATA_EXPRESSION', location: '/States/S/Assign/total' });
  });

  it('refuses an Assign that is not an object', () => {
    const d = onlyProblem(assign(['total']));
    expect(d).toMatchObject(schemaError('/States/S/Assign', 'Expected value of type [OBJECT]'));
  });
});

describe('validateDefinition: warnings', () => {
  it('warns when a template value looks like a path but its key lacks .$', () => {
    const d = onlyProblem(single({ Type: 'Pass', Parameters: { id: '$.orderId' }, End: true }));
    expect(d).toMatchObject({ severity: 'WARNING', code: 'NO_DOLLAR', location: '/States/S/Parameters/id' });
  });

  it('warns when a Pass Result holds a .$ key', () => {
    const d = onlyProblem(single({ Type: 'Pass', Result: { 'id.$': '$.orderId' }, End: true }));
    expect(d).toMatchObject({
      severity: 'WARNING',
      code: 'PASS_RESULT_IS_STATIC',
      location: '/States/S/Result/id.$',
    });
  });

  it('lists errors before warnings', () => {
    const diagnostics = validateDefinition(
      json(single({ Type: 'Pass', Parameters: { id: '$.orderId' }, Foo: 1, End: true })),
    );
    expect(diagnostics.map((d) => d.severity)).toEqual(['ERROR', 'WARNING']);
  });
});

describe('invalidDefinitionMessage', () => {
  it("joins the errors the way AWS's InvalidDefinition does", () => {
    const diagnostics = validateDefinition(
      json(machine({ A: { Type: 'Pass', Foo: 1, Next: 'Ghost' }, B: { Type: 'Succeed' } })),
    );
    expect(invalidDefinitionMessage(diagnostics)).toBe(
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Field 'Foo' is not supported at /States/A, " +
        "MISSING_TRANSITION_TARGET: Missing 'Next' target: Ghost at /States/A/Next, " +
        'MISSING_TRANSITION_TARGET: State "B" is not reachable. at /States/B\'',
    );
  });

  it('writes null for a diagnostic without a location', () => {
    const diagnostics = validateDefinition(json(machine({ A: { Type: 'Pass', Next: 'A' } })));
    expect(invalidDefinitionMessage(diagnostics)).toBe(
      "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'",
    );
  });

  it('gives a JSON syntax error without a location', () => {
    const diagnostics = validateDefinition('{');
    const message = invalidDefinitionMessage(diagnostics);
    expect(message).toMatch(/^Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: .+'$/);
    expect(message).not.toContain(' at null');
  });

  it('leaves warnings out', () => {
    const diagnostics = validateDefinition(
      json(single({ Type: 'Pass', Parameters: { id: '$.x' }, Foo: 1, End: true })),
    );
    expect(invalidDefinitionMessage(diagnostics)).toBe(
      "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Field 'Foo' is not supported at /States/S'",
    );
  });
});
