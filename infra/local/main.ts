/** `npm start`: the local runtime in the foreground, until Ctrl-C or SIGTERM. */
import { jsonLinesAccessLog } from './apigateway/access-log';
import { jsonLinesJobLog } from './mediaconvert/log';
import { parseOptions, USAGE, UsageError } from './options';
import { startLocalRuntime } from './runtime';

async function main(): Promise<void> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const runtime = await startLocalRuntime({
    ...options,
    apiAccessLog: jsonLinesAccessLog((line) => process.stdout.write(line)),
    mediaConvertLog: jsonLinesJobLog((line) => process.stdout.write(line)),
  });
  const machines = runtime.stateMachines.list();
  console.log(
    [
      `Lectern local runtime ready on ${runtime.endpoint}`,
      `  state:          ${runtime.dataDir ?? 'in memory (nothing survives a restart)'}`,
      `  Step Functions: ${machines.length} state machine(s)${machines.length ? ': ' + machines.map((m) => m.name).join(', ') : ''}`,
      `  resumed:        ${runtime.recovered} running execution(s)`,
      ...(runtime.api
        ? [
            `  HTTP API:       ${runtime.api.endpoint} (${runtime.api.routes.length} route(s))`,
            ...runtime.api.routes.map(
              (r) => `                    ${r.key} → ${r.function}${r.auth === 'jwt' ? ' (JWT)' : ''}`,
            ),
          ]
        : []),
      `  use it with:    AWS_ENDPOINT_URL=${runtime.endpoint} AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test`,
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    // close() commits the writes in progress before the database is closed.
    runtime.close().then(
      () => {
        console.log(`Stopped (${signal}); state saved.`);
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
