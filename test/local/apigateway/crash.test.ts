/** The issuer's signing key survives SIGKILL: tokens signed before a crash still open the API after it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { kill } from '../../support/child';
import { tempDataDir } from '../../support/local';

/** Starts `child-api.ts` on `dir` and resolves with what it printed once ready. */
async function startChild(dir: string): Promise<{ child: ChildProcess; apiEndpoint: string; token: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'child-api.ts'), dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`child exited with ${code} before it was ready`)));
  });
  lines.close();
  child.stdout!.resume();
  return { child, ...(JSON.parse(first) as { apiEndpoint: string; token: string }) };
}

const me = (apiEndpoint: string, token: string) =>
  fetch(`${apiEndpoint}/me`, { headers: { authorization: `Bearer ${token}` } });

describe('crash and restart (SIGKILL)', () => {
  const data = tempDataDir();
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child) await kill(child);
    data.remove();
  });

  it('keeps the signing key: the same JWKS, and tokens from before the crash are accepted', async () => {
    const first = await startChild(data.dir);
    child = first.child;
    expect((await me(first.apiEndpoint, first.token)).status).toBe(200);
    const jwksBefore = await (await fetch(`${first.apiEndpoint}/.well-known/jwks.json`)).json();
    await kill(first.child);

    const second = await startChild(data.dir);
    child = second.child;
    expect(await (await fetch(`${second.apiEndpoint}/.well-known/jwks.json`)).json()).toEqual(jwksBefore);
    const response = await me(second.apiEndpoint, first.token);
    expect(response.status).toBe(200);
    expect(
      ((await response.json()) as { requestContext: { authorizer: { jwt: { claims: { sub: string } } } } })
        .requestContext.authorizer.jwt.claims.sub,
    ).toBe(`pid-${first.child.pid}`);
  });
});
