/**
 * One definition per event, shared by producers and consumers: the producer builds its PutEvents
 * entry with `entry`, the consumer reads what a rule delivered with `parse`, and rules take their
 * patterns from the same definition (`rules.ts`). Neither side writes a source or detail-type.
 */
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { z } from 'zod';
import { EventTooLargeError, InvalidEventError } from '../handlers/shared/errors';

/** EventBridge's limit on one PutEvents entry, as it counts it (see `entrySize`). */
export const MAX_ENTRY_BYTES = 256 * 1024;

/** An event as a consumer gets it: EventBridge's id and time, and the typed detail. */
export interface ReceivedEvent<Detail> {
  id: string;
  time: string;
  detail: Detail;
}

export interface EventDefinition<S extends z.ZodType = z.ZodType> {
  /** e.g. `lectern.payments`. */
  readonly source: string;
  /** A past-tense fact, e.g. `Payment Verified`. */
  readonly detailType: string;
  readonly schema: S;
  /** The PutEvents entry for `detail` on the bus; throws InvalidEventError or EventTooLargeError. */
  entry(detail: z.input<S>, eventBusName: string): PutEventsRequestEntry;
  /** The event a rule delivered (the whole EventBridge event), checked; throws InvalidEventError. */
  parse(event: unknown): ReceivedEvent<z.output<S>>;
}

/** Defines an event: its source, detail-type and the zod schema of its detail. */
export function defineEvent<S extends z.ZodType>(definition: {
  source: string;
  detailType: string;
  schema: S;
}): EventDefinition<S> {
  const { source, detailType, schema } = definition;
  const envelope = z.object({
    id: z.string().min(1),
    time: z.string().min(1),
    source: z.literal(source),
    'detail-type': z.literal(detailType),
    detail: z.unknown(),
  });
  return {
    source,
    detailType,
    schema,
    entry(detail, eventBusName) {
      const checked = schema.safeParse(detail);
      if (!checked.success) {
        throw new InvalidEventError(`Not a valid "${detailType}" detail: ${describe(checked.error)}`);
      }
      const entry: PutEventsRequestEntry = {
        EventBusName: eventBusName,
        Source: source,
        DetailType: detailType,
        Detail: JSON.stringify(checked.data),
      };
      const size = entrySize(entry);
      if (size > MAX_ENTRY_BYTES) {
        throw new EventTooLargeError(
          `A "${detailType}" event of ${size} bytes is over EventBridge's ${MAX_ENTRY_BYTES}`,
        );
      }
      return entry;
    },
    parse(event) {
      const checked = envelope.safeParse(event);
      if (!checked.success) {
        throw new InvalidEventError(`Not a valid "${detailType}" event: ${describe(checked.error)}`);
      }
      const detail = schema.safeParse(checked.data.detail);
      if (!detail.success) {
        throw new InvalidEventError(`Not a valid "${detailType}" event: ${describe(detail.error, 'detail')}`);
      }
      return { id: checked.data.id, time: checked.data.time, detail: detail.data };
    },
  };
}

/**
 * An entry's size as EventBridge counts it against the limit: the UTF-8 bytes of Source,
 * DetailType, Detail and each resource, plus 14 for a Time.
 */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (text: string | undefined) => (text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));
  return (
    (entry.Time ? 14 : 0) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + bytes(resource), 0)
  );
}

/** Every issue on one line: `detail.provider: Invalid option…; detail.body: Too small…`. */
function describe(error: z.ZodError, under?: string): string {
  return error.issues
    .map((issue) => {
      const path = [...(under ? [under] : []), ...issue.path].join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
