import { catalogue, productForCourse } from '../../config/catalogue';
import type { Provider } from '../../events/payments';
import { builtPing } from '../../ops/trigger/gumroad';
import type { Order } from '../../ops/trigger/order';
import { builtIpn, ipnVariables } from '../../ops/trigger/paypal';
import { stripeWebhook } from '../../ops/trigger/stripe';
import { InvalidEventError } from '../shared/errors';
import { refundedTransaction } from './refunds';

const refundOrder = (provider: Provider, payment: string): Order => ({
  provider,
  email: 'ada@example.com',
  courseId: 'video-basics',
  courseTitle: catalogue.courses['video-basics'].title,
  product: productForCourse(catalogue, provider, 'video-basics')!,
  refund: { payment },
});

it("reads a Stripe charge.refunded's payment_intent", () => {
  const { body } = stripeWebhook(refundOrder('stripe', 'pi_3Paid'), 'whsec_test', Date.now());
  expect(refundedTransaction({ provider: 'stripe', body })).toBe('pi_3Paid');
});

it("reads a PayPal refund's parent_txn_id, not its own txn_id", () => {
  const { body } = builtIpn(ipnVariables(refundOrder('paypal', 'PAID0000000000001'), 'sales@lectern.test'));
  expect(refundedTransaction({ provider: 'paypal', body })).toBe('PAID0000000000001');
});

it("reads a PayPal dispute case's txn_id", () => {
  const body = 'txn_type=new_case&case_id=PP-D-1&txn_id=PAID0000000000002';
  expect(refundedTransaction({ provider: 'paypal', body })).toBe('PAID0000000000002');
});

it("reads a Gumroad refund ping's sale_id", () => {
  const { body } = builtPing(refundOrder('gumroad', 'SALE1=='), 'key', 'seller');
  expect(refundedTransaction({ provider: 'gumroad', body })).toBe('SALE1==');
});

it('refuses a refund that names no payment', () => {
  expect(() => refundedTransaction({ provider: 'stripe', body: '{"data":{"object":{}}}' })).toThrow(
    InvalidEventError,
  );
});
