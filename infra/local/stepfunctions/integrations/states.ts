import type { Json, JsonObject } from '../../../../workflows/asl';
import { StatesError } from '../asl/states-error';
import type { Engine } from '../engine';
import { ExecutionError } from '../execution-error';
import type { StateMachines } from '../machines';
import type { ExecutionRecord } from '../records';
import type { Integration, TaskRequest } from './integration';

/**
 * `arn:aws:states:::states:startExecution` (request-response, `.sync`, `.sync:2`,
 * `.waitForTaskToken`): one workflow starting another on the same engine. Without a Name, the
 * child is named after the task attempt, so a task run again after a crash finds the child it
 * started instead of starting a second one. A `.sync` task that is no longer waited for stops
 * its child.
 */
export function statesIntegration(engine: Engine, machines: StateMachines): Integration {
  return {
    async start({ parameters, idempotencyToken, relaunch }: TaskRequest): Promise<Json> {
      const params = (parameters ?? {}) as JsonObject;
      const arn = params.StateMachineArn;
      const machine = typeof arn === 'string' ? machines.get(arn) : undefined;
      if (!machine) {
        throw new StatesError(
          'StepFunctions.StateMachineDoesNotExistException',
          `State Machine Does Not Exist: '${String(arn)}' (Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist)`,
        );
      }
      const input =
        params.Input === undefined
          ? '{}'
          : typeof params.Input === 'string'
            ? params.Input
            : JSON.stringify(params.Input);
      const name = typeof params.Name === 'string' ? params.Name : idempotencyToken;
      try {
        const execution = engine.startExecution(machine, name, input, { relaunch });
        return { ExecutionArn: execution.arn, StartDate: execution.startDate };
      } catch (error) {
        if (!(error instanceof ExecutionError)) throw error;
        throw new StatesError(
          `StepFunctions.${error.code}Exception`,
          `${error.message} (Service: AWSStepFunctions; Status Code: 400; Error Code: ${error.code})`,
        );
      }
    },

    async cancel(_request: TaskRequest, submitted: Json): Promise<void> {
      const arn = (submitted as JsonObject).ExecutionArn as string;
      if (engine.execution(arn)?.status === 'RUNNING') {
        engine.stop(arn, 'States.Aborted', 'The execution that started it no longer waits for it');
      }
    },

    async complete({ resource }: TaskRequest, submitted: Json): Promise<Json> {
      const arn = (submitted as JsonObject).ExecutionArn as string;
      const done = await engine.whenFinished(arn);
      const description = describe(done, resource.syncVersion === 2);
      if (done.status !== 'SUCCEEDED') {
        throw new StatesError('States.TaskFailed', JSON.stringify(description));
      }
      return description;
    },
  };
}

/** DescribeExecution in the SDK's PascalCase, as `.sync` returns it; `.sync:2` parses Input and Output. */
function describe(e: ExecutionRecord, parsed: boolean): JsonObject {
  const json = (text: string | undefined): Json =>
    text === undefined ? null : parsed ? (JSON.parse(text) as Json) : text;
  return {
    ExecutionArn: e.arn,
    StateMachineArn: e.stateMachineArn,
    Name: e.name,
    Status: e.status,
    StartDate: e.startDate,
    ...(e.stopDate !== undefined ? { StopDate: e.stopDate } : {}),
    Input: json(e.input),
    InputDetails: { Included: true },
    ...(e.output !== undefined ? { Output: json(e.output), OutputDetails: { Included: true } } : {}),
    ...(e.error !== undefined ? { Error: e.error } : {}),
    ...(e.cause !== undefined ? { Cause: e.cause } : {}),
    RedriveCount: e.redriveCount,
  };
}
