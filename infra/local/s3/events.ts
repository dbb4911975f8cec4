import type { EventEntry } from '../eventbridge/entries';
import { LOCAL_ACCOUNT } from '../lambda/functions';

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
): EventEntry {
  return entry('Object Created', bucket, object, requester, time, { reason });
}

/** S3's `Object Deleted` event (unversioned buckets: always a permanent deletion). */
export function objectDeleted(
  bucket: string,
  object: { key: string; sequencer: string },
  requester: Requester,
  time: Date,
): EventEntry {
  return entry('Object Deleted', bucket, object, requester, time, {
    reason: 'DeleteObject',
    'deletion-type': 'Permanently Deleted',
  });
}

/** An S3 event: the detail members every object event has, then those of its kind (`about`). */
function entry(
  detailType: string,
  bucket: string,
  object: { key: string; sequencer: string },
  requester: Requester,
  time: Date,
  about: object,
): EventEntry {
  return {
    Source: 'aws.s3',
    DetailType: detailType,
    Detail: JSON.stringify({
      version: '0',
      bucket: { name: bucket },
      object,
      'request-id': requester.requestId,
      requester: LOCAL_ACCOUNT,
      'source-ip-address': requester.sourceIp,
      ...about,
    }),
    EventBusName: 'default',
    Resources: [`arn:aws:s3:::${bucket}`],
    Time: time,
  };
}
