import type { HistoryEvent } from './history';

/**
 * The events of one history row as JSON text, compactly: an array per event,
 * `[id, previousEventId, at, type, name, data, details]`, with `at` as the milliseconds since the
 * event before (0 for events recorded in the same millisecond) and trailing empty fields left
 * out. Every finished execution writes its history once, so its size is what a commit costs.
 */
export function encodeEvents(events: HistoryEvent[]): string {
  const rows: unknown[] = [];
  let at = 0;
  for (const e of events) {
    const row: unknown[] = [
      e.id,
      e.previousEventId,
      e.at - at,
      e.type,
      e.name ?? null,
      e.data ?? null,
      e.details,
    ];
    while (row[row.length - 1] == null) row.pop();
    rows.push(row);
    at = e.at;
  }
  return JSON.stringify(rows);
}

export function decodeEvents(text: string): HistoryEvent[] {
  const rows = JSON.parse(text) as Array<
    [number, number, number, string, string?, string?, Record<string, unknown>?]
  >;
  let at = 0;
  return rows.map(([id, previousEventId, delta, type, name, data, details]) => {
    at += delta;
    return { id, previousEventId, at, type, name: name ?? undefined, data: data ?? undefined, details };
  });
}
