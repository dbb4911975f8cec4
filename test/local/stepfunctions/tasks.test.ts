import {
  DescribeExecutionCommand,
  RedriveExecutionCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StopExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { Definition, StateDefinition } from '../../../workflows/asl';
import type { ManualClock } from '../../../infra/local/clock';
import type { LocalRuntime } from '../../../infra/local/runtime';
import { topology as engineTopology } from '../../fixtures/engine-topology';
import { useRuntime, waitForEvent } from '../../support/local';
import { createMachine, finished, inspect, run as runAndInspect, startExecution } from '../../support/run';

const local = useRuntime(engineTopology);
let runtime: LocalRuntime;
let sfn: SFNClient;
let clock: ManualClock;
beforeAll(() => {
  ({ runtime, sfn, clock } = local);
});

const run = (d: Definition, input: unknown = {}) => runAndInspect(runtime, sfn, d, input);
const invoke = (fn: string, extra: Partial<StateDefinition> = {}): StateDefinition => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: fn, 'Payload.$': '$' },
  End: true,
  ...extra,
});
let keys = 0;
const key = () => `key-${++keys}`;

describe('lambda:invoke', () => {
  it('returns the invoke response with the handler payload and records the task events', async () => {
    const e = await run({ StartAt: 'Echo', States: { Echo: invoke('echo') } }, { course: 'ts-101' });
    expect(e.result).toMatchObject({
      ExecutedVersion: '$LATEST',
      StatusCode: 200,
      Payload: { course: 'ts-101' },
    });
    expect(e.result.SdkHttpMetadata.HttpStatusCode).toBe(200);
    expect(e.types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const scheduled = e.events[2].taskScheduledEventDetails!;
    expect(scheduled).toMatchObject({ resourceType: 'lambda', resource: 'invoke', region: 'us-east-1' });
    expect(JSON.parse(scheduled.parameters!)).toEqual({
      FunctionName: 'echo',
      Payload: { course: 'ts-101' },
    });
  });

  it('runs a plain function ARN with the LambdaFunction events and the bare payload', async () => {
    const e = await run(
      {
        StartAt: 'Echo',
        States: {
          Echo: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:echo', End: true },
        },
      },
      { a: 1 },
    );
    expect(e.result).toEqual({ a: 1 });
    expect(e.types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it("surfaces a thrown error as Error = its name and Cause = Lambda's error JSON", async () => {
    const e = await run(
      { StartAt: 'Charge', States: { Charge: invoke('decline') } },
      { reason: 'card expired' },
    );
    expect(e.status).toBe('FAILED');
    expect(e.error).toBe('PaymentDeclinedError');
    const cause = JSON.parse(e.cause!);
    expect(cause).toMatchObject({ errorType: 'PaymentDeclinedError', errorMessage: 'card expired' });
    expect(cause.trace[0]).toContain('PaymentDeclinedError: card expired');
    const failed = e.events.find((ev) => ev.type === 'TaskFailed')!.taskFailedEventDetails!;
    expect(failed).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      error: 'PaymentDeclinedError',
    });
  });

  it('fails with Lambda.ResourceNotFoundException for an unknown function', async () => {
    const e = await run({ StartAt: 'Call', States: { Call: invoke('nope') } });
    expect(e.error).toBe('Lambda.ResourceNotFoundException');
  });

  it('fails with Sandbox.Timedout when the function outlives its own timeout', async () => {
    const arn = await startExecution(
      sfn,
      await createMachine(sfn, { StartAt: 'Hang', States: { Hang: invoke('hang') } }),
    );
    await waitForEvent(sfn, arn, 'TaskStarted');
    clock.advance(3000);
    const e = await finished(runtime, sfn, arn);
    expect(e.error).toBe('Sandbox.Timedout');
    expect(JSON.parse(e.cause!).errorMessage).toContain('Task timed out after 3.00 seconds');
  });
});

describe('Retry and Catch', () => {
  it('retries with exponential back-off on the clock, then succeeds', async () => {
    const retry = [
      { ErrorEquals: ['ProviderUnavailableError'], IntervalSeconds: 2, BackoffRate: 3, MaxAttempts: 3 },
    ];
    const arn = await startExecution(
      sfn,
      await createMachine(sfn, { StartAt: 'Verify', States: { Verify: invoke('flaky', { Retry: retry }) } }),
      { key: key(), failures: 2 },
    );
    await waitForEvent(sfn, arn, 'TaskFailed');
    await clock.timerAt(clock.now() + 2000);
    clock.advance(1999);
    expect((await inspect(sfn, arn)).types.filter((t) => t === 'TaskScheduled')).toHaveLength(1);
    clock.advance(1);
    await waitUntil(
      async () => (await inspect(sfn, arn)).types.filter((t) => t === 'TaskFailed').length === 2,
    );
    await clock.timerAt(clock.now() + 6000);
    clock.advance(5999);
    expect((await inspect(sfn, arn)).types.filter((t) => t === 'TaskScheduled')).toHaveLength(2);
    clock.advance(1);
    const e = await finished(runtime, sfn, arn);
    expect(e.result.Payload).toEqual({ attempt: 3 });
    expect(e.types.filter((t) => t === 'TaskStateEntered')).toHaveLength(1);
  });

  it('catches into ResultPath once the retries are spent', async () => {
    const arn = await startExecution(
      sfn,
      await createMachine(sfn, {
        StartAt: 'Verify',
        States: {
          Verify: invoke('flaky', {
            Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 1 }],
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'Rejected' }],
            End: undefined,
            Next: 'Done',
          }),
          Done: { Type: 'Succeed' },
          Rejected: { Type: 'Pass', End: true },
        },
      }),
      { key: key(), failures: 5 },
    );
    await waitForEvent(sfn, arn, 'TaskFailed');
    await clock.timerAt(clock.now() + 1000);
    clock.advance(1000);
    const e = await finished(runtime, sfn, arn);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.result.failure.Error).toBe('ProviderUnavailableError');
    expect(JSON.parse(e.result.failure.Cause).errorMessage).toBe('attempt 2 failed');
    expect(e.types).toContain('TaskStateExited');
  });

  it('never catches States.Runtime, even with States.ALL', async () => {
    const e = await run({
      StartAt: 'Call',
      States: {
        Call: invoke('echo', {
          Parameters: { FunctionName: 'echo', 'Payload.$': '$.missing' },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
        }),
        Caught: { Type: 'Succeed' },
      },
    });
    expect(e.status).toBe('FAILED');
    expect(e.error).toBe('States.Runtime');
    expect(e.cause).toContain('$.missing');
  });
});

