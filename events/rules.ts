/** Event patterns from catalogue definitions, so that rules never repeat a source or detail-type. */
import type { EventPattern } from '../infra/topology';
import type { EventDefinition } from './event';

/**
 * The pattern matching the events of `definitions`, and only those whose detail also matches
 * `detail` when given (EventBridge content filtering, e.g. `{ provider: ['paypal'] }`).
 * Definitions from several sources give one list of each; that matches nothing more because
 * detail-types are unique across the catalogue.
 */
export function patternOf(
  definitions: EventDefinition | readonly EventDefinition[],
  detail?: EventPattern,
): EventPattern {
  const list = Array.isArray(definitions) ? definitions : [definitions as EventDefinition];
  if (!list.length) throw new Error('A pattern needs at least one event definition');
  return {
    source: unique(list.map((d) => d.source)),
    'detail-type': unique(list.map((d) => d.detailType)),
    ...(detail ? { detail } : {}),
  };
}

const unique = (values: string[]) => [...new Set(values)];
