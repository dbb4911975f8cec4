import { RETRYABLE_ERRORS } from '../handlers/shared/errors';
import { paymentVerification } from './payment-verification';
import { VERIFY_RETRY } from './retries';

const { VerifyWithProvider } = paymentVerification.States;

describe('paymentVerification', () => {
  it('retries the verification on every retryable named error, with full jitter', () => {
    expect(VerifyWithProvider.Retry).toContainEqual(VERIFY_RETRY);
    expect(VERIFY_RETRY).toMatchObject({ ErrorEquals: [...RETRYABLE_ERRORS], JitterStrategy: 'FULL' });
  });

  it('catches no retryable error, so a provider down for good fails the execution', () => {
    const caught = (VerifyWithProvider.Catch ?? []).flatMap((c) => c.ErrorEquals);
    expect(caught).toEqual(['PaymentNotVerifiedError']);
  });

  it('records in the ledger only a transaction not recorded yet, or recorded by this execution', () => {
    const record = paymentVerification.States.RecordInLedger;
    expect(record.Arguments).toMatchObject({
      ConditionExpression: 'attribute_not_exists(pk) OR recordedBy = :execution',
      ExpressionAttributeValues: { ':execution': { S: '{% $states.context.Execution.Id %}' } },
    });
    expect(record.Catch).toEqual([
      { ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'], Next: 'AlreadyRecorded' },
    ]);
  });
});
