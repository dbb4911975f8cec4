import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Definition } from '../../workflows/asl';
import type { Topology } from '../../infra/topology';
import { ManualClock } from '../../infra/local/clock';
import { startLocalRuntime, type LocalRuntime, type RuntimeOptions } from '../../infra/local/runtime';
import { localClient, type ClientClass, type ConfigOf } from './clients';

export { credentials } from './clients';
export const ROLE = 'arn:aws:iam::000000000000:role/test';

/** Nothing deployed: for tests that create what they use through the API. */
export const EMPTY_TOPOLOGY: Topology = { functions: [], workflows: [] };

/** A started test runtime, its clock, and a Step Functions client for it. */
export interface TestRuntime {
  runtime: LocalRuntime;
  sfn: SFNClient;
  clock: ManualClock;
}

/** A runtime for one test file: in memory, on a free port, with a clock the test moves. */
export async function startTestRuntime(
  topology: Topology = EMPTY_TOPOLOGY,
  options: RuntimeOptions = {},
): Promise<TestRuntime> {
  const clock = new ManualClock();
  const runtime = await startLocalRuntime({ memory: true, port: 0, topology, clock, ...options });
  return { runtime, sfn: localClient(SFNClient, runtime.endpoint), clock };
}

/** A client class, or a client class with config of its own. */
type ClientSpec = ClientClass | readonly [ClientClass, object];
type ClientOf<Spec> = Spec extends readonly [infer Client extends ClientClass, object]
  ? InstanceType<Client>
  : Spec extends ClientClass
    ? InstanceType<Spec>
    : never;
/** Checks the config beside a client class against that class's. */
type CheckedSpecs<Specs> = {
  [Name in keyof Specs]: Specs[Name] extends readonly [infer Client extends ClientClass, object]
    ? readonly [Client, Partial<ConfigOf<Client>>]
    : Specs[Name];
};

/** What `useRuntime` gives a test file; its fields are set once the file's `beforeAll` has run. */
export type LocalTest<Specs = object> = TestRuntime & { [Name in keyof Specs]: ClientOf<Specs[Name]> } & {
  /** Another client for the runtime, destroyed with the others after the tests. */
  client<Client extends ClientClass>(
    Client: Client,
    config?: Partial<ConfigOf<Client>>,
  ): InstanceType<Client>;
};

/**
 * Starts a test runtime before the tests of the file (or `describe` block) it is called in, with a
 * client per entry of `clients` (`{ sqs: SQSClient, s3: [S3Client, { region: 'eu-west-1' }] }`),
 * and after them destroys every client and closes the runtime.
 */
export function useRuntime<const Specs extends Record<string, ClientSpec> = Record<never, ClientSpec>>(
  topology: Topology,
  clients?: Specs & CheckedSpecs<Specs>,
): LocalTest<Specs> {
  const made: Array<{ destroy(): void }> = [];
  const local = {
    client(Client, config) {
      const client = localClient(Client, local.runtime.endpoint, config);
      made.push(client);
      return client;
    },
  } as LocalTest<Specs>;
  beforeAll(async () => {
    Object.assign(local, await startTestRuntime(topology));
    made.push(local.sfn);
    for (const [name, spec] of Object.entries<ClientSpec>(clients ?? {})) {
      const [Client, config] = typeof spec === 'function' ? [spec] : spec;
      Object.assign(local, { [name]: local.client(Client, config) });
    }
  });
  afterAll(async () => {
    for (const client of made) client.destroy();
    // Unset when the runtime did not start: that error is the one to see.
    await local.runtime?.close();
  });
  return local;
}

/** A temporary data directory, removed by the returned function. */
export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'lectern-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

let machines = 0;
/** A unique state machine name. */
export const machineName = (prefix = 'sm') => `${prefix}-${++machines}`;

export const definition = (d: Definition) => JSON.stringify(d);

/** Resolves with the first history event of `type`, reading the history through the API as it grows. */
export async function waitForEvent(
  sfn: SFNClient,
  executionArn: string,
  type: string,
): Promise<HistoryEvent> {
  for (;;) {
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const found = events!.find((e) => e.type === type);
    if (found) return found;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