describe('Retry on Parallel', () => {
  it('runs every branch again when the Parallel state is retried', async () => {
    const k = key();
    const arn = await startExecution(
      sfn,
      await createMachine(sfn, {
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            Branches: [
              {
                StartAt: 'Steady',
                States: {
                  Steady: invoke('flaky', {
                    Parameters: { FunctionName: 'flaky', Payload: { key: `${k}-steady`, failures: 0 } },
                    OutputPath: '$.Payload',
                  }),
                },
              },
              {
                StartAt: 'Shaky',
                States: {
                  Shaky: invoke('flaky', {
                    Parameters: { FunctionName: 'flaky', Payload: { key: `${k}-shaky`, failures: 1 } },
                    OutputPath: '$.Payload',
                  }),
                },
              },
            ],
            Retry: [{ ErrorEquals: ['ProviderUnavailableError'], IntervalSeconds: 5 }],
            End: true,
          },
        },
      }),
    );
    await waitForEvent(sfn, arn, 'ParallelStateFailed');
    await clock.timerAt(clock.now() + 5000);
    clock.advance(5000);
    const e = await finished(runtime, sfn, arn);
    expect(e.result).toEqual([{ attempt: 2 }, { attempt: 2 }]);
  });
});

describe('timeouts', () => {
  it('times a task out after TimeoutSeconds with States.Timeout, which States.TaskFailed does not catch', async () => {
    const arn = await startExecution(
      sfn,
      await createMachine(sfn, {
        StartAt: 'Hang',
        States: {
          Hang: invoke('hang', {
            TimeoutSeconds: 1,
            Catch: [
              { ErrorEquals: ['States.TaskFailed'], Next: 'Wrong' },
              { ErrorEquals: ['States.Timeout'], Next: 'TimedOut' },
            ],
          }),
          Wrong: { Type: 'Fail', Error: 'Wrong' },
          TimedOut: { Type: 'Succeed' },
        },
      }),
    );
    await waitForEvent(sfn, arn, 'TaskStarted');
    clock.advance(1000);
    const e = await finished(runtime, sfn, arn);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.events.find((ev) => ev.type === 'TaskTimedOut')!.taskTimedOutEventDetails!.error).toBe(
      'States.Timeout',
    );
  });

  it('times the whole execution out after the machine TimeoutSeconds', async () => {
    const arn = await startExecution(
      sfn,
      await createMachine(sfn, {
        TimeoutSeconds: 10,
        StartAt: 'Pause',
        States: { Pause: { Type: 'Wait', Seconds: 100, End: true } },
      }),
    );
    await waitForEvent(sfn, arn, 'WaitStateEntered');
    await clock.timerAt(clock.now() + 100_000);
    clock.advance(10_000);
    const e = await finished(runtime, sfn, arn);
    expect(e.status).toBe('TIMED_OUT');
    expect(e.types.at(-1)).toBe('ExecutionTimedOut');
  });
});

