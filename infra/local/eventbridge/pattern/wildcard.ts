import { InvalidEventPatternError } from './errors';

/**
 * Wildcard patterns: `*` stands for any run of characters (also none); `\*` is a literal
 * asterisk and `\\` a literal backslash; any other escape and `**` are refused with Ruler's
 * message, whose position counts UTF-8 bytes from the opening quote of the JSON value.
 */
export interface Wildcard {
  text: string;
  /** The literal runs between the stars: `a*b*` → ['a', 'b', '']. */
  segments: string[];
}

export function parseWildcard(text: string): Wildcard {
  const chars = [...text];
  const segments: string[] = [''];
  let position = 1; // Ruler parses the value with its leading quote
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    if (char === '*') {
      if (chars[i + 1] === '*') fail(`Consecutive wildcard characters at pos ${position}`);
      segments.push('');
      position += 1;
    } else if (char === '\\') {
      const next = chars[i + 1];
      if (next !== '*' && next !== '\\') fail(`Invalid escape character at pos ${position}`);
      segments[segments.length - 1] += next;
      i++;
      position += 2;
    } else {
      segments[segments.length - 1] += char;
      position += Buffer.byteLength(char);
    }
  }
  return { text, segments };
}

export function matchesWildcard(pattern: Wildcard, value: string): boolean {
  const { segments } = pattern;
  if (segments.length === 1) return value === segments[0];
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  // Leftmost placement of each middle run is optimal when `*` is the only operator.
  let from = first.length;
  const end = value.length - last.length;
  for (const segment of segments.slice(1, -1)) {
    const at = value.indexOf(segment, from);
    if (at < 0 || at + segment.length > end) return false;
    from = at + segment.length;
  }
  return true;
}

/**
 * Ruler's measure of how expensive wildcard patterns on one field are: the largest number of
 * pattern prefixes that some single input value matches at once (every star can keep a match
 * alive). Computed exactly over the patterns' automaton, as the bytes of `"value"`.
 * Stops counting at `cap`.
 */
export function wildcardComplexity(patterns: Wildcard[], cap: number): number {
  const machines = patterns.map(toTokens);
  const alphabet = new Set<number>([0x22]);
  for (const tokens of machines) for (const t of tokens) if (t !== STAR) alphabet.add(t);
  alphabet.add(alphabet.size ? Math.max(...alphabet) + 1 : 0); // stands for every other byte
  const start = machines.map((tokens) => closure(tokens, [0]));
  const seen = new Set<string>([key(start)]);
  const queue = [start];
  let max = 0;
  for (let next = queue.shift(); next && seen.size < 100_000; next = queue.shift()) {
    for (const byte of alphabet) {
      const states = next.map((active, m) => step(machines[m], active, byte));
      if (states.every((active) => !active.length)) continue;
      const size = states.reduce(
        (sum, active, m) => sum + active.filter((k) => k > 1 && k < machines[m].length).length,
        0,
      );
      max = Math.max(max, size);
      if (max >= cap) return cap;
      const id = key(states);
      if (!seen.has(id)) {
        seen.add(id);
        queue.push(states);
      }
    }
  }
  return max;
}

const STAR = -1;

/** `"` + pattern + `"` as bytes, with STAR for each wildcard. */
function toTokens(pattern: Wildcard): number[] {
  const tokens = [0x22];
  pattern.segments.forEach((segment, i) => {
    if (i > 0) tokens.push(STAR);
    tokens.push(...Buffer.from(segment, 'utf8'));
  });
  tokens.push(0x22);
  return tokens;
}

/**
 * State k = the first k tokens consumed; a star is entered for free. The states holding just the
 * opening quote or the whole quoted value are not counted, which reproduces Ruler's figures
 * (`*` alone has complexity 1; `*` with `ab*c` has 3).
 */
function closure(tokens: number[], states: number[]): number[] {
  const out = new Set(states);
  for (const s of states) for (let k = s; tokens[k] === STAR; k++) out.add(k + 1);
  return [...out].sort((a, b) => a - b);
}

function step(tokens: number[], active: number[], byte: number): number[] {
  const next: number[] = [];
  for (const s of active) {
    if (s > 0 && tokens[s - 1] === STAR) next.push(s);
    if (s < tokens.length && tokens[s] === byte) next.push(s + 1);
  }
  return closure(tokens, next);
}

const key = (states: number[][]) => states.map((s) => s.join(',')).join('|');

function fail(reason: string): never {
  throw new InvalidEventPatternError(reason);
}
