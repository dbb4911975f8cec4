import { integrationResponse } from './response';

describe('integrationResponse', () => {
  it('reads a result with statusCode as the response, header names lower-cased', () => {
    expect(
      integrationResponse({ statusCode: 204, headers: { 'X-Id': 7, 'Content-Type': 'text/html' } }),
    ).toEqual({
      status: 204,
      headers: { 'x-id': '7', 'content-type': 'text/html' },
      cookies: [],
      body: Buffer.alloc(0),
    });
  });

  it('drops the headers Node computes from the body', () => {
    const mapped = integrationResponse({
      statusCode: 200,
      headers: { 'content-length': '999', connection: 'x' },
    });
    expect(mapped).toMatchObject({ headers: { 'content-type': 'text/plain; charset=utf-8' } });
    expect(Object.keys((mapped as { headers: object }).headers)).toEqual(['content-type']);
  });

  it('serializes null and numbers without statusCode as JSON', () => {
    expect(integrationResponse(null)).toMatchObject({ status: 200, body: Buffer.from('null') });
    expect(integrationResponse([1, 2])).toMatchObject({ status: 200, body: Buffer.from('[1,2]') });
  });

  it.each([
    ['a statusCode that is not a number', { statusCode: '200' }],
    ['a statusCode out of range', { statusCode: 99 }],
    ['headers that are not an object', { statusCode: 200, headers: ['a'] }],
    ['a header that is an object', { statusCode: 200, headers: { a: { b: 1 } } }],
    ['a header value with a line break', { statusCode: 200, headers: { a: 'x\r\ny: z' } }],
    ['cookies that are not strings', { statusCode: 200, cookies: [1] }],
    ['a body that is not a string', { statusCode: 200, body: { a: 1 } }],
    ['an isBase64Encoded that is not a boolean', { statusCode: 200, isBase64Encoded: 'yes' }],
  ])('calls %s malformed', (_, payload) => {
    expect(integrationResponse(payload)).toHaveProperty('malformed');
  });
});