describe('.waitForTaskToken', () => {
  const callback = (extra: Partial<StateDefinition> = {}, more: Definition['States'] = {}): Definition => ({
    StartAt: 'Mail',
    States: {
      Mail: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'echo', Payload: { 'token.$': '$$.Task.Token', 'to.$': '$.email' } },
        End: true,
        ...extra,
      },
      ...more,
    },
  });
  const tokenOf = async (arn: string) => {
    await waitForEvent(sfn, arn, 'TaskSubmitted');
    const e = await inspect(sfn, arn);
    const params = JSON.parse(
      e.events.find((ev) => ev.type === 'TaskScheduled')!.taskScheduledEventDetails!.parameters!,
    );
    return params.Payload.token as string;
  };

  it('waits for SendTaskSuccess and continues with its output', async () => {
    const arn = await startExecution(sfn, await createMachine(sfn, callback()), { email: 'ada@example.com' });
    const token = await tokenOf(arn);
    expect((await sfn.send(new DescribeExecutionCommand({ executionArn: arn }))).status).toBe('RUNNING');
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken: token, output: JSON.stringify({ verified: true }) }),
    );
    const e = await finished(runtime, sfn, arn);
    expect(e.result).toEqual({ verified: true });
    expect(e.types).toEqual(expect.arrayContaining(['TaskSubmitted', 'TaskSucceeded']));
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
  });

  it('fails the task with SendTaskFailure error and cause', async () => {
    const arn = await startExecution(sfn, await createMachine(sfn, callback()), { email: 'ada@example.com' });
    const token = await tokenOf(arn);
    await sfn.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'MailBounced', cause: 'mailbox full' }),
    );
    const e = await finished(runtime, sfn, arn);
    expect(e).toMatchObject({ status: 'FAILED', error: 'MailBounced', cause: 'mailbox full' });
  });

  it('refuses an output that is not JSON and an unknown token', async () => {
    const arn = await startExecution(sfn, await createMachine(sfn, callback()), { email: 'ada@example.com' });
    const token = await tokenOf(arn);
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{nope' })),
    ).rejects.toMatchObject({
      name: 'InvalidOutput',
    });
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: 'forged', output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskDoesNotExist',
    });
    expect((await inspect(sfn, arn)).status).toBe('RUNNING');
    await sfn.send(new StopExecutionCommand({ executionArn: arn }));
  });

  it('times out without heartbeats; heartbeats keep it alive; a late answer gets TaskTimedOut', async () => {
    const arn = await startExecution(
      sfn,
      await createMachine(
        sfn,
        callback(
          {
            HeartbeatSeconds: 10,
            Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'NoAnswer' }],
            End: undefined,
            Next: 'Done',
          },
          { Done: { Type: 'Succeed' }, NoAnswer: { Type: 'Pass', Result: 'no answer', End: true } },
        ),
      ),
      { email: 'ada@example.com' },
    );
    const token = await tokenOf(arn);
    clock.advance(9000);
    await sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    clock.advance(9000);
    expect((await inspect(sfn, arn)).status).toBe('RUNNING');
    clock.advance(1000);
    const e = await finished(runtime, sfn, arn);
    expect(e.types).toContain('TaskTimedOut');
    expect(e.result).toBe('no answer');
    await expect(
      sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    ).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
  });
});

