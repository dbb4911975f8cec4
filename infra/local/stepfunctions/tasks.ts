import { createHash, randomBytes } from 'node:crypto';
import type { Json, StateDefinition } from '../../../workflows/asl';
import type { LocalDatabase } from '../store/database';
import type { Active } from './active';
import * as dataflow from './asl/dataflow';
import { toFailure } from './errors';
import { ExecutionError } from './execution-error';
import {
  IntegrationRegistry,
  parseResource,
  type Integration,
  type TaskRequest,
} from './integrations/integration';
import type { Journal } from './journal';
import { checkSize, payloadTooBig } from './limits';
import type { Branch, Failure, TaskInFlight } from './records';
import type { StepFunctionsStore } from './store';

/** What running tasks needs from the interpreter. */
export interface TaskHost {
  /** The running execution of that ARN. */
  running(arn: string): Active | undefined;
  /** Whether the branch is still where a step that started at `epoch` left it. */
  live(ex: Active, b: Branch, epoch: number): boolean;
  scope(ex: Active, b: Branch): dataflow.Scope;
  /** The work of the state is done; output processing (or error handling) comes next. */
  completeWork(ex: Active, b: Branch, outcome: NonNullable<Branch['outcome']>): void;
  /** (Re-)arms the timers the branch's phase needs. */
  arm(ex: Active, b: Branch): void;
  cancelTimers(ex: Active, b: Branch): void;
}

/**
 * Task states: their integrations, the three patterns (request-response, `.sync`,
 * `.waitForTaskToken` and its callbacks), task timeouts, and what a restart does to a task in
 * flight (it runs again, with the same idempotency token).
 */
export class Tasks {
  readonly integrations = new IntegrationRegistry();
  /** Open task tokens → where they belong. */
  private readonly tokens = new Map<string, { arn: string; branch: string }>();

  constructor(
    private readonly host: TaskHost,
    private readonly journal: Journal,
    private readonly store: StepFunctionsStore,
    private readonly db: LocalDatabase,
  ) {}

  /** Evaluates the task's parameters and timeouts, records it scheduled, and launches it once that is committed. */
  async run(ex: Active, b: Branch, state: StateDefinition, epoch: number): Promise<void> {
    const resource = parseResource(state.Resource!);
    // The token must exist before the parameters are evaluated: they may carry $$.Task.Token.
    const token = resource.pattern === 'token' ? randomBytes(48).toString('base64url') : undefined;
    b.task = { resource: state.Resource!, parameters: null, pattern: resource.pattern, token };
    const scope = this.host.scope(ex, b);
    const parameters = await dataflow.effectiveInput(state, scope);
    const { timeoutSeconds, heartbeatSeconds } = await dataflow.taskTimeouts(state, scope);
    if (!this.host.live(ex, b, epoch)) return;
    checkSize(parameters, `the input of task '${b.state}'`);
    const task: TaskInFlight = { ...b.task, parameters, timeoutSeconds, heartbeatSeconds };
    b.task = task;
    b.phase = 'task';
    const now = this.journal.now();
    if (timeoutSeconds) b.deadline = now + timeoutSeconds * 1000;
    if (heartbeatSeconds && resource.pattern !== 'request')
      b.heartbeatDeadline = now + heartbeatSeconds * 1000;
    const text = JSON.stringify(parameters);
    if (resource.functionArn) {
      task.scheduledEventId = this.journal.record(ex, b, 'LambdaFunctionScheduled', undefined, text, {
        resource: resource.functionArn,
        ...(timeoutSeconds ? { timeoutInSeconds: timeoutSeconds } : {}),
      });
      this.journal.record(ex, b, 'LambdaFunctionStarted');
    } else {
      task.scheduledEventId = this.journal.record(ex, b, 'TaskScheduled', undefined, text, {
        resourceType: resource.service,
        resource: resource.resource,
        region: 'us-east-1',
        ...(timeoutSeconds ? { timeoutInSeconds: timeoutSeconds } : {}),
        ...(heartbeatSeconds ? { heartbeatInSeconds: heartbeatSeconds } : {}),
      });
      this.journal.record(ex, b, 'TaskStarted', undefined, undefined, {
        resourceType: resource.service,
        resource: resource.resource,
      });
    }
    if (token) this.tokens.set(token, { arn: ex.rec.arn, branch: b.id });
    this.journal.save(ex, b);
    this.db.afterCommit(() => {
      this.host.arm(ex, b);
      this.launch(ex, b, false);
    });
  }

