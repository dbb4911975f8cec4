import type { PutEventsCommand, PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { EventDeliveryError } from './errors';
import { publisher, type EventsClient } from './publish';

const ENTRY = {
  EventBusName: 'lectern',
  Source: 'lectern.payments',
  DetailType: 'Payment Received',
  Detail: '{}',
};

/** A client that answers `output` and remembers what it was sent. */
function fakeClient(output: Partial<PutEventsCommandOutput>) {
  const sent: PutEventsCommand[] = [];
  const client: EventsClient = {
    async send(command) {
      sent.push(command);
      return { $metadata: {}, ...output };
    },
  };
  return { client, sent };
}

it('puts the entries in one call', async () => {
  const { client, sent } = fakeClient({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
  await publisher(client)([ENTRY]);
  expect(sent.map((c) => c.input)).toEqual([{ Entries: [ENTRY] }]);
});

it('fails with EventDeliveryError when an entry was refused, saying why', async () => {
  const { client } = fakeClient({
    FailedEntryCount: 1,
    Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'Internal Service Error' }],
  });
  const put = publisher(client)([ENTRY]);
  await expect(put).rejects.toThrow(EventDeliveryError);
  await expect(put).rejects.toThrow(
    'EventBridge refused 1 of 1 event(s): InternalFailure: Internal Service Error',
  );
});

it('lets an error of the call itself through unchanged', async () => {
  const failure = Object.assign(new Error('bad request'), { name: 'ValidationException' });
  const client: EventsClient = { send: () => Promise.reject(failure) };
  await expect(publisher(client)([ENTRY])).rejects.toBe(failure);
});