describe('StopExecution and RedriveExecution', () => {
  it('aborts a running execution with the given error and cause', async () => {
    const arn = await startExecution(
      sfn,
      await createMachine(sfn, { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 60, End: true } } }),
    );
    await waitForEvent(sfn, arn, 'WaitStateEntered');
    await sfn.send(
      new StopExecutionCommand({ executionArn: arn, error: 'Operator', cause: 'refunded by hand' }),
    );
    const e = await inspect(sfn, arn);
    expect(e).toMatchObject({ status: 'ABORTED', error: 'Operator', cause: 'refunded by hand' });
    expect(e.events.at(-1)!.executionAbortedEventDetails).toEqual({
      error: 'Operator',
      cause: 'refunded by hand',
    });
  });

  it('redrives a failed execution from the failed state, keeping what succeeded', async () => {
    const arn = await startExecution(
      sfn,
      await createMachine(sfn, {
        StartAt: 'Normalise',
        States: { Normalise: { Type: 'Pass', Next: 'Verify' }, Verify: invoke('flaky') },
      }),
      { key: key(), failures: 1 },
    );
    const failed = await finished(runtime, sfn, arn);
    expect(failed.status).toBe('FAILED');
    expect(failed.redriveStatus).toBe('REDRIVABLE');
    await sfn.send(new RedriveExecutionCommand({ executionArn: arn }));
    const e = await finished(runtime, sfn, arn);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.redriveCount).toBe(1);
    expect(e.types).toContain('ExecutionRedriven');
    expect(e.types.filter((t) => t === 'PassStateEntered')).toHaveLength(1);
    expect(e.result.Payload).toEqual({ attempt: 2 });
  });

  it('redrives only the Map iterations that did not succeed', async () => {
    const k = key();
    const arn = await startExecution(
      sfn,
      await createMachine(sfn, {
        StartAt: 'Each',
        States: {
          Each: {
            Type: 'Map',
            ItemsPath: '$.items',
            // One at a time: a fails never, b fails once, c has not started when b fails.
            MaxConcurrency: 1,
            ItemProcessor: {
              StartAt: 'Verify',
              States: { Verify: invoke('flaky', { ResultSelector: { 'attempt.$': '$.Payload.attempt' } }) },
            },
            End: true,
          },
        },
      }),
      {
        items: [
          { key: `${k}-a`, failures: 0 },
          { key: `${k}-b`, failures: 1 },
          { key: `${k}-c`, failures: 0 },
        ],
      },
    );
    expect((await finished(runtime, sfn, arn)).status).toBe('FAILED');
    await sfn.send(new RedriveExecutionCommand({ executionArn: arn }));
    const e = await finished(runtime, sfn, arn);
    expect(e.status).toBe('SUCCEEDED');
    // a ran once; b failed and ran again; c ran once, after the redrive (a second run would say attempt 2).
    expect(e.result).toEqual([{ attempt: 1 }, { attempt: 2 }, { attempt: 1 }]);
  });

  it('redrives an aborted execution from the state it was stopped in', async () => {
    const arn = await startExecution(
      sfn,
      await createMachine(sfn, {
        StartAt: 'First',
        States: { First: { Type: 'Pass', Next: 'Pause' }, Pause: { Type: 'Wait', Seconds: 60, End: true } },
      }),
    );
    await waitForEvent(sfn, arn, 'WaitStateEntered');
    await sfn.send(new StopExecutionCommand({ executionArn: arn }));
    await sfn.send(new RedriveExecutionCommand({ executionArn: arn }));
    await waitUntil(
      async () => (await inspect(sfn, arn)).types.filter((t) => t === 'WaitStateEntered').length === 2,
    );
    await clock.timerAt(clock.now() + 60_000);
    clock.advance(60_000);
    const e = await finished(runtime, sfn, arn);
    expect(e.status).toBe('SUCCEEDED');
    expect(e.types.filter((t) => t === 'PassStateEntered')).toHaveLength(1);
  });

  it('refuses to redrive a succeeded execution', async () => {
    const e = await run({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    expect(e.redriveStatus).toBe('NOT_REDRIVABLE');
    await expect(
      sfn.send(new RedriveExecutionCommand({ executionArn: e.executionArn })),
    ).rejects.toMatchObject({
      name: 'ExecutionNotRedrivable',
    });
  });
});

