import type { EventFields, HistoryEvent } from './history';

/**
 * One execution's history held column by column, for the in-memory store: no object per event.
 * An execution keeps hundreds of events for as long as the process runs, and every object kept
 * is one more for each garbage collection to copy and mark. Ids are dense (1, 2, …): an event's
 * id is its index + 1.
 */
export class EventColumns {
  private readonly previous: number[] = [];
  private readonly at: number[] = [];
  private readonly types: string[] = [];
  private readonly names: Array<string | undefined> = [];
  private readonly data: Array<string | undefined> = [];
  private readonly details: Array<Record<string, unknown> | undefined> = [];

  get length(): number {
    return this.types.length;
  }

  // Plain parameters typed by EventFields (not a rest array: it runs once per event).
  push: (...event: EventFields) => void = (previousEventId, at, type, name, data, details) => {
    this.previous.push(previousEventId);
    this.at.push(at);
    this.types.push(type);
    this.names.push(name);
    this.data.push(data);
    this.details.push(details);
  };

  /** The event at `index` (its id is index + 1). */
  event(index: number): HistoryEvent {
    return {
      id: index + 1,
      previousEventId: this.previous[index],
      at: this.at[index],
      type: this.types[index],
      name: this.names[index],
      data: this.data[index],
      details: this.details[index],
    };
  }
}
