import { parseTimestamp, timestampMillis } from './timestamp';

describe('timestampMillis', () => {
  it('reads the examples of the documentation', () => {
    expect(timestampMillis('2016-03-14T01:59:00Z')).toBe(Date.UTC(2016, 2, 14, 1, 59, 0));
  });

  it('applies a numeric offset', () => {
    expect(timestampMillis('2016-03-14T03:59:00+02:00')).toBe(Date.UTC(2016, 2, 14, 1, 59, 0));
  });

  it('accepts up to nine fraction digits', () => {
    expect(timestampMillis('2016-03-05T21:29:29.243167252Z')).toBe(Date.UTC(2016, 2, 5, 21, 29, 29, 243));
  });

  it('refuses what AWS refuses', () => {
    for (const text of [
      '2016-12-05 21:29:29Z',
      '2016-12-05T21:29:29',
      '2016-13-05T21:29:29Z',
      '2016-12-05T25:29:29Z',
      '05-12-2016T21:29:29Z',
      '2016-02-30T00:00:00Z',
    ]) {
      expect(timestampMillis(text)).toBeUndefined();
    }
  });
});

describe('parseTimestamp', () => {
  it('keeps sub-millisecond precision for comparisons', () => {
    const a = parseTimestamp('2016-03-05T21:29:29.000000001Z');
    const b = parseTimestamp('2016-03-05T21:29:29Z');
    expect(a !== undefined && b !== undefined && a > b).toBe(true);
  });
});
