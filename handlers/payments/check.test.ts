import { catalogue } from '../../config/catalogue';
import { checkPayment } from './check';
import type { ClaimedPayment } from './payment';

const paypal: ClaimedPayment = {
  provider: 'paypal',
  transactionId: 'TXN1',
  email: 'ada@example.com',
  productKey: 'LECTERN-VIDEO-BASICS',
  amount: 4900,
  currency: 'USD',
  completed: true,
  receiver: 'sales@lectern.test',
};

describe('checkPayment', () => {
  it('verifies a completed payment at the catalogue price, naming the course', () => {
    expect(checkPayment(paypal, catalogue)).toEqual({
      verdict: 'verified',
      payment: {
        provider: 'paypal',
        transactionId: 'TXN1',
        email: 'ada@example.com',
        courseId: 'video-basics',
        amount: 4900,
        currency: 'USD',
      },
    });
  });

  it('rejects a wrong amount, saying both amounts', () => {
    expect(checkPayment({ ...paypal, amount: 100 }, catalogue)).toEqual({
      verdict: 'rejected',
      reason: 'wrong-amount',
      message: 'paid 100 USD, the catalogue says 4900 USD',
      transactionId: 'TXN1',
    });
  });

  it('rejects a wrong currency', () => {
    expect(checkPayment({ ...paypal, currency: 'EUR' }, catalogue)).toMatchObject({
      reason: 'wrong-currency',
    });
  });

  it('rejects money paid to another receiver', () => {
    expect(checkPayment({ ...paypal, receiver: 'thief@example.com' }, catalogue)).toMatchObject({
      reason: 'wrong-receiver',
    });
  });

  it('rejects an unknown product', () => {
    expect(checkPayment({ ...paypal, productKey: 'NOPE' }, catalogue)).toMatchObject({
      reason: 'unknown-product',
    });
  });

  it('rejects a payment not completed', () => {
    expect(checkPayment({ ...paypal, completed: false }, catalogue)).toMatchObject({
      reason: 'not-completed',
    });
  });

  it('has no receiver to compare for Stripe', () => {
    const stripe: ClaimedPayment = {
      ...paypal,
      provider: 'stripe',
      productKey: 'price_1LecternVideoBasics',
      receiver: undefined,
    };
    expect(checkPayment(stripe, catalogue)).toMatchObject({ verdict: 'verified' });
  });
});
