import { compileBranches, type Branch } from './compile';
import { flatten, matchesBranches, type FlatEvent } from './match';

export { InvalidEventPatternError } from './errors';
export { flatten, type FlatEvent } from './match';

/**
 * An EventBridge event pattern, compiled once: the whole content-filtering language (exact
 * values, prefix/suffix with or without case, anything-but in all its forms, numeric ranges,
 * CIDR, exists, equals-ignore-case, wildcard, `$or`, arrays) with Event Ruler's semantics.
 */
export class EventPattern {
  private constructor(
    readonly text: string,
    private readonly branches: Branch[],
  ) {}

  /** Throws InvalidEventPatternError (with AWS's reason) for a pattern EventBridge refuses. */
  static compile(text: string): EventPattern {
    return new EventPattern(text, compileBranches(text));
  }

  /** Matches an event, given as its JSON value or flattened once for many patterns. */
  matches(event: FlatEvent | object): boolean {
    return matchesBranches(this.branches, event instanceof Map ? event : flatten(event));
  }
}
