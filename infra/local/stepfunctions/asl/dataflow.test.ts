import type { Catcher, StateDefinition } from '../../../../workflows/asl';
import { catchOutput, choose, effectiveInput, failDetails, stateOutput, taskTimeouts } from './dataflow';
import { jsonataScope as jsonata, jsonPathScope as jsonPath, statesError } from './testing';

const task = (fields: Partial<StateDefinition> = {}): StateDefinition => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  End: true,
  ...fields,
});

describe('effectiveInput', () => {
  // The Parameters example of the AWS documentation.
  const product = {
    comment: 'Example for Parameters.',
    product: {
      details: { color: 'blue', size: 'small', material: 'cotton' },
      availability: 'in stock',
      sku: '2317',
      cost: '$23',
    },
  };

  it('applies Parameters to the input', async () => {
    const state = task({
      Parameters: {
        comment: 'Selecting what I care about.',
        MyDetails: {
          'size.$': '$.product.details.size',
          'exists.$': '$.product.availability',
          StaticValue: 'foo',
        },
      },
    });
    await expect(Promise.resolve(effectiveInput(state, jsonPath(product)))).resolves.toEqual({
      comment: 'Selecting what I care about.',
      MyDetails: { size: 'small', exists: 'in stock', StaticValue: 'foo' },
    });
  });

  it('applies InputPath before Parameters', async () => {
    const state = task({ InputPath: '$.product', Parameters: { 'sku.$': '$.sku' } });
    await expect(Promise.resolve(effectiveInput(state, jsonPath(product)))).resolves.toEqual({ sku: '2317' });
  });

  it('gives {} for a null InputPath', async () => {
    await expect(
      Promise.resolve(effectiveInput(task({ InputPath: null }), jsonPath(product))),
    ).resolves.toEqual({});
  });

  it('reads a variable in InputPath', async () => {
    expect(effectiveInput(task({ InputPath: '$theAnswer' }), jsonPath({}, { theAnswer: 42 }))).toBe(42);
  });

  it('fails with States.Runtime worded as AWS when InputPath names nothing', async () => {
    const error = await statesError(() =>
      effectiveInput(task({ InputPath: '$.NoSuchInputPath' }), jsonPath({})),
    );
    expect(error.error).toBe('States.Runtime');
    expect(error.cause).toBe("Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
  });

  it('applies only InputPath to a JSONPath Map state, whose Parameters shape each item', async () => {
    const state: StateDefinition = {
      Type: 'Map',
      InputPath: '$.detail',
      Parameters: { 'x.$': '$.y' },
      End: true,
    };
    await expect(
      Promise.resolve(effectiveInput(state, jsonPath({ detail: { shipped: [1] } }))),
    ).resolves.toEqual({
      shipped: [1],
    });
  });

  it('evaluates JSONata Arguments', async () => {
    const state = task({
      Arguments: { FunctionName: 'grantEntitlement', Payload: { email: '{% $states.input.email %}' } },
    });
    await expect(
      Promise.resolve(effectiveInput(state, jsonata({ email: 'ana@example.com' }))),
    ).resolves.toEqual({
      FunctionName: 'grantEntitlement',
      Payload: { email: 'ana@example.com' },
    });
  });

  it('passes the input through without JSONata Arguments', async () => {
    await expect(Promise.resolve(effectiveInput(task(), jsonata({ a: 1 })))).resolves.toEqual({ a: 1 });
  });

  it('names the field of a JSONata Arguments failure', async () => {
    const state = task({ Arguments: { FunctionName: '{% $doesNotExist %}' } });
    const error = await statesError(() => effectiveInput(state, jsonata({})));
    expect(error.cause).toBe(
      "The JSONata expression '$doesNotExist' specified for the field 'Arguments/FunctionName' returned nothing (undefined).",
    );
  });
});

describe('taskTimeouts', () => {
  it('returns literal values', async () => {
    await expect(
      taskTimeouts(task({ TimeoutSeconds: 300, HeartbeatSeconds: 60 }), jsonPath({})),
    ).resolves.toEqual({
      timeoutSeconds: 300,
      heartbeatSeconds: 60,
    });
  });

  it('returns nothing when no timeout is set', async () => {
    await expect(taskTimeouts(task(), jsonPath({}))).resolves.toEqual({});
  });

  it('reads TimeoutSecondsPath and HeartbeatSecondsPath from the input', async () => {
    const state = task({
      TimeoutSecondsPath: '$.limits.timeout',
      HeartbeatSecondsPath: '$.limits.heartbeat',
    });
    await expect(
      taskTimeouts(state, jsonPath({ limits: { timeout: 3600, heartbeat: 600 } })),
    ).resolves.toEqual({
      timeoutSeconds: 3600,
      heartbeatSeconds: 600,
    });
  });

  it('fails with States.Runtime when TimeoutSecondsPath names nothing', async () => {
    const error = await statesError(() =>
      taskTimeouts(task({ TimeoutSecondsPath: '$.NoSuchTimeoutSecondsPath' }), jsonPath({})),
    );
    expect(error.cause).toBe(
      "Invalid path '$.NoSuchTimeoutSecondsPath' : No results for path: $['NoSuchTimeoutSecondsPath']",
    );
  });

  it('refuses a value that is not a positive integer', async () => {
    const error = await statesError(() =>
      taskTimeouts(task({ TimeoutSecondsPath: '$.t' }), jsonPath({ t: 0 })),
    );
    expect(error.error).toBe('States.Runtime');
  });

  it('evaluates JSONata expressions', async () => {
    const state = task({ TimeoutSeconds: '{% $timeout %}' });
    await expect(taskTimeouts(state, jsonata({}, { timeout: 90 }))).resolves.toEqual({ timeoutSeconds: 90 });
  });

  it('refuses a JSONata timeout of the wrong type', async () => {
    const error = await statesError(() =>
      taskTimeouts(task({ TimeoutSeconds: '{% $name %}' }), jsonata({}, { name: 'x' })),
    );
    expect(error.error).toBe('States.QueryEvaluationError');
  });
});

describe('stateOutput for a JSONPath Task', () => {
  it('applies InputPath, ResultPath and OutputPath as in the AWS HelloWorld example', async () => {
    const state = task({ InputPath: '$.lambda', ResultPath: '$.data.lambdaresult', OutputPath: '$.data' });
    const input = {
      comment: 'An input comment.',
      data: { val1: 23, val2: 17 },
      extra: 'foo',
      lambda: { who: 'AWS Step Functions' },
    };
    await expect(
      Promise.resolve(stateOutput(state, jsonPath(input), 'Hello, AWS Step Functions!')),
    ).resolves.toEqual({
      output: { val1: 23, val2: 17, lambdaresult: 'Hello, AWS Step Functions!' },
      assign: {},
    });
  });

  it('replaces the input with the result by default', async () => {
    await expect(Promise.resolve(stateOutput(task(), jsonPath({ a: 1 }), { b: 2 }))).resolves.toEqual({
      output: { b: 2 },
      assign: {},
    });
  });

  it('applies ResultSelector before ResultPath (EMR example)', async () => {
    const state = task({
      ResultSelector: { 'ClusterId.$': '$.output.ClusterId', 'ResourceType.$': '$.resourceType' },
      ResultPath: '$.EMROutput',
    });
    const result = {
      resourceType: 'elasticmapreduce',
      resource: 'createCluster.sync',
      output: { ClusterId: 'AKIAIOSFODNN7EXAMPLE' },
    };
    await expect(
      Promise.resolve(stateOutput(state, jsonPath({ cluster: 'lectern' }), result)),
    ).resolves.toEqual({
      output: {
        cluster: 'lectern',
        EMROutput: { ClusterId: 'AKIAIOSFODNN7EXAMPLE', ResourceType: 'elasticmapreduce' },
      },
      assign: {},
    });
  });

  it('discards the result for a null ResultPath', async () => {
    await expect(
      Promise.resolve(stateOutput(task({ ResultPath: null }), jsonPath({ a: 1 }), 'ignored')),
    ).resolves.toEqual({
      output: { a: 1 },
      assign: {},
    });
  });

  it('gives {} for a null OutputPath', async () => {
    await expect(
      Promise.resolve(stateOutput(task({ OutputPath: null }), jsonPath({ a: 1 }), 'x')),
    ).resolves.toEqual({
      output: {},
      assign: {},
    });
  });

  it('fails with States.Runtime worded as AWS when OutputPath names nothing', async () => {
    const error = await statesError(() =>
      stateOutput(task({ OutputPath: '$.no.such.result.path' }), jsonPath({}), { a: 1 }),
    );
    expect(error.cause).toBe("Invalid path '$.no.such.result.path' : Missing property in path $['no']");
  });

  it('fails with States.ResultPathMatchFailure when ResultPath cannot apply', async () => {
    const error = await statesError(() => stateOutput(task({ ResultPath: '$.x' }), jsonPath('foo'), 1));
    expect(error.error).toBe('States.ResultPathMatchFailure');
  });

  it('reads the raw result as $ in Assign, not the selected one', async () => {
    const state = task({
      ResultSelector: { 'price.$': '$.Payload.price' },
      ResultPath: '$.quote',
      Assign: {
        'currentPrice.$': '$.Payload.price',
        'status.$': '$.StatusCode',
        'product.$': '$$.State.Name',
      },
    });
    const outcome = await stateOutput(state, jsonPath({ product: 'course-1' }), {
      StatusCode: 200,
      Payload: { price: 49 },
    });
    expect(outcome).toEqual({
      output: { product: 'course-1', quote: { price: 49 } },
      assign: { currentPrice: 49, status: 200, product: 'Current' },
    });
  });
});

describe('stateOutput for a JSONPath Pass', () => {
  it('places Result at ResultPath (specification ProvideTestData example)', async () => {
    const state: StateDefinition = {
      Type: 'Pass',
      Result: { 'x-datum': 0.381018, 'y-datum': 622.2269926397355 },
      ResultPath: '$.coords',
      Next: 'End',
    };
    await expect(
      Promise.resolve(stateOutput(state, jsonPath({ georefOf: 'Home' }), undefined)),
    ).resolves.toEqual({
      output: { georefOf: 'Home', coords: { 'x-datum': 0.381018, 'y-datum': 622.2269926397355 } },
      assign: {},
    });
  });

  it('outputs its Parameters when there is no Result', async () => {
    const state: StateDefinition = {
      Type: 'Pass',
      Parameters: { 'total.$': '$.transaction.total' },
      End: true,
    };
    await expect(
      Promise.resolve(stateOutput(state, jsonPath({ transaction: { total: 9.5 } }), undefined)),
    ).resolves.toEqual({
      output: { total: 9.5 },
      assign: {},
    });
  });

  it('uses the effective input it is given instead of evaluating Parameters again', async () => {
    const state: StateDefinition = { Type: 'Pass', Parameters: { 'id.$': 'States.UUID()' }, End: true };
    await expect(Promise.resolve(stateOutput(state, jsonPath({}), { id: 'already-made' }))).resolves.toEqual({
      output: { id: 'already-made' },
      assign: {},
    });
  });

  it('reads its Result as $ in Assign', async () => {
    const state: StateDefinition = {
      Type: 'Pass',
      Result: { answer: 42 },
      Assign: { 'theAnswer.$': '$.answer' },
      End: true,
    };
    await expect(Promise.resolve(stateOutput(state, jsonPath({}), undefined))).resolves.toEqual({
      output: { answer: 42 },
      assign: { theAnswer: 42 },
    });
  });

  it('evaluates every path against the variables as they were on entry (AWS evaluation-order example)', async () => {
    const state: StateDefinition = {
      Type: 'Pass',
      InputPath: '$answer',
      ResultPath: '$.theAnswer',
      OutputPath: '$answer',
      Assign: { answer: '<omitted>' },
      End: true,
    };
    const scope = jsonPath(
      { theQuestion: 'What is the answer to life the universe and everything?' },
      { answer: 42 },
    );
    await expect(Promise.resolve(stateOutput(state, scope, undefined))).resolves.toEqual({
      output: 42,
      assign: { answer: '<omitted>' },
    });
  });

  it('keeps constants in Assign, including strings that look like paths', async () => {
    const state: StateDefinition = {
      Type: 'Pass',
      Assign: {
        constant_str_path: '$.no.such.path',
        constant_jsonata: '{% $x %}',
        nested: { 'in_obj.$': '$.a' },
      },
      End: true,
    };
    await expect(Promise.resolve(stateOutput(state, jsonPath({ a: 1 }), undefined))).resolves.toEqual({
      output: { a: 1 },
      assign: { constant_str_path: '$.no.such.path', constant_jsonata: '{% $x %}', nested: { in_obj: 1 } },
    });
  });
});

describe('stateOutput for JSONPath Wait and Succeed', () => {
  it('applies InputPath then OutputPath', async () => {
    const state: StateDefinition = { Type: 'Succeed', InputPath: '$.order', OutputPath: '$.id' };
    await expect(
      Promise.resolve(stateOutput(state, jsonPath({ order: { id: 'o-1' } }), undefined)),
    ).resolves.toEqual({
      output: 'o-1',
      assign: {},
    });
  });

  it('reads the effective input as $ in a Wait state Assign', async () => {
    const state: StateDefinition = {
      Type: 'Wait',
      Seconds: 0,
      InputPath: '$.order',
      Assign: { 'orderId.$': '$.id' },
      End: true,
    };
    await expect(
      Promise.resolve(stateOutput(state, jsonPath({ order: { id: 'o-1' } }), undefined)),
    ).resolves.toEqual({
      output: { id: 'o-1' },
      assign: { orderId: 'o-1' },
    });
  });
});

describe('stateOutput in JSONata', () => {
  it('outputs the result of a Task by default', async () => {
    await expect(Promise.resolve(stateOutput(task(), jsonata({ a: 1 }), { b: 2 }))).resolves.toEqual({
      output: { b: 2 },
      assign: {},
    });
  });

  it('outputs the input of a Pass state by default', async () => {
    await expect(
      Promise.resolve(stateOutput({ Type: 'Pass', End: true }, jsonata({ a: 1 }), undefined)),
    ).resolves.toEqual({
      output: { a: 1 },
      assign: {},
    });
  });

  it('evaluates Output and Assign with $states.input, $states.result and $states.context (specification example)', async () => {
    const state = task({
      Output: {
        customer: '{% $states.input.customer %}',
        resultStatus: '{% $states.result.status %}',
        executionId: '{% $states.context.Execution.Id %}',
      },
      Assign: {
        product: '{% $states.input.order.product %}',
        currentPrice: '{% $states.result.Payload.current_price %}',
      },
    });
    const input = { customer: 'Ana', order: { product: 'course-1' } };
    await expect(
      stateOutput(state, jsonata(input), { status: 'OK', Payload: { current_price: 49 } }),
    ).resolves.toEqual({
      output: {
        customer: 'Ana',
        resultStatus: 'OK',
        executionId: 'arn:aws:states:us-east-1:123456789012:execution:sm:run-1',
      },
      assign: { product: 'course-1', currentPrice: 49 },
    });
  });

  it('evaluates Assign and Output with the variables as they were on entry (specification example)', async () => {
    const state: StateDefinition = {
      Type: 'Pass',
      Assign: { x: 42, newOrOld: '{% $x %}' },
      Output: '{% $x %}',
      End: true,
    };
    await expect(Promise.resolve(stateOutput(state, jsonata({}, { x: 5 }), undefined))).resolves.toEqual({
      output: 5,
      assign: { x: 42, newOrOld: 5 },
    });
  });

  it('assigns the result of a Map state and outputs a count (specification Validate-All example)', async () => {
    const state: StateDefinition = {
      Type: 'Map',
      Items: '{% $states.input.detail.shipped %}',
      Assign: { shipped: '{% $states.result %}' },
      Output: { numItemsProcessed: '{% $count($states.input.detail.shipped) %}' },
      End: true,
    };
    const input = { detail: { shipped: [{ prod: 'R31' }, { prod: 'S39' }] } };
    await expect(
      Promise.resolve(stateOutput(state, jsonata(input), [{ ok: true }, { ok: true }])),
    ).resolves.toEqual({
      output: { numItemsProcessed: 2 },
      assign: { shipped: [{ ok: true }, { ok: true }] },
    });
  });

  it('names the Assign field of an undefined result', async () => {
    const state: StateDefinition = { Type: 'Pass', Assign: { result: '{% $doesNotExist %}' }, End: true };
    const error = await statesError(() => stateOutput(state, jsonata({}), undefined));
    expect(error.cause).toBe(
      "The JSONata expression '$doesNotExist' specified for the field 'Assign/result' returned nothing (undefined).",
    );
  });
});

describe('choose', () => {
  // The DispatchEvent Choice state of the ASL specification, in both query languages.
  const jsonPathDispatch: StateDefinition = {
    Type: 'Choice',
    Choices: [
      { Not: { Variable: '$.type', StringEquals: 'Private' }, Next: 'Public' },
      {
        And: [
          { Variable: '$.value', IsPresent: true },
          { Variable: '$.value', IsNumeric: true },
          { Variable: '$.value', NumericGreaterThanEquals: 20 },
          { Variable: '$.value', NumericLessThan: 30 },
        ],
        Assign: { range: 'twenties' },
        Next: 'ValueInTwenties',
      },
      { Variable: '$.rating', NumericGreaterThanPath: '$.auditThreshold', Next: 'StartAudit' },
    ],
    Default: 'RecordEvent',
    Assign: { range: 'default' },
  };
  const jsonataDispatch: StateDefinition = {
    Type: 'Choice',
    Choices: [
      { Condition: "{% $states.input.type != 'Private' %}", Next: 'Public' },
      {
        Condition: "{% $exists($value) and $type($value)='number' and $value>=20 and $value<30 %}",
        Assign: { range: 'twenties' },
        Next: 'ValueInTwenties',
      },
      {
        Condition: '{% $states.input.rating >= $states.input.auditThreshold %}',
        Output: { excess: '{% $states.input.rating - $states.input.auditThreshold %}' },
        Next: 'StartAudit',
      },
    ],
    Default: 'RecordEvent',
    Assign: { range: 'default' },
  };

  it('takes the first matching JSONPath rule and its Assign', async () => {
    const input = { type: 'Private', value: 22 };
    await expect(Promise.resolve(choose(jsonPathDispatch, jsonPath(input)))).resolves.toEqual({
      next: 'ValueInTwenties',
      output: input,
      assign: { range: 'twenties' },
    });
  });

  it('does not evaluate the state Assign when a rule without Assign matches', async () => {
    await expect(Promise.resolve(choose(jsonPathDispatch, jsonPath({ type: 'Public' })))).resolves.toEqual({
      next: 'Public',
      output: { type: 'Public' },
      assign: {},
    });
  });

  it('goes to Default with the state Assign when no JSONPath rule matches', async () => {
    const input = { type: 'Private', value: 5, rating: 1, auditThreshold: 2 };
    await expect(Promise.resolve(choose(jsonPathDispatch, jsonPath(input)))).resolves.toEqual({
      next: 'RecordEvent',
      output: input,
      assign: { range: 'default' },
    });
  });

  it('reads the effective input as $ in Assign and applies OutputPath', async () => {
    const state: StateDefinition = {
      Type: 'Choice',
      InputPath: '$.guess',
      Choices: [
        { Variable: '$.input_value', NumericEquals: 42, Assign: { status: 'CORRECT' }, Next: 'Final' },
      ],
      Default: 'Final',
      Assign: { status: 'INCORRECT', 'guess.$': '$.input_value' },
      OutputPath: '$.input_value',
    };
    await expect(Promise.resolve(choose(state, jsonPath({ guess: { input_value: 7 } })))).resolves.toEqual({
      next: 'Final',
      output: 7,
      assign: { status: 'INCORRECT', guess: 7 },
    });
  });

  it('fails with States.NoChoiceMatched when nothing matches and there is no Default', async () => {
    const state: StateDefinition = {
      Type: 'Choice',
      Choices: [{ Variable: '$.a', BooleanEquals: true, Next: 'X' }],
    };
    const error = await statesError(() => choose(state, jsonPath({ a: false })));
    expect(error.error).toBe('States.NoChoiceMatched');
  });

  it('takes a JSONata rule with its Assign and passes the input through', async () => {
    const input = { type: 'Private' };
    await expect(Promise.resolve(choose(jsonataDispatch, jsonata(input, { value: 23 })))).resolves.toEqual({
      next: 'ValueInTwenties',
      output: input,
      assign: { range: 'twenties' },
    });
  });

  it('takes a JSONata rule with its Output and assigns nothing', async () => {
    const input = { type: 'Private', rating: 60, auditThreshold: 50 };
    await expect(Promise.resolve(choose(jsonataDispatch, jsonata(input, { value: 5 })))).resolves.toEqual({
      next: 'StartAudit',
      output: { excess: 10 },
      assign: {},
    });
  });

  it('goes to Default with the state Assign and Output when no JSONata rule matches', async () => {
    const input = { type: 'Private', rating: 1, auditThreshold: 50 };
    const state = { ...jsonataDispatch, Output: { routed: 'default' } };
    await expect(Promise.resolve(choose(state, jsonata(input, { value: 5 })))).resolves.toEqual({
      next: 'RecordEvent',
      output: { routed: 'default' },
      assign: { range: 'default' },
    });
  });
});

describe('failDetails', () => {
  it('returns literal Error and Cause', async () => {
    const state: StateDefinition = { Type: 'Fail', Error: 'ErrorA', Cause: 'Kaiju attack' };
    await expect(failDetails(state, jsonPath({}))).resolves.toEqual({
      error: 'ErrorA',
      cause: 'Kaiju attack',
    });
  });

  it('returns nothing for a bare Fail state', async () => {
    await expect(failDetails({ Type: 'Fail' }, jsonPath({}))).resolves.toEqual({});
  });

  it('reads ErrorPath and CausePath (specification example)', async () => {
    const state: StateDefinition = { Type: 'Fail', ErrorPath: '$.Error', CausePath: '$.Cause' };
    await expect(
      failDetails(state, jsonPath({ Error: 'PaymentRejected', Cause: 'amount mismatch' })),
    ).resolves.toEqual({
      error: 'PaymentRejected',
      cause: 'amount mismatch',
    });
  });

  it('evaluates an intrinsic function in CausePath', async () => {
    const state: StateDefinition = {
      Type: 'Fail',
      Error: 'VideoFailed',
      CausePath: "States.Format('Probe failed for {}', $.key)",
    };
    await expect(failDetails(state, jsonPath({ key: 'uploads/a.mp4' }))).resolves.toEqual({
      error: 'VideoFailed',
      cause: 'Probe failed for uploads/a.mp4',
    });
  });

  it('fails with States.Runtime worded as AWS when ErrorPath names nothing', async () => {
    const error = await statesError(() =>
      failDetails({ Type: 'Fail', ErrorPath: '$.ErrorX' }, jsonPath({ Error: 'E' })),
    );
    expect(error.cause).toBe(
      "The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{\"Error\":\"E\"}'",
    );
  });

  it('evaluates JSONata Error and Cause', async () => {
    const state: StateDefinition = {
      Type: 'Fail',
      Error: '{% $states.input.Error %}',
      Cause: '{% $states.input.Cause %}',
    };
    await expect(failDetails(state, jsonata({ Error: 'E', Cause: 'C' }))).resolves.toEqual({
      error: 'E',
      cause: 'C',
    });
  });
});

describe('catchOutput', () => {
  const errorOutput = { Error: 'java.lang.Exception', Cause: 'Kaiju attack' };
  const catcher = (fields: Partial<Catcher>): Catcher => ({
    ErrorEquals: ['States.ALL'],
    Next: 'Recovery',
    ...fields,
  });

  it('outputs the Error Output by default', async () => {
    await expect(catchOutput(catcher({}), jsonPath({ a: 1 }), errorOutput)).resolves.toEqual({
      output: errorOutput,
      assign: {},
    });
  });

  it('places the Error Output into the raw input at ResultPath (specification example)', async () => {
    await expect(
      catchOutput(catcher({ ResultPath: '$.error-info' }), jsonPath({ a: 1 }), errorOutput),
    ).resolves.toEqual({
      output: { a: 1, 'error-info': errorOutput },
      assign: {},
    });
  });

  it('keeps the raw input for a null ResultPath', async () => {
    await expect(
      catchOutput(catcher({ ResultPath: null }), jsonPath({ a: 1 }), errorOutput),
    ).resolves.toEqual({
      output: { a: 1 },
      assign: {},
    });
  });

  it('reads the Error Output as $ in a JSONPath Assign', async () => {
    const outcome = await catchOutput(
      catcher({ Assign: { hasError: true, 'errorName.$': '$.Error' } }),
      jsonPath({}),
      errorOutput,
    );
    expect(outcome.assign).toEqual({ hasError: true, errorName: 'java.lang.Exception' });
  });

  it('evaluates a JSONata Output with $states.errorOutput (specification example)', async () => {
    const state = catcher({ Output: "{% $merge([ $states.input, {'error-info': $states.errorOutput} ]) %}" });
    await expect(catchOutput(state, jsonata({ a: 1 }), errorOutput)).resolves.toEqual({
      output: { a: 1, 'error-info': errorOutput },
      assign: {},
    });
  });

  it('outputs the Error Output and evaluates Assign in JSONata (specification example)', async () => {
    const state = catcher({
      Assign: { isCritical: '{% $contains($lowercase($states.errorOutput.Cause), /.*kaiju.*/) %}' },
    });
    await expect(catchOutput(state, jsonata({ a: 1 }), errorOutput)).resolves.toEqual({
      output: errorOutput,
      assign: { isCritical: true },
    });
  });
});
