import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local runtime's own state: one SQLite database in the data directory, or in memory.
 *
 * Writes are buffered and committed together in one transaction (group commit) at the end of
 * the current turn of the event loop, or earlier when someone calls `flush()`. Work that must
 * not become visible before its state is durable registers with `afterCommit`.
 * WAL with synchronous=NORMAL survives a killed process (the WAL is in the OS page cache);
 * only a power loss can take the last commits.
 */
export class LocalDatabase {
  readonly db: Database.Database;
  private pending: Array<() => void> = [];
  private keyed = new Map<unknown, () => void>();
  private readonly hooks: Array<() => void> = [];
  private committed: Array<() => void> = [];
  private scheduled = false;
  /** Whether anything was written (or a store buffered something) since the last commit. */
  private dirty = false;
  private closed = false;

  private readonly lock: string | null;

  constructor(dataDir: string | null) {
    this.lock = dataDir ? lockDataDir(dataDir) : null;
    this.db = new Database(dataDir ? join(dataDir, 'lectern.sqlite') : ':memory:');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
  }

  /**
   * Queues a write for the next commit. A write with the same `key` as a queued one replaces it,
   * so a row changed ten times in one turn is written once.
   */
  write(op: () => void, key?: unknown): void {
    if (key === undefined) this.pending.push(op);
    else {
      this.keyed.delete(key);
      this.keyed.set(key, op);
    }
    this.schedule();
  }

  /**
   * Registers a store's own buffered writes: `hook` runs inside every commit's transaction,
   * after the queued writes. Stores with many small writes keep dirty sets and write them here.
   */
  onFlush(hook: () => void): void {
    this.hooks.push(hook);
  }

  /** Makes sure a commit happens soon (stores that buffer through `onFlush` call it on every change). */
  schedule(): void {
    this.dirty = true;
    this.scheduleTurn();
  }

  private scheduleTurn(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Runs `fn` once everything written so far is committed. */
  afterCommit(fn: () => void): void {
    // Nothing waiting to be written: everything so far is committed already.
    if (!this.dirty && !this.committed.length) return queueMicrotask(fn);
    this.committed.push(fn);
    this.scheduleTurn();
  }

  /** Commits every queued write now, then runs the after-commit work. */
  flush(): void {
    if (this.closed) return;
    if (this.dirty) {
      const ops = this.pending;
      const keyed = this.keyed;
      this.pending = [];
      this.keyed = new Map();
      this.dirty = false;
      this.db.transaction(() => {
        for (const op of ops) op();
        for (const op of keyed.values()) op();
        for (const hook of this.hooks) hook();
      })();
    }
    const after = this.committed;
    this.committed = [];
    for (const fn of after) fn();
  }

  close(): void {
    this.flush();
    this.closed = true;
    this.db.close();
    if (this.lock) {
      heldHere.delete(this.lock);
      rmSync(this.lock, { force: true });
    }
  }
}

/**
 * One runtime per data directory: two would interleave their writes (and dynalite's LevelDB would
 * refuse the second with an obscure error). A lock left by a killed process is taken over.
 */
function lockDataDir(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const lock = join(dataDir, 'lectern.lock');
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(lock, 'utf8'));
    const inUse = owner === process.pid ? heldHere.has(lock) : owner > 0 && isAlive(owner);
    if (inUse) {
      throw new Error(
        `The data directory ${dataDir} is in use by process ${owner}; stop it or use another --data-dir`,
      );
    }
    writeFileSync(lock, String(process.pid));
  }
  heldHere.add(lock);
  return lock;
}

/** Locks this process holds (a pid alone cannot tell two runtimes of one process apart). */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
