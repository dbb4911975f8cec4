/**
 * The services EventBridge delivers to, as small interfaces (the local SQS, Lambda and Step
 * Functions satisfy them structurally), and how a target ARN picks one.
 */

export interface MessageAttribute {
  DataType: string;
  StringValue?: string;
}

/** The local SQS: `send` throws for an unknown queue (name, ARN or URL). */
export interface QueueSender {
  send(
    queue: string,
    message: { body: string; delaySeconds?: number; attributes?: Record<string, MessageAttribute> },
  ): { messageId: string };
}

/** Lambda's asynchronous invocation (durable with the caller's commit). */
export interface AsyncInvoker {
  invokeAsync(functionName: string, event: unknown): void;
}

/** Starts an execution; throws when the state machine does not exist. */
export type ExecutionStarter = (stateMachineArn: string, input: string) => void;

export interface TargetServices {
  sqs: QueueSender;
  lambdaAsync: AsyncInvoker;
  startExecution: ExecutionStarter;
}

export type TargetKind = 'sqs' | 'lambda' | 'states';

const KINDS: Array<[TargetKind, RegExp]> = [
  ['sqs', /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,80}$/],
  ['lambda', /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(?::[A-Za-z0-9$_-]+)?$/],
  ['states', /^arn:aws[a-z-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[A-Za-z0-9_-]{1,80}$/],
];

/** The kind of target an ARN names, or undefined for a service the local runtime cannot deliver to. */
export function targetKind(arn: string): TargetKind | undefined {
  return KINDS.find(([, pattern]) => pattern.test(arn))?.[0];
}

export const isArn = (text: string) => /^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/.test(text);

/** Hands the input to the target's service; throws when the service refuses it. */
export function deliver(services: TargetServices, targetArn: string, payload: string): void {
  switch (targetKind(targetArn)) {
    case 'sqs':
      services.sqs.send(targetArn, { body: payload });
      return;
    case 'lambda':
      services.lambdaAsync.invokeAsync(targetArn, parseJson(payload));
      return;
    case 'states':
      parseJson(payload);
      services.startExecution(targetArn, payload);
      return;
    default:
      throw new TargetError(
        'INVALID_PARAMETER',
        `Target ${targetArn} is not supported by the local EventBridge`,
      );
  }
}

/** A delivery failure that retrying cannot cure: it goes straight to the dead-letter queue. */
export class TargetError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TargetError';
  }
}

function parseJson(payload: string): unknown {
  try {
    return JSON.parse(payload);
  } catch {
    throw new TargetError('INVALID_JSON', 'The target input is not valid JSON');
  }
}

/** The ERROR_CODE a dead-letter message carries for an error a service threw. */
export function errorCode(error: unknown): string {
  if (error instanceof TargetError) return error.code;
  const name = error instanceof Error ? error.name : '';
  if (/NotFound|DoesNotExist|NonExistent/.test(name)) return 'NO_RESOURCE';
  if (/Throttl|TooManyRequests/.test(name)) return 'THROTTLING';
  return 'SDK_CLIENT_ERROR';
}