  /** After a restart: the task in flight runs again, unless it is a callback that was already submitted. */
  resume(ex: Active, b: Branch): void {
    const task = b.task!;
    if (task.token) this.tokens.set(task.token, { arn: ex.rec.arn, branch: b.id });
    if (!(task.pattern === 'token' && task.submitted !== undefined)) this.launch(ex, b, true);
  }

  // ---- callbacks (.waitForTaskToken) ------------------------------------------------------

  sendTaskSuccess(token: string, output: Json): void {
    const { ex, b } = this.tokenOwner(token);
    this.succeeded(ex, b, output);
  }

  sendTaskFailure(token: string, error: string, cause: string): void {
    const { ex, b } = this.tokenOwner(token);
    this.failed(ex, b, { error, cause });
  }

  sendTaskHeartbeat(token: string): void {
    const { ex, b } = this.tokenOwner(token);
    if (b.task?.heartbeatSeconds) {
      b.heartbeatDeadline = this.journal.now() + b.task.heartbeatSeconds * 1000;
      this.journal.save(ex, b);
      this.host.arm(ex, b);
    }
  }

  private tokenOwner(token: string): { ex: Active; b: Branch } {
    const owner = this.tokens.get(token);
    const ex = owner && this.host.running(owner.arn);
    const b = owner && ex?.branches.get(owner.branch);
    if (ex && b && b.phase === 'task' && b.task?.token === token) return { ex, b };
    if (this.store.closedToken(token) === 'timed-out') {
      throw new ExecutionError('TaskTimedOut', 'Task Timed Out');
    }
    throw new ExecutionError('TaskDoesNotExist', 'Task does not exist anymore');
  }

  // ---- ends -------------------------------------------------------------------------------

  /** TimeoutSeconds or HeartbeatSeconds ran out: States.Timeout, and the `.sync` work is canceled. */
  timedOut(ex: Active, b: Branch, heartbeat: boolean): void {
    const resource = parseResource(b.task!.resource);
    this.cancelSubmitted(ex, b);
    this.close(ex, b, 'timed-out');
    b.epoch += 1; // a late result of the timed-out attempt is ignored
    const failure: Failure = {
      error: 'States.Timeout',
      cause: '',
      ...(heartbeat ? { heartbeat: true } : {}),
    };
    if (resource.functionArn) {
      this.journal.record(ex, b, 'LambdaFunctionTimedOut', undefined, undefined, { error: failure.error });
    } else {
      this.journal.record(ex, b, 'TaskTimedOut', undefined, undefined, {
        resourceType: resource.service,
        resource: resource.resource,
        error: failure.error,
      });
    }
    this.host.completeWork(ex, b, { failure });
  }

  /** The branch stops waiting for its task (stopped, timed out, a sibling failed): its work is canceled, its token closed. */
  abandon(ex: Active, b: Branch): void {
    this.cancelSubmitted(ex, b);
    this.release(b);
  }

  /** Closes the branch's open token, if it has one: a late callback gets TaskDoesNotExist. */
  release(b: Branch): void {
    const token = b.task?.token;
    if (token && this.tokens.delete(token)) this.store.closeToken(token, 'closed');
  }

  // ---- running the integration -------------------------------------------------------------

  /** What the integration gets for the branch's task. */
  private request(ex: Active, b: Branch, task: TaskInFlight, relaunch: boolean): TaskRequest {
    return {
      resource: parseResource(task.resource),
      parameters: task.parameters,
      token: task.token,
      executionArn: ex.rec.arn,
      idempotencyToken: attemptToken(`${ex.rec.arn}#${task.scheduledEventId ?? b.enteredEventId ?? 0}`),
      relaunch,
    };
  }

