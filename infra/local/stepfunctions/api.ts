import { randomUUID } from 'node:crypto';
import type { Json, JsonObject } from '../../../workflows/asl';
import type { Clock } from '../clock';
import { AwsError } from '../http/aws-error';
import type { JsonRpcService } from '../http/json-rpc';
import { parseExecutionArn, parseStateMachineArn } from './arns';
import { validateDefinition } from './asl/validate';
import type { Engine } from './engine';
import { ExecutionError } from './execution-error';
import { wireEvent } from './history';
import type { StateMachines } from './machines';
import type { ExecutionRecord, StateMachineRecord } from './records';
import type { StepFunctionsStore } from './store';
import {
  checkJson,
  checkName,
  checkRoleArn,
  decodeToken,
  encodeToken,
  oneOf,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
  type Input,
} from './validation';

const seconds = (ms: number | undefined) => (ms === undefined ? undefined : ms / 1000);
const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'] as const;

/** The Step Functions API (awsJson1_0, `AWSStepFunctions.*`) over the engine. */
export function stepFunctionsService(
  engine: Engine,
  machines: StateMachines,
  store: StepFunctionsStore,
  clock: Clock,
): JsonRpcService {
  const machineOf = (input: Input, member = 'stateMachineArn'): StateMachineRecord => {
    const arn = requiredString(input, member);
    if (!parseStateMachineArn(arn)) throw new AwsError('InvalidArn', `Invalid Arn: '${arn}'`);
    const machine = machines.get(arn);
    if (!machine) throw new AwsError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  };
  const executionOf = (input: Input): ExecutionRecord => {
    const arn = requiredString(input, 'executionArn');
    if (!parseExecutionArn(arn)) throw new AwsError('InvalidArn', `Invalid Arn: '${arn}'`);
    const execution = engine.execution(arn);
    if (!execution) throw new AwsError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  };
  const definitionOf = (input: Input): string => {
    const definition = requiredString(input, 'definition');
    if (Buffer.byteLength(definition) > 1024 * 1024) {
      throw new AwsError(
        'InvalidDefinition',
        'Invalid State Machine Definition: the definition exceeds 1 MiB',
      );
    }
    return definition;
  };
  const engineCall = <T>(call: () => T): T => {
    try {
      return call();
    } catch (error) {
      if (error instanceof ExecutionError) throw new AwsError(error.code, error.message);
      throw error;
    }
  };
  const taskToken = (input: Input): string => {
    const token = requiredString(input, 'taskToken');
    if (token.length < 1 || token.length > 2048) throw new AwsError('InvalidToken', 'Invalid Token');
    return token;
  };

  const describeMachine = (machine: StateMachineRecord) => ({
    stateMachineArn: machine.arn,
    name: machine.name,
    status: 'ACTIVE',
    definition: machines.definitionText(machine.revisionId),
    roleArn: machine.roleArn,
    type: machine.type,
    creationDate: seconds(machine.creationDate),
    revisionId: machine.revisionId,
    loggingConfiguration: machine.loggingConfiguration ?? { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: machine.tracingConfiguration ?? { enabled: false },
    ...(machine.description ? { description: machine.description } : {}),
  });

  const executionSummary = (e: ExecutionRecord) => ({
    executionArn: e.arn,
    stateMachineArn: e.stateMachineArn,
    name: e.name,
    status: e.status,
    startDate: seconds(e.startDate),
    ...(e.stopDate !== undefined ? { stopDate: seconds(e.stopDate) } : {}),
    redriveCount: e.redriveCount,
    ...(e.redriveDate !== undefined ? { redriveDate: seconds(e.redriveDate) } : {}),
  });

  const executionResult = (e: ExecutionRecord) => ({
    input: e.input,
    inputDetails: { included: true },
    ...(e.output !== undefined ? { output: e.output, outputDetails: { included: true } } : {}),
    ...(e.error !== undefined ? { error: e.error } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
    ...(e.traceHeader ? { traceHeader: e.traceHeader } : {}),
  });

  const startInput = (input: Input, machine: StateMachineRecord) => {
    const name = optionalString(input, 'name') ?? randomUUID();
    checkName(name, 'execution');
    const text = optionalString(input, 'input') ?? '{}';
    checkJson(text, 'InvalidExecutionInput', 'State Machine Execution Input');
    const traceHeader = optionalString(input, 'traceHeader');
    return { name, text, traceHeader, machine };
  };

  return {
    prefix: 'AWSStepFunctions',
    contentType: 'application/x-amz-json-1.0',
    namespace: 'com.amazonaws.sfn',
    operations: {
      CreateStateMachine(input) {
        const name = requiredString(input, 'name');
        checkName(name, 'state machine');
        const roleArn = requiredString(input, 'roleArn');
        checkRoleArn(roleArn);
        const type =
          oneOf(optionalString(input, 'type'), 'type', ['STANDARD', 'EXPRESS'] as const) ?? 'STANDARD';
        const machine = machines.create({
          name,
          definition: definitionOf(input),
          roleArn,
          type,
          description: optionalString(input, 'description'),
          loggingConfiguration: input.loggingConfiguration as JsonObject | undefined,
          tracingConfiguration: input.tracingConfiguration as JsonObject | undefined,
        });
        return { stateMachineArn: machine.arn, creationDate: seconds(machine.creationDate) };
      },

      UpdateStateMachine(input) {
        const machine = machineOf(input);
        const definition = input.definition === undefined ? undefined : definitionOf(input);
        const roleArn = optionalString(input, 'roleArn');
        if (roleArn) checkRoleArn(roleArn);
        const logging = input.loggingConfiguration as JsonObject | undefined;
        const tracing = input.tracingConfiguration as JsonObject | undefined;
        if (definition === undefined && roleArn === undefined && !logging && !tracing) {
          throw new AwsError(
            'MissingRequiredParameter',
            'Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified',
          );
        }
        const updated = machines.update(machine, {
          definition,
          roleArn,
          loggingConfiguration: logging,
          tracingConfiguration: tracing,
        });
        return { updateDate: seconds(updated.updateDate), revisionId: updated.revisionId };
      },

      DescribeStateMachine(input) {
        return describeMachine(machineOf(input));
      },

      ListStateMachines(input) {
        const max = optionalInteger(input, 'maxResults', 0, 1000) || 100;
        const from = (decodeToken(optionalString(input, 'nextToken')) as number | undefined) ?? 0;
        const all = machines.list();
        const page = all.slice(from, from + max);
        return {
          stateMachines: page.map((m) => ({
            stateMachineArn: m.arn,
            name: m.name,
            type: m.type,
            creationDate: seconds(m.creationDate),
          })),
          ...(from + max < all.length ? { nextToken: encodeToken(from + max) } : {}),
        };
      },

      DeleteStateMachine(input) {
        const arn = requiredString(input, 'stateMachineArn');
        if (!parseStateMachineArn(arn)) throw new AwsError('InvalidArn', `Invalid Arn: '${arn}'`);
        const machine = machines.get(arn);
        if (machine) {
          // Its running executions end with it, as AWS terminates them.
          for (const running of store.executions(arn, 'RUNNING', Number.MAX_SAFE_INTEGER, 1_000_000)) {
            engine.stop(running.arn, 'States.Runtime', 'The state machine was deleted');
          }
          machines.delete(arn);
        }
        return {};
      },

      ValidateStateMachineDefinition(input) {
        const definition = requiredString(input, 'definition');
        oneOf(optionalString(input, 'type'), 'type', ['STANDARD', 'EXPRESS'] as const);
        const max = optionalInteger(input, 'maxResults', 0, 100) || 100;
        const diagnostics = validateDefinition(definition);
        return {
          result: diagnostics.some((d) => d.severity === 'ERROR') ? 'FAIL' : 'OK',
          // AWS leaves `location` out when a problem has none.
          diagnostics: diagnostics
            .slice(0, max)
            .map(({ location, ...d }) => (location ? { ...d, location } : d)),
          truncated: diagnostics.length > max,
        };
      },

      StartExecution(input) {
        const machine = machineOf(input);
        const { name, text, traceHeader } = startInput(input, machine);
        const execution = engineCall(() => engine.startExecution(machine, name, text, { traceHeader }));
        return { executionArn: execution.arn, startDate: seconds(execution.startDate) };
      },

      async StartSyncExecution(input) {
        const machine = machineOf(input);
        if (machine.type !== 'EXPRESS') {
          throw new AwsError(
            'StateMachineTypeNotSupported',
            'This operation is not supported by this type of state machine',
          );
        }
        const { name, text, traceHeader } = startInput(input, machine);
        const started = engine.start(machine, name, text, traceHeader);
        const done = await engine.whenFinished(started.arn);
        return {
          ...executionSummary(done),
          ...executionResult(done),
          billingDetails: {
            billedMemoryUsedInMB: 64,
            billedDurationInMilliseconds: Math.max(
              100,
              Math.ceil(((done.stopDate ?? 0) - done.startDate) / 100) * 100,
            ),
          },
        };
      },

      DescribeExecution(input) {
        const e = executionOf(input);
        const reason = engine.notRedrivableReason(e);
        return {
          ...executionSummary(e),
          ...executionResult(e),
          redriveStatus: reason ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
          ...(reason ? { redriveStatusReason: reason } : {}),
        };
      },

      DescribeStateMachineForExecution(input) {
        const e = executionOf(input);
        const revision = store.revision(e.revisionId)!;
        const machine = machines.get(e.stateMachineArn);
        return {
          stateMachineArn: e.stateMachineArn,
          name: e.stateMachineArn.split(':').pop(),
          definition: revision.definition,
          roleArn: revision.roleArn,
          updateDate: seconds(machine?.updateDate ?? machine?.creationDate ?? e.startDate),
          revisionId: e.revisionId,
          loggingConfiguration: machine?.loggingConfiguration ?? {
            level: 'OFF',
            includeExecutionData: false,
          },
          tracingConfiguration: machine?.tracingConfiguration ?? { enabled: false },
        };
      },

      ListExecutions(input) {
        const machine = machineOf(input);
        if (machine.type === 'EXPRESS') {
          throw new AwsError(
            'StateMachineTypeNotSupported',
            'This operation is not supported by this type of state machine',
          );
        }
        const status = oneOf(optionalString(input, 'statusFilter'), 'statusFilter', STATUSES);
        const redriveFilter = oneOf(optionalString(input, 'redriveFilter'), 'redriveFilter', [
          'REDRIVEN',
          'NOT_REDRIVEN',
        ] as const);
        const max = optionalInteger(input, 'maxResults', 0, 1000) || 100;
        const before =
          (decodeToken(optionalString(input, 'nextToken')) as number | undefined) ?? Number.MAX_SAFE_INTEGER;
        // PENDING_REDRIVE is a moment between RedriveExecution and the run; the local engine has none.
        const page =
          status === 'PENDING_REDRIVE'
            ? []
            : store
                .executions(machine.arn, status, before, redriveFilter ? 1_000_000 : max + 1)
                .filter((e) => !redriveFilter || (redriveFilter === 'REDRIVEN') === e.redriveCount > 0)
                .slice(0, max + 1);
        const more = page.length > max;
        const shown = page.slice(0, max);
        return {
          executions: shown.map(executionSummary),
          ...(more ? { nextToken: encodeToken(shown[shown.length - 1].seq) } : {}),
        };
      },

      GetExecutionHistory(input) {
        const e = executionOf(input);
        const max = optionalInteger(input, 'maxResults', 0, 1000) || 100;
        const reverse = optionalBoolean(input, 'reverseOrder') ?? false;
        const includeData = optionalBoolean(input, 'includeExecutionData') ?? true;
        const position = decodeToken(optionalString(input, 'nextToken')) as number | undefined;
        const from = position ?? (reverse ? Number.MAX_SAFE_INTEGER : 0);
        const events = store.events(e, from, max + 1, reverse);
        const more = events.length > max;
        const shown = events.slice(0, max);
        return {
          events: shown.map((event) => wireEvent(event, includeData)),
          ...(more ? { nextToken: encodeToken(shown[shown.length - 1].id) } : {}),
        };
      },

      StopExecution(input) {
        const e = executionOf(input);
        const error = optionalString(input, 'error');
        const cause = optionalString(input, 'cause');
        if (error !== undefined && error.length > 256)
          throw new AwsError('ValidationException', 'error is too long');
        if (cause !== undefined && cause.length > 32768)
          throw new AwsError('ValidationException', 'cause is too long');
        const stopped = engineCall(() => engine.stop(e.arn, error, cause));
        return { stopDate: seconds(stopped.stopDate ?? clock.now()) };
      },

      RedriveExecution(input) {
        const e = executionOf(input);
        const redriven = engineCall(() => engine.redrive(e.arn));
        return { redriveDate: seconds(redriven.redriveDate) };
      },

      SendTaskSuccess(input) {
        const token = taskToken(input);
        const output = checkJson(requiredString(input, 'output'), 'InvalidOutput', 'output') as Json;
        engineCall(() => engine.sendTaskSuccess(token, output));
        return {};
      },

      SendTaskFailure(input) {
        const token = taskToken(input);
        const error = optionalString(input, 'error') ?? '';
        const cause = optionalString(input, 'cause') ?? '';
        if (error.length > 256)
          throw new AwsError('ValidationException', 'error must be at most 256 characters');
        if (cause.length > 32768)
          throw new AwsError('ValidationException', 'cause must be at most 32768 characters');
        engineCall(() => engine.sendTaskFailure(token, error, cause));
        return {};
      },

      SendTaskHeartbeat(input) {
        engineCall(() => engine.sendTaskHeartbeat(taskToken(input)));
        return {};
      },
    },
  };
}
