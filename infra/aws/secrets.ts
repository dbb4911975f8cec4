/**
 * The stack's one Secrets Manager secret, `lectern/secrets`: a JSON object keyed by secret name.
 * The stack creates it as `{}` (nothing secret in the template); the operator puts the real values
 * in after the first deploy, and until then a function that needs one fails at its first
 * invocation with a ConfigError naming it. The template's value is a constant on purpose: were it
 * to list the names, adding one would make CloudFormation overwrite the operator's values. Only the functions whose spec declares a stored
 * secret may read it, and they read it through the Parameters and Secrets Lambda Extension
 * (config/secret-store.ts). Provider URLs are settings, not secrets: they are set as variables
 * here with AWS's real values, since the local runtime sets its simulators' URLs in its own
 * environment (a topology `environment` value would conflict with those).
 */
import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SECRET_ARN_VARIABLE } from '../../config/secret-store';
import type { SecretName } from '../../config/secrets';
import type { FunctionSpec } from '../topology';
import { lookup } from './resources';

export const SECRET_NAME = 'lectern/secrets';

/** The non-secret names, and their values on AWS. */
export const PROVIDER_URLS: Partial<Record<SecretName, string>> = {
  PAYPAL_IPN_URL: 'https://ipnpb.paypal.com/cgi-bin/webscr',
  GUMROAD_VERIFY_URL: 'https://api.gumroad.com/v2',
};

/** The names a spec declares that live in the secret (not provider URLs). */
export function storedSecrets(spec: FunctionSpec): SecretName[] {
  return (spec.secrets ?? []).filter((name) => PROVIDER_URLS[name] === undefined);
}

/** The provider URL variables a spec's declared names call for. */
export function providerUrlEnvironment(spec: FunctionSpec): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of spec.secrets ?? []) {
    const value = PROVIDER_URLS[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

export interface SecretsProps {
  specs: FunctionSpec[];
  functions: ReadonlyMap<string, lambda.Function>;
}

/** Creates the secret when some function needs it, grants it, and points the functions at it. */
export class StackSecrets extends Construct {
  readonly secret?: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: SecretsProps) {
    super(scope, id);
    const readers = props.specs.filter((spec) => storedSecrets(spec).length > 0);
    if (readers.length === 0) return;
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      secretName: SECRET_NAME,
      description: 'Lectern’s secrets: a JSON object keyed by secret name, filled in after the first deploy',
      // A constant, not a secret; never changing, it never overwrites what the operator put in.
      secretStringValue: SecretValue.unsafePlainText('{}'),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const spec of readers) {
      const fn = lookup(props.functions, spec.name);
      this.secret.grantRead(fn);
      fn.addEnvironment(SECRET_ARN_VARIABLE, this.secret.secretArn);
    }
  }
}

/** The extension layer every function that declares a stored secret carries. */
export function secretsExtension(spec: FunctionSpec): lambda.ParamsAndSecretsLayerVersion | undefined {
  if (storedSecrets(spec).length === 0) return undefined;
  return lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103, {
    cacheEnabled: true,
    logLevel: lambda.ParamsAndSecretsLogLevel.WARN,
  });
}
