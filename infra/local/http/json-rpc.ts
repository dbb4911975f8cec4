import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError } from './aws-error';

/** One awsJson operation: the parsed request body in, the response body out. */
export type Operation = (
  input: Record<string, unknown>,
  request: IncomingMessage,
) => unknown | Promise<unknown>;

/** An awsJson1_0/1_1 service: `X-Amz-Target: <prefix>.<Operation>`. */
export interface JsonRpcService {
  /** The X-Amz-Target prefix, e.g. `AWSStepFunctions`. */
  prefix: string;
  /** e.g. `application/x-amz-json-1.0`. */
  contentType: string;
  /** The error `__type` namespace, e.g. `com.amazonaws.sfn`. */
  namespace: string;
  operations: Record<string, Operation>;
  /** Extra headers on an error answer (SQS adds `x-amzn-query-error`). */
  errorHeaders?(error: AwsError): Record<string, string>;
}

/**
 * Answers one awsJson request (the body already read), errors in AWS's format. `commit` runs
 * before the answer is written: what the caller is told has happened is durable.
 */
export async function serveJsonRpc(
  service: JsonRpcService,
  operationName: string,
  body: Buffer,
  request: IncomingMessage,
  response: ServerResponse,
  commit: () => void,
): Promise<void> {
  const requestId = randomUUID();
  const send = (status: number, payload: unknown, errorType?: string, extra?: Record<string, string>) => {
    commit();
    const text = JSON.stringify(payload);
    response.writeHead(status, {
      'content-type': service.contentType,
      'content-length': Buffer.byteLength(text),
      'x-amzn-requestid': requestId,
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      ...extra,
    });
    response.end(text);
  };
  try {
    const operation = Object.hasOwn(service.operations, operationName)
      ? service.operations[operationName]
      : undefined;
    if (!operation) {
      throw new AwsError('UnknownOperationException', `Unknown operation ${service.prefix}.${operationName}`);
    }
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      throw new AwsError('SerializationException', 'The request body is not valid JSON');
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new AwsError('SerializationException', 'The request body must be a JSON object');
    }
    send(200, (await operation(input as Record<string, unknown>, request)) ?? {});
  } catch (error) {
    if (error instanceof AwsError) {
      send(
        error.status,
        { __type: `${service.namespace}#${error.code}`, message: error.message },
        error.code,
        service.errorHeaders?.(error),
      );
    } else {
      const message = error instanceof Error ? error.message : String(error);
      send(500, { __type: `${service.namespace}#InternalFailure`, message }, 'InternalFailure');
    }
  }
}
