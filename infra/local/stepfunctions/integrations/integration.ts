import type { Json } from '../../../../workflows/asl';
import { StatesError } from '../asl/states-error';

export type IntegrationPattern = 'request' | 'sync' | 'token';

/** A Task's Resource, resolved. */
export interface TaskResource {
  /** As written in the definition. */
  arn: string;
  /** History `resourceType`, e.g. `lambda`, `states`. */
  service: string;
  /** History `resource`, e.g. `invoke`, `startExecution.sync:2`. */
  resource: string;
  /** The API action, e.g. `invoke`, `startExecution`. */
  action: string;
  pattern: IntegrationPattern;
  /** `.sync:2`: the result's JSON fields are parsed rather than left as strings. */
  syncVersion?: 2;
  /** A plain Lambda function ARN as Resource (history uses the LambdaFunction* events). */
  functionArn?: string;
}

/** What an integration gets to run one task. */
export interface TaskRequest {
  resource: TaskResource;
  parameters: Json;
  /** The callback token, for `.waitForTaskToken`. */
  token?: string;
  executionArn: string;
  /**
   * The same for every launch of one attempt of the task, different for the next attempt: a
   * service that takes an idempotency token (MediaConvert's ClientRequestToken, an execution name)
   * then does the work once, even when the task runs again after a crash. UUID-shaped.
   */
  idempotencyToken: string;
  /** The task is launched again after a restart: the first launch may have done its work. */
  relaunch: boolean;
}

/** A local implementation of one service's Step Functions integration. */
export interface Integration {
  /**
   * Starts the work. For request-response, its result is the task's result; for `.sync` and
   * `.waitForTaskToken` it is the service's immediate response (recorded as TaskSubmitted).
   * Throws StatesError with AWS's error names.
   */
  start(request: TaskRequest): Promise<Json>;
  /** `.sync` only: resolves with the task's result once the work finishes. Called again after a restart. */
  complete?(request: TaskRequest, submitted: Json): Promise<Json>;
  /**
   * `.sync` only: stops the submitted work when the task no longer waits for it (the execution was
   * stopped or timed out, the task timed out, a sibling branch failed). Best effort, as on AWS.
   */
  cancel?(request: TaskRequest, submitted: Json): Promise<void>;
}

const OPTIMIZED = /^arn:aws[a-z-]*:states:::([a-z0-9-]+):([A-Za-z0-9]+)(\.sync(?::2)?|\.waitForTaskToken)?$/;
const FUNCTION = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(?::[A-Za-z0-9$_-]+)?$/;

/** Resolves a Task's Resource, or throws States.Runtime for one the engine cannot run. */
export function parseResource(arn: string): TaskResource {
  const optimized = OPTIMIZED.exec(arn);
  if (optimized) {
    const [, service, action, suffix] = optimized;
    const pattern: IntegrationPattern = !suffix ? 'request' : suffix.startsWith('.sync') ? 'sync' : 'token';
    return {
      arn,
      service,
      action,
      resource: `${action}${suffix ?? ''}`,
      pattern,
      ...(suffix === '.sync:2' ? { syncVersion: 2 as const } : {}),
    };
  }
  if (FUNCTION.test(arn)) {
    return { arn, service: 'lambda', action: 'invoke', resource: arn, pattern: 'request', functionArn: arn };
  }
  throw new StatesError(
    'States.Runtime',
    `The resource '${arn}' is not supported by the local Step Functions`,
  );
}

/** The integrations the engine can run, keyed by `service:action`. */
export class IntegrationRegistry {
  private readonly byKey = new Map<string, Integration>();

  register(service: string, action: string, integration: Integration): void {
    this.byKey.set(`${service}:${action}`, integration);
  }

  find(resource: TaskResource): Integration {
    const integration = this.byKey.get(`${resource.service}:${resource.action}`);
    if (!integration) {
      throw new StatesError(
        'States.Runtime',
        `No local integration for '${resource.arn}'; available: ${[...this.byKey.keys()].join(', ')}`,
      );
    }
    if (resource.pattern === 'sync' && !integration.complete) {
      throw new StatesError(
        'States.Runtime',
        `'${resource.service}:${resource.action}' has no .sync pattern`,
      );
    }
    return integration;
  }
}
