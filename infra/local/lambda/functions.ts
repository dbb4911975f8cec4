import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Json } from '../../../workflows/asl';
import type { FunctionSpec } from '../../topology';
import { systemClock, type Clock } from '../clock';
import { AwsError } from '../http/aws-error';

/** The part of the Lambda context object handlers use. */
export interface LambdaContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
}

export type Handler = (event: unknown, context: LambdaContext) => unknown;

/** What Lambda's Invoke returns: the payload, and `functionError` when the function failed. */
export interface InvokeResult {
  payload: Json;
  functionError?: 'Unhandled';
  requestId: string;
}

/** Lambda's answer to an invocation over the function's reserved concurrency (HTTP 429). */
export class TooManyRequestsError extends AwsError {
  readonly reason = 'ReservedFunctionConcurrentInvocationLimitExceeded';
  constructor() {
    super('TooManyRequestsException', 'Rate Exceeded.', 429);
  }
}

export interface LocalFunction {
  spec: FunctionSpec;
  arn: string;
  handler?: Handler;
}

export const LOCAL_REGION = 'us-east-1';
export const LOCAL_ACCOUNT = '000000000000';

/** The topology's functions, run in-process the way Lambda runs them. */
export class LocalFunctions {
  private readonly functions = new Map<string, LocalFunction>();
  /** Invocations running now, by function name (for reserved concurrency). */
  private readonly running = new Map<string, number>();

  constructor(
    private readonly root: string,
    private readonly clock: Clock = systemClock,
  ) {}

  static arn(name: string): string {
    return `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${name}`;
  }

  /** Adds a function; its module is loaded at the first invocation. */
  register(spec: FunctionSpec): string {
    const arn = LocalFunctions.arn(spec.name);
    this.functions.set(spec.name, { spec, arn });
    return arn;
  }

  /** Finds a function by name, ARN or partial ARN, with or without a qualifier. */
  find(nameOrArn: string): LocalFunction | undefined {
    const match = /^(?:arn:aws:lambda:[^:]*:[^:]*:function:)?([A-Za-z0-9_-]+)(?::[A-Za-z0-9$_-]+)?$/.exec(
      nameOrArn,
    );
    return match ? this.functions.get(match[1]) : undefined;
  }

  /**
   * Invokes synchronously. The payload goes through JSON like on the wire, a thrown error comes
   * back as Lambda's `{ errorType, errorMessage, trace }`, and the function's timeout is enforced.
   * Over the function's reserved concurrency it throws TooManyRequestsError, as Lambda throttles.
   */
  async invoke(fn: LocalFunction, event: Json): Promise<InvokeResult> {
    const name = fn.spec.name;
    const running = this.running.get(name) ?? 0;
    if (fn.spec.reservedConcurrency !== undefined && running >= fn.spec.reservedConcurrency) {
      throw new TooManyRequestsError();
    }
    this.running.set(name, running + 1);
    try {
      return await this.run(fn, event);
    } finally {
      this.running.set(name, this.running.get(name)! - 1);
    }
  }

  private async run(fn: LocalFunction, event: Json): Promise<InvokeResult> {
    const requestId = randomUUID();
    const timeoutMs = (fn.spec.timeoutSeconds ?? 10) * 1000;
    const deadline = this.clock.now() + timeoutMs;
    const context: LambdaContext = {
      functionName: fn.spec.name,
      functionVersion: '$LATEST',
      invokedFunctionArn: fn.arn,
      memoryLimitInMB: String(fn.spec.memoryMb ?? 256),
      awsRequestId: requestId,
      logGroupName: `/aws/lambda/${fn.spec.name}`,
      logStreamName: `local/${requestId}`,
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - this.clock.now()),
    };
    let cancelTimer = () => {};
    const timedOut = new Promise<InvokeResult>((done) => {
      cancelTimer = this.clock.at(deadline, () =>
        done({
          requestId,
          functionError: 'Unhandled',
          payload: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `RequestId: ${requestId} Error: Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`,
          },
        }),
      );
    });
    const run = (async (): Promise<InvokeResult> => {
      try {
        const handler = this.handlerOf(fn);
        const result = await handler(JSON.parse(JSON.stringify(event)), context);
        return {
          requestId,
          payload: result === undefined ? null : (JSON.parse(JSON.stringify(result)) as Json),
        };
      } catch (error) {
        return { requestId, functionError: 'Unhandled', payload: errorPayload(error) };
      }
    })();
    try {
      return await Promise.race([run, timedOut]);
    } finally {
      cancelTimer();
    }
  }

  private handlerOf(fn: LocalFunction): Handler {
    if (!fn.handler) {
      const name = fn.spec.handler ?? 'handler';
      const module = require(resolve(this.root, fn.spec.entry)) as Record<string, unknown>;
      if (typeof module[name] !== 'function') {
        throw Object.assign(new Error(`${fn.spec.entry} does not export a function named ${name}`), {
          name: 'Runtime.HandlerNotFound',
        });
      }
      fn.handler = module[name] as Handler;
    }
    return fn.handler;
  }
}

/** Lambda's Node.js runtime error shape. */
function errorPayload(error: unknown): Json {
  if (error instanceof Error) {
    return {
      errorType: error.name,
      errorMessage: error.message,
      trace: (error.stack ?? '').split('\n'),
    };
  }
  return { errorType: 'Error', errorMessage: String(error), trace: [] };
}
