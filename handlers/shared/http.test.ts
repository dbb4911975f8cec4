import { httpRequest } from '../../test/support/http-request';
import {
  AlreadyInProgressError,
  InvalidSignatureError,
  MalformedRequestError,
  PayloadTooLargeError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from './errors';
import { errorResponse, header, json, rawBody, requireContentType, textBody } from './http';

describe('rawBody', () => {
  it('gives the bytes of a text body', () => {
    expect(rawBody(httpRequest({ body: 'héllo' }), 100)).toEqual(Buffer.from('héllo'));
  });

  it('decodes a base64 body to the bytes sent', () => {
    const bytes = Buffer.from([0, 255, 10, 13]);
    expect(rawBody(httpRequest({ body: bytes, base64: true }), 100)).toEqual(bytes);
  });

  it('refuses a missing body with a 400', () => {
    expect(() => rawBody(httpRequest(), 100)).toThrow(MalformedRequestError);
  });

  it('refuses a body over the limit, counted in bytes', () => {
    expect(() => rawBody(httpRequest({ body: 'é'.repeat(51) }), 100)).toThrow(PayloadTooLargeError);
    expect(() => rawBody(httpRequest({ body: 'é'.repeat(51) }), 100)).toThrow(
      'The body is 102 bytes; at most 100 are accepted',
    );
  });

  it('accepts a body of exactly the limit', () => {
    expect(rawBody(httpRequest({ body: 'x'.repeat(100), base64: true }), 100)).toHaveLength(100);
  });
});

describe('textBody', () => {
  it('refuses bytes that are not UTF-8', () => {
    expect(() => textBody(httpRequest({ body: Buffer.from([0xc3, 0x28]), base64: true }), 100)).toThrow(
      'The body is not UTF-8 text',
    );
  });
});

describe('headers', () => {
  it('finds a header whatever the case asked for', () => {
    expect(header(httpRequest({ headers: { 'stripe-signature': 't=1' } }), 'Stripe-Signature')).toBe('t=1');
  });

  it('accepts the content type with parameters', () => {
    const request = httpRequest({
      headers: { 'content-type': 'Application/X-WWW-Form-Urlencoded; charset=UTF-8' },
    });
    expect(() => requireContentType(request, 'application/x-www-form-urlencoded')).not.toThrow();
  });

  it('refuses another content type with a 415 that names both', () => {
    const request = httpRequest({ headers: { 'content-type': 'application/json' } });
    expect(() => requireContentType(request, 'application/x-www-form-urlencoded')).toThrow(
      new UnsupportedMediaTypeError(
        'The body must be application/x-www-form-urlencoded, not application/json',
      ),
    );
  });
});

describe('responses', () => {
  it('answers JSON', () => {
    expect(json(200, { received: true })).toEqual({
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"received":true}',
    });
  });

  it.each([
    [new MalformedRequestError('m'), 400],
    [new InvalidSignatureError('m'), 400],
    [new UnauthorizedError('m'), 401],
    [new AlreadyInProgressError('m'), 409],
    [new PayloadTooLargeError('m'), 413],
    [new UnsupportedMediaTypeError('m'), 415],
  ])('answers %s with %i and its message', (error, status) => {
    expect(errorResponse(error)).toEqual(json(status, { message: 'm' }));
  });

  it('has no answer for any other error (it fails the invocation: a 500)', () => {
    expect(errorResponse(new Error('boom'))).toBeUndefined();
  });
});
