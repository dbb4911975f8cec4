/** Putting events on a bus, where a call that "succeeds" can still have refused some entries. */
import {
  PutEventsCommand,
  type PutEventsCommandOutput,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { EventDeliveryError } from './errors';

/** Puts the entries (at most 10); throws EventDeliveryError when EventBridge refuses any of them. */
export type Publish = (entries: PutEventsRequestEntry[]) => Promise<void>;

/** What `publisher` needs of an EventBridge client. */
export interface EventsClient {
  send(command: PutEventsCommand): Promise<PutEventsCommandOutput>;
}

export function publisher(client: EventsClient): Publish {
  return async (entries) => {
    const result = await client.send(new PutEventsCommand({ Entries: entries }));
    if (result.FailedEntryCount) {
      const reasons = (result.Entries ?? [])
        .filter((entry) => entry.ErrorCode)
        .map((entry) => `${entry.ErrorCode}: ${entry.ErrorMessage ?? ''}`.trim());
      throw new EventDeliveryError(
        `EventBridge refused ${result.FailedEntryCount} of ${entries.length} event(s): ${[...new Set(reasons)].join('; ')}`,
      );
    }
  };
}
