import { LOCAL_ACCOUNT } from '../lambda/functions';

/** One PutEvents entry, as EventBridge's internal API takes it. */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Resources?: string[];
  Time?: Date;
}

/**
 * What S3 needs from the local EventBridge: its internal PutEvents, which stores the events
 * through the group commit (so they commit with the object they describe).
 */
export interface EventsApi {
  putEvents(entries: PutEventsEntry[]): {
    FailedEntryCount: number;
    Entries: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
  };
}

/** Who caused a change, for the event's detail. */
export interface Requester {
  requestId: string;
  sourceIp: string;
}

export type CreatedReason = 'PutObject' | 'CopyObject';

/** S3's `Object Created` event for EventBridge (aws-wire.md §3). */
export function objectCreated(
  bucket: string,
  object: { key: string; size: number; etag: string; sequencer: string },
  reason: CreatedReason,
  requester: Requester,
  time: Date,
): PutEventsEntry {
  return entry('Object Created', bucket, time, {
    version: '0',
    bucket: { name: bucket },
    object,
    'request-id': requester.requestId,
    requester: LOCAL_ACCOUNT,
    'source-ip-address': requester.sourceIp,
    reason,
  });
}

/** S3's `Object Deleted` event (unversioned buckets: always a permanent deletion). */
export function objectDeleted(
  bucket: string,
  object: { key: string; sequencer: string },
  requester: Requester,
  time: Date,
): PutEventsEntry {
  return entry('Object Deleted', bucket, time, {
    version: '0',
    bucket: { name: bucket },
    object,
    'request-id': requester.requestId,
    requester: LOCAL_ACCOUNT,
    'source-ip-address': requester.sourceIp,
    reason: 'DeleteObject',
    'deletion-type': 'Permanently Deleted',
  });
}

function entry(detailType: string, bucket: string, time: Date, detail: object): PutEventsEntry {
  return {
    Source: 'aws.s3',
    DetailType: detailType,
    Detail: JSON.stringify(detail),
    EventBusName: 'default',
    Resources: [`arn:aws:s3:::${bucket}`],
    Time: time,
  };
}
