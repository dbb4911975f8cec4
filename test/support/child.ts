import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../infra/local/clock';
import { tempDataDir } from './local';

/** The system clock running `offsetMs` ahead, so a restarted runtime lands "later" without waiting. */
export function offsetClock(offsetMs: number): Clock {
  return {
    now: () => systemClock.now() + offsetMs,
    at: (at, fn) => systemClock.at(at - offsetMs, fn),
  };
}

/**
 * Starts `test/support/child-runtime.ts` and resolves once it prints its endpoints (`api`: its HTTP
 * API's, if any). `env` adds to the child's environment (e.g. what a fixture topology reads).
 */
export async function startChildRuntime(
  dataDir: string,
  offsetMs = 0,
  topologyModule?: string,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; endpoint: string; api: string | null; recovered: number }> {
  const args = [
    join(__dirname, 'child-runtime.ts'),
    dataDir,
    String(offsetMs),
    ...(topologyModule ? [topologyModule] : []),
  ];
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`child runtime exited with ${code} before it was ready`)));
  });
  lines.close();
  child.stdout!.resume();
  return { child, ...(JSON.parse(first) as { endpoint: string; api: string | null; recovered: number }) };
}

/** SIGKILL, and wait until the process is gone. */
export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await gone;
}

/**
 * For a crash test: a temporary data directory (`dir`) and the child runtimes `start` runs on it,
 * with the topology of `topologyModule` unless told another; after the tests, what still runs is
 * killed and the directory removed.
 */
export function useChildRuntimes(topologyModule?: string) {
  const data = tempDataDir();
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) await kill(child);
    data.remove();
  });
  return {
    dir: data.dir,
    /** A runtime on the directory, its clock `offsetMs` ahead (a restart "later"). */
    async start(offsetMs = 0, topology = topologyModule, env: Record<string, string> = {}) {
      const started = await startChildRuntime(data.dir, offsetMs, topology, env);
      children.push(started.child);
      return started;
    },
  };
}
