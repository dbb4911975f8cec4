/** `npm start` as a person runs it: a banner once ready, a clean stop on SIGTERM, usage on bad flags. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { localClient } from '../support/clients';
import { tempDataDir } from '../support/local';

const main = join(__dirname, '../../infra/local/main.ts');

function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const ready = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /ready on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    void exited.then(() => reject(new Error(`exited before ready: ${out}${err}`)));
  });
  return { child, ready, exited, output: () => out, errors: () => err };
}

it('serves the API once ready and stops cleanly on SIGTERM', async () => {
  const data = tempDataDir();
  try {
    // Lectern's topology has an HTTP API: on a free port too, not 3000.
    const runtime = start(['--port', '0', '--api-port', '0', '--data-dir', data.dir]);
    const endpoint = await runtime.ready;
    expect(runtime.output()).toContain(data.dir);
    const sfn = localClient(SFNClient, endpoint);
    await expect(sfn.send(new ListStateMachinesCommand({}))).resolves.toHaveProperty('stateMachines');
    sfn.destroy();
    runtime.child.kill('SIGTERM');
    expect(await runtime.exited).toBe(0);
    expect(runtime.output()).toContain('Stopped (SIGTERM)');
  } finally {
    data.remove();
  }
});

it('refuses an unknown flag with the usage and exit code 2', async () => {
  const runtime = start(['--bogus']);
  runtime.ready.catch(() => {});
  expect(await runtime.exited).toBe(2);
  expect(runtime.errors()).toContain('Usage: npm start');
});
