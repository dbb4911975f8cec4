/**
 * The secrets and provider URLs functions need, read from an environment, checked, typed. Handlers
 * call `loadSecrets` (config/secret-store.ts), which on AWS adds the stack's Secrets Manager secret
 * to the environment first (the provider URLs are plain variables there); a missing or malformed
 * one fails the function with a ConfigError naming it, never its value.
 *
 * The one local switch: the local runtime sets `LECTERN_LOCAL=1` (`infra/local/resources.ts`),
 * and only then may a secret be missing and take its local default: fixed development values,
 * and URLs of the provider simulators on the local endpoint (`AWS_ENDPOINT_URL`).
 */
import { inspect } from 'node:util';
import { z } from 'zod';
import { ConfigError } from '../handlers/shared/errors';

/** The variable the local runtime sets to `1`. */
export const LOCAL_SWITCH = 'LECTERN_LOCAL';

type Env = Record<string, string | undefined>;

interface SecretSpec {
  schema: z.ZodType<string>;
  /** The value when running locally and the variable is not set. */
  local(env: Env): string;
}

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/** The local endpoint the simulators listen on. */
function localEndpoint(env: Env): string {
  const endpoint = env.AWS_ENDPOINT_URL;
  if (!endpoint)
    throw new ConfigError(`${LOCAL_SWITCH}=1 needs AWS_ENDPOINT_URL (the local runtime sets both)`);
  return endpoint.replace(/\/+$/, '');
}

const SECRETS = {
  /** Signs Stripe's webhooks (`whsec_…`, from the webhook endpoint's settings). */
  STRIPE_WEBHOOK_SECRET: {
    schema: z.string().regex(/^whsec_\S+$/, 'must be a Stripe signing secret (whsec_…)'),
    local: () => 'whsec_lectern_local_development_only',
  },
  /** Stripe's API key; not called locally. */
  STRIPE_API_KEY: {
    schema: z.string().regex(/^(sk|rk)_(test|live)_\S+$/, 'must be a Stripe secret or restricted key'),
    local: () => 'sk_test_lectern_local_development_only',
  },
  /** The secret part of the Gumroad ping URL, `/webhooks/gumroad/{key}`. */
  GUMROAD_WEBHOOK_KEY: {
    schema: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16–128 URL-safe characters'),
    local: () => 'lectern-local-gumroad-key',
  },
  /** Gumroad's API token, for the sale lookup that verifies a ping. */
  GUMROAD_ACCESS_TOKEN: {
    schema: z.string().min(1, 'must not be empty'),
    local: () => 'lectern-local-gumroad-token',
  },
  /** Where IPN postbacks go (`cmd=_notify-validate`): PayPal's, its sandbox's, or the simulator. */
  PAYPAL_IPN_URL: {
    schema: url,
    local: (env) => `${localEndpoint(env)}/simulators/paypal/ipn`,
  },
  /** Gumroad's API base; the sale lookup is `GET {url}/sales/{id}`. */
  GUMROAD_VERIFY_URL: {
    schema: url,
    local: (env) => `${localEndpoint(env)}/simulators/gumroad/v2`,
  },
} satisfies Record<string, SecretSpec>;

export type SecretName = keyof typeof SECRETS;
export type Secrets<N extends SecretName> = { readonly [K in N]: string };

/** Whether the environment is the local runtime's (the one switch). */
export function isLocal(env: Env = process.env): boolean {
  return env[LOCAL_SWITCH] === '1';
}

/**
 * The named secrets from `env`, each checked; throws one ConfigError naming every missing or
 * malformed variable. The object refuses to be logged: `JSON.stringify` and `inspect` print no value.
 */
export function readSecrets<const N extends SecretName>(
  names: readonly N[],
  env: Env = process.env,
): Secrets<N> {
  const local = isLocal(env);
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const name of names) {
    const spec: SecretSpec = SECRETS[name];
    const raw = env[name] || (local ? spec.local(env) : undefined);
    if (raw === undefined) {
      problems.push(`${name} is not set`);
      continue;
    }
    const checked = spec.schema.safeParse(raw);
    if (checked.success) values[name] = checked.data;
    else problems.push(`${name} ${checked.error.issues[0].message}`);
  }
  if (problems.length) {
    throw new ConfigError(
      `Secrets missing or invalid: ${problems.join('; ')}. On AWS the deployment sets them; ` +
        `locally the runtime sets ${LOCAL_SWITCH}=1 and development values apply.`,
    );
  }
  Object.defineProperties(values, {
    toJSON: { value: () => '[secrets]' },
    [inspect.custom]: { value: () => '[secrets]' },
  });
  return Object.freeze(values) as Secrets<N>;
}
