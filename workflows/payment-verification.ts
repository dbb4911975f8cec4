/**
 * Payment verification (DESIGN.md, flow 1), started by a rule on `Payment Received` with the
 * whole event as input: normalise the provider's webhook → verify it with the provider → check
 * it against the catalogue → record it in the ledger once per provider transaction → Payment
 * Verified, or Payment Rejected with the reason. A payment by a delayed method that has not paid
 * yet (a Stripe Checkout completed `unpaid`) ends in Payment Delayed: nothing recorded, nothing
 * granted, nothing rejected; the provider's later report of it (succeeded or failed) is a
 * Payment Received of its own, for the same transaction.
 *
 * A second delivery of a recorded payment ends at `AlreadyRecorded` without an event. A provider
 * that stays down fails the execution (no Catch for retryable errors): the operator redrives it
 * once the provider is back, and it resumes at the verification.
 */
import { PaymentDelayed, PaymentRejected, PaymentVerified } from '../events/payments';
import type { Definition, Json, StateDefinition } from './asl';
import { DYNAMODB_TRANSIENT, LAMBDA_TRANSIENT, VERIFY_RETRY } from './retries';

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
        {
          Condition: "{% $states.input.verdict = 'pending' %}",
          Next: 'EmitPaymentDelayed',
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
          recordedBy: { S: '{% $states.context.Execution.Id %}' },
        },
        // Once per provider transaction: a second delivery finds it recorded. The execution that
        // recorded it may write it again: its write can land and the task still run again (a crash
        // before the result is kept, a retry after a lost answer), and it must go on to emit.
        ConditionExpression: 'attribute_not_exists(pk) OR recordedBy = :execution',
        ExpressionAttributeValues: { ':execution': { S: '{% $states.context.Execution.Id %}' } },
      },
      Assign: { verifiedAt: '{% $states.context.State.EnteredTime %}' },
      Output: '{% $states.input %}',
      Retry: [DYNAMODB_TRANSIENT],
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
    EmitPaymentDelayed: putEvent(
      PaymentDelayed,
      "{% $merge([$states.input, {'webhookId': $webhookId, 'delayedAt': $states.context.State.EnteredTime}]) %}",
    ),
    EmitPaymentRejected: putEvent(
      PaymentRejected,
      "{% {'provider': $provider, 'webhookId': $webhookId, 'transactionId': $states.input.transactionId, 'reason': $states.input.reason, 'message': $states.input.message, 'rejectedAt': $states.context.State.EnteredTime} %}",
    ),
  },
};
