/**
 * `lectern trigger` against a runtime of Lectern's topology: each provider's purchase and its
 * refund arrive as the events the flow starts from. The runtime's clock starts at the real time,
 * as the CLI signs Stripe webhooks with it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ManualClock } from '../../infra/local/clock';
import { main } from '../../ops/cli';
import { ingressTopology, startFlow, type BusEvent, type Flow } from './support';

let flow: Flow;

beforeAll(async () => {
  flow = await startFlow(new ManualClock(Date.now()), ingressTopology);
});
afterAll(() => flow.close());

/** Runs `lectern trigger <argv>` in-process against the runtime; the code and the printed lines. */
async function trigger(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['trigger', ...argv, '--url', flow.api, '--endpoint', flow.runtime.endpoint], {
    env: { LECTERN_LOCAL: '1' },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  return { code, out, err };
}

/** The payment id the CLI printed for a refund. */
const paymentOf = (out: string[]) => /^payment (\S+):/.exec(out.find((l) => l.startsWith('payment '))!)![1];

/** Whether the event's webhook is about the payment (Stripe JSON, or form-encoded PayPal and Gumroad bodies). */
const about = (payment: string) => (event: BusEvent) =>
  event.detail.body.includes(payment) || event.detail.body.includes(encodeURIComponent(payment));

describe.each(['stripe', 'paypal', 'gumroad'])('lectern trigger %s', (provider) => {
  const order = ['--email', 'grace@example.com', '--course', 'hls-streaming'];
  let payment: string;

  it('sends a purchase the HTTP API accepts, and exits 0', async () => {
    const { code, out } = await trigger(provider, ...order);
    expect([code, out[1]]).toEqual([0, '200 {"received":true}']);
    payment = paymentOf(out);
  });

  it('puts Payment Received for it on the bus', async () => {
    expect(await flow.nextEvent(about(payment))).toMatchObject({
      'detail-type': 'Payment Received',
      detail: { provider },
    });
  });

  it('sends the refund of that payment with --refund --payment, which puts Payment Refunded', async () => {
    // As the CLI prints it: `--payment=ID`, since a Gumroad sale id may start with a dash.
    const { code } = await trigger(provider, ...order, '--refund', `--payment=${payment}`);
    expect(code).toBe(0);
    expect(await flow.nextEvent(about(payment))).toMatchObject({
      'detail-type': 'Payment Refunded',
      detail: { provider, kind: 'refund' },
    });
  });
});

describe('lectern trigger stripe --delayed', () => {
  let code: number;
  let out: string[];

  beforeAll(async () => {
    ({ code, out } = await trigger(
      'stripe',
      '--email',
      'grace@example.com',
      '--course',
      'hls-streaming',
      '--delayed',
    ));
  });

  it('sends the Checkout completed, then its payment succeeded, both accepted, and exits 0', () => {
    expect(code).toBe(0);
    expect(out.filter((line) => /^\d{3} /.test(line))).toEqual([
      '200 {"received":true}',
      '200 {"received":true}',
    ]);
  });

  it('puts a Payment Received for each, both about one payment', async () => {
    const payment = paymentOf(out);
    const types: string[][] = [];
    for (let i = 0; i < 2; i++) {
      const event = await flow.nextEvent(about(payment));
      types.push([event['detail-type'], (JSON.parse(event.detail.body) as { type: string }).type]);
    }
    // Sorted: the bus promises no order of delivery.
    expect(types.sort()).toEqual([
      ['Payment Received', 'checkout.session.async_payment_succeeded'],
      ['Payment Received', 'checkout.session.completed'],
    ]);
  });
});

it('runs as `npm run lectern`: a usage error exits 2 with the usage', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../../ops/cli.ts'), 'trigger'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  expect(code).toBe(2);
  expect(err).toContain('trigger needs a provider');
  expect(err).toContain('Usage: npm run lectern -- trigger');
});
