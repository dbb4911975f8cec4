/** Shared timing and memory helpers for the benchmark modules. */

import { readFileSync } from 'node:fs';

/** One line of the printed table. */
export interface Row {
  /** What is measured, e.g. `Step Functions: Pass/Choice loop (2,002 transitions)`. */
  benchmark: string;
  /** Who is measured, e.g. `lectern durable` or `aws-local-stepfunctions`. */
  subject: string;
  value: number;
  unit: string;
  /** The figure divided by the baseline's (the peer's), when there is one. */
  ratio?: number;
  /** The goal and whether the figure meets it; benchmarks report, they never fail. */
  target?: { text: string; met: boolean };
  note?: string;
}

/** A benchmark module's entry point. */
export type Bench = () => Promise<Row[]>;

export interface Samples {
  /** Nanoseconds per repetition, in run order. */
  ns: number[];
  medianNs: number;
}

export interface MeasureOptions {
  /** Untimed runs first, for the JIT and caches. */
  warmup: number;
  repetitions: number;
}

/** Runs `fn` `warmup` times untimed, then `repetitions` times timed with the monotonic clock. */
export async function measure(fn: () => Promise<void>, options: MeasureOptions): Promise<Samples> {
  for (let i = 0; i < options.warmup; i++) await fn();
  const ns: number[] = [];
  for (let i = 0; i < options.repetitions; i++) {
    const start = process.hrtime.bigint();
    await fn();
    ns.push(Number(process.hrtime.bigint() - start));
  }
  return { ns, medianNs: median(ns) };
}

/**
 * Like `measure`, for several contenders at once: after their warm-ups, repetition i of each
 * runs back to back (round-robin), so a burst of load from elsewhere hits them all alike and
 * their ratios stay fair.
 */
export async function measureInterleaved<K extends string>(
  contenders: Record<K, () => Promise<void>>,
  options: MeasureOptions,
): Promise<Record<K, Samples>> {
  const keys = Object.keys(contenders) as K[];
  for (const key of keys) for (let i = 0; i < options.warmup; i++) await contenders[key]();
  const ns = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < options.repetitions; i++) {
    for (const key of keys) {
      const start = process.hrtime.bigint();
      await contenders[key]();
      ns[key].push(Number(process.hrtime.bigint() - start));
    }
  }
  return Object.fromEntries(keys.map((k) => [k, { ns: ns[k], medianNs: median(ns[k]) }])) as Record<
    K,
    Samples
  >;
}

export function median(values: number[]): number {
  if (!values.length) throw new Error('median of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `count` things per median repetition, as a rate per second. */
export function perSecond(count: number, samples: Samples): number {
  return count / (samples.medianNs / 1e9);
}

/**
 * Samples `process.memoryUsage.rss()` every `intervalMs` until stopped. The sampler only sees
 * turns of the event loop, so `stop()` takes one last sample and also folds in the kernel's
 * high-water mark of this process image (Linux `VmHWM`), which catches a peak between samples.
 * Not `resourceUsage().maxRSS`: Linux carries it across fork and exec, so a child would report
 * its parent's peak.
 */
export function startRssSampler(intervalMs = 10): { sample(): void; stop(): { peakBytes: number } } {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    sample,
    stop() {
      clearInterval(timer);
      sample();
      return { peakBytes: Math.max(peak, highWaterMark() ?? 0) };
    },
  };
}

/** Peak RSS of this process image in bytes, where the kernel tells (Linux), else undefined. */
function highWaterMark(): number | undefined {
  try {
    const kb = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

export const MB = 1024 * 1024;
