/**
 * Reading a Gumroad ping. Gumroad signs nothing: the ping URL carries a secret key, compared in
 * constant time; the workflow still looks the sale up before believing it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { MalformedRequestError, UnauthorizedError } from '../shared/errors';
import { requireContentType, textBody, type HttpRequest } from '../shared/http';
import { MAX_WEBHOOK_BYTES, type Notification } from './notification';

/** Gumroad's ids are URL-safe base64 (`FO8TXN-dvxYabdavG97Y-Q==`). */
const SALE_ID = /^[A-Za-z0-9_=+/-]{1,64}$/;

export function readGumroad(request: HttpRequest, key: string): Notification {
  if (!sameSecret(request.pathParameters?.key ?? '', key)) {
    throw new UnauthorizedError('The webhook key in the URL is not this endpoint’s');
  }
  requireContentType(request, 'application/x-www-form-urlencoded');
  const body = textBody(request, MAX_WEBHOOK_BYTES);
  const fields = new URLSearchParams(body);
  const saleId = fields.get('sale_id');
  if (!saleId) return { event: 'ignored', reason: 'A ping about no sale' };
  if (!SALE_ID.test(saleId))
    throw new MalformedRequestError('The ping’s sale_id is not one Gumroad would send');
  if (fields.get('refunded') === 'true') {
    return { event: 'refunded', kind: 'refund', webhookId: `${saleId}:refunded`, body };
  }
  if (fields.get('disputed') === 'true') {
    return { event: 'refunded', kind: 'dispute', webhookId: `${saleId}:disputed`, body };
  }
  return { event: 'received', webhookId: saleId, body };
}

/** Equal secrets, in a time that tells nothing about where they differ (digests make lengths equal). */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
