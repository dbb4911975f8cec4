import { LOCAL_ACCOUNT, LOCAL_REGION } from './arns';

/** One PutEvents entry (the API's members; `Time` a Date, or epoch milliseconds from the wire). */
export interface EventEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: Date | number;
}

export interface EntryResult {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

/** An event as rules, targets and archives see it, in AWS's member order. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  'replay-name'?: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** PutEvents accepts at most this many entries, and this many bytes in all (AWS's size rule). */
export const MAX_ENTRIES = 10;
export const MAX_REQUEST_BYTES = 256 * 1024;

/**
 * An entry's size as AWS counts it against the 256 KiB limit: 14 bytes for a Time, plus the
 * UTF-8 bytes of Source, DetailType, Detail and each Resource.
 */
export function entrySize(entry: EventEntry): number {
  let size = entry.Time !== undefined ? 14 : 0;
  for (const text of [entry.Source, entry.DetailType, entry.Detail, ...(entry.Resources ?? [])]) {
    if (typeof text === 'string') size += Buffer.byteLength(text);
  }
  return size;
}

/**
 * The per-entry checks of PutEvents, with AWS's codes and messages. Sources beginning with
 * `aws.` belong to AWS services: only the runtime's own services (`trusted`) may use them.
 */
export function checkEntry(entry: EventEntry, trusted: boolean): EntryResult | undefined {
  const required = (member: 'Source' | 'DetailType' | 'Detail') =>
    typeof entry[member] !== 'string' || entry[member] === ''
      ? {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: `Parameter ${member} is not valid. Reason: ${member} is a required argument.`,
        }
      : undefined;
  const missing = required('Source') ?? required('DetailType') ?? required('Detail');
  if (missing) return missing;
  if (!isJsonObject(entry.Detail!))
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  if (!trusted && entry.Source!.startsWith('aws.')) {
    return { ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  }
  return undefined;
}

/** The event for a checked entry. `time` is the entry's Time, or when it was received. */
export function buildEvent(entry: EventEntry, id: string, receivedAt: number): BusEvent {
  const time = entry.Time === undefined ? receivedAt : +entry.Time;
  return {
    version: '0',
    id,
    'detail-type': entry.DetailType!,
    source: entry.Source!,
    account: LOCAL_ACCOUNT,
    time: isoSeconds(time),
    region: LOCAL_REGION,
    resources: entry.Resources ?? [],
    detail: JSON.parse(entry.Detail!) as Record<string, unknown>,
  };
}

/** The event as a replay sends it again: `replay-name` after `region`, as AWS places it. */
export function replayed(event: BusEvent, replayName: string): BusEvent {
  const { resources, detail, ...head } = event;
  return { ...head, 'replay-name': replayName, resources, detail };
}

/** `2024-01-02T03:04:05Z`: EventBridge's time format, whole seconds. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
