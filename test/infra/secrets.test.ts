/** The stack's secret: read only by the functions that declare stored secrets, found through its ARN and the extension. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Template } from 'aws-cdk-lib/assertions';
import type { LecternStack } from '../../infra/aws/lectern-stack';
import { SECRET_NAME } from '../../infra/aws/secrets';
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

it('creates one secret named lectern/secrets, an empty JSON object the operator fills in', () => {
  template.resourceCountIs('AWS::SecretsManager::Secret', 1);
  template.hasResourceProperties('AWS::SecretsManager::Secret', {
    Name: SECRET_NAME,
    SecretString: '{}',
  });
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

it('creates no secret when no function declares a stored one', () => {
  const { template: bare } = synth({
    functions: [{ name: 'refund', entry, secrets: ['PAYPAL_IPN_URL'] }],
    workflows: [],
  });
  bare.resourceCountIs('AWS::SecretsManager::Secret', 0);
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
