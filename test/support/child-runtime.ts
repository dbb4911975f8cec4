/**
 * A durable local runtime in its own process, for crash tests:
 * `child-runtime.ts DIR [OFFSET_MS] [TOPOLOGY_MODULE]`. Its clock runs OFFSET_MS ahead of the
 * system clock, so a restart can land "later" without waiting. TOPOLOGY_MODULE (a path) exports
 * `topology`; the engine fixtures by default. Prints one JSON line with the endpoint once ready.
 */
import { resolve } from 'node:path';
import type { Topology } from '../../infra/topology';
import { systemClock, type Clock } from '../../infra/local/clock';
import { startLocalRuntime } from '../../infra/local/runtime';

const [dataDir, offsetText = '0', topologyModule = resolve(__dirname, '../fixtures/engine-topology.ts')] =
  process.argv.slice(2);
const offset = Number(offsetText);
const clock: Clock = {
  now: () => systemClock.now() + offset,
  at: (at, fn) => systemClock.at(at - offset, fn),
};
const { topology } = require(resolve(topologyModule)) as { topology: Topology };

startLocalRuntime({ dataDir, port: 0, topology, clock }).then((runtime) => {
  process.stdout.write(`${JSON.stringify({ endpoint: runtime.endpoint, recovered: runtime.recovered })}\n`);
});
