/** Task states the entitlement workflows share (JSONata): a step's Lambda, an event on the bus, a mail in the outbox. */
import { RETRYABLE_ERRORS } from '../handlers/shared/errors';
import type { Json, StateDefinition } from './asl';
import { LAMBDA_TRANSIENT } from './retries';

/** Lambda's own transient failures, and Lectern's retryable errors, with back-off. */
const RETRY = [
  {
    ErrorEquals: [...LAMBDA_TRANSIENT.ErrorEquals, ...RETRYABLE_ERRORS],
    IntervalSeconds: 1,
    MaxAttempts: 6,
    BackoffRate: 2,
    JitterStrategy: 'FULL' as const,
  },
];

/** Invokes `${functionPlaceholder}` with `payload`; the step's answer is the state's result. */
export function stepTask(
  functionPlaceholder: string,
  payload: Json,
  next: Partial<StateDefinition>,
): StateDefinition {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Arguments: { FunctionName: `\${${functionPlaceholder}}`, Payload: payload },
    Output: '{% $states.result.Payload %}',
    Retry: RETRY,
    ...next,
  };
}

/** Puts one event on `${busPlaceholder}` (PutEvents can fail per entry: EventBridge.FailedEntry is retried). */
export function putEventTask(
  busPlaceholder: string,
  event: { source: string; detailType: string },
  detail: Json,
  next: Partial<StateDefinition>,
): StateDefinition {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::events:putEvents',
    Arguments: {
      Entries: [
        {
          EventBusName: `\${${busPlaceholder}}`,
          Source: event.source,
          DetailType: event.detailType,
          Detail: detail,
        },
      ],
    },
    Output: '{% $states.input %}',
    Retry: [
      {
        ErrorEquals: ['EventBridge.FailedEntry', 'EventBridge.AmazonEventBridgeException'],
        IntervalSeconds: 1,
        MaxAttempts: 6,
        BackoffRate: 2,
      },
    ],
    ...next,
  };
}

/** Writes a mail message to the outbox queue `${queuePlaceholder}` (never SES from a workflow). */
export function queueMailTask(
  queuePlaceholder: string,
  message: Json,
  next: Partial<StateDefinition>,
): StateDefinition {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::sqs:sendMessage',
    Arguments: { QueueUrl: `\${${queuePlaceholder}}`, MessageBody: message },
    Output: '{% $states.input %}',
    Retry: [
      {
        ErrorEquals: ['SQS.AmazonSQSException', 'SQS.SdkClientException'],
        IntervalSeconds: 1,
        MaxAttempts: 6,
        BackoffRate: 2,
      },
    ],
    ...next,
  };
}

/** `$states.context` values every step receives: who runs it (idempotency) and when. */
export const STEP_CONTEXT = {
  executionId: '{% $states.context.Execution.Id %}',
  at: '{% $states.context.State.EnteredTime %}',
};
