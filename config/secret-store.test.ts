import { ConfigError } from '../handlers/shared/errors';
import { SECRET_ARN_VARIABLE, secretLoader } from './secret-store';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:lectern/secrets-AbCdEf';
const aws = { [SECRET_ARN_VARIABLE]: ARN, AWS_SESSION_TOKEN: 'session-token' };
const stored = { STRIPE_WEBHOOK_SECRET: 'whsec_stored', GUMROAD_ACCESS_TOKEN: 'gumroad-token' };

/** A fetch answering as the extension does, recording what it was asked. */
function extension(secretString: string = JSON.stringify(stored), status = 200) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const fetch = jest.fn(async (url: string, init: { headers: Record<string, string> }) => {
    calls.push({ url, headers: init.headers });
    return new Response(JSON.stringify({ ARN, SecretString: secretString }), { status });
  });
  return { fetch, calls };
}

it('asks the extension on localhost:2773 for the secret named by its ARN, with the session token', async () => {
  const { fetch, calls } = extension();
  await secretLoader({ env: aws, fetch })(['STRIPE_WEBHOOK_SECRET']);

  expect(calls).toEqual([
    {
      url: `http://localhost:2773/secretsmanager/get?secretId=${encodeURIComponent(ARN)}`,
      headers: { 'X-Aws-Parameters-Secrets-Token': 'session-token' },
    },
  ]);
});

it('returns the named keys of the secret, checked', async () => {
  const { fetch } = extension();
  const secrets = await secretLoader({ env: aws, fetch })(['STRIPE_WEBHOOK_SECRET', 'GUMROAD_ACCESS_TOKEN']);

  expect({ ...secrets }).toEqual(stored);
});

it('fetches the secret once per cold start, however many loads follow', async () => {
  const { fetch } = extension();
  const load = secretLoader({ env: aws, fetch });
  await Promise.all([load(['STRIPE_WEBHOOK_SECRET']), load(['GUMROAD_ACCESS_TOKEN'])]);
  await load(['STRIPE_WEBHOOK_SECRET']);

  expect(fetch).toHaveBeenCalledTimes(1);
});

it('takes a name set as a variable from the environment, and the rest from the secret', async () => {
  const { fetch } = extension();
  const env = { ...aws, PAYPAL_IPN_URL: 'https://ipnpb.paypal.com/cgi-bin/webscr' };
  const secrets = await secretLoader({ env, fetch })(['PAYPAL_IPN_URL', 'GUMROAD_ACCESS_TOKEN']);

  expect({ ...secrets }).toEqual({
    PAYPAL_IPN_URL: env.PAYPAL_IPN_URL,
    GUMROAD_ACCESS_TOKEN: 'gumroad-token',
  });
});

it('does not call the extension when every name is a variable', async () => {
  const { fetch } = extension();
  await secretLoader({ env: { PAYPAL_IPN_URL: 'https://ipnpb.paypal.com/cgi-bin/webscr' }, fetch })([
    'PAYPAL_IPN_URL',
  ]);

  expect(fetch).not.toHaveBeenCalled();
});

it('uses the local environment and development values when LECTERN_LOCAL=1, never the extension', async () => {
  const { fetch } = extension();
  const env = { LECTERN_LOCAL: '1', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' };
  const secrets = await secretLoader({ env, fetch })(['STRIPE_WEBHOOK_SECRET']);

  expect(secrets.STRIPE_WEBHOOK_SECRET).toBe('whsec_lectern_local_development_only');
  expect(fetch).not.toHaveBeenCalled();
});

it('names a key the secret does not hold yet, or holds empty', async () => {
  const { fetch } = extension(JSON.stringify({ GUMROAD_ACCESS_TOKEN: '' }));
  const loading = secretLoader({ env: aws, fetch })(['STRIPE_WEBHOOK_SECRET', 'GUMROAD_ACCESS_TOKEN']);

  await expect(loading).rejects.toThrow(/STRIPE_WEBHOOK_SECRET is not set; GUMROAD_ACCESS_TOKEN is not set/);
});

it('refuses a malformed stored value with a ConfigError that does not echo it', async () => {
  const { fetch } = extension(JSON.stringify({ STRIPE_WEBHOOK_SECRET: 'not-a-signing-secret' }));
  const error = await secretLoader({ env: aws, fetch })(['STRIPE_WEBHOOK_SECRET']).catch((e: unknown) => e);

  expect(error).toBeInstanceOf(ConfigError);
  expect(String(error)).not.toContain('not-a-signing-secret');
});

it('refuses a secret that is not a JSON object', async () => {
  const { fetch } = extension('just a string');

  await expect(secretLoader({ env: aws, fetch })(['STRIPE_WEBHOOK_SECRET'])).rejects.toThrow(
    /not a JSON object keyed by secret name/,
  );
});

it('fails with a ConfigError when the secret’s ARN is not set', async () => {
  const { fetch } = extension();

  await expect(
    secretLoader({ env: { AWS_SESSION_TOKEN: 't' }, fetch })(['STRIPE_WEBHOOK_SECRET']),
  ).rejects.toThrow(new RegExp(`${SECRET_ARN_VARIABLE} is not set`));
});

it('asks the extension again after a failed fetch', async () => {
  const fetch = jest.fn(extension('{}', 500).fetch);
  const load = secretLoader({ env: aws, fetch });
  await expect(load(['STRIPE_WEBHOOK_SECRET'])).rejects.toThrow(/answered 500/);
  fetch.mockImplementation(extension().fetch);

  await expect(load(['STRIPE_WEBHOOK_SECRET'])).resolves.toEqual({ STRIPE_WEBHOOK_SECRET: 'whsec_stored' });
  expect(fetch).toHaveBeenCalledTimes(2);
});

it('asks the extension again after a load the secret could not satisfy, so values put in later are used', async () => {
  const fetch = jest.fn(extension('{}').fetch);
  const load = secretLoader({ env: aws, fetch });
  await expect(load(['STRIPE_WEBHOOK_SECRET'])).rejects.toThrow(/STRIPE_WEBHOOK_SECRET is not set/);
  fetch.mockImplementation(extension().fetch);

  await expect(load(['STRIPE_WEBHOOK_SECRET'])).resolves.toEqual({ STRIPE_WEBHOOK_SECRET: 'whsec_stored' });
  expect(fetch).toHaveBeenCalledTimes(2);
});
