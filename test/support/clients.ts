/** AWS SDK v3 clients pointed at a local runtime: one factory for every service. */
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';

export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** An AWS SDK v3 client class (`SQSClient`, `S3Client`, ...). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each class takes its own config type
export type ClientClass = new (config: any) => { destroy(): void };

/** What the constructor of `Client` takes. */
export type ConfigOf<Client extends ClientClass> = NonNullable<ConstructorParameters<Client>[0]>;

/** What a service's client needs, besides endpoint, region and credentials, to talk to the runtime. */
const LOCAL_CONFIG = new Map<ClientClass, object>([
  // Every bucket on the runtime's one host (aws-wire.md §8.1).
  [S3Client, { forcePathStyle: true }],
  // StartSyncExecution would otherwise prefix the host with "sync-" (aws-wire.md §1.3).
  [SFNClient, { disableHostPrefix: true }],
]);

/** A `Client` for the runtime at `endpoint`, in us-east-1 with the test credentials; `config` overrides. */
export function localClient<Client extends ClientClass>(
  Client: Client,
  endpoint: string,
  config: Partial<ConfigOf<Client>> = {},
): InstanceType<Client> {
  return new Client({
    endpoint,
    region: 'us-east-1',
    credentials,
    ...LOCAL_CONFIG.get(Client),
    ...config,
  }) as InstanceType<Client>;
}
