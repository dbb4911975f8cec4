/**
 * `loadSecrets`: the async form of `readSecrets` that handlers use. On AWS, the names not set as
 * variables are fetched once per cold start from the stack's Secrets Manager secret (a JSON object
 * keyed by secret name) through the AWS Parameters and Secrets Lambda Extension on localhost:2773,
 * since no Secrets Manager SDK client is bundled. Locally (`LECTERN_LOCAL=1`), and whenever every
 * name is already in the environment, it is exactly `readSecrets`.
 */
import { ConfigError } from '../handlers/shared/errors';
import { isLocal, readSecrets, type SecretName, type Secrets } from './secrets';

/** The variable the stack sets to its secret's ARN (infra/aws/secrets.ts). */
export const SECRET_ARN_VARIABLE = 'LECTERN_SECRETS_ARN';
/** The extension's port unless `PARAMETERS_SECRETS_EXTENSION_HTTP_PORT` says otherwise. */
const EXTENSION_PORT = '2773';

type Env = Record<string, string | undefined>;
type Fetch = (url: string, init: { headers: Record<string, string> }) => Promise<Response>;

export interface SecretStoreDeps {
  env?: Env;
  fetch?: Fetch;
}

/** Fetches and parses the stack's secret; every failure is a ConfigError naming no value. */
export async function fetchSecretObject(env: Env, fetch: Fetch): Promise<Record<string, unknown>> {
  const arn = env[SECRET_ARN_VARIABLE];
  if (!arn) throw new ConfigError(`${SECRET_ARN_VARIABLE} is not set (the stack sets it with the secrets)`);
  const token = env.AWS_SESSION_TOKEN;
  if (!token) throw new ConfigError('AWS_SESSION_TOKEN is not set; the secrets extension needs it');
  const port = env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT || EXTENSION_PORT;
  const response = await fetch(
    `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`,
    { headers: { 'X-Aws-Parameters-Secrets-Token': token } },
  );
  if (!response.ok) {
    await response.body?.cancel();
    throw new ConfigError(`The secrets extension answered ${response.status} for ${arn}`);
  }
  const { SecretString } = (await response.json()) as { SecretString?: unknown };
  let parsed: unknown;
  try {
    parsed = typeof SecretString === 'string' ? JSON.parse(SecretString) : undefined;
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`The secret ${arn} is not a JSON object keyed by secret name`);
  }
  return parsed as Record<string, unknown>;
}

/** Builds a loader with its own once-per-cold-start cache; a failed load asks the extension again next call. */
export function secretLoader(deps: SecretStoreDeps = {}) {
  let stored: Promise<Record<string, unknown>> | undefined;
  return async function load<const N extends SecretName>(names: readonly N[]): Promise<Secrets<N>> {
    const env = deps.env ?? process.env;
    if (isLocal(env) || names.every((name) => env[name])) return readSecrets(names, env);
    stored ??= fetchSecretObject(env, deps.fetch ?? fetch).catch((error: unknown) => {
      stored = undefined;
      throw error;
    });
    const values = await stored;
    const merged: Env = { ...env };
    for (const name of names) {
      const value = values[name];
      if (!env[name] && typeof value === 'string') merged[name] = value;
    }
    try {
      return readSecrets(names, merged);
    } catch (error) {
      // The secret lacks a name (or holds it malformed) until the operator fills it in after the
      // first deploy: keep asking, rather than failing with this copy until the next cold start.
      stored = undefined;
      throw error;
    }
  };
}

/** The process's loader: the named secrets, checked, as `readSecrets` returns them. */
export const loadSecrets = secretLoader();
