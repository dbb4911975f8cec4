/** Step `checkPayment`: the confirmed payment against `config/catalogue.json`. */
import { catalogue } from '../../config/catalogue';
import { handlerOf } from '../shared/lambda';
import { checkPayment } from './check';
import type { ClaimedPayment } from './payment';

export const handler = handlerOf(async (payment: ClaimedPayment) => checkPayment(payment, catalogue));
