import { EventTooLargeError, InvalidEventError } from '../handlers/shared/errors';
import { CATALOGUE } from './catalogue';
import { entrySize, MAX_ENTRY_BYTES } from './event';
import { PaymentReceived, PaymentRefunded, PaymentVerified } from './payments';

const received = {
  provider: 'stripe' as const,
  webhookId: 'evt_1',
  receivedAt: '2026-01-01T00:00:00.000Z',
  body: '{"id":"evt_1"}',
};

/** The event EventBridge delivers for an entry. */
const delivered = (source: string, detailType: string, detail: unknown) => ({
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': detailType,
  source,
  account: '000000000000',
  time: '2026-01-01T00:00:01Z',
  region: 'us-east-1',
  resources: [],
  detail,
});

describe('entry', () => {
  it('builds the PutEvents entry from the definition', () => {
    expect(PaymentReceived.entry(received, 'lectern')).toEqual({
      EventBusName: 'lectern',
      Source: 'lectern.payments',
      DetailType: 'Payment Received',
      Detail: JSON.stringify(received),
    });
  });

  it('refuses a detail its schema refuses, naming the field', () => {
    expect(() => PaymentRefunded.entry({ ...received, kind: 'oops' as 'refund' }, 'lectern')).toThrow(
      InvalidEventError,
    );
    expect(() => PaymentRefunded.entry({ ...received, kind: 'oops' as 'refund' }, 'lectern')).toThrow(
      /^Not a valid "Payment Refunded" detail: kind: /,
    );
  });

  it('drops keys the schema does not know', () => {
    const entry = PaymentReceived.entry({ ...received, secret: 'x' } as typeof received, 'lectern');
    expect(JSON.parse(entry.Detail!)).toEqual(received);
  });

  it('refuses an entry over EventBridge’s 256 KiB', () => {
    const body = 'x'.repeat(MAX_ENTRY_BYTES);
    expect(() => PaymentReceived.entry({ ...received, body }, 'lectern')).toThrow(EventTooLargeError);
  });
});

describe('entrySize', () => {
  it('counts UTF-8 bytes of source, detail-type, detail and resources, and 14 for a time', () => {
    expect(
      entrySize({ Source: 'ab', DetailType: 'é', Detail: '{}', Resources: ['r1'], Time: new Date() }),
    ).toBe(2 + 2 + 2 + 2 + 14);
  });
});

describe('parse', () => {
  it('returns the id, time and typed detail of a delivered event', () => {
    const event = delivered('lectern.payments', 'Payment Received', received);
    expect(PaymentReceived.parse(event)).toEqual({
      id: event.id,
      time: event.time,
      detail: received,
    });
  });

  it('refuses an event of another detail-type', () => {
    expect(() => PaymentVerified.parse(delivered('lectern.payments', 'Payment Received', received))).toThrow(
      InvalidEventError,
    );
  });

  it('refuses a detail that does not match the schema', () => {
    const event = delivered('lectern.payments', 'Payment Received', { ...received, provider: 'cash' });
    expect(() => PaymentReceived.parse(event)).toThrow(/detail\.provider/);
  });
});

describe('the catalogue', () => {
  it('gives every detail-type once', () => {
    const types = CATALOGUE.map((d) => d.detailType);
    expect(new Set(types).size).toBe(types.length);
  });

  it('uses past-tense detail-types in Title Case from lectern sources', () => {
    for (const d of CATALOGUE) {
      expect(d.detailType).toMatch(/^([A-Z][a-z]+ )+[A-Z][a-z]+ed$/);
      expect(d.source).toMatch(/^lectern\.[a-z]+$/);
    }
  });
});
