import { createServer } from 'node:net';
import { main, USAGE, type CliIo } from './cli';

/** Runs the CLI in-process; resolves with the exit code and what it printed. */
async function run(argv: string[], env: CliIo['env'] = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { env, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const ORDER = ['--email', 'ada@example.com', '--course', 'video-basics'];

it('prints the usage with --help and exits 0', async () => {
  expect(await run(['--help'])).toEqual({ code: 0, out: USAGE, err: '' });
});

it.each([
  [[], 'No command given'],
  [['refund', 'stripe'], "Unknown command 'refund'"],
  [['trigger'], 'trigger needs a provider: stripe, paypal, gumroad'],
  [['trigger', 'square', ...ORDER], "trigger needs a provider: stripe, paypal, gumroad (not 'square')"],
  [['trigger', 'stripe', '--course', 'video-basics'], '--email is required'],
  [['trigger', 'stripe', '--email', 'ada', '--course', 'video-basics'], "'ada' is not an e-mail address"],
  [['trigger', 'stripe', '--email', 'ada@example.com'], '--course is required'],
  [
    ['trigger', 'stripe', '--email', 'ada@example.com', '--course', 'cooking'],
    "The catalogue has no course 'cooking'",
  ],
  [['trigger', 'stripe', ...ORDER, '--payment', 'pi_1'], '--payment goes with --refund'],
  [['trigger', 'paypal', ...ORDER, '--delayed'], '--delayed goes with stripe'],
  [['trigger', 'stripe', ...ORDER, '--delayed', '--refund'], '--delayed sends a purchase, not a refund'],
  [['trigger', 'stripe', ...ORDER, '--url', 'ftp://x'], '--url must be an http(s) URL'],
  [['trigger', 'stripe', ...ORDER, '--colour'], "Unknown option '--colour'"],
])('refuses %j with the usage and exit code 2: %s', async (argv, message) => {
  const { code, err } = await run(argv);
  expect(code).toBe(2);
  expect(err).toContain(message);
  expect(err).toContain('Usage: npm run lectern');
});

it('needs the signing secret when the target is not the local runtime, and exits 1', async () => {
  const { code, err } = await run(['trigger', 'stripe', ...ORDER, '--url', 'https://api.example.com']);
  expect(code).toBe(1);
  expect(err).toContain('STRIPE_WEBHOOK_SECRET is not set');
});

it('says so when the API cannot be reached, and exits 1', async () => {
  // A port that was just free: nothing listens there.
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  const url = `http://127.0.0.1:${port}`;

  const { code, err } = await run(['trigger', 'stripe', ...ORDER, '--url', url], {
    LECTERN_LOCAL: '1',
    AWS_ENDPOINT_URL: url,
  });
  expect(code).toBe(1);
  expect(err).toBe(
    `Cannot reach ${url}/webhooks/stripe (ECONNREFUSED); is the local runtime running (npm start)?`,
  );
});
