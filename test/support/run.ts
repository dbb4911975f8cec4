import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  StartExecutionCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import type { Definition } from '../../workflows/asl';
import type { LocalRuntime } from '../../infra/local/runtime';
import { definition, machineName, ROLE } from './local';

/** Creates a state machine through the API and returns its ARN. */
export async function createMachine(
  sfn: SFNClient,
  d: Definition,
  type: 'STANDARD' | 'EXPRESS' = 'STANDARD',
) {
  const { stateMachineArn } = await sfn.send(
    new CreateStateMachineCommand({ name: machineName(), definition: definition(d), roleArn: ROLE, type }),
  );
  return stateMachineArn!;
}

export async function startExecution(sfn: SFNClient, stateMachineArn: string, input: unknown = {}) {
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
  );
  return executionArn!;
}

/** The execution as DescribeExecution and GetExecutionHistory show it, output parsed. */
export async function inspect(sfn: SFNClient, executionArn: string) {
  const execution = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return {
    ...execution,
    result: execution.output ? JSON.parse(execution.output) : undefined,
    events: events!,
    types: events!.map((e) => e.type!),
  };
}

/** Waits for the end of an execution (an engine event, no polling), then inspects it. */
export async function finished(runtime: LocalRuntime, sfn: SFNClient, executionArn: string) {
  await runtime.engine.whenFinished(executionArn);
  return inspect(sfn, executionArn);
}

/** Creates, starts and waits for a machine. */
export async function run(runtime: LocalRuntime, sfn: SFNClient, d: Definition, input: unknown = {}) {
  const arn = await startExecution(sfn, await createMachine(sfn, d), input);
  return finished(runtime, sfn, arn);
}
