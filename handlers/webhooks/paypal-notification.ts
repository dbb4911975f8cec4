/**
 * Reading a PayPal IPN message. Nothing authenticates it here: the workflow posts it back to
 * PayPal (`cmd=_notify-validate`) before believing a word, so ingress only keeps it and says
 * which event it is, and answers PayPal at once.
 */
import type { RefundKind } from '../../events/payments';
import { MalformedRequestError } from '../shared/errors';
import { requireContentType, textBody, type HttpRequest } from '../shared/http';
import { MAX_WEBHOOK_BYTES, type Notification } from './notification';

/** Money going back: a refund, or a chargeback (PayPal reverses the payment). */
const REFUNDED: Record<string, RefundKind> = { Refunded: 'refund', Reversed: 'dispute' };

const ID = /^[A-Za-z0-9-]{1,64}$/;
const STATUS = /^[A-Za-z_]{1,32}$/;

export function readPayPal(request: HttpRequest): Notification {
  requireContentType(request, 'application/x-www-form-urlencoded');
  const body = textBody(request, MAX_WEBHOOK_BYTES);
  const fields = new URLSearchParams(body);
  const txnType = fields.get('txn_type');

  // A buyer opened a dispute or chargeback case about a payment.
  if (txnType === 'new_case') {
    const caseId = valid(fields, 'case_id', ID);
    return { event: 'refunded', kind: 'dispute', webhookId: `case:${caseId}`, body };
  }
  if (!fields.get('txn_id')) {
    return { event: 'ignored', reason: `An IPN of txn_type ${txnType ?? '(none)'} without a transaction` };
  }
  const txnId = valid(fields, 'txn_id', ID);
  const status = valid(fields, 'payment_status', STATUS);
  // One transaction goes through several statuses (Pending, then Completed): each is its own notification.
  const webhookId = `${txnId}:${status}`;
  return Object.hasOwn(REFUNDED, status)
    ? { event: 'refunded', kind: REFUNDED[status], webhookId, body }
    : { event: 'received', webhookId, body };
}

function valid(fields: URLSearchParams, name: string, pattern: RegExp): string {
  const value = fields.get(name);
  if (!value) throw new MalformedRequestError(`The IPN has no ${name}`);
  if (!pattern.test(value)) throw new MalformedRequestError(`The IPN's ${name} is not one PayPal would send`);
  return value;
}
