import { PaymentNotVerifiedError, ProviderUnavailableError } from '../shared/errors';
import type { ClaimedPayment } from './payment';
import { verifyWithProvider, type VerifyDeps } from './verify';

const payment = (provider: ClaimedPayment['provider']): ClaimedPayment => ({
  provider,
  transactionId: 'T1',
  email: 'ada@example.com',
  productKey: 'video-basics',
  amount: 4900,
  currency: 'USD',
  status: 'paid',
  receiver: 'seller',
});

function deps(overrides: Partial<VerifyDeps> = {}): VerifyDeps & { posted: string[] } {
  const posted: string[] = [];
  return {
    posted,
    async payPalPostback(body) {
      posted.push(body);
      return 'VERIFIED';
    },
    async gumroadSale() {
      return undefined;
    },
    ...overrides,
  };
}

const sale = {
  id: 'T1',
  email: 'bob@example.com',
  seller_id: 'seller',
  price: 100,
  currency: 'usd',
  product_permalink: 'video-basics',
  refunded: false,
  disputed: false,
};

describe('verifyWithProvider', () => {
  it('posts a PayPal IPN back as received and keeps its claims when PayPal says VERIFIED', async () => {
    const fake = deps();
    await expect(verifyWithProvider({ payment: payment('paypal'), body: 'a=1&b=2' }, fake)).resolves.toEqual(
      payment('paypal'),
    );
    expect(fake.posted).toEqual(['a=1&b=2']);
  });

  it('throws PaymentNotVerifiedError when PayPal says INVALID', async () => {
    const fake = deps({ payPalPostback: async () => 'INVALID' });
    await expect(verifyWithProvider({ payment: payment('paypal'), body: 'x' }, fake)).rejects.toThrow(
      PaymentNotVerifiedError,
    );
  });

  it('treats an answer that is neither word as the provider being unavailable', async () => {
    const fake = deps({ payPalPostback: async () => '<html>maintenance</html>' });
    await expect(verifyWithProvider({ payment: payment('paypal'), body: 'x' }, fake)).rejects.toThrow(
      ProviderUnavailableError,
    );
  });

  it("replaces a Gumroad ping's claims with the sale Gumroad reports", async () => {
    const fake = deps({ gumroadSale: async () => sale });
    await expect(verifyWithProvider({ payment: payment('gumroad'), body: 'x' }, fake)).resolves.toEqual({
      ...payment('gumroad'),
      email: 'bob@example.com',
      amount: 100,
    });
  });

  it('throws PaymentNotVerifiedError for a sale Gumroad does not know', async () => {
    await expect(verifyWithProvider({ payment: payment('gumroad'), body: 'x' }, deps())).rejects.toThrow(
      PaymentNotVerifiedError,
    );
  });

  it('asks nothing for Stripe, whose signature ingress checked', async () => {
    const fake = deps({ payPalPostback: jest.fn(), gumroadSale: jest.fn() });
    await expect(verifyWithProvider({ payment: payment('stripe'), body: 'x' }, fake)).resolves.toEqual(
      payment('stripe'),
    );
    expect(fake.payPalPostback).not.toHaveBeenCalled();
    expect(fake.gumroadSale).not.toHaveBeenCalled();
  });
});
