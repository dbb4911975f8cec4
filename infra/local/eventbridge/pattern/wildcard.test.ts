import { matchesWildcard, parseWildcard, wildcardComplexity } from './wildcard';

const complexity = (...patterns: string[]) => wildcardComplexity(patterns.map(parseWildcard), 100);

describe('parseWildcard', () => {
  it('splits at unescaped stars', () => {
    expect(parseWildcard('a*b\\*c*').segments).toEqual(['a', 'b*c', '']);
  });

  it('keeps escaped backslashes', () => {
    expect(parseWildcard('a\\\\b').segments).toEqual(['a\\b']);
  });

  it('counts positions in UTF-8 bytes from the opening quote', () => {
    expect(() => parseWildcard('é**')).toThrow('Consecutive wildcard characters at pos 3');
  });
});

describe('matchesWildcard', () => {
  it('needs the first and last runs at the ends', () => {
    const p = parseWildcard('ab*yz');
    expect([matchesWildcard(p, 'abyz'), matchesWildcard(p, 'ab-yz'), matchesWildcard(p, 'xabyz')]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('does not let the first and last runs overlap', () => {
    expect(matchesWildcard(parseWildcard('aa*aa'), 'aaa')).toBe(false);
  });

  it('finds the middle runs in order', () => {
    const p = parseWildcard('*a*b*c*');
    expect([matchesWildcard(p, 'xaybzc'), matchesWildcard(p, 'cba')]).toEqual([true, false]);
  });
});

/** The figures of Event Ruler's MachineComplexityEvaluatorTest. */
describe('wildcardComplexity', () => {
  it.each([
    ['*', 1],
    ['abc', 1],
    ['*ab', 2],
    ['*aa', 3],
    ['a*b', 2],
    ['aa*', 2],
    ['a*bc', 2],
    ['a*bb', 3],
    ['a*bcb', 3],
    ['a*bbb', 4],
    ['*ab*ad', 4],
    ['*ab*d', 3],
    ['*aba*', 4],
    ['a*b*bb', 5],
    ['a*b*cb', 4],
    ['a*b*cd', 3],
    ['a*b*b', 4],
    ['a*bb*', 4],
    ['ab*b*', 3],
  ])('rates %s at %i', (pattern, expected) => {
    expect(complexity(pattern)).toBe(expected);
  });

  it('adds up the patterns of one field', () => {
    expect(complexity('*', 'ab*c')).toBe(3);
    expect(complexity('a*aaa', 'aa*aa')).toBe(7);
  });

  it('stops counting at the cap', () => {
    expect(wildcardComplexity([parseWildcard('*:*:*:*:*:event-bus/*')], 5)).toBe(5);
  });
});
