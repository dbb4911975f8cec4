import { parseArgs } from 'node:util';
import type { RuntimeOptions } from './runtime';

export const USAGE = `Usage: npm start -- [--port N] [--api-port N] [--data-dir DIR] [--memory]

  --port N        port for the AWS APIs (env LECTERN_PORT, default 4566)
  --api-port N    port for the HTTP API, API Gateway's stand-in (env LECTERN_API_PORT, default 3000)
  --data-dir DIR  where state is kept (env LECTERN_DATA_DIR, default .lectern)
  --memory        keep everything in memory; nothing survives a restart (env LECTERN_MEMORY=1)
  --help          this text`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The runtime's options from flags, then environment, then defaults. Unknown flags are refused. */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): RuntimeOptions & { help: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        'api-port': { type: 'string' },
        'data-dir': { type: 'string' },
        memory: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const port = parsePort('--port', values.port ?? env.LECTERN_PORT ?? '4566');
  const apiPort = parsePort('--api-port', values['api-port'] ?? env.LECTERN_API_PORT ?? '3000');
  const memoryEnv = env.LECTERN_MEMORY;
  if (memoryEnv !== undefined && !['0', '1', 'true', 'false', ''].includes(memoryEnv)) {
    throw new UsageError(`LECTERN_MEMORY must be 1 or 0, got '${memoryEnv}'`);
  }
  return {
    port,
    apiPort,
    dataDir: values['data-dir'] ?? env.LECTERN_DATA_DIR ?? '.lectern',
    memory: values.memory ?? (memoryEnv === '1' || memoryEnv === 'true'),
    help: values.help ?? false,
  };
}

/** 0 picks a free port. */
function parsePort(flag: string, text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`${flag} must be 0..65535, got '${text}'`);
  return port;
}
