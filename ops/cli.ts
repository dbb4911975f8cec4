/**
 * The operator's command line: `npm run lectern -- <command>`.
 * `trigger` sends a realistic, correctly signed webhook to the HTTP API (see USAGE).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { catalogue, productForCourse } from '../config/catalogue';
import { isLocal, readSecrets } from '../config/secrets';
import { PROVIDERS, type Provider } from '../events/payments';
import { ConfigError } from '../handlers/shared/errors';
import { builtPing, simulatedPing } from './trigger/gumroad';
import type { Order, OutgoingWebhook } from './trigger/order';
import { builtIpn, ipnVariables, simulatedIpn } from './trigger/paypal';
import { reason, TriggerError } from './trigger/simulator';
import { delayedStripeWebhooks, stripeWebhook } from './trigger/stripe';

export const USAGE = `Usage: npm run lectern -- trigger <stripe|paypal|gumroad> --email E --course C [options]

Sends a realistic webhook, signed with the configured secret, to Lectern's HTTP API.

  --email E       the buyer's e-mail address
  --course C      a course of config/catalogue.json: ${Object.keys(catalogue.courses).join(', ')}
  --refund        send the refund of a payment instead of a purchase
  --payment ID    with --refund: the payment to refund (printed when its purchase was sent)
  --delayed       stripe: pay by a delayed method (a bank debit): send the Checkout completed
                  unpaid, then its checkout.session.async_payment_succeeded
  --url URL       the HTTP API's URL; default the local runtime's, http://127.0.0.1:3000
                  (or LECTERN_API_PORT). Any other URL counts as local only with LECTERN_LOCAL=1
  --endpoint URL  the local runtime's AWS endpoint, where the provider simulators issue
                  PayPal and Gumroad messages; default AWS_ENDPOINT_URL or http://127.0.0.1:4566
  --help          this text

STRIPE_WEBHOOK_SECRET and GUMROAD_WEBHOOK_KEY come from the environment; against the local
runtime their development values apply when they are not set.
Exit codes: 0 every webhook sent was accepted (2xx); 1 one was refused or could not be sent; 2 usage.`;

export interface CliIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
}

class UsageError extends Error {
  override readonly name = 'UsageError';
}

interface TriggerOptions {
  order: Order;
  /** Stripe: a delayed payment method's two webhooks instead of one. */
  delayed: boolean;
  url: string;
  endpoint: string;
  local: boolean;
}

