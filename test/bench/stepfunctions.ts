import { StateMachine } from 'aws-local-stepfunctions';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import type { Definition, Json } from '../../workflows/asl';
import { startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';
import type { StateMachineRecord } from '../../infra/local/stepfunctions/records';
import { measureInterleaved, perSecond, type Row } from './measure';
import type { RssReport } from './rss-child';

/**
 * State transitions per second of Lectern's engine (durable and in memory) against
 * aws-local-stepfunctions, on the same definitions, in-process. A transition is one state
 * executed, i.e. one `*StateEntered` event in our history and one `StateEntered` event log in
 * the peer's; each workload states its count, and a verification run checks it on both engines.
 */

const ROLE = 'arn:aws:iam::000000000000:role/bench';
const WARMUP = 3;
const REPETITIONS = 9;

const TARGETS = { durable: 1.0, memory: 3.0 } as const;
const RSS_TARGET_MB = 300;

export interface Workload {
  name: string;
  definition: Definition;
  input: Json;
  expectedOutput: Json;
  /** States executed by one execution. */
  transitions: number;
  /** Executions run one after another in each timed repetition, so a repetition lasts long enough to time. */
  executionsPerRepetition: number;
}

/** Init, then `iterations` × (Inc + Check), then Done. */
function counterLoop(iterations: number): Workload {
  return {
    name: `Pass/Choice loop, ${iterations} iterations`,
    definition: {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Parameters: { i: 0 }, Next: 'Inc' },
        // Parameters rather than Result + ResultPath: the peer fails on the latter with MathAdd.
        Inc: { Type: 'Pass', Parameters: { 'i.$': 'States.MathAdd($.i, 1)' }, Next: 'Check' },
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.i', NumericLessThan: iterations, Next: 'Inc' }],
          Default: 'Done',
        },
        Done: { Type: 'Succeed' },
      },
    },
    input: {},
    expectedOutput: { i: iterations },
    transitions: 2 + 2 * iterations,
    executionsPerRepetition: 5,
  };
}

