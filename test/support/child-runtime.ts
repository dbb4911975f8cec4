/**
 * A durable local runtime in its own process, for crash tests:
 * `child-runtime.ts DIR [OFFSET_MS] [TOPOLOGY_MODULE]`. Its clock runs OFFSET_MS ahead of the
 * system clock, so a restart can land "later" without waiting. TOPOLOGY_MODULE (a path) exports
 * `topology`; the engine fixtures by default. Its HTTP API, if the topology has one, is on a free
 * port. Prints one JSON line with the endpoints once ready.
 */
import { resolve } from 'node:path';
import type { Topology } from '../../infra/topology';
import { startLocalRuntime } from '../../infra/local/runtime';
import { offsetClock } from './child';

const [dataDir, offsetText = '0', topologyModule = resolve(__dirname, '../fixtures/engine-topology.ts')] =
  process.argv.slice(2);
const clock = offsetClock(Number(offsetText));
const { topology } = require(resolve(topologyModule)) as { topology: Topology };

startLocalRuntime({ dataDir, port: 0, apiPort: 0, topology, clock }).then((runtime) => {
  const { endpoint, apiEndpoint: api, recovered } = runtime;
  process.stdout.write(`${JSON.stringify({ endpoint, api, recovered })}\n`);
});
