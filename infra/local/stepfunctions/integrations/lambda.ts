import type { Json, JsonObject } from '../../../../workflows/asl';
import type { LocalFunctions } from '../../lambda/functions';
import { StatesError } from '../asl/states-error';
import type { Integration, TaskRequest } from './integration';

/**
 * `arn:aws:states:::lambda:invoke` and plain function ARNs: the topology's handlers, in-process.
 * A function error surfaces as Step Functions shows it: Error = the runtime's errorType,
 * Cause = the runtime's error JSON as a string.
 */
export function lambdaIntegration(functions: LocalFunctions): Integration {
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
      const invocation = functions.invoke(fn, payload);
      if (!legacy && params.InvocationType === 'Event') {
        void invocation;
        return sdkResponse({ StatusCode: 202, Payload: '' }, 202);
      }
      const result = await invocation;
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
