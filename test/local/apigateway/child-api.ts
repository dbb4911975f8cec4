/**
 * A durable runtime serving the API Gateway fixtures in its own process, for the crash test:
 * `child-api.ts DIR`. Once ready it prints one JSON line: the API's URL, its JWKS and a token
 * its issuer signed.
 */
import { startLocalRuntime } from '../../../infra/local/runtime';
import { topology } from '../../fixtures/apigateway-topology';

startLocalRuntime({ dataDir: process.argv[2], port: 0, apiPort: 0, topology }).then(async (runtime) => {
  const token = await runtime.api!.issuer!.sign({ sub: `pid-${process.pid}` });
  process.stdout.write(`${JSON.stringify({ apiEndpoint: runtime.apiEndpoint, token })}\n`);
});
