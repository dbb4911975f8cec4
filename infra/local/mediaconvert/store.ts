import type { Statement } from 'better-sqlite3';
import type { LocalDatabase } from '../store/database';
import type { JobRecord, JobStatus } from './records';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS mediaconvert_jobs (
  id TEXT PRIMARY KEY, seq INTEGER NOT NULL, status TEXT NOT NULL, client_token TEXT NOT NULL, doc TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS mediaconvert_jobs_by_seq ON mediaconvert_jobs (seq);
CREATE INDEX IF NOT EXISTS mediaconvert_jobs_by_status ON mediaconvert_jobs (status, seq);
CREATE INDEX IF NOT EXISTS mediaconvert_jobs_by_token ON mediaconvert_jobs (client_token);
`;

export interface JobQuery {
  status?: JobStatus;
  ascending: boolean;
  /** Only jobs after this seq in the listing order. */
  after?: number;
  limit: number;
}

/** MediaConvert's jobs in the runtime database. Writes go through the group commit; reads flush first. */
export class JobStore {
  private readonly put: Statement;
  private readonly byId: Statement;
  private readonly byToken: Statement;
  private readonly unfinishedJobs: Statement;
  private readonly maxSeq: Statement;

  constructor(private readonly local: LocalDatabase) {
    const db = local.db;
    db.exec(SCHEMA);
    this.put = db.prepare(
      'INSERT OR REPLACE INTO mediaconvert_jobs (id, seq, status, client_token, doc) VALUES (?, ?, ?, ?, ?)',
    );
    this.byId = db.prepare('SELECT doc FROM mediaconvert_jobs WHERE id = ?');
    this.byToken = db.prepare(
      'SELECT doc FROM mediaconvert_jobs WHERE client_token = ? ORDER BY seq DESC LIMIT 1',
    );
    this.unfinishedJobs = db.prepare(
      "SELECT doc FROM mediaconvert_jobs WHERE status IN ('SUBMITTED', 'PROGRESSING') ORDER BY seq",
    );
    this.maxSeq = db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM mediaconvert_jobs');
  }

  /** Saves the job as it is at commit time. */
  save(job: JobRecord): void {
    this.local.write(
      () => this.put.run(job.id, job.seq, job.status, job.clientRequestToken, JSON.stringify(job)),
      `mediaconvert:${job.id}`,
    );
  }

  job(id: string): JobRecord | undefined {
    this.local.flush();
    return doc(this.byId.get(id));
  }

  byClientToken(token: string): JobRecord | undefined {
    this.local.flush();
    return doc(this.byToken.get(token));
  }

  /** SUBMITTED and PROGRESSING jobs, oldest first. */
  unfinished(): JobRecord[] {
    this.local.flush();
    return this.unfinishedJobs.all().map((row) => doc(row)!);
  }

  list(query: JobQuery): JobRecord[] {
    this.local.flush();
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (query.status) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.after !== undefined) {
      where.push(query.ascending ? 'seq > ?' : 'seq < ?');
      params.push(query.after);
    }
    const sql = `SELECT doc FROM mediaconvert_jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq ${query.ascending ? 'ASC' : 'DESC'} LIMIT ?`;
    return this.local.db
      .prepare(sql)
      .all(...params, query.limit)
      .map((row) => doc(row)!);
  }

  lastSeq(): number {
    this.local.flush();
    return (this.maxSeq.get() as { seq: number }).seq;
  }
}

function doc(row: unknown): JobRecord | undefined {
  return row ? (JSON.parse((row as { doc: string }).doc) as JobRecord) : undefined;
}
