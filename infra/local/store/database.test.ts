import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDatabase } from './database';

describe('LocalDatabase', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lectern-db-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second runtime on the same data directory, and frees it on close', () => {
    const first = new LocalDatabase(dir);
    expect(() => new LocalDatabase(dir)).toThrow(/in use by process/);
    first.close();
    expect(existsSync(join(dir, 'lectern.lock'))).toBe(false);
    new LocalDatabase(dir).close();
  });

  it('takes over the lock of a process that no longer runs', () => {
    // Pid 2^22 + 1 is above Linux's pid_max: no such process.
    writeFileSync(join(dir, 'lectern.lock'), String(2 ** 22 + 1));
    expect(() => new LocalDatabase(dir).close()).not.toThrow();
  });

  it('commits queued writes in one transaction before the after-commit work runs', () => {
    const db = new LocalDatabase(null);
    db.db.exec('CREATE TABLE t (v INTEGER)');
    const seen: number[] = [];
    db.write(() => db.db.prepare('INSERT INTO t VALUES (1)').run());
    db.afterCommit(() => seen.push((db.db.prepare('SELECT COUNT(*) AS n FROM t').get() as { n: number }).n));
    db.flush();
    expect(seen).toEqual([1]);
    db.close();
  });
});
