/**
 * Payment verification (DESIGN.md, flow 1), started by a rule on `Payment Received` with the
 * whole event as input: normalise the provider's webhook → verify it with the provider → check
 * it against the catalogue → record it in the ledger once per provider transaction → Payment
 * Verified, or Payment Rejected with the reason.
 *
 * A second delivery of a recorded payment ends at `AlreadyRecorded` without an event. A provider
 * that stays down fails the execution (no Catch for retryable errors): the operator redrives it
 * once the provider is back, and it resumes at the verification.
 */
import { PaymentRejected, PaymentVerified } from '../events/payments';
import { RETRYABLE_ERRORS } from '../handlers/shared/errors';
import type { Definition, Json, Retrier, StateDefinition } from './asl';

/** Placeholders bound by the topology. */
export const PAYMENT_VERIFICATION_PLACEHOLDERS = {
  functions: {
    normalise: 'NormalisePaymentFunction',
    verify: 'VerifyWithProviderFunction',
    check: 'CheckPaymentFunction',
  },
  table: 'LedgerTable',
  bus: 'LecternBus',
} as const;

const { functions, table, bus } = PAYMENT_VERIFICATION_PLACEHOLDERS;
const placeholder = (name: string) => '${' + name + '}';

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

function invoke(fn: string, payload: string, rest: Partial<StateDefinition>): StateDefinition {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Arguments: { FunctionName: placeholder(fn), Payload: payload },
    Output: '{% $states.result.Payload %}',
    Retry: [LAMBDA_TRANSIENT, VERIFY_RETRY],
    ...rest,
  };
}

function putEvent(definition: { source: string; detailType: string }, detail: string): StateDefinition {
  const entry: Json = {
    EventBusName: placeholder(bus),
    Source: definition.source,
    DetailType: definition.detailType,
    Detail: detail,
  };
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::events:putEvents',
    Arguments: { Entries: [entry] },
    Retry: [
      {
        ErrorEquals: ['EventBridge.FailedEntry', 'EventBridge.AmazonEventBridgeException'],
        IntervalSeconds: 1,
        BackoffRate: 2,
        MaxAttempts: 3,
        JitterStrategy: 'FULL',
      },
    ],
    End: true,
  };
}

export const paymentVerification: Definition = {
  Comment:
    'Payment Received → verified with the provider and the catalogue → ledger → Payment Verified or Rejected',
  QueryLanguage: 'JSONata',
  StartAt: 'NormalisePayment',
  States: {
    NormalisePayment: invoke(functions.normalise, '{% $states.input.detail %}', {
      Assign: {
        provider: '{% $states.input.detail.provider %}',
        webhookId: '{% $states.input.detail.webhookId %}',
        body: '{% $states.input.detail.body %}',
      },
      Next: 'IsNormalised',
    }),
    IsNormalised: {
      Type: 'Choice',
      Choices: [
        {
          Condition: "{% $states.input.verdict = 'normalised' %}",
          Next: 'VerifyWithProvider',
          Output: '{% $states.input.payment %}',
        },
      ],
      Default: 'EmitPaymentRejected',
    },
    VerifyWithProvider: invoke(functions.verify, "{% {'payment': $states.input, 'body': $body} %}", {
      // Terminal: the provider's "no". Retryable errors have no Catch: after the retries the execution fails.
      Catch: [
        {
          ErrorEquals: ['PaymentNotVerifiedError'],
          Output:
            "{% {'verdict': 'rejected', 'reason': 'not-verified', 'transactionId': $states.input.transactionId, 'message': $parse($states.errorOutput.Cause).errorMessage} %}",
          Next: 'EmitPaymentRejected',
        },
      ],
      Next: 'CheckPayment',
    }),
    CheckPayment: invoke(functions.check, '{% $states.input %}', { Next: 'IsVerified' }),
    IsVerified: {
      Type: 'Choice',
      Choices: [
        {
          Condition: "{% $states.input.verdict = 'verified' %}",
          Next: 'RecordInLedger',
          Output: '{% $states.input.payment %}',
        },
      ],
      Default: 'EmitPaymentRejected',
    },
    RecordInLedger: {
      Type: 'Task',
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Arguments: {
        TableName: placeholder(table),
        Item: {
          pk: { S: '{% $states.input.provider & "#" & $states.input.transactionId %}' },
          provider: { S: '{% $states.input.provider %}' },
          transactionId: { S: '{% $states.input.transactionId %}' },
          email: { S: '{% $states.input.email %}' },
          courseId: { S: '{% $states.input.courseId %}' },
          amount: { N: '{% $string($states.input.amount) %}' },
          currency: { S: '{% $states.input.currency %}' },
          webhookId: { S: '{% $webhookId %}' },
          verifiedAt: { S: '{% $states.context.State.EnteredTime %}' },
        },
        // Once per provider transaction: a second delivery finds it recorded.
        ConditionExpression: 'attribute_not_exists(pk)',
      },
      Assign: { verifiedAt: '{% $states.context.State.EnteredTime %}' },
      Output: '{% $states.input %}',
      Retry: [
        {
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
        },
      ],
      Catch: [{ ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'AlreadyRecorded' }],
      Next: 'EmitPaymentVerified',
    },
    AlreadyRecorded: {
      Type: 'Succeed',
      Comment: 'Another delivery of this payment recorded it and emits its Payment Verified',
    },
    EmitPaymentVerified: putEvent(
      PaymentVerified,
      "{% $merge([$states.input, {'verifiedAt': $verifiedAt}]) %}",
    ),
    EmitPaymentRejected: putEvent(
      PaymentRejected,
      "{% {'provider': $provider, 'webhookId': $webhookId, 'transactionId': $states.input.transactionId, 'reason': $states.input.reason, 'message': $states.input.message, 'rejectedAt': $states.context.State.EnteredTime} %}",
    ),
  },
};
