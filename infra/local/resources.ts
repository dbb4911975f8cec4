import { resourceEnv, type Topology } from '../topology';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './lambda/functions';
import { stateMachineArn } from './stepfunctions/arns';

/**
 * What the topology's logical names become locally: the same names, and queue URLs on the
 * local endpoint (SDK clients configured by AWS_ENDPOINT_URL follow a QueueUrl's host).
 */
export function localResources(endpointUrl: string) {
  return {
    queueUrl: (name: string) => `${endpointUrl}/${LOCAL_ACCOUNT}/${name}`,
    queueArn: (name: string) => `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${name}`,
    tableName: (name: string) => name,
    busName: (name: string) => name,
    bucketName: (name: string) => name,
    mediaConvertRole: `arn:aws:iam::${LOCAL_ACCOUNT}:role/lectern-mediaconvert`,
  };
}

/**
 * The environment every in-process handler sees: its AWS SDK clients pointed at the local
 * endpoint, and the `resourceEnv` variables the CDK sets on AWS. Handlers share one process, so
 * one environment serves them all; a function variable that would differ between two functions
 * is refused.
 */
export function localEnvironment(topology: Topology, endpointUrl: string): Record<string, string> {
  const resources = localResources(endpointUrl);
  const env: Record<string, string> = {
    AWS_ENDPOINT_URL: endpointUrl,
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    // Presigned uploads must not carry the CRC32 of an empty body (aws-wire.md §8.4).
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    // The one local switch: secrets may take their development values (config/secrets.ts).
    LECTERN_LOCAL: '1',
    // The payment providers Lectern verifies with are the runtime's simulators locally.
    PAYPAL_IPN_URL: `${endpointUrl}/simulators/paypal/ipn`,
    GUMROAD_VERIFY_URL: `${endpointUrl}/simulators/gumroad/v2`,
  };
  for (const q of topology.queues ?? []) env[resourceEnv('queue', q.name)] = resources.queueUrl(q.name);
  for (const t of topology.tables ?? []) env[resourceEnv('table', t.name)] = resources.tableName(t.name);
  for (const b of topology.buckets ?? []) env[resourceEnv('bucket', b.name)] = resources.bucketName(b.name);
  for (const b of topology.buses ?? []) env[resourceEnv('bus', b.name)] = resources.busName(b.name);
  for (const w of topology.workflows) {
    env[resourceEnv('workflow', w.name)] = stateMachineArn(w.name);
  }
  for (const fn of topology.functions) {
    for (const [key, value] of Object.entries(fn.environment ?? {})) {
      if (key in env && env[key] !== value) {
        throw new Error(`Function ${fn.name} sets ${key}=${value}, but another setting gives it ${env[key]}`);
      }
      env[key] = value;
    }
  }
  return env;
}
