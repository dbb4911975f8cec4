import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  StartExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { Definition } from '../../../workflows/asl';
import type { LocalRuntime } from '../../../infra/local/runtime';
import type { ManualClock } from '../../../infra/local/clock';
import { topology as engineTopology } from '../../fixtures/engine-topology';
import { run as runAndInspect } from '../../support/run';
import { definition, machineName, ROLE, useRuntime, waitForEvent } from '../../support/local';

const local = useRuntime(engineTopology);
let runtime: LocalRuntime;
let sfn: SFNClient;
let clock: ManualClock;
beforeAll(() => {
  ({ runtime, sfn, clock } = local);
});

const run = (d: Definition, input: unknown = {}) => runAndInspect(runtime, sfn, d, input);

describe('Pass and Succeed', () => {
  it('passes a Result into the input at ResultPath', async () => {
    const e = await run(
      {
        StartAt: 'Price',
        States: {
          Price: { Type: 'Pass', Result: { cents: 4900 }, ResultPath: '$.price', Next: 'Done' },
          Done: { Type: 'Succeed' },
        },
      },
      { course: 'ts-101' },
    );
    expect(e.status).toBe('SUCCEEDED');
    expect(e.result).toEqual({ course: 'ts-101', price: { cents: 4900 } });
    expect(e.types).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'SucceedStateEntered',
      'SucceedStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('numbers events from 1 and chains previousEventId as AWS does', async () => {
    const e = await run({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    expect(e.events.map((ev) => [ev.id, ev.previousEventId])).toEqual([
      [1, 0],
      [2, 0],
      [3, 2],
      [4, 3],
    ]);
  });
});

describe('Choice', () => {
  const choice: Definition = {
    StartAt: 'Route',
    States: {
      Route: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.amount', NumericGreaterThanEquals: 100, Next: 'Large' },
          {
            And: [
              { Variable: '$.currency', StringEquals: 'EUR' },
              { Variable: '$.amount', NumericLessThan: 100 },
            ],
            Next: 'SmallEuro',
          },
        ],
        Default: 'Other',
      },
      Large: { Type: 'Pass', Result: 'large', End: true },
      SmallEuro: { Type: 'Pass', Result: 'small-eur', End: true },
      Other: { Type: 'Pass', Result: 'other', End: true },
    },
  };

  it('takes the first matching rule', async () => {
    expect((await run(choice, { amount: 150, currency: 'EUR' })).result).toBe('large');
    expect((await run(choice, { amount: 20, currency: 'EUR' })).result).toBe('small-eur');
  });

  it('takes Default when nothing matches', async () => {
    expect((await run(choice, { amount: 20, currency: 'USD' })).result).toBe('other');
  });

  it('fails with States.NoChoiceMatched without a Default', async () => {
    const e = await run(
      {
        StartAt: 'Route',
        States: {
          Route: { Type: 'Choice', Choices: [{ Variable: '$.x', BooleanEquals: true, Next: 'Yes' }] },
          Yes: { Type: 'Succeed' },
        },
      },
      { x: false },
    );
    expect(e.status).toBe('FAILED');
    expect(e.error).toBe('States.NoChoiceMatched');
  });
});

describe('Fail', () => {
  it('fails the execution with its Error and Cause', async () => {
    const e = await run({
      StartAt: 'No',
      States: { No: { Type: 'Fail', Error: 'CourseSoldOut', Cause: 'no seats left' } },
    });
    expect(e).toMatchObject({ status: 'FAILED', error: 'CourseSoldOut', cause: 'no seats left' });
    expect(e.types.slice(-2)).toEqual(['FailStateEntered', 'ExecutionFailed']);
  });
});

