/** Step `NormaliseRefund`: the payment a refund webhook is about. */
import { handlerOf } from '../shared/lambda';
import { refundedTransaction } from './refunds';
import { NormaliseRefundInput, stepInput } from './steps';

export const handler = handlerOf(async (event: unknown) => ({
  transactionId: refundedTransaction(stepInput(NormaliseRefundInput, event)),
}));
