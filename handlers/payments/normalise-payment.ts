/** Step `normalisePayment` of the payment-verification workflow: the event's detail → claims. */
import { PaymentReceived } from '../../events/payments';
import { InvalidEventError } from '../shared/errors';
import { handlerOf } from '../shared/lambda';
import { normalisePayment } from './normalise';

export const handler = handlerOf(async (detail: unknown) => {
  const parsed = PaymentReceived.schema.safeParse(detail);
  if (!parsed.success) throw new InvalidEventError('Not a Payment Received detail');
  return normalisePayment(parsed.data);
});
