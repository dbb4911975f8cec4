import { parseArgs } from 'node:util';
import type { RuntimeOptions } from './runtime';

export const USAGE = `Usage: npm start -- [--port N] [--data-dir DIR] [--memory]

  --port N        port for the AWS APIs (env LECTERN_PORT, default 4566)
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
        'data-dir': { type: 'string' },
        memory: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const portText = values.port ?? env.LECTERN_PORT ?? '4566';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new UsageError(`--port must be 0..65535, got '${portText}'`);
  const memoryEnv = env.LECTERN_MEMORY;
  if (memoryEnv !== undefined && !['0', '1', 'true', 'false', ''].includes(memoryEnv)) {
    throw new UsageError(`LECTERN_MEMORY must be 1 or 0, got '${memoryEnv}'`);
  }
  return {
    port,
    dataDir: values['data-dir'] ?? env.LECTERN_DATA_DIR ?? '.lectern',
    memory: values.memory ?? (memoryEnv === '1' || memoryEnv === 'true'),
    help: values.help ?? false,
  };
}
