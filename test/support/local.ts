import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Definition } from '../../workflows/asl';
import type { Topology } from '../../infra/topology';
import { ManualClock } from '../../infra/local/clock';
import { startLocalRuntime, type LocalRuntime, type RuntimeOptions } from '../../infra/local/runtime';

export const ROLE = 'arn:aws:iam::000000000000:role/test';
export const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** A runtime for one test file: in memory, on a free port, with a clock the test moves. */
export async function startTestRuntime(
  topology: Topology = { functions: [], workflows: [] },
  options: RuntimeOptions = {},
): Promise<{ runtime: LocalRuntime; sfn: SFNClient; clock: ManualClock }> {
  const clock = new ManualClock();
  const runtime = await startLocalRuntime({ memory: true, port: 0, topology, clock, ...options });
  // StartSyncExecution would otherwise prefix the host with "sync-" (aws-wire.md §1.3).
  const sfn = new SFNClient({
    endpoint: runtime.endpoint,
    region: 'us-east-1',
    credentials,
    disableHostPrefix: true,
  });
  return { runtime, sfn, clock };
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
