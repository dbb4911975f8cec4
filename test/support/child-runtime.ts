/**
 * A durable local runtime in its own process, for crash tests: `child-runtime.ts DIR [OFFSET_MS]`.
 * Its clock runs OFFSET_MS ahead of the system clock, so a restart can land "later" without
 * waiting. Prints one JSON line with the endpoint once ready.
 */
import { systemClock, type Clock } from '../../infra/local/clock';
import { startLocalRuntime } from '../../infra/local/runtime';
import { engineTopology } from '../fixtures/engine-topology';

const [dataDir, offsetText = '0'] = process.argv.slice(2);
const offset = Number(offsetText);
const clock: Clock = {
  now: () => systemClock.now() + offset,
  at: (at, fn) => systemClock.at(at - offset, fn),
};

startLocalRuntime({ dataDir, port: 0, topology: engineTopology, clock }).then((runtime) => {
  process.stdout.write(`${JSON.stringify({ endpoint: runtime.endpoint, recovered: runtime.recovered })}\n`);
});