/** Runs the command; resolves with the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  let options: TriggerOptions | 'help';
  try {
    options = parseTrigger(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    io.out(USAGE);
    return 0;
  }
  try {
    return await trigger(options, io);
  } catch (error) {
    if (!(error instanceof TriggerError || error instanceof ConfigError)) throw error;
    io.err(error.message);
    return 1;
  }
}

function parseTrigger(argv: string[], env: CliIo['env']): TriggerOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        course: { type: 'string' },
        refund: { type: 'boolean' },
        payment: { type: 'string' },
        delayed: { type: 'boolean' },
        url: { type: 'string' },
        endpoint: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const [command, provider, ...extra] = positionals;
  if (command !== 'trigger')
    throw new UsageError(command ? `Unknown command '${command}'` : 'No command given');
  if (!PROVIDERS.includes(provider as Provider)) {
    throw new UsageError(
      `trigger needs a provider: ${PROVIDERS.join(', ')}${provider ? ` (not '${provider}')` : ''}`,
    );
  }
  if (extra.length) throw new UsageError(`Unexpected argument '${extra[0]}'`);
  if (!values.email || !z.email().safeParse(values.email).success) {
    throw new UsageError(values.email ? `'${values.email}' is not an e-mail address` : '--email is required');
  }
  if (!values.course) throw new UsageError('--course is required');
  if (!Object.hasOwn(catalogue.courses, values.course)) {
    throw new UsageError(`The catalogue has no course '${values.course}'`);
  }
  const course = catalogue.courses[values.course];
  const product = productForCourse(catalogue, provider as Provider, values.course);
  if (!product) throw new UsageError(`The catalogue sells '${values.course}' through no ${provider} product`);
  if (values.payment && !values.refund) throw new UsageError('--payment goes with --refund');
  if (values.delayed && provider !== 'stripe') throw new UsageError('--delayed goes with stripe');
  if (values.delayed && values.refund) throw new UsageError('--delayed sends a purchase, not a refund');
  return {
    order: {
      provider: provider as Provider,
      email: values.email,
      courseId: values.course,
      courseTitle: course.title,
      product,
      ...(values.refund ? { refund: values.payment ? { payment: values.payment } : {} } : {}),
    },
    delayed: values.delayed === true,
    url: trimmed(values.url ?? `http://127.0.0.1:${env.LECTERN_API_PORT ?? '3000'}`, '--url'),
    endpoint: trimmed(values.endpoint ?? env.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566', '--endpoint'),
    local: values.url === undefined || isLocal(env),
  };
}

function trimmed(url: string, flag: string): string {
  if (!z.url({ protocol: /^https?$/ }).safeParse(url).success)
    throw new UsageError(`${flag} must be an http(s) URL`);
  return url.replace(/\/+$/, '');
}

/** Builds the webhooks (through the simulators when local), sends them in turn, and reports each answer. */
async function trigger(options: TriggerOptions, io: CliIo): Promise<number> {
  const { order, endpoint, local } = options;
  // The local runtime's development secrets apply to what is sent to it, as they do to what receives it.
  const env = local ? { ...io.env, LECTERN_LOCAL: '1', AWS_ENDPOINT_URL: endpoint } : io.env;
  const webhooks = await build(options, env);
  for (const webhook of webhooks) {
    if (!(await send(webhook, options, io))) return 1;
  }
  const { payment } = webhooks[0];
  if (!order.refund) io.out(`payment ${payment}: refund it with --refund --payment=${payment}`);
  return 0;
}

/** POSTs one webhook; whether the HTTP API accepted it (2xx). */
async function send(webhook: OutgoingWebhook, options: TriggerOptions, io: CliIo): Promise<boolean> {
  const { order, url, local } = options;
  const target = `${url}${webhook.route}`;
  io.out(`${order.provider} ${webhook.description} → POST ${target}`);
  let response: Response;
  try {
    response = await fetch(`${url}${webhook.path}`, {
      method: 'POST',
      headers: webhook.headers,
      body: webhook.body,
    });
  } catch (error) {
    throw new TriggerError(
      `Cannot reach ${target} (${reason(error)})${local ? '; is the local runtime running (npm start)?' : ''}`,
    );
  }
  io.out(`${response.status} ${await response.text()}`);
  return response.ok;
}

async function build(options: TriggerOptions, env: CliIo['env']): Promise<OutgoingWebhook[]> {
  const { order, delayed } = options;
  const simulators = options.local ? options.endpoint : undefined;
  switch (order.provider) {
    case 'stripe': {
      const { STRIPE_WEBHOOK_SECRET } = readSecrets(['STRIPE_WEBHOOK_SECRET'], env);
      return delayed
        ? delayedStripeWebhooks(order, STRIPE_WEBHOOK_SECRET, Date.now())
        : [stripeWebhook(order, STRIPE_WEBHOOK_SECRET, Date.now())];
    }
    case 'paypal': {
      const variables = ipnVariables(order, catalogue.paypal.receiverEmail);
      return [simulators ? await simulatedIpn(simulators, variables) : builtIpn(variables)];
    }
    case 'gumroad': {
      const { GUMROAD_WEBHOOK_KEY } = readSecrets(['GUMROAD_WEBHOOK_KEY'], env);
      return [
        simulators
          ? await simulatedPing(simulators, order, GUMROAD_WEBHOOK_KEY)
          : builtPing(order, GUMROAD_WEBHOOK_KEY, catalogue.gumroad.sellerId),
      ];
    }
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
