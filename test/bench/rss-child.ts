import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime } from '../../infra/local/runtime';
import type { Definition } from '../../workflows/asl';
import { MB, startRssSampler } from './measure';

/**
 * Run alone in a fresh process by `stepfunctions.ts` (`node --expose-gc --import tsx rss-child.ts <mode>`):
 * runs 10,000 executions of a 4-state machine, keeps them, and prints one JSON line (RssReport).
 */

export interface RssReport {
  mode: 'memory' | 'durable';
  executions: number;
  states: number;
  /** RSS once the runtime is up, before any execution. */
  baselineMb: number;
  peakMb: number;
  /** RSS and JS heap once the work is done and garbage collected: what holding the executions costs. */
  retainedMb: number;
  heapUsedMb: number;
  executionsPerSecond: number;
}

const EXECUTIONS = 10_000;
/** Executions in flight at once, as a busy runtime would have. */
const CONCURRENCY = 100;

const SMALL: Definition = {
  StartAt: 'Price',
  States: {
    Price: { Type: 'Pass', Parameters: { 'total.$': 'States.MathAdd($.amount, 5)' }, Next: 'Free?' },
    'Free?': {
      Type: 'Choice',
      Choices: [{ Variable: '$.total', NumericEquals: 0, Next: 'Done' }],
      Default: 'Charge',
    },
    Charge: { Type: 'Pass', Result: { charged: true }, ResultPath: '$.payment', Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

async function main(mode: 'memory' | 'durable'): Promise<RssReport> {
  const dataDir = mode === 'durable' ? mkdtempSync(join(tmpdir(), 'lectern-bench-rss-')) : undefined;
  const runtime = await startLocalRuntime({
    memory: mode === 'memory',
    dataDir,
    port: 0,
    topology: { functions: [], workflows: [] },
  });
  try {
    const machine = runtime.stateMachines.create({
      name: 'small',
      definition: JSON.stringify(SMALL),
      roleArn: 'arn:aws:iam::000000000000:role/bench',
      type: 'STANDARD',
    });
    const baseline = process.memoryUsage.rss();
    const sampler = startRssSampler();
    const arns: string[] = [];
    let next = 0;
    const start = process.hrtime.bigint();
    const worker = async () => {
      while (next < EXECUTIONS) {
        const n = next++;
        const ex = runtime.engine.start(machine, `small-${n}`, JSON.stringify({ amount: n }));
        const done = await runtime.engine.whenFinished(ex.arn);
        if (done.status !== 'SUCCEEDED') throw new Error(`small-${n} ended ${done.status}`);
        arns.push(done.arn);
        sampler.sample();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    // The executions are still there to be described, as the API would.
    for (const arn of [arns[0], arns[arns.length - 1]]) {
      if (runtime.engine.execution(arn)?.status !== 'SUCCEEDED') throw new Error(`${arn} is gone`);
    }
    const { peakBytes } = sampler.stop();
    // The parent starts us with --expose-gc; without it the retained figures include garbage.
    (globalThis as { gc?: () => void }).gc?.();
    const after = process.memoryUsage();
    return {
      mode,
      executions: arns.length,
      states: Object.keys(SMALL.States).length,
      baselineMb: baseline / MB,
      peakMb: peakBytes / MB,
      retainedMb: after.rss / MB,
      heapUsedMb: after.heapUsed / MB,
      executionsPerSecond: arns.length / seconds,
    };
  } finally {
    await runtime.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const mode = process.argv[2];
  if (mode !== 'memory' && mode !== 'durable') {
    console.error('usage: rss-child.ts memory|durable');
    process.exit(2);
  }
  main(mode).then(
    (report) => console.log(JSON.stringify(report)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