  /** Runs (or, after a restart, re-runs) the branch's task through its integration. */
  private launch(ex: Active, b: Branch, relaunch: boolean): void {
    const task = b.task!;
    const epoch = b.epoch;
    // Still this attempt, still waiting for it (a token may have been answered meanwhile).
    const inFlight = () => this.host.live(ex, b, epoch) && b.phase === 'task';
    const request = this.request(ex, b, task, relaunch);
    const { resource } = request;
    void (async () => {
      try {
        const integration = this.integrations.find(resource);
        let submitted = task.submitted;
        if (submitted === undefined) {
          const response = await integration.start(request);
          if (!inFlight()) {
            // Stopped while the work was being submitted: it is not waited for, so it stops too.
            if (task.pattern === 'sync') cancelWork(integration, request, response);
            return;
          }
          if (task.pattern === 'request') return this.succeeded(ex, b, response);
          submitted = response;
          task.submitted = response;
          this.journal.record(ex, b, 'TaskSubmitted', undefined, JSON.stringify(response), {
            resourceType: resource.service,
            resource: resource.resource,
          });
          this.journal.save(ex, b);
        }
        if (task.pattern === 'sync') {
          const result = await integration.complete!(request, submitted);
          if (inFlight()) this.succeeded(ex, b, result);
        }
      } catch (error) {
        if (inFlight()) this.failed(ex, b, toFailure(error));
      }
    })();
  }

  private succeeded(ex: Active, b: Branch, result: Json): void {
    const resource = parseResource(b.task!.resource);
    this.close(ex, b, 'closed');
    const tooBig = payloadTooBig(result);
    if (tooBig) return this.failed(ex, b, tooBig);
    const text = JSON.stringify(result);
    if (resource.functionArn) this.journal.record(ex, b, 'LambdaFunctionSucceeded', undefined, text);
    else {
      this.journal.record(ex, b, 'TaskSucceeded', undefined, text, {
        resourceType: resource.service,
        resource: resource.resource,
      });
    }
    this.host.completeWork(ex, b, { result });
  }

  private failed(ex: Active, b: Branch, failure: Failure): void {
    const resource = parseResource(b.task!.resource);
    this.close(ex, b, 'closed');
    const details = { error: failure.error, cause: failure.cause };
    if (resource.functionArn) {
      this.journal.record(ex, b, 'LambdaFunctionFailed', undefined, undefined, details);
    } else {
      this.journal.record(ex, b, 'TaskFailed', undefined, undefined, {
        resourceType: resource.service,
        resource: resource.resource,
        ...details,
      });
    }
    this.host.completeWork(ex, b, { failure });
  }

  private close(ex: Active, b: Branch, reason: 'closed' | 'timed-out'): void {
    const token = b.task?.token;
    if (token) {
      this.tokens.delete(token);
      this.store.closeToken(token, reason);
    }
    this.host.cancelTimers(ex, b);
    b.deadline = undefined;
    b.heartbeatDeadline = undefined;
  }

  /** A `.sync` task's submitted work is no longer waited for: it is canceled once that is committed. */
  private cancelSubmitted(ex: Active, b: Branch): void {
    const task = b.task;
    if (b.phase !== 'task' || task?.pattern !== 'sync' || task.submitted === undefined) return;
    const request = this.request(ex, b, task, false);
    const submitted = task.submitted;
    this.db.afterCommit(() => cancelWork(this.integrations.find(request.resource), request, submitted));
  }
}

/** A UUID-shaped token naming one attempt of a task. */
function attemptToken(attempt: string): string {
  const hash = createHash('sha256').update(attempt).digest('hex');
  return [
    hash.slice(0, 8),
    hash.slice(8, 12),
    hash.slice(12, 16),
    hash.slice(16, 20),
    hash.slice(20, 32),
  ].join('-');
}

function cancelWork(integration: Integration, request: TaskRequest, submitted: Json): void {
  // Best effort: the work may have ended meanwhile, and nothing waits for the answer.
  integration.cancel?.(request, submitted).catch(() => undefined);
}