describe('Wait', () => {
  it('waits Seconds on the clock before going on', async () => {
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: machineName(),
        roleArn: ROLE,
        definition: definition({
          StartAt: 'Pause',
          States: { Pause: { Type: 'Wait', Seconds: 3600, End: true } },
        }),
      }),
    );
    const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{"a":1}' }));
    const finished = runtime.engine.whenFinished(executionArn!);
    await waitForEvent(sfn, executionArn!, 'WaitStateEntered');
    await clock.timerAt(clock.now() + 3600_000);
    clock.advance(3599_000);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn }))).status).toBe('RUNNING');
    clock.advance(1000);
    expect((await finished).status).toBe('SUCCEEDED');
  });

  it('waits until a TimestampPath', async () => {
    const at = new Date(clock.now() + 60_000).toISOString();
    const { stateMachineArn } = await sfn.send(
      new CreateStateMachineCommand({
        name: machineName(),
        roleArn: ROLE,
        definition: definition({
          StartAt: 'Until',
          States: { Until: { Type: 'Wait', TimestampPath: '$.at', End: true } },
        }),
      }),
    );
    const { executionArn } = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, input: JSON.stringify({ at }) }),
    );
    const finished = runtime.engine.whenFinished(executionArn!);
    await waitForEvent(sfn, executionArn!, 'WaitStateEntered');
    await clock.timerAt(Date.parse(at));
    clock.advance(60_000);
    const done = await finished;
    expect(done.stopDate! - done.startDate).toBeGreaterThanOrEqual(60_000);
  });
});

describe('Parallel', () => {
  it('runs every branch and returns their outputs in branch order', async () => {
    const e = await run(
      {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'A',
                States: { A: { Type: 'Pass', Parameters: { 'who.$': '$.name', branch: 'a' }, End: true } },
              },
              {
                StartAt: 'B',
                States: {
                  B: {
                    Type: 'Task',
                    Resource: 'arn:aws:states:::lambda:invoke',
                    Parameters: { FunctionName: 'echo', Payload: { branch: 'b' } },
                    ResultSelector: { 'branch.$': '$.Payload.branch' },
                    End: true,
                  },
                },
              },
            ],
            ResultPath: '$.branches',
            End: true,
          },
        },
      },
      { name: 'Ada' },
    );
    expect(e.result).toEqual({ name: 'Ada', branches: [{ who: 'Ada', branch: 'a' }, { branch: 'b' }] });
    expect(e.types).toContain('ParallelStateStarted');
    expect(e.types).toContain('ParallelStateSucceeded');
  });

  it('fails when a branch fails, with the branch error', async () => {
    const e = await run({
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 10, End: true } } },
            { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'BranchBroke', Cause: 'b' } } },
          ],
          End: true,
        },
      },
    });
    expect(e).toMatchObject({ status: 'FAILED', error: 'BranchBroke' });
    expect(e.types).toContain('ParallelStateFailed');
  });
});

describe('Map', () => {
  it('processes every item and keeps item order, MaxConcurrency or not', async () => {
    const items = Array.from({ length: 25 }, (_, i) => ({ n: i }));
    const processor = {
      StartAt: 'Double',
      States: {
        Double: { Type: 'Pass' as const, Parameters: { 'n.$': 'States.MathAdd($.n, $.n)' }, End: true },
      },
    };
    for (const MaxConcurrency of [0, 3]) {
      const e = await run(
        {
          StartAt: 'Each',
          States: {
            Each: { Type: 'Map', ItemsPath: '$.items', MaxConcurrency, ItemProcessor: processor, End: true },
          },
        },
        { items },
      );
      expect(e.result).toEqual(items.map(({ n }) => ({ n: 2 * n })));
      expect(e.types.filter((t) => t === 'MapIterationSucceeded')).toHaveLength(25);
      expect(e.events.find((ev) => ev.type === 'MapStateStarted')!.mapStateStartedEventDetails).toEqual({
        length: 25,
      });
    }
  });

  it('gives ItemSelector the item and its index from $$.Map.Item', async () => {
    const e = await run(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemsPath: '$.lessons',
            ItemSelector: {
              'title.$': '$$.Map.Item.Value',
              'position.$': '$$.Map.Item.Index',
              'course.$': '$.course',
            },
            ItemProcessor: { StartAt: 'Keep', States: { Keep: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      { course: 'ts-101', lessons: ['intro', 'types'] },
    );
    expect(e.result).toEqual([
      { title: 'intro', position: 0, course: 'ts-101' },
      { title: 'types', position: 1, course: 'ts-101' },
    ]);
  });

  it('returns [] for no items', async () => {
    const e = await run(
      {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      },
      [],
    );
    expect(e.result).toEqual([]);
  });
});

describe('JSONata and variables', () => {
  it('evaluates Arguments, Output and Assign, and variables reach later states', async () => {
    const e = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Price',
        States: {
          Price: {
            Type: 'Pass',
            Assign: { total: '{% $sum($states.input.items.cents) %}', currency: 'EUR' },
            Next: 'Invoke',
          },
          Invoke: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Arguments: {
              FunctionName: 'echo',
              Payload: { total: '{% $total %}', currency: '{% $currency %}' },
            },
            Output: '{% $states.result.Payload %}',
            End: true,
          },
        },
      },
      { items: [{ cents: 1000 }, { cents: 2500 }] },
    );
    expect(e.result).toEqual({ total: 3500, currency: 'EUR' });
    const exited = e.events.find((ev) => ev.type === 'PassStateExited')!;
    expect(exited.stateExitedEventDetails!.assignedVariables).toEqual({ total: '3500', currency: '"EUR"' });
  });

  it('lets a JSONPath state read variables assigned earlier', async () => {
    const e = await run({
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { courseId: 'ts-101' }, Next: 'Read' },
        Read: { Type: 'Pass', Parameters: { 'course.$': '$courseId' }, End: true },
      },
    });
    expect(e.result).toEqual({ course: 'ts-101' });
  });
});

