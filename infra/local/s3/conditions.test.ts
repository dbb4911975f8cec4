import { checkConditions } from './conditions';
import type { ObjectRecord } from './records';

const object: ObjectRecord = {
  bucket: 'b',
  key: 'k',
  file: 'f',
  size: 1,
  etag: '0cc175b9c0f1b6a831c399e269772661',
  lastModified: Date.UTC(2026, 0, 1, 12, 0, 0, 500),
  headers: {},
  metadata: {},
};
const headers = (h: Record<string, string>) => (name: string) => h[name];
const etag = `"${object.etag}"`;

describe('checkConditions', () => {
  it('goes on without conditions', () => {
    expect(checkConditions(object, headers({}))).toBeUndefined();
  });

  it('answers 304 when If-None-Match holds the ETag', () => {
    expect(checkConditions(object, headers({ 'if-none-match': etag }))).toBe(304);
  });

  it('answers 304 when not modified since (whole seconds)', () => {
    expect(
      checkConditions(object, headers({ 'if-modified-since': new Date(object.lastModified).toUTCString() })),
    ).toBe(304);
  });

  it('fails with 412 when If-Match does not hold the ETag', () => {
    expect(() => checkConditions(object, headers({ 'if-match': '"other"' }))).toThrow(
      expect.objectContaining({ code: 'PreconditionFailed', status: 412 }),
    );
  });

  it('lets If-Match win over a failing If-Unmodified-Since', () => {
    const since = new Date(object.lastModified - 3600_000).toUTCString();
    expect(
      checkConditions(object, headers({ 'if-match': etag, 'if-unmodified-since': since })),
    ).toBeUndefined();
  });

  it('fails with 412 when modified after If-Unmodified-Since', () => {
    const since = new Date(object.lastModified - 3600_000).toUTCString();
    expect(() => checkConditions(object, headers({ 'if-unmodified-since': since }))).toThrow(
      expect.objectContaining({ code: 'PreconditionFailed' }),
    );
  });
});
