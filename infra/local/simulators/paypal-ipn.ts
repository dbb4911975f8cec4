import { z } from 'zod';
import { parseInput } from './http';
import { DIGITS, HEX, randomChars, stableChars, UPPER_ALNUM } from './ids';

/** PayPal's payment_status values. */
export const PAYMENT_STATUSES = [
  'Canceled_Reversal',
  'Completed',
  'Created',
  'Denied',
  'Expired',
  'Failed',
  'Pending',
  'Processed',
  'Refunded',
  'Reversed',
  'Voided',
] as const;

interface Variables {
  [variable: string]: string | undefined;
}

/**
 * A payment IPN to issue (a payment, its refund or reversal): these variables are required; any
 * other (`txn_id`, `txn_type`, `parent_txn_id`, `reason_code`, `custom`, …) is optional, and
 * every default the simulator fills in may be given instead.
 */
export interface PaymentIpnInput extends Variables {
  payment_status: (typeof PAYMENT_STATUSES)[number];
  /** e.g. `"19.95"`; negative for refunds and reversals. */
  mc_gross: string;
  /** ISO 4217, e.g. `"USD"`. */
  mc_currency: string;
  receiver_email: string;
  payer_email: string;
  item_number: string;
  txn_id?: string;
  txn_type?: string;
}

/** A dispute case IPN (`txn_type=new_case`) about the payment `txn_id`. */
export interface CaseIpnInput extends Variables {
  txn_type: 'new_case';
  txn_id: string;
  case_type: (typeof CASE_TYPES)[number];
  receiver_email: string;
  payer_email: string;
  /** `PP-nnn-nnn-nnn-nnn` by default. */
  case_id?: string;
  /** `non_receipt` by default. */
  reason_code?: string;
}

export type IpnInput = PaymentIpnInput | CaseIpnInput;

export const CASE_TYPES = ['chargeback', 'complaint', 'dispute'] as const;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const value = () =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : 'IPN values are strings') });

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (issue) => (issue.input === undefined ? 'is required' : `must be one of ${values.join(', ')}`),
  });

const TXN_ID = /^[A-Za-z0-9-]{1,19}$/;
const TXN_ID_MESSAGE = 'must be up to 19 letters, digits and -';

/** The required variables, then any other as a string with a name PayPal could send. */
const variables = (required: z.ZodRawShape) =>
  z
    .object(required, { error: 'The IPN variables must be an object' })
    .catchall(value().max(2048))
    .superRefine((all, context) => {
      for (const name of Object.keys(all)) {
        if (!/^[a-z][a-z0-9_]*$/.test(name)) {
          context.addIssue({
            code: 'custom',
            path: [name],
            message: 'is not an IPN variable name (a-z, 0-9, _)',
          });
        }
      }
    });

const PAYMENT_INPUT = variables({
  payment_status: oneOf(PAYMENT_STATUSES),
  mc_gross: value().regex(/^-?\d+(\.\d{1,2})?$/, 'must be an amount such as "19.95"'),
  mc_currency: value().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"'),
  receiver_email: value().regex(EMAIL, 'must be an e-mail address'),
  payer_email: value().regex(EMAIL, 'must be an e-mail address'),
  item_number: value().min(1, 'must not be empty'),
  txn_id: value().regex(TXN_ID, TXN_ID_MESSAGE).optional(),
});

const CASE_INPUT = variables({
  txn_id: value().regex(TXN_ID, TXN_ID_MESSAGE),
  case_type: oneOf(CASE_TYPES),
  receiver_email: value().regex(EMAIL, 'must be an e-mail address'),
  payer_email: value().regex(EMAIL, 'must be an e-mail address'),
});

/**
 * The order PayPal's own messages list their variables in (its sample IPN); variables the input
 * adds beyond these follow, before `ipn_track_id`.
 */
const PAYMENT_ORDER = [
  'mc_gross',
  'payer_id',
  'payment_date',
  'payment_status',
  'charset',
  'notify_version',
  'payer_status',
  'business',
  'quantity',
  'verify_sign',
  'payer_email',
  'txn_id',
  'payment_type',
  'receiver_email',
  'receiver_id',
  'txn_type',
  'mc_currency',
  'item_number',
  'residence_country',
];

const CASE_ORDER = [
  'txn_type',
  'case_id',
  'case_type',
  'case_creation_date',
  'reason_code',
  'txn_id',
  'payer_id',
  'payer_email',
  'business',
  'receiver_email',
  'receiver_id',
  'charset',
  'notify_version',
  'verify_sign',
  'residence_country',
];

/**
 * A complete IPN message from the given variables: realistic defaults for everything PayPal
 * always sends, in PayPal's order. A `txn_type` of `new_case` makes a dispute case message,
 * anything else a payment message. Throws a 400 naming every invalid variable.
 */
export function ipnFields(input: unknown, now: number): Array<[string, string]> {
  const isCase =
    typeof input === 'object' && input !== null && 'txn_type' in input && input.txn_type === 'new_case';
  const given = parseInput(isCase ? CASE_INPUT : PAYMENT_INPUT, input) as Record<string, string>;
  const fields: Record<string, string> = {
    payer_id: stableChars(`payer:${given.payer_email}`, UPPER_ALNUM, 13),
    business: given.receiver_email,
    receiver_id: stableChars(`receiver:${given.receiver_email}`, UPPER_ALNUM, 13),
    charset: 'UTF-8',
    notify_version: '3.9',
    verify_sign: randomVerifySign(),
    residence_country: 'US',
    ipn_track_id: randomChars(HEX, 13),
    ...(isCase
      ? {
          case_id: `PP-${randomChars(DIGITS, 12).replace(/(\d{3})(?=\d)/g, '$1-')}`,
          case_creation_date: paymentDate(now),
          reason_code: 'non_receipt',
        }
      : {
          payment_date: paymentDate(now),
          payer_status: 'verified',
          quantity: '1',
          txn_id: randomChars(UPPER_ALNUM, 17),
          payment_type: 'instant',
          txn_type: 'web_accept',
        }),
    ...given,
  };
  const order = isCase ? CASE_ORDER : PAYMENT_ORDER;
  const names = [
    ...order,
    ...Object.keys(fields).filter((name) => !order.includes(name) && name !== 'ipn_track_id'),
    'ipn_track_id',
  ];
  return names.map((name) => [name, fields[name]]);
}

/** The message as PayPal posts it: form-encoded, spaces as `+`, in the fields' order. */
export function encodeIpn(fields: Array<[string, string]>): string {
  return new URLSearchParams(fields).toString();
}

const PACIFIC = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});

/** PayPal's `payment_date`: `HH:MM:SS Mmm DD, YYYY PST` (or PDT), in PayPal's Pacific time. */
export function paymentDate(epochMs: number): string {
  const part = Object.fromEntries(PACIFIC.formatToParts(epochMs).map((p) => [p.type, p.value]));
  return `${part.hour}:${part.minute}:${part.second} ${part.month} ${part.day}, ${part.year} ${part.timeZoneName}`;
}

const SIGN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-';

/** `verify_sign`: 56 characters like PayPal's, e.g. `AtkOfCXbDm2hu0ZELryHFjY-Vb7P…`. */
const randomVerifySign = () => `A${randomChars(SIGN_ALPHABET, 55)}`;
