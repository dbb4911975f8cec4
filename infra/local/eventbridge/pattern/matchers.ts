import { inRange, ipHex, type IpRange } from './ip';
import { matchesWildcard, type Wildcard } from './wildcard';

/** A leaf value of an event: patterns only ever look at strings, numbers, booleans and null. */
export type Scalar = string | number | boolean | null;

/** One element of a field's array in a pattern, compiled. */
export type Matcher =
  | { kind: 'exact'; value: Scalar; ip?: string }
  | { kind: 'prefix' | 'suffix' | 'equals-ignore-case'; value: string; ignoreCase: boolean }
  | { kind: 'wildcard'; pattern: Wildcard }
  | { kind: 'numeric'; bottom: number; openBottom: boolean; top: number; openTop: boolean }
  | { kind: 'cidr'; range: IpRange }
  | { kind: 'exists'; exists: boolean }
  | { kind: 'anything-but'; values: Scalar[] }
  | { kind: 'anything-but-prefix' | 'anything-but-suffix' | 'anything-but-ignore-case'; values: string[] }
  | { kind: 'anything-but-wildcard'; patterns: Wildcard[] };

/**
 * Whether a present leaf value satisfies the matcher (`exists: false` never does; absence is
 * decided by the field, not by a value). Prefix, suffix, wildcard and the case-insensitive forms
 * look at strings only; numeric at numbers only; anything-but accepts every value that is not
 * excluded, null and other types included, as AWS does.
 */
export function matchesValue(matcher: Matcher, value: Scalar): boolean {
  switch (matcher.kind) {
    case 'exact':
      if (matcher.ip !== undefined) return typeof value === 'string' && ipHex(value) === matcher.ip;
      return value === matcher.value;
    case 'prefix':
      return typeof value === 'string' && fold(value, matcher.ignoreCase).startsWith(matcher.value);
    case 'suffix':
      return typeof value === 'string' && fold(value, matcher.ignoreCase).endsWith(matcher.value);
    case 'equals-ignore-case':
      return typeof value === 'string' && fold(value, true) === matcher.value;
    case 'wildcard':
      return typeof value === 'string' && matchesWildcard(matcher.pattern, value);
    case 'numeric':
      return typeof value === 'number' && inNumericRange(matcher, value);
    case 'cidr':
      return typeof value === 'string' && inRange(matcher.range, value);
    case 'exists':
      return matcher.exists;
    case 'anything-but':
      return !matcher.values.includes(value);
    case 'anything-but-prefix':
      return typeof value !== 'string' || !matcher.values.some((p) => value.startsWith(p));
    case 'anything-but-suffix':
      return typeof value !== 'string' || !matcher.values.some((s) => value.endsWith(s));
    case 'anything-but-ignore-case':
      return typeof value !== 'string' || !matcher.values.includes(fold(value, true));
    case 'anything-but-wildcard':
      return typeof value !== 'string' || !matcher.patterns.some((p) => matchesWildcard(p, value));
  }
}

/** Case folding for the `equals-ignore-case` forms (patterns store their value folded). */
export function fold(value: string, ignoreCase: boolean): string {
  return ignoreCase ? value.toLowerCase() : value;
}

function inNumericRange(m: Extract<Matcher, { kind: 'numeric' }>, value: number): boolean {
  const aboveBottom = m.openBottom ? value > m.bottom : value >= m.bottom;
  const belowTop = m.openTop ? value < m.top : value <= m.top;
  return aboveBottom && belowTop;
}
