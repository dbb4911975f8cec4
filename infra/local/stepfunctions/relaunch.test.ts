import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../clock';
import { LocalDatabase } from '../store/database';
import { StatesError } from './asl/states-error';
import { Engine } from './engine';
import type { TaskRequest } from './integrations/integration';
import { StateMachines } from './machines';
import { SqliteStepFunctionsStore } from './sqlite-store';

/** An engine on the SQLite store in `dir`, with a `test:work` integration that hands each launch to the test. */
function open(dir: string, clock: ManualClock) {
  const db = new LocalDatabase(dir);
  const store = new SqliteStepFunctionsStore(db);
  const machines = new StateMachines(store, clock);
  const engine = new Engine(store, db, clock, (revisionId) => machines.revision(revisionId));
  const launches: Array<{ request: TaskRequest; settle: (result: unknown, error?: Error) => void }> = [];
  let wake: (() => void) | undefined;
  engine.integrations.register('test', 'work', {
    start: (request) =>
      new Promise((resolve, reject) => {
        launches.push({
          request,
          settle: (result, error) => (error ? reject(error) : resolve(result as never)),
        });
        wake?.();
      }),
  });
  const launch = async (n: number) => {
    while (launches.length < n) await new Promise<void>((resolve) => (wake = resolve));
    return launches[n - 1];
  };
  return { db, engine, machines, launch };
}

describe('tasks run again after a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-relaunch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gets the same idempotency token; its next attempt gets another', async () => {
    const clock = new ManualClock();
    const first = open(dir, clock);
    const machine = first.machines.create({
      name: 'relaunch',
      roleArn: 'arn:aws:iam::000000000000:role/test',
      type: 'STANDARD',
      definition: JSON.stringify({
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: 'arn:aws:states:::test:work',
            Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 1, MaxAttempts: 1 }],
            End: true,
          },
        },
      }),
    });
    const { arn } = first.engine.start(machine, 'e-1', '{}');
    const launched = (await first.launch(1)).request;
    expect(launched).toMatchObject({ relaunch: false, executionArn: arn });
    expect(launched.idempotencyToken).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );

    // The process goes away with the task in flight; the next one recovers the execution.
    first.engine.shutdown();
    first.db.close();
    const second = open(dir, clock);
    expect(second.engine.recover()).toBe(1);
    const relaunched = await second.launch(1);
    expect(relaunched.request).toMatchObject({ relaunch: true, idempotencyToken: launched.idempotencyToken });

    relaunched.settle(undefined, new StatesError('Busy', 'try later'));
    await clock.timerAt(clock.now() + 1000);
    clock.advance(1000);
    const retried = await second.launch(2);
    expect(retried.request.relaunch).toBe(false);
    expect(retried.request.idempotencyToken).not.toBe(launched.idempotencyToken);

    retried.settle({ done: true });
    expect(await second.engine.whenFinished(arn)).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"done":true}',
    });
    second.engine.shutdown();
    second.db.close();
  });

  it('finds the execution it started by name, even finished, where a first start is refused', async () => {
    const clock = new ManualClock();
    const dir2 = mkdtempSync(join(tmpdir(), 'lectern-relaunch-'));
    const { db, engine, machines } = open(dir2, clock);
    const machine = machines.create({
      name: 'child',
      roleArn: 'arn:aws:iam::000000000000:role/test',
      type: 'STANDARD',
      definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }),
    });
    const child = engine.startExecution(machine, 'token-1', '{"a":1}');
    await engine.whenFinished(child.arn);
    expect(engine.startExecution(machine, 'token-1', '{"a":1}', { relaunch: true }).arn).toBe(child.arn);
    expect(() => engine.startExecution(machine, 'token-1', '{"a":1}')).toThrow(/Execution Already Exists/);
    expect(() => engine.startExecution(machine, 'token-1', '{"a":2}', { relaunch: true })).toThrow(
      /Execution Already Exists/,
    );
    engine.shutdown();
    db.close();
    rmSync(dir2, { recursive: true, force: true });
  });
});
