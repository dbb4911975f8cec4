/**
 * The stack's secret: created under a generated name (or imported by ARN), read only by the functions
 * that declare stored secrets, found through its ARN and the extension.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import type { LecternStack } from '../../infra/aws/lectern-stack';
import { SecretArnError } from '../../infra/aws/secrets';
import { topology, type Topology } from '../../infra/topology';
import { SECRET_ARN_VARIABLE } from '../../config/secret-store';
import { logicalId, propertiesOf, resourcesAllowing, statementsOf, synth } from '../support/template';

const entry = 'test/fixtures/handlers/greet.ts';

const secretsTopology: Topology = {
  functions: [
    { name: 'stripe', entry, secrets: ['STRIPE_WEBHOOK_SECRET'] },
    { name: 'verify', entry, secrets: ['PAYPAL_IPN_URL', 'GUMROAD_VERIFY_URL', 'GUMROAD_ACCESS_TOKEN'] },
    { name: 'refund', entry, secrets: ['PAYPAL_IPN_URL'] },
    { name: 'plain', entry },
  ],
  workflows: [],
};

let stack: LecternStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synth(secretsTopology));
});

const fn = (name: string) => stack.functions.get(name)!;
const secretRef = () => {
  const [id] = Object.keys(template.findResources('AWS::SecretsManager::Secret'));
  return { Ref: id };
};
const variablesOf = (name: string): Record<string, unknown> =>
  propertiesOf(template, stack, fn(name)).Environment.Variables;
const readableBy = (name: string) =>
  resourcesAllowing(
    statementsOf(template, logicalId(stack, fn(name).role!)),
    'secretsmanager:GetSecretValue',
  );

it('creates one secret, an empty JSON object the operator fills in', () => {
  template.resourceCountIs('AWS::SecretsManager::Secret', 1);
  template.hasResourceProperties('AWS::SecretsManager::Secret', { SecretString: '{}' });
});

it('lets CloudFormation name the secret, so a stack deployed again after a teardown never collides with the one left behind', () => {
  const [secret] = Object.values(template.findResources('AWS::SecretsManager::Secret'));

  expect(secret.Properties).not.toHaveProperty('Name');
});

it('keeps the secret, and the values the operator put in, when the stack is deleted', () => {
  template.hasResource('AWS::SecretsManager::Secret', {
    DeletionPolicy: 'Retain',
    UpdateReplacePolicy: 'Retain',
  });
});

it('outputs the secret’s ARN, for the operator to fill it in', () => {
  template.hasOutput('SecretArn', { Value: secretRef() });
});

it('lets exactly the functions declaring a stored secret read it', () => {
  expect(readableBy('stripe')).toEqual([secretRef()]);
  expect(readableBy('verify')).toEqual([secretRef()]);
  expect(readableBy('refund')).toEqual([]);
  expect(readableBy('plain')).toEqual([]);
});

it('gives the reading functions the secret’s ARN in a variable, and no other function', () => {
  expect(variablesOf('stripe')[SECRET_ARN_VARIABLE]).toEqual(secretRef());
  expect(variablesOf('verify')[SECRET_ARN_VARIABLE]).toEqual(secretRef());
  expect(variablesOf('refund')).not.toHaveProperty(SECRET_ARN_VARIABLE);
  expect(variablesOf('plain')).not.toHaveProperty(SECRET_ARN_VARIABLE);
});

it('sets the provider URLs a function declares as variables with AWS’s real values', () => {
  expect(variablesOf('verify')).toMatchObject({
    PAYPAL_IPN_URL: 'https://ipnpb.paypal.com/cgi-bin/webscr',
    GUMROAD_VERIFY_URL: 'https://api.gumroad.com/v2',
  });
  expect(variablesOf('refund').PAYPAL_IPN_URL).toBe('https://ipnpb.paypal.com/cgi-bin/webscr');
  expect(variablesOf('plain')).not.toHaveProperty('PAYPAL_IPN_URL');
});

it('adds the Parameters and Secrets extension layer (arm64) to exactly the reading functions', () => {
  const layersOf = (name: string): unknown[] => propertiesOf(template, stack, fn(name)).Layers ?? [];
  const [[map, , key]] = layersOf('stripe').map(
    (layer) => (layer as { 'Fn::FindInMap': string[] })['Fn::FindInMap'],
  );
  const arn: string = template.toJSON().Mappings[map]['eu-west-1'][key];

  expect(arn).toMatch(
    /^arn:aws:lambda:eu-west-1:\d+:layer:AWS-Parameters-and-Secrets-Lambda-Extension-Arm64:\d+$/,
  );
  expect(layersOf('verify')).toEqual(layersOf('stripe'));
  expect(layersOf('refund')).toEqual([]);
  expect(layersOf('plain')).toEqual([]);
});

it('creates no secret and outputs none when no function declares a stored one', () => {
  const { template: bare } = synth({
    functions: [{ name: 'refund', entry, secrets: ['PAYPAL_IPN_URL'] }],
    workflows: [],
  });
  bare.resourceCountIs('AWS::SecretsManager::Secret', 0);
  expect(bare.findOutputs('SecretArn')).toEqual({});
});

describe('given the ARN of an existing secret', () => {
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:SecretsSecret-xYz12AbC9d0e-Q1w2E3';
  let imported: { stack: LecternStack; template: Template };

  beforeAll(() => {
    imported = synth(secretsTopology, { secretArn: arn });
  });

  const importedFn = (name: string) => imported.stack.functions.get(name)!;

  it('creates no secret', () => {
    imported.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  it('lets exactly the functions declaring a stored secret read that one secret', () => {
    const readable = (name: string) =>
      resourcesAllowing(
        statementsOf(imported.template, logicalId(imported.stack, importedFn(name).role!)),
        'secretsmanager:GetSecretValue',
      );

    expect(readable('stripe')).toEqual([arn]);
    expect(readable('verify')).toEqual([arn]);
    expect(readable('refund')).toEqual([]);
    expect(readable('plain')).toEqual([]);
  });

  it('gives the reading functions its ARN in a variable, and outputs it', () => {
    const variables = (name: string): Record<string, unknown> =>
      propertiesOf(imported.template, imported.stack, importedFn(name)).Environment.Variables;

    expect(variables('stripe')[SECRET_ARN_VARIABLE]).toBe(arn);
    expect(variables('plain')).not.toHaveProperty(SECRET_ARN_VARIABLE);
    imported.template.hasOutput('SecretArn', { Value: arn });
  });

  it.each([
    ['a secret name', 'lectern/secrets'],
    ['a partial ARN (no 6-character suffix)', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:lectern'],
    ['another service’s ARN', 'arn:aws:ssm:eu-west-1:123456789012:parameter/lectern-AbCdEf'],
  ])('refuses %s, naming the context value', (_, secretArn) => {
    expect(() => synth(secretsTopology, { secretArn })).toThrow(SecretArnError);
    expect(() => synth(secretsTopology, { secretArn })).toThrow(/lectern:secretArn/);
  });
});

it('declares in the real topology exactly the names each handler loads, and no handler reads them unloaded', () => {
  for (const spec of topology.functions) {
    const source = readFileSync(path.resolve(__dirname, '..', '..', spec.entry), 'utf8');
    const loaded = [...source.matchAll(/loadSecrets\(\[([^\]]*)\]/g)].flatMap(([, list]) =>
      [...list.matchAll(/'([A-Z_]+)'/g)].map(([, name]) => name),
    );

    expect({ fn: spec.name, secrets: [...new Set(loaded)].sort() }).toEqual({
      fn: spec.name,
      secrets: [...(spec.secrets ?? [])].sort(),
    });
    expect(source).not.toMatch(/readSecrets\(/);
  }
});
