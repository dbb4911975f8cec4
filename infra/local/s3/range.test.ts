import { parseRange } from './range';

describe('parseRange', () => {
  it('reads a closed range', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
  });

  it('reads an open range to the end', () => {
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
  });

  it('reads a suffix range', () => {
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
  });

  it('clamps an end past the object', () => {
    expect(parseRange('bytes=50-1000', 100)).toEqual({ start: 50, end: 99 });
  });

  it('clamps a suffix longer than the object', () => {
    expect(parseRange('bytes=-1000', 100)).toEqual({ start: 0, end: 99 });
  });

  it('ignores what it does not understand (multiple ranges, other units, reversed)', () => {
    expect(parseRange('bytes=0-1,5-6', 100)).toBeUndefined();
    expect(parseRange('items=0-1', 100)).toBeUndefined();
    expect(parseRange('bytes=9-1', 100)).toBeUndefined();
  });

  it('refuses a start at or past the end with 416 InvalidRange', () => {
    expect(() => parseRange('bytes=100-', 100)).toThrow(
      expect.objectContaining({
        code: 'InvalidRange',
        status: 416,
        headers: { 'content-range': 'bytes */100' },
      }),
    );
  });

  it('refuses any range of an empty object', () => {
    expect(() => parseRange('bytes=-5', 0)).toThrow(expect.objectContaining({ code: 'InvalidRange' }));
  });
});
