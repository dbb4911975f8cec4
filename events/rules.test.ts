import { PaymentReceived, PaymentRefunded, PaymentVerified } from './payments';
import { EntitlementGranted } from './entitlements';
import { patternOf } from './rules';

it('matches one definition by source and detail-type', () => {
  expect(patternOf(PaymentVerified)).toEqual({
    source: ['lectern.payments'],
    'detail-type': ['Payment Verified'],
  });
});

it('matches several definitions, each source once', () => {
  expect(patternOf([PaymentReceived, PaymentRefunded, EntitlementGranted])).toEqual({
    source: ['lectern.payments', 'lectern.entitlements'],
    'detail-type': ['Payment Received', 'Payment Refunded', 'Entitlement Granted'],
  });
});

it('adds content filtering on the detail', () => {
  expect(patternOf(PaymentReceived, { provider: ['paypal'] })).toEqual({
    source: ['lectern.payments'],
    'detail-type': ['Payment Received'],
    detail: { provider: ['paypal'] },
  });
});

it('refuses an empty list', () => {
  expect(() => patternOf([])).toThrow('at least one event definition');
});
