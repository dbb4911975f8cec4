import type { Json, JsonObject } from '../../../../workflows/asl';
import { TooManyRequestsError, type LocalFunctions } from '../../lambda/functions';
import { StatesError } from '../asl/states-error';
import type { Integration, TaskRequest } from './integration';

/**
 * `arn:aws:states:::lambda:invoke` and plain function ARNs: the topology's handlers, in-process.
 * A function error surfaces as Step Functions shows it: Error = the runtime's errorType,
 * Cause = the runtime's error JSON as a string.
 */
export function lambdaIntegration(
  functions: LocalFunctions,
  /** Where `InvocationType: Event` goes (Lambda's asynchronous queue, with its retries). */
  invokeAsync?: (functionName: string, event: unknown) => void,
): Integration {
  return {
    async start({ resource, parameters }: TaskRequest): Promise<Json> {
      const legacy = resource.functionArn !== undefined;
      const params = (legacy ? {} : parameters) as JsonObject;
      const name = legacy ? resource.functionArn! : params.FunctionName;
      if (typeof name !== 'string') {
        throw new StatesError('States.Runtime', "The field 'FunctionName' of lambda:invoke must be a string");
      }
      const fn = functions.find(name);
      if (!fn) {
        throw new StatesError(
          'Lambda.ResourceNotFoundException',
          `Function not found: ${name} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Proxy: null)`,
        );
      }
      const payload = legacy ? parameters : (params.Payload ?? null);
      if (!legacy && params.InvocationType === 'Event') {
        if (invokeAsync) invokeAsync(fn.spec.name, payload);
        else void functions.invoke(fn, payload).catch(() => undefined);
        return sdkResponse({ StatusCode: 202, Payload: '' }, 202);
      }
      let result;
      try {
        result = await functions.invoke(fn, payload);
      } catch (error) {
        if (!(error instanceof TooManyRequestsError)) throw error;
        throw new StatesError(
          'Lambda.TooManyRequestsException',
          `${error.message} (Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException; Proxy: null)`,
        );
      }
      if (result.functionError) {
        const body = result.payload as JsonObject;
        throw new StatesError(
          typeof body.errorType === 'string' ? body.errorType : 'Lambda.Unknown',
          JSON.stringify(result.payload),
        );
      }
      if (legacy) return result.payload;
      return sdkResponse(
        { ExecutedVersion: '$LATEST', Payload: result.payload, StatusCode: 200 },
        200,
        result.requestId,
      );
    },
  };
}

/** The SDK metadata Step Functions adds to an optimized integration's result. */
function sdkResponse(body: JsonObject, status: number, requestId = ''): JsonObject {
  const headers = {
    Connection: 'keep-alive',
    'Content-Type': 'application/json',
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-RequestId': requestId,
  };
  return {
    ...body,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      HttpHeaders: headers,
      HttpStatusCode: status,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}
