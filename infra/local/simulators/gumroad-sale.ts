import { createHash, randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { parseInput } from './http';
import { obfuscatedId } from './ids';

/** A sale to issue; `product_permalink`, `email` and `price` are required. */
export interface SaleInput {
  /** The product's short permalink, e.g. `lectern-course` (the Sales API's `product_permalink`). */
  product_permalink: string;
  email: string;
  /** In the currency's minor units (cents), like Gumroad's `price`. */
  price: number;
  /** ISO 4217 in lower case, like Gumroad; `usd` by default. */
  currency?: string;
  /** The permalink by default. */
  product_name?: string;
  quantity?: number;
  full_name?: string;
  /** Gumroad-shaped by default (`FO8TXN-dvxYabdavG97Y-Q==`); a given one must be new. */
  sale_id?: string;
  /** Gumroad's flag for a seller buying from themselves (sent in the ping). */
  test?: boolean;
}

/** A sale as the simulator keeps it. */
export interface SaleRecord {
  id: string;
  orderNumber: number;
  productId: string;
  productName: string;
  permalink: string;
  email: string;
  fullName?: string;
  price: number;
  gumroadFee: number;
  currency: string;
  quantity: number;
  /** ISO 8601. */
  createdAt: string;
  test: boolean;
  refunded: boolean;
  /** A chargeback the buyer filed. */
  disputed: boolean;
}

/** The seller every simulated sale belongs to (Lectern sells as one Gumroad account). */
const SELLER_ID = obfuscatedId(createHash('sha256').update('lectern-seller').digest());

/** "is required" when missing, what it must be otherwise. */
const required = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});

const INPUT = z.strictObject(
  {
    product_permalink: z
      .string(required('a string'))
      .regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be a permalink: letters, digits, - and _'),
    email: z.string(required('a string')).regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be an e-mail address'),
    price: z.number(required('a number of cents')).int('must be whole cents').min(0),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be an ISO 4217 code such as "usd"')
      .optional(),
    product_name: z.string().min(1).max(256).optional(),
    quantity: z.number().int().min(1).optional(),
    full_name: z.string().max(256).optional(),
    sale_id: z
      .string()
      .regex(/^[A-Za-z0-9_=-]{1,64}$/, 'must be letters, digits, -, _ and =')
      .optional(),
    test: z.boolean().optional(),
  },
  { error: (issue) => (issue.code === 'invalid_type' ? 'The sale must be an object' : undefined) },
);

/** A new sale from `input` at `now`; a 400 names every invalid field. */
export function newSale(input: unknown, now: number): SaleRecord {
  const sale = parseInput<SaleInput>(INPUT, input);
  return {
    id: sale.sale_id ?? obfuscatedId(randomBytes(16)),
    orderNumber: randomInt(100_000_000, 1_000_000_000),
    productId: obfuscatedId(createHash('sha256').update(`product:${sale.product_permalink}`).digest()),
    productName: sale.product_name ?? sale.product_permalink,
    permalink: sale.product_permalink,
    email: sale.email,
    ...(sale.full_name === undefined ? {} : { fullName: sale.full_name }),
    price: sale.price,
    // About Gumroad's 10% + 50¢, never more than the price.
    gumroadFee: Math.min(sale.price, Math.round(sale.price / 10) + 50),
    currency: (sale.currency ?? 'usd').toLowerCase(),
    quantity: sale.quantity ?? 1,
    createdAt: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    test: sale.test ?? false,
    refunded: false,
    disputed: false,
  };
}

const CARD = { visual: '**** **** **** 4242', type: 'visa' };

/**
 * The ping Gumroad posts for the sale (`resource_name` `sale`), its refund (`refund`) or a
 * chargeback (`dispute`):
 * form-encoded like Rails' `to_query`, nested keys as `card[type]`, booleans as `true`/`false`.
 * As in Gumroad's ping, `product_permalink` is the product's URL and `permalink` the short form.
 */
export function pingBody(sale: SaleRecord, resource: 'sale' | 'refund' | 'dispute'): string {
  const fields: Array<[string, string]> = [
    ['seller_id', SELLER_ID],
    ['product_id', sale.productId],
    ['product_name', sale.productName],
    ['permalink', sale.permalink],
    ['product_permalink', `https://gumroad.com/l/${sale.permalink}`],
    ['short_product_id', sale.permalink],
    ['email', sale.email],
    ['price', String(sale.price)],
    ['gumroad_fee', String(sale.gumroadFee)],
    ['currency', sale.currency],
    ['quantity', String(sale.quantity)],
    ['discover_fee_charged', 'false'],
    ['can_contact', 'true'],
    ['referrer', 'direct'],
    ['card[visual]', CARD.visual],
    ['card[type]', CARD.type],
    ['order_number', String(sale.orderNumber)],
    ['sale_id', sale.id],
    ['sale_timestamp', sale.createdAt],
    ...(sale.fullName === undefined ? [] : [['full_name', sale.fullName] as [string, string]]),
    ...(sale.test ? [['test', 'true'] as [string, string]] : []),
    ['is_gift_receiver_purchase', 'false'],
    ['refunded', String(sale.refunded)],
    ['resource_name', resource],
    ['disputed', String(sale.disputed)],
    ['dispute_won', 'false'],
  ];
  return new URLSearchParams(fields).toString();
}

/** The sale as Gumroad's `GET /v2/sales/:id` shows it (the fields Lectern can use, no more). */
export function apiSale(sale: SaleRecord): Record<string, unknown> {
  return {
    id: sale.id,
    email: sale.email,
    seller_id: SELLER_ID,
    created_at: sale.createdAt,
    product_name: sale.productName,
    product_has_variants: false,
    price: sale.price,
    gumroad_fee: sale.gumroadFee,
    currency: sale.currency,
    product_id: sale.productId,
    product_permalink: sale.permalink,
    refunded: sale.refunded,
    partially_refunded: false,
    chargedback: sale.disputed,
    purchase_email: sale.email,
    ...(sale.fullName === undefined ? {} : { full_name: sale.fullName }),
    paid: true,
    order_id: sale.orderNumber,
    quantity: sale.quantity,
    disputed: sale.disputed,
    dispute_won: false,
    is_gift_receiver_purchase: false,
    referrer: 'direct',
    card: CARD,
  };
}
