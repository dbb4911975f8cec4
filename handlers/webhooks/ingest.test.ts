import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { RECEIVED_AT } from '../../test/support/http-request';
import { AlreadyInProgressError, EventDeliveryError, EventTooLargeError } from '../shared/errors';
import { ingest, type Received } from './ingest';
import type { Claim, WebhookStore } from './store';

const received: Received = {
  provider: 'stripe',
  notification: { event: 'received', webhookId: 'evt_1', body: '{"id":"evt_1"}' },
  receivedAt: RECEIVED_AT,
  contentType: 'application/json',
};

/** A store that answers `claim` with `answer` and records every call; a bus that records or fails. */
function fakes(answer: Claim, publishError?: Error) {
  const calls: string[] = [];
  const published: PutEventsRequestEntry[] = [];
  const store: WebhookStore = {
    async claim(record, now) {
      calls.push(`claim ${record.provider}#${record.webhookId} at ${now}`);
      return answer;
    },
    async markEmitted(record) {
      calls.push(`markEmitted ${record.webhookId}`);
    },
    async release(record, lease) {
      calls.push(`release ${record.webhookId} ${lease}`);
    },
  };
  const publish = async (entries: PutEventsRequestEntry[]) => {
    if (publishError) throw publishError;
    published.push(...entries);
  };
  return { calls, published, deps: { store, publish, busName: 'lectern' } };
}

it('emits Payment Received for a new payment notification, then marks it emitted', async () => {
  const { calls, published, deps } = fakes({ state: 'claimed', lease: 1 });
  await expect(ingest(received, deps)).resolves.toBe('emitted');
  expect(published).toEqual([
    {
      EventBusName: 'lectern',
      Source: 'lectern.payments',
      DetailType: 'Payment Received',
      Detail: JSON.stringify({
        provider: 'stripe',
        webhookId: 'evt_1',
        receivedAt: '2026-01-01T12:00:00.000Z',
        body: '{"id":"evt_1"}',
      }),
    },
  ]);
  expect(calls).toEqual([`claim stripe#evt_1 at ${RECEIVED_AT}`, 'markEmitted evt_1']);
});

it('emits Payment Refunded with the kind for a refund notification', async () => {
  const { published, deps } = fakes({ state: 'claimed', lease: 1 });
  await ingest(
    { ...received, notification: { ...received.notification, event: 'refunded', kind: 'dispute' } },
    deps,
  );
  expect(published[0]).toMatchObject({ DetailType: 'Payment Refunded' });
  expect(JSON.parse(published[0].Detail!)).toMatchObject({ kind: 'dispute' });
});

it('emits nothing for a notification emitted before', async () => {
  const { calls, published, deps } = fakes({ state: 'emitted' });
  await expect(ingest(received, deps)).resolves.toBe('duplicate');
  expect([published, calls.length]).toEqual([[], 1]);
});

it('refuses, to be retried, a notification another delivery is handling', async () => {
  const { published, deps } = fakes({ state: 'busy' });
  await expect(ingest(received, deps)).rejects.toThrow(AlreadyInProgressError);
  expect(published).toEqual([]);
});

it('gives its claim up and fails when the event cannot be put, so the provider’s retry emits it', async () => {
  const failure = new EventDeliveryError('EventBridge refused 1 of 1 event(s)');
  const { calls, deps } = fakes({ state: 'claimed', lease: 42 }, failure);
  await expect(ingest(received, deps)).rejects.toBe(failure);
  expect(calls).toEqual([`claim stripe#evt_1 at ${RECEIVED_AT}`, 'release evt_1 42']);
});

it('reports the publish error even when giving the claim up fails too', async () => {
  const failure = new EventDeliveryError('refused');
  const { deps } = fakes({ state: 'claimed', lease: 42 }, failure);
  deps.store.release = () => Promise.reject(new Error('DynamoDB is down'));
  await expect(ingest(received, deps)).rejects.toBe(failure);
});

it('keeps nothing when the event could never be put', async () => {
  const { calls, deps } = fakes({ state: 'claimed', lease: 1 });
  const huge = { ...received, notification: { ...received.notification, body: '"'.repeat(200 * 1024) } };
  await expect(ingest(huge, deps)).rejects.toThrow(EventTooLargeError);
  expect(calls).toEqual([]);
});
