import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
  ValidateStateMachineDefinitionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { LocalRuntime } from '../../../infra/local/runtime';
import { topology as engineTopology } from '../../fixtures/engine-topology';
import { definition, machineName, ROLE, useRuntime } from '../../support/local';
import { createMachine, finished, startExecution } from '../../support/run';

const local = useRuntime(engineTopology);
let runtime: LocalRuntime;
let sfn: SFNClient;
beforeAll(() => {
  ({ runtime, sfn } = local);
});

const pass = definition({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
const waitForever = { StartAt: 'W', States: { W: { Type: 'Wait' as const, Seconds: 99999, End: true } } };

describe('state machines', () => {
  it('creates, describes, lists, updates and deletes', async () => {
    const name = machineName('crud');
    const { stateMachineArn, creationDate } = await sfn.send(
      new CreateStateMachineCommand({ name, definition: pass, roleArn: ROLE }),
    );
    expect(stateMachineArn).toBe(`arn:aws:states:us-east-1:000000000000:stateMachine:${name}`);
    expect(creationDate).toBeInstanceOf(Date);
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }));
    expect(described).toMatchObject({
      name,
      status: 'ACTIVE',
      type: 'STANDARD',
      definition: pass,
      roleArn: ROLE,
    });

    const updated = definition({ StartAt: 'B', States: { B: { Type: 'Succeed' } } });
    const { revisionId } = await sfn.send(
      new UpdateStateMachineCommand({ stateMachineArn, definition: updated }),
    );
    expect(revisionId).not.toBe(described.revisionId);
    expect((await sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).definition).toBe(updated);

    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(stateMachines!.map((m) => m.name)).toContain(name);

    await sfn.send(new DeleteStateMachineCommand({ stateMachineArn }));
    await expect(sfn.send(new DescribeStateMachineCommand({ stateMachineArn }))).rejects.toMatchObject({
      name: 'StateMachineDoesNotExist',
    });
  });

  it('returns the existing machine for an identical create, and refuses a different one', async () => {
    const name = machineName('same');
    const first = await sfn.send(new CreateStateMachineCommand({ name, definition: pass, roleArn: ROLE }));
    const again = await sfn.send(new CreateStateMachineCommand({ name, definition: pass, roleArn: ROLE }));
    expect(again.stateMachineArn).toBe(first.stateMachineArn);
    await expect(
      sfn.send(new CreateStateMachineCommand({ name, definition: definition(waitForever), roleArn: ROLE })),
    ).rejects.toMatchObject({ name: 'StateMachineAlreadyExists' });
  });

  it('refuses an invalid definition with InvalidDefinition naming the state and field', async () => {
    const bad = definition({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } });
    const error = await sfn
      .send(new CreateStateMachineCommand({ name: machineName(), definition: bad, roleArn: ROLE }))
      .catch((e: Error) => e);
    expect(error).toMatchObject({ name: 'InvalidDefinition' });
    expect((error as Error).message).toContain('/States/A/Next');
    await expect(
      sfn.send(
        new CreateStateMachineCommand({ name: machineName(), definition: '{not json', roleArn: ROLE }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidDefinition' });
  });

  it('refuses bad names, ARNs and roles', async () => {
    await expect(
      sfn.send(new CreateStateMachineCommand({ name: 'has space', definition: pass, roleArn: ROLE })),
    ).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(
      sfn.send(
        new CreateStateMachineCommand({ name: machineName(), definition: pass, roleArn: 'not-a-role' }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidArn' });
    await expect(
      sfn.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:nope' })),
    ).rejects.toMatchObject({
      name: 'InvalidArn',
    });
  });

  it('validates a definition without creating anything', async () => {
    const ok = await sfn.send(new ValidateStateMachineDefinitionCommand({ definition: pass }));
    expect(ok).toMatchObject({ result: 'OK', diagnostics: [] });
    const bad = await sfn.send(
      new ValidateStateMachineDefinitionCommand({ definition: definition({ StartAt: 'X', States: {} }) }),
    );
    expect(bad.result).toBe('FAIL');
    expect(bad.diagnostics![0]).toMatchObject({ severity: 'ERROR' });
  });
});

describe('executions', () => {
  it('is idempotent on the name while running with the same input, and refuses otherwise', async () => {
    const stateMachineArn = await createMachine(sfn, waitForever);
    const first = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'order-1', input: '{"a":1}' }),
    );
    const again = await sfn.send(
      new StartExecutionCommand({ stateMachineArn, name: 'order-1', input: '{"a":1}' }),
    );
    expect(again.executionArn).toBe(first.executionArn);
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'order-1', input: '{"a":2}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await sfn.send(new StopExecutionCommand({ executionArn: first.executionArn }));
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn, name: 'order-1', input: '{"a":1}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('refuses input that is not JSON or too large, and unknown machines', async () => {
    const stateMachineArn = await createMachine(sfn, {
      StartAt: 'A',
      States: { A: { Type: 'Pass', End: true } },
    });
    await expect(
      sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{oops' })),
    ).rejects.toMatchObject({
      name: 'InvalidExecutionInput',
    });
    const big = JSON.stringify({ x: 'y'.repeat(256 * 1024) });
    await expect(sfn.send(new StartExecutionCommand({ stateMachineArn, input: big }))).rejects.toMatchObject({
      name: 'InvalidExecutionInput',
    });
    await expect(
      sfn.send(
        new StartExecutionCommand({
          stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:ghost',
        }),
      ),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(
      sfn.send(
        new DescribeExecutionCommand({
          executionArn: 'arn:aws:states:us-east-1:000000000000:execution:ghost:nope',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
  });

  it('lists executions newest first, filtered by status, page by page', async () => {
    const stateMachineArn = await createMachine(sfn, {
      StartAt: 'A',
      States: { A: { Type: 'Pass', End: true } },
    });
    const arns: string[] = [];
    for (let i = 0; i < 5; i++) arns.push(await startExecution(sfn, stateMachineArn, { i }));
    await Promise.all(arns.map((arn) => runtime.engine.whenFinished(arn)));
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await sfn.send(
        new ListExecutionsCommand({ stateMachineArn, maxResults: 2, nextToken, statusFilter: 'SUCCEEDED' }),
      );
      expect(page.executions!.length).toBeLessThanOrEqual(2);
      seen.push(...page.executions!.map((e) => e.executionArn!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual([...arns].reverse());
    const running = await sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));
    expect(running.executions).toEqual([]);
    await expect(
      sfn.send(new ListExecutionsCommand({ stateMachineArn, nextToken: 'garbage!' })),
    ).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  it('pages history forwards and backwards, with or without data', async () => {
    const stateMachineArn = await createMachine(sfn, {
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Next: 'B' },
        B: { Type: 'Pass', Next: 'C' },
        C: { Type: 'Pass', End: true },
      },
    });
    const executionArn = await startExecution(sfn, stateMachineArn, { secret: 'card' });
    await finished(runtime, sfn, executionArn);
    const ids = async (reverseOrder: boolean) => {
      const out: number[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(
          new GetExecutionHistoryCommand({ executionArn, maxResults: 3, reverseOrder, nextToken }),
        );
        out.push(...page.events!.map((e) => e.id!));
        nextToken = page.nextToken;
      } while (nextToken);
      return out;
    };
    expect(await ids(false)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await ids(true)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    const { events } = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }),
    );
    expect(events![0].executionStartedEventDetails!.input).toBeUndefined();
    expect(events![1].stateEnteredEventDetails).toEqual({ name: 'A' });
  });

  it('describes the definition an execution ran with, even after an update', async () => {
    const stateMachineArn = await createMachine(sfn, waitForever);
    const executionArn = await startExecution(sfn, stateMachineArn);
    await sfn.send(new UpdateStateMachineCommand({ stateMachineArn, definition: pass }));
    const { definition: used } = await sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn }),
    );
    expect(JSON.parse(used!)).toEqual(waitForever);
    await sfn.send(new StopExecutionCommand({ executionArn }));
  });

  it('runs EXPRESS machines synchronously and refuses StartSyncExecution on STANDARD', async () => {
    const express = await createMachine(
      sfn,
      {
        StartAt: 'A',
        States: { A: { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true } },
      },
      'EXPRESS',
    );
    const result = await sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn: express, input: '{"n":21}' }),
    );
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: '{"doubled":42}' });
    expect(result.executionArn).toContain(':express:');
    const standard = await createMachine(sfn, { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } });
    await expect(
      sfn.send(new StartSyncExecutionCommand({ stateMachineArn: standard })),
    ).rejects.toMatchObject({
      name: 'StateMachineTypeNotSupported',
    });
  });
});