describe('states:startExecution', () => {
  it('.sync:2 waits for the child workflow and returns its parsed output', async () => {
    const child = await createMachine(sfn, {
      StartAt: 'Echo',
      States: { Echo: invoke('echo', { OutputPath: '$.Payload' }) },
    });
    const e = await run({
      StartAt: 'Child',
      States: {
        Child: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: child, Input: { lesson: 3 } },
          OutputPath: '$.Output',
          End: true,
        },
      },
    });
    expect(e.result).toEqual({ lesson: 3 });
    expect(e.types).toEqual(expect.arrayContaining(['TaskSubmitted', 'TaskSucceeded']));
  });

  it('.sync fails with States.TaskFailed when the child fails', async () => {
    const child = await createMachine(sfn, {
      StartAt: 'No',
      States: { No: { Type: 'Fail', Error: 'Nope' } },
    });
    const e = await run({
      StartAt: 'Child',
      States: {
        Child: {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync',
          Parameters: { StateMachineArn: child },
          End: true,
        },
      },
    });
    expect(e.error).toBe('States.TaskFailed');
    expect(JSON.parse(e.cause!)).toMatchObject({ Status: 'FAILED', Error: 'Nope' });
  });

  const waitingChild = () =>
    createMachine(sfn, { StartAt: 'Hold', States: { Hold: { Type: 'Wait', Seconds: 3600, End: true } } });
  const startChild = (child: string, extra: Record<string, unknown> = {}): Definition => ({
    StartAt: 'Child',
    States: {
      Child: {
        Type: 'Task',
        Resource: 'arn:aws:states:::states:startExecution.sync',
        Parameters: { StateMachineArn: child, Input: { lesson: 3 }, ...extra },
        End: true,
      },
    },
  });

  it('stops the child of a .sync task when the parent is stopped', async () => {
    const parent = await startExecution(sfn, await createMachine(sfn, startChild(await waitingChild())));
    const submitted = await waitForEvent(sfn, parent, 'TaskSubmitted');
    const childArn = JSON.parse(submitted.taskSubmittedEventDetails!.output!).ExecutionArn as string;
    await sfn.send(new StopExecutionCommand({ executionArn: parent }));
    expect(await runtime.engine.whenFinished(childArn)).toMatchObject({
      status: 'ABORTED',
      error: 'States.Aborted',
    });
  });

  it('fails with StepFunctions.ExecutionAlreadyExistsException when the Name is taken by a finished execution', async () => {
    const child = await createMachine(sfn, { StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });
    const first = await run(startChild(child, { Name: 'lesson-3' }));
    expect(first.status).toBe('SUCCEEDED');
    const again = await run(startChild(child, { Name: 'lesson-3' }));
    expect(again).toMatchObject({ status: 'FAILED', error: 'StepFunctions.ExecutionAlreadyExistsException' });
    expect(again.cause).toContain(':lesson-3');
  });
});

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setImmediate(resolve));
}
