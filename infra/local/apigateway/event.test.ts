import {
  decodePath,
  eventHeaders,
  isText,
  MalformedRequestError,
  queryParameters,
  requestTime,
} from './event';

describe('eventHeaders', () => {
  it('drops hop-by-hop headers, which API Gateway does not pass on', () => {
    expect(
      eventHeaders(['Connection', 'keep-alive', 'Keep-Alive', 'timeout=5', 'Accept', '*/*']).headers,
    ).toEqual({
      accept: '*/*',
    });
  });

  it('gathers the cookies of several cookie headers', () => {
    expect(eventHeaders(['Cookie', 'a=1; b=2', 'cookie', 'c=3;']).cookies).toEqual(['a=1', 'b=2', 'c=3']);
  });
});

describe('queryParameters', () => {
  it('is undefined for an empty query', () => {
    expect(queryParameters('')).toBeUndefined();
    expect(queryParameters('&&')).toBeUndefined();
  });

  it('keeps what follows the first = of a pair', () => {
    expect(queryParameters('sig=a=b')).toEqual({ sig: 'a=b' });
  });

  it('refuses broken percent-encoding', () => {
    expect(() => queryParameters('a=%E0%A4%A')).toThrow(MalformedRequestError);
  });
});

describe('decodePath', () => {
  it('decodes every escape, %2F included', () => {
    expect(decodePath('/a%20b/c%2Fd')).toBe('/a b/c/d');
  });
});

describe('isText', () => {
  it.each(['text/plain', 'TEXT/CSV; charset=latin1', 'application/json; charset=utf-8', 'application/xml'])(
    'takes %s as text',
    (type) => expect(isText(type)).toBe(true),
  );

  it.each([
    undefined,
    'application/x-www-form-urlencoded',
    'application/octet-stream',
    'multipart/form-data',
    'application/vnd.api+json',
  ])('takes %s as binary', (type) => expect(isText(type)).toBe(false));
});

describe('requestTime', () => {
  it('formats like API Gateway', () => {
    expect(requestTime(Date.UTC(2020, 2, 12, 19, 3, 58))).toBe('12/Mar/2020:19:03:58 +0000');
  });
});
