/** Retriers the workflows share, with AWS's error names for each service's transient failures. */
import { RETRYABLE_ERRORS } from '../handlers/shared/errors';
import type { Retrier } from './asl';

/** Lambda's own transient failures, worth retrying on any invoke. */
export const LAMBDA_TRANSIENT: Retrier = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2,
  JitterStrategy: 'FULL',
};

/** The named retryable errors: 2 s, 4 s, 8 s (each drawn below that with full jitter), then the execution fails. */
export const VERIFY_RETRY: Retrier = {
  ErrorEquals: [...RETRYABLE_ERRORS],
  IntervalSeconds: 2,
  BackoffRate: 2,
  MaxAttempts: 3,
  MaxDelaySeconds: 30,
  JitterStrategy: 'FULL',
};

/** DynamoDB's transient failures, worth retrying on any `dynamodb:*Item` task. */
export const DYNAMODB_TRANSIENT: Retrier = {
  ErrorEquals: [
    'DynamoDB.ProvisionedThroughputExceededException',
    'DynamoDB.RequestLimitExceeded',
    'DynamoDB.InternalServerError',
    'DynamoDB.SdkClientException',
  ],
  IntervalSeconds: 1,
  BackoffRate: 2,
  MaxAttempts: 3,
  JitterStrategy: 'FULL',
};