describe('JSONata states', () => {
  it('routes a Choice on Condition with the matched rule Output', async () => {
    const e = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Route',
        States: {
          Route: {
            Type: 'Choice',
            Choices: [
              { Condition: '{% $states.input.amount >= 100 %}', Next: 'Large', Output: { size: 'large' } },
            ],
            Default: 'Small',
          },
          Large: { Type: 'Succeed' },
          Small: { Type: 'Succeed', Output: { size: 'small' } },
        },
      },
      { amount: 120 },
    );
    expect(e.result).toEqual({ size: 'large' });
  });

  it('maps over Items with an ItemSelector that sees the item and its index', async () => {
    const e = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            Items: '{% $states.input.renditions %}',
            ItemSelector: {
              height: '{% $states.context.Map.Item.Value %}',
              index: '{% $states.context.Map.Item.Index %}',
            },
            ItemProcessor: {
              StartAt: 'Label',
              States: {
                Label: {
                  Type: 'Pass',
                  Output: '{% $string($states.input.height) & "p#" & $states.input.index %}',
                  End: true,
                },
              },
            },
            End: true,
          },
        },
      },
      { renditions: [1080, 720, 480] },
    );
    expect(e.result).toEqual(['1080p#0', '720p#1', '480p#2']);
  });

  it('catches with Output built from $states.errorOutput and fails with computed Error and Cause', async () => {
    const e = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'Charge',
      States: {
        Charge: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { FunctionName: 'decline', Payload: { reason: 'insufficient funds' } },
          Catch: [
            {
              ErrorEquals: ['PaymentDeclinedError'],
              Output: { error: '{% $states.errorOutput.Error %}' },
              Assign: { reason: '{% $parse($states.errorOutput.Cause).errorMessage %}' },
              Next: 'Reject',
            },
          ],
          End: true,
        },
        Reject: { Type: 'Fail', Error: '{% $states.input.error %}', Cause: '{% "declined: " & $reason %}' },
      },
    });
    expect(e).toMatchObject({
      status: 'FAILED',
      error: 'PaymentDeclinedError',
      cause: 'declined: insufficient funds',
    });
  });
});

describe('data limits', () => {
  it('fails with States.DataLimitExceeded when a state output passes 256 KiB', async () => {
    const e = await run(
      {
        StartAt: 'Grow',
        States: { Grow: { Type: 'Pass', Parameters: { 'a.$': '$.big', 'b.$': '$.big' }, End: true } },
      },
      { big: 'x'.repeat(140 * 1024) },
    );
    expect(e).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });
});
