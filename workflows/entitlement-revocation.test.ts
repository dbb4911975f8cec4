import { entitlementRevocation } from './entitlement-revocation';
import { LAMBDA_TRANSIENT, VERIFY_RETRY } from './retries';

const { NormaliseRefund, VerifyRefund } = entitlementRevocation.States;

describe('entitlementRevocation', () => {
  it('verifies the refund with the provider before revoking', () => {
    expect(NormaliseRefund.Next).toBe('VerifyRefund');
    expect(VerifyRefund.Next).toBe('RevokeEntitlement');
  });

  it('retries the verification as the payment flow does', () => {
    expect(VerifyRefund.Retry).toEqual([LAMBDA_TRANSIENT, VERIFY_RETRY]);
  });

  it('ends without revoking when the provider does not confirm the refund, and catches nothing else', () => {
    expect((VerifyRefund.Catch ?? []).map((c) => [c.ErrorEquals, c.Next])).toEqual([
      [['PaymentNotVerifiedError'], 'RefundNotVerified'],
    ]);
    expect(entitlementRevocation.States.RefundNotVerified.Type).toBe('Succeed');
  });
});
