import { cpus } from 'node:os';
import { bench as eventbridge } from './eventbridge';
import type { Bench, Row } from './measure';
import { bench as sqs } from './sqs';
import { bench as stepfunctions } from './stepfunctions';
import { bench as transcode } from './transcode';

/**
 * `npm run bench [-- name…]`: runs every benchmark module (or the named ones) and prints one
 * table. A new module exports `bench()` and gets a line here. Missed targets are printed,
 * never turned into a failing exit code; only a benchmark that breaks fails the run.
 */
const MODULES: Record<string, Bench> = { stepfunctions, eventbridge, sqs, transcode };

async function main(names: string[]): Promise<void> {
  const unknown = names.filter((n) => !(n in MODULES));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(MODULES).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const selected = names.length ? names : Object.keys(MODULES);
  console.log(`node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`);
  const rows: Row[] = [];
  for (const name of selected) {
    const started = process.hrtime.bigint();
    try {
      rows.push(...(await MODULES[name]()));
      console.log(`${name}: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s`);
    } catch (error) {
      // A broken benchmark (not a missed target) fails the run, after the others have run.
      console.error(`${name} broke:`, error);
      process.exitCode = 1;
    }
  }
  console.log();
  console.log(table(rows));
  const targets = rows.filter((r) => r.target);
  const met = targets.filter((r) => r.target!.met).length;
  console.log(`\ntargets met: ${met}/${targets.length}`);
}

function table(rows: Row[]): string {
  const header = ['benchmark', 'subject', 'figure', 'vs peer', 'target', '', 'note'];
  const cells = rows.map((r) => [
    r.benchmark,
    r.subject,
    `${formatNumber(r.value)} ${r.unit}`,
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
    r.target?.text ?? '',
    r.target ? (r.target.met ? 'PASS' : 'FAIL') : '',
    r.note ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => (i === 2 || i === 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function formatNumber(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
