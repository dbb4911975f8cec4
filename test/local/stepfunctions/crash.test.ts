import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StateDefinition } from '../../../workflows/asl';
import { credentials, waitForEvent } from '../../support/local';
import { kill, useChildRuntimes } from '../../support/child';
import { createMachine, inspect, startExecution } from '../../support/run';

const HOUR = 3600_000;
const callbackTask: StateDefinition = {
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: { FunctionName: 'echo', Payload: { 'token.$': '$$.Task.Token' } },
  End: true,
};

async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('crash and resume (SIGKILL)', () => {
  const runtimes = useChildRuntimes();

  it('resumes every execution where it was: waits, task tokens, tasks in flight, retries', async () => {
    const first = await runtimes.start();
    let sfn = new SFNClient({ endpoint: first.endpoint, region: 'us-east-1', credentials });
    const marker = join(runtimes.dir, 'in-flight.marker');

    const shortWait = await startExecution(
      sfn,
      await createMachine(sfn, {
        StartAt: 'W',
        States: {
          W: { Type: 'Wait', Seconds: 3600, Next: 'After' },
          After: { Type: 'Pass', Result: 'woke', End: true },
        },
      }),
    );
    const longWait = await startExecution(
      sfn,
      await createMachine(sfn, {
        StartAt: 'W',
        States: { W: { Type: 'Wait', Seconds: 3 * 3600, End: true } },
      }),
    );
    const callback = await startExecution(
      sfn,
      await createMachine(sfn, {
        StartAt: 'Mail',
        States: { Mail: callbackTask },
      }),
    );
    const inFlight = await startExecution(
      sfn,
      await createMachine(sfn, {
        StartAt: 'Slow',
        States: {
          Slow: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'hangOnce', Payload: { marker } },
            OutputPath: '$.Payload',
            End: true,
          },
        },
      }),
    );
    const retrying = await startExecution(
      sfn,
      await createMachine(sfn, {
        StartAt: 'Verify',
        States: {
          Verify: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: 'failOnce', Payload: { marker: join(runtimes.dir, 'retry.marker') } },
            Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1800, MaxAttempts: 1 }],
            OutputPath: '$.Payload',
            End: true,
          },
        },
      }),
    );
    await waitForEvent(sfn, shortWait, 'WaitStateEntered');
    await waitForEvent(sfn, longWait, 'WaitStateEntered');
    await waitForEvent(sfn, callback, 'TaskSubmitted');
    await waitForEvent(sfn, retrying, 'TaskFailed');
    await until(() => existsSync(marker));
    const token = JSON.parse(
      (await inspect(sfn, callback)).events.find((e) => e.type === 'TaskScheduled')!
        .taskScheduledEventDetails!.parameters!,
    ).Payload.token as string;

    await kill(first.child);
    sfn.destroy();

    // Two hours later: the 1 h wait and the 30 min back-off are due, the 3 h wait is not.
    const second = await runtimes.start(2 * HOUR);
    expect(second.recovered).toBe(5);
    sfn = new SFNClient({ endpoint: second.endpoint, region: 'us-east-1', credentials });

    await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"clicked":true}' }));
    const done = async (arn: string) => {
      await until(async () => (await inspect(sfn, arn)).status !== 'RUNNING');
      return inspect(sfn, arn);
    };
    expect(await done(callback)).toMatchObject({ status: 'SUCCEEDED', result: { clicked: true } });
    expect(await done(shortWait)).toMatchObject({ status: 'SUCCEEDED', result: 'woke' });
    const resumed = await done(inFlight);
    expect(resumed).toMatchObject({ status: 'SUCCEEDED', result: { resumed: true } });
    expect(resumed.types.filter((t) => t === 'TaskScheduled')).toHaveLength(1);
    expect(await done(retrying)).toMatchObject({ status: 'SUCCEEDED', result: { recovered: true } });
    expect((await inspect(sfn, longWait)).status).toBe('RUNNING');
    sfn.destroy();
  });
});
