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
  status: 'paid',
  receiver: 'sales@lectern.test',
};

const stripe: ClaimedPayment = {
  ...paypal,
  provider: 'stripe',
  transactionId: 'pi_1',
  productKey: 'price_1LecternVideoBasics',
  price: 4900,
  receiver: undefined,
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
    expect(checkPayment({ ...paypal, status: 'unpaid' }, catalogue)).toMatchObject({
      reason: 'not-completed',
    });
  });

  it('has no receiver to compare for Stripe', () => {
    expect(checkPayment(stripe, catalogue)).toMatchObject({ verdict: 'verified' });
  });
});

describe('checkPayment of a delayed payment', () => {
  it('answers pending, with the payment it checked, while the delayed method has not paid', () => {
    expect(checkPayment({ ...stripe, status: 'pending' }, catalogue)).toEqual({
      verdict: 'pending',
      payment: {
        provider: 'stripe',
        transactionId: 'pi_1',
        email: 'ada@example.com',
        courseId: 'video-basics',
        amount: 4900,
        currency: 'USD',
      },
    });
  });

  it('rejects a pending payment that does not match the catalogue', () => {
    expect(checkPayment({ ...stripe, status: 'pending', productKey: 'NOPE' }, catalogue)).toMatchObject({
      verdict: 'rejected',
      reason: 'unknown-product',
    });
  });

  it('rejects a failed one as payment-failed, saying so', () => {
    expect(checkPayment({ ...stripe, status: 'failed' }, catalogue)).toEqual({
      verdict: 'rejected',
      reason: 'payment-failed',
      message: 'stripe reports that the payment pi_1 failed',
      transactionId: 'pi_1',
    });
  });
});

describe('checkPayment of a discounted payment', () => {
  it('compares the price before discounts with the catalogue, and carries what was paid', () => {
    expect(checkPayment({ ...stripe, amount: 0 }, catalogue)).toMatchObject({
      verdict: 'verified',
      payment: { amount: 0, courseId: 'video-basics' },
    });
  });

  it('rejects a price before discounts that is not the catalogue’s, saying both', () => {
    expect(checkPayment({ ...stripe, amount: 0, price: 100 }, catalogue)).toMatchObject({
      reason: 'wrong-amount',
      message: 'priced 100 USD, the catalogue says 4900 USD',
    });
  });
});
