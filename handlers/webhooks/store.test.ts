/** The store against the local runtime's DynamoDB, through the real SDK. */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalRuntime } from '../../infra/local/runtime';
import { topology as lectern } from '../../infra/topology';
import { credentials, startTestRuntime } from '../../test/support/local';
import { dynamoWebhookStore, LEASE_MS, RETENTION_MS, type WebhookRecord, type WebhookStore } from './store';
import { WEBHOOKS_TABLE } from './table';

let runtime: LocalRuntime;
let documents: DynamoDBDocumentClient;
let store: WebhookStore;

beforeAll(async () => {
  ({ runtime } = await startTestRuntime({ functions: [], workflows: [], tables: lectern.tables }));
  documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: runtime.endpoint, region: 'us-east-1', credentials }),
  );
  store = dynamoWebhookStore(documents, WEBHOOKS_TABLE);
});
afterAll(async () => {
  documents.destroy();
  await runtime.close();
});

const T = Date.UTC(2026, 0, 1);
let ids = 0;
const record = (): WebhookRecord => ({
  provider: 'paypal',
  webhookId: `TXN${++ids}:Completed`,
  receivedAt: T,
  body: 'txn_id=TXN&payment_status=Completed',
  contentType: 'application/x-www-form-urlencoded',
});

const item = async (r: WebhookRecord) =>
  (await documents.send(new GetCommand({ TableName: WEBHOOKS_TABLE, Key: { pk: `paypal#${r.webhookId}` } })))
    .Item;

it('keeps a new notification with its raw body and an expiry a week on, and claims it', async () => {
  const r = record();
  await expect(store.claim(r, T)).resolves.toEqual({ state: 'claimed', lease: T + LEASE_MS });
  expect(await item(r)).toMatchObject({
    provider: 'paypal',
    webhookId: r.webhookId,
    receivedAt: '2026-01-01T00:00:00.000Z',
    body: r.body,
    contentType: r.contentType,
    expiresAt: (T + RETENTION_MS) / 1000,
  });
});

it('finds a notification emitted before', async () => {
  const r = record();
  await store.claim(r, T);
  await store.markEmitted(r, T + 5);
  await expect(store.claim(r, T + 10 * LEASE_MS)).resolves.toEqual({ state: 'emitted' });
});

it('finds a notification another delivery holds', async () => {
  const r = record();
  await store.claim(r, T);
  await expect(store.claim(r, T + LEASE_MS - 1)).resolves.toEqual({ state: 'busy' });
});

it('takes a notification over once the lease of a failed attempt ran out', async () => {
  const r = record();
  await store.claim(r, T);
  await expect(store.claim(r, T + LEASE_MS + 1)).resolves.toEqual({
    state: 'claimed',
    lease: T + 2 * LEASE_MS + 1,
  });
});

it('takes a released notification over at once', async () => {
  const r = record();
  const claim = await store.claim(r, T);
  await store.release(r, (claim as { lease: number }).lease);
  await expect(store.claim(r, T + 1)).resolves.toMatchObject({ state: 'claimed' });
});

it('does not release a claim another attempt took over', async () => {
  const r = record();
  await store.claim(r, T);
  await store.claim(r, T + LEASE_MS + 1);
  await store.release(r, T + LEASE_MS);
  await expect(store.claim(r, T + LEASE_MS + 2)).resolves.toEqual({ state: 'busy' });
});

it('gives one claim to many deliveries at once', async () => {
  const r = record();
  const claims = await Promise.all(Array.from({ length: 8 }, () => store.claim(r, T)));
  expect(claims.filter((c) => c.state === 'claimed')).toHaveLength(1);
});