/** The Map state, then one Pass per item. */
function inlineMap(items: number): Workload {
  const input = { items: Array.from({ length: items }, (_, i) => ({ i })) };
  return {
    name: `inline Map over ${items} items`,
    definition: {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Touch',
            States: { Touch: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    },
    input,
    expectedOutput: input.items,
    transitions: 1 + items,
    executionsPerRepetition: 5,
  };
}

/** The Parallel state, then `length` Pass states in each branch (names are unique machine-wide). */
function parallelFanOut(branches: number, length: number, executionsPerRepetition: number): Workload {
  const chain = (b: number): Definition => {
    const name = (s: number) => `B${b}S${s}`;
    const states: Definition['States'] = {};
    for (let s = 0; s < length; s++) {
      states[name(s)] = s === length - 1 ? { Type: 'Pass', End: true } : { Type: 'Pass', Next: name(s + 1) };
    }
    return { StartAt: name(0), States: states };
  };
  const input = { order: 42 };
  return {
    name: `Parallel, ${branches} branches × ${length} Pass`,
    definition: {
      StartAt: 'Fan',
      States: {
        Fan: { Type: 'Parallel', Branches: Array.from({ length: branches }, (_, b) => chain(b)), End: true },
      },
    },
    input,
    expectedOutput: Array.from({ length: branches }, () => input),
    transitions: 1 + branches * length,
    executionsPerRepetition,
  };
}

/**
 * The narrow fan-out runs many small executions (per-execution cost); the wide one is as long as
 * the other workloads (per-transition cost). On the wide one the peer's event log stream drops
 * some events (its output is right), so its verification note shows fewer states entered.
 */
export const WORKLOADS: Workload[] = [
  counterLoop(1000),
  inlineMap(1000),
  parallelFanOut(10, 5, 40),
  parallelFanOut(50, 20, 10),
];

/** One engine able to run a workload: `prepare` does the one-off work (create, parse). */
interface Runner {
  subject: string;
  /** The ratio to the peer this runner should reach; none for the peer itself. */
  goal?: number;
  prepare(w: Workload): Promise<{
    run(): Promise<void>;
    /** One untimed run that returns the output and the number of states entered. */
    verify(): Promise<{ output: Json; entered: number }>;
  }>;
  close(): Promise<void>;
}

function peerRunner(): Runner {
  return {
    subject: 'aws-local-stepfunctions',
    async prepare(w) {
      const machine = new StateMachine(w.definition as ConstructorParameters<typeof StateMachine>[0]);
      return {
        async run() {
          await machine.run(w.input).result;
        },
        async verify() {
          const execution = machine.run(w.input);
          let entered = 0;
          for await (const event of execution.eventLogs) if (event.type === 'StateEntered') entered++;
          return { output: (await execution.result) as Json, entered };
        },
      };
    },
    async close() {},
  };
}

async function lecternRunner(mode: 'memory' | 'durable'): Promise<Runner> {
  const dataDir = mode === 'durable' ? mkdtempSync(join(tmpdir(), 'lectern-bench-')) : undefined;
  const runtime: LocalRuntime = await startLocalRuntime({
    memory: mode === 'memory',
    dataDir,
    port: 0,
    topology: { functions: [], workflows: [] },
  });
  let executions = 0;
  const execute = async (machine: StateMachineRecord, input: string) => {
    const started = runtime.engine.start(machine, `bench-${++executions}`, input);
    const done = await runtime.engine.whenFinished(started.arn);
    if (done.status !== 'SUCCEEDED') {
      throw new Error(`${machine.name} ended ${done.status}: ${done.error ?? ''} ${done.cause ?? ''}`);
    }
    return done;
  };
  return {
    subject: `lectern ${mode}`,
    goal: TARGETS[mode],
    async prepare(w) {
      const machine = runtime.stateMachines.create({
        name: w.name.replace(/[^A-Za-z0-9-]+/g, '-'),
        definition: JSON.stringify(w.definition),
        roleArn: ROLE,
        type: 'STANDARD',
      });
      const input = JSON.stringify(w.input);
      return {
        async run() {
          await execute(machine, input);
        },
        async verify() {
          const done = await execute(machine, input);
          const events = await history(runtime.endpoint, done.arn);
          const entered = events.filter((e) => e.type.endsWith('StateEntered')).length;
          return { output: JSON.parse(done.output ?? 'null') as Json, entered };
        },
      };
    },
    async close() {
      await runtime.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The whole history through GetExecutionHistory (awsJson over HTTP, no SDK). Only the
 * untimed verification run reads it; the timed runs stay in-process.
 */
async function history(endpoint: string, executionArn: string): Promise<Array<{ type: string }>> {
  const events: Array<{ type: string }> = [];
  let nextToken: string | undefined;
  do {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'AWSStepFunctions.GetExecutionHistory',
      },
      body: JSON.stringify({ executionArn, maxResults: 1000, nextToken }),
    });
    if (!response.ok) throw new Error(`GetExecutionHistory: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { events: Array<{ type: string }>; nextToken?: string };
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Transitions per second of every runner on every workload, and the ratios to the peer. */
async function throughput(): Promise<Row[]> {
  const peer = peerRunner();
  const runners = [peer, await lecternRunner('memory'), await lecternRunner('durable')];
  const rows: Row[] = [];
  try {
    for (const w of WORKLOADS) {
      const benchmark = `${w.name} (${w.transitions} transitions)`;
      const contenders: Record<string, () => Promise<void>> = {};
      const notes: Record<string, string[]> = {};
      for (const runner of runners) {
        const prepared = await runner.prepare(w);
        const checked = await prepared.verify();
        notes[runner.subject] = [];
        if (checked.entered !== w.transitions) {
          notes[runner.subject].push(`counted ${checked.entered} states entered`);
        }
        if (!isDeepStrictEqual(checked.output, w.expectedOutput))
          notes[runner.subject].push('unexpected output');
        contenders[runner.subject] = async () => {
          for (let i = 0; i < w.executionsPerRepetition; i++) await prepared.run();
        };
      }
      const samples = await measureInterleaved(contenders, { warmup: WARMUP, repetitions: REPETITIONS });
      const rate = (subject: string) =>
        perSecond(w.transitions * w.executionsPerRepetition, samples[subject]);
      for (const runner of runners) {
        const row: Row = {
          benchmark,
          subject: runner.subject,
          value: rate(runner.subject),
          unit: 'transitions/s',
        };
        if (runner !== peer) row.ratio = row.value / rate(peer.subject);
        if (runner.goal !== undefined && row.ratio !== undefined) {
          row.target = { text: `≥ ${runner.goal.toFixed(1)}× peer`, met: row.ratio >= runner.goal };
        }
        if (notes[runner.subject].length) row.note = notes[runner.subject].join('; ');
        rows.push(row);
      }
    }
  } finally {
    for (const runner of runners) await runner.close();
  }
  return rows;
}

/** Runs `rss-child.ts` in a fresh process, so nothing else this run allocated counts. */
function rssInChild(mode: 'memory' | 'durable'): Promise<RssReport> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(__dirname, 'rss-child.ts'), mode],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  let report: RssReport | undefined;
  lines.on('line', (line) => {
    report = JSON.parse(line) as RssReport;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0 && report) resolve(report);
      else reject(new Error(`rss-child ${mode} exited with ${code}`));
    });
  });
}

async function residentMemory(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const mode of ['memory', 'durable'] as const) {
    const r = await rssInChild(mode);
    rows.push({
      benchmark: `peak RSS holding ${r.executions} finished executions (${r.states} states each)`,
      subject: `lectern ${mode}`,
      value: r.peakMb,
      unit: 'MB',
      target: { text: `< ${RSS_TARGET_MB} MB`, met: r.peakMb < RSS_TARGET_MB },
      note: [
        `idle ${r.baselineMb.toFixed(0)} MB`,
        `after GC ${r.retainedMb.toFixed(0)} MB (heap ${r.heapUsedMb.toFixed(0)} MB)`,
        `${Math.round(r.executionsPerSecond)} executions/s`,
      ].join('; '),
    });
  }
  return rows;
}

export async function bench(): Promise<Row[]> {
  return [...(await throughput()), ...(await residentMemory())];
}
