import { formRequest } from '../../test/support/http-request';
import { MalformedRequestError, UnauthorizedError } from '../shared/errors';
import { readGumroad, sameSecret } from './gumroad-notification';

const KEY = 'lectern-test-gumroad-key';

/** A ping as Gumroad sends it (abridged). */
const ping = (fields: Record<string, string> = {}, key = KEY) =>
  formRequest(
    {
      seller_id: 'zh4Gx4P9So9fDjQ9lAqsDw==',
      permalink: 'video-basics',
      email: 'ada@example.com',
      price: '4900',
      currency: 'usd',
      sale_id: 'FO8TXN-dvxYabdavG97Y-Q==',
      refunded: 'false',
      disputed: 'false',
      ...fields,
    },
    { pathParameters: { key } },
  );

it('reads a sale, keyed by the sale id', () => {
  const request = ping();
  expect(readGumroad(request, KEY)).toEqual({
    event: 'received',
    webhookId: 'FO8TXN-dvxYabdavG97Y-Q==',
    body: Buffer.from(request.body!, 'base64').toString(),
  });
});

it('reads a refunded sale as a refund of its own', () => {
  expect(readGumroad(ping({ refunded: 'true', resource_name: 'refund' }), KEY)).toMatchObject({
    event: 'refunded',
    kind: 'refund',
    webhookId: 'FO8TXN-dvxYabdavG97Y-Q==:refunded',
  });
});

it('reads a disputed sale as a dispute', () => {
  expect(readGumroad(ping({ disputed: 'true' }), KEY)).toMatchObject({ event: 'refunded', kind: 'dispute' });
});

it('refuses a wrong key with a 401', () => {
  expect(() => readGumroad(ping({}, 'lectern-test-gumroad-kez'), KEY)).toThrow(UnauthorizedError);
});

it('refuses a missing key', () => {
  const request = ping();
  delete request.pathParameters;
  expect(() => readGumroad(request, KEY)).toThrow(UnauthorizedError);
});

it('ignores a ping about no sale', () => {
  expect(
    readGumroad(formRequest({ resource_name: 'cancellation' }, { pathParameters: { key: KEY } }), KEY),
  ).toEqual({
    event: 'ignored',
    reason: 'A ping about no sale',
  });
});

it('refuses a sale id Gumroad would not send', () => {
  expect(() => readGumroad(ping({ sale_id: 'a b' }), KEY)).toThrow(MalformedRequestError);
});

describe('sameSecret', () => {
  it('holds for equal strings only', () => {
    expect([
      sameSecret('abc', 'abc'),
      sameSecret('abc', 'abd'),
      sameSecret('abc', 'abcd'),
      sameSecret('', 'a'),
    ]).toEqual([true, false, false, false]);
  });
});
