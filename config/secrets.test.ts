import { inspect } from 'node:util';
import { ConfigError } from '../handlers/shared/errors';
import { readSecrets } from './secrets';

const LOCAL = { LECTERN_LOCAL: '1', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' };

describe('on AWS (no local switch)', () => {
  it('reads the named secrets', () => {
    const secrets = readSecrets(['STRIPE_WEBHOOK_SECRET', 'PAYPAL_IPN_URL'], {
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
      PAYPAL_IPN_URL: 'https://ipnpb.paypal.com/cgi-bin/webscr',
    });
    expect({ ...secrets }).toEqual({
      STRIPE_WEBHOOK_SECRET: 'whsec_abc',
      PAYPAL_IPN_URL: 'https://ipnpb.paypal.com/cgi-bin/webscr',
    });
  });

  it('fails naming every missing or malformed one', () => {
    const act = () =>
      readSecrets(['STRIPE_WEBHOOK_SECRET', 'GUMROAD_WEBHOOK_KEY', 'GUMROAD_VERIFY_URL'], {
        STRIPE_WEBHOOK_SECRET: 'not-a-secret',
        GUMROAD_VERIFY_URL: 'ftp://example.com',
      });
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(
      'STRIPE_WEBHOOK_SECRET must be a Stripe signing secret (whsec_…); GUMROAD_WEBHOOK_KEY is not set; ' +
        'GUMROAD_VERIFY_URL must be an http(s) URL',
    );
  });

  it('never puts a value in the error', () => {
    expect(() => readSecrets(['GUMROAD_WEBHOOK_KEY'], { GUMROAD_WEBHOOK_KEY: 'short-secret' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('short-secret') }),
    );
  });

  it('treats an empty variable as missing', () => {
    expect(() => readSecrets(['STRIPE_API_KEY'], { STRIPE_API_KEY: '' })).toThrow(
      'STRIPE_API_KEY is not set',
    );
  });

  it('takes no local default without the switch, even with a local endpoint', () => {
    expect(() => readSecrets(['PAYPAL_IPN_URL'], { AWS_ENDPOINT_URL: LOCAL.AWS_ENDPOINT_URL })).toThrow(
      'PAYPAL_IPN_URL is not set',
    );
  });
});

describe('locally (LECTERN_LOCAL=1)', () => {
  it('defaults the provider URLs to the simulators on the local endpoint', () => {
    expect({ ...readSecrets(['PAYPAL_IPN_URL', 'GUMROAD_VERIFY_URL'], LOCAL) }).toEqual({
      PAYPAL_IPN_URL: 'http://127.0.0.1:4566/simulators/paypal/ipn',
      GUMROAD_VERIFY_URL: 'http://127.0.0.1:4566/simulators/gumroad/v2',
    });
  });

  it('gives valid development secrets', () => {
    expect(() =>
      readSecrets(
        ['STRIPE_WEBHOOK_SECRET', 'STRIPE_API_KEY', 'GUMROAD_WEBHOOK_KEY', 'GUMROAD_ACCESS_TOKEN'],
        LOCAL,
      ),
    ).not.toThrow();
  });

  it('still prefers a variable that is set', () => {
    expect(readSecrets(['STRIPE_WEBHOOK_SECRET'], { ...LOCAL, STRIPE_WEBHOOK_SECRET: 'whsec_mine' })).toEqual(
      expect.objectContaining({ STRIPE_WEBHOOK_SECRET: 'whsec_mine' }),
    );
  });
});

describe('the secrets object', () => {
  const secrets = readSecrets(['STRIPE_WEBHOOK_SECRET'], { STRIPE_WEBHOOK_SECRET: 'whsec_hidden' });

  it('prints no value as JSON', () => {
    expect(JSON.stringify({ secrets })).toBe('{"secrets":"[secrets]"}');
  });

  it('prints no value when inspected', () => {
    expect(inspect(secrets)).toBe('[secrets]');
  });

  it('cannot be changed', () => {
    expect(Object.isFrozen(secrets)).toBe(true);
  });
});
