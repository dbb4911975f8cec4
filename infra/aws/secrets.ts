/**
 * The stack's one Secrets Manager secret: a JSON object keyed by secret name. By default the stack
 * creates it as `{}` (nothing secret in the template) under a name CloudFormation generates, so a
 * stack deleted and deployed again never collides with the secret it left behind; the operator
 * puts the real values in after the first deploy (the `SecretArn` output says where), and until
 * then a function that needs one fails at its first invocation with a ConfigError naming it. The
 * template's value is a constant on purpose: were it to list the names, adding one would make
 * CloudFormation overwrite the operator's values. A teardown keeps the secret (the provider
 * credentials in it outlive any one stack); a deploy given its ARN in the `lectern:secretArn`
 * context value (or the stack's `secretArn` prop) uses that secret instead of creating one.
 *
 * Only the functions whose spec declares a stored secret may read it (GetSecretValue on that one
 * secret), and they read it through the Parameters and Secrets Lambda Extension, found by the ARN
 * in their environment (config/secret-store.ts). Provider URLs are settings, not secrets: they are
 * set as variables here with AWS's real values, since the local runtime sets its simulators' URLs
 * in its own environment (a topology `environment` value would conflict with those).
 */
import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { SECRET_ARN_VARIABLE } from '../../config/secret-store';
import type { SecretName } from '../../config/secrets';
import type { FunctionSpec } from '../topology';
import { lookup } from './resources';

/** The context value (`cdk deploy -c lectern:secretArn=…`) naming an existing secret to use. */
export const SECRET_ARN_CONTEXT = 'lectern:secretArn';

/** A complete secret ARN: with the 6-character suffix Secrets Manager adds to the name. */
const COMPLETE_SECRET_ARN =
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+-[A-Za-z0-9]{6}$/;

/** The secret ARN given to the stack is not a complete Secrets Manager secret ARN. */
export class SecretArnError extends Error {
  override readonly name = 'SecretArnError';
}

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
  /** The complete ARN (see `checkSecretArn`) of an existing secret to use instead of creating one, e.g. the one a torn-down stack left. */
  secretArn?: string;
}

/** Creates (or imports) the secret when some function needs it, grants it, and points the functions at it. */
export class StackSecrets extends Construct {
  readonly secret?: secretsmanager.ISecret;

  constructor(scope: Construct, id: string, props: SecretsProps) {
    super(scope, id);
    const readers = props.specs.filter((spec) => storedSecrets(spec).length > 0);
    if (readers.length === 0) return;
    const secret =
      props.secretArn === undefined
        ? new secretsmanager.Secret(this, 'Secret', {
            description:
              'Lectern’s secrets: a JSON object keyed by secret name, filled in after the first deploy',
            // A constant, not a secret; never changing, it never overwrites what the operator put in.
            secretStringValue: SecretValue.unsafePlainText('{}'),
            removalPolicy: RemovalPolicy.RETAIN,
          })
        : secretsmanager.Secret.fromSecretCompleteArn(this, 'Secret', props.secretArn);
    this.secret = secret;
    for (const spec of readers) {
      const fn = lookup(props.functions, spec.name);
      secret.grantRead(fn);
      fn.addEnvironment(SECRET_ARN_VARIABLE, secret.secretArn);
    }
  }
}

/** Throws SecretArnError unless `arn` is absent or complete (a context value may be anything). */
export function checkSecretArn(arn: string | undefined): void {
  if (arn !== undefined && (typeof arn !== 'string' || !COMPLETE_SECRET_ARN.test(arn))) {
    throw new SecretArnError(
      `The secret ARN "${arn}" (${SECRET_ARN_CONTEXT}) is not a complete Secrets Manager secret ARN, ` +
        'arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 characters>, as `aws secretsmanager describe-secret` prints it',
    );
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
