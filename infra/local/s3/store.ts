import type Database from 'better-sqlite3';
import type { LocalDatabase } from '../store/database';
import type { BucketRecord, ObjectRecord } from './records';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS s3_buckets (name TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS s3_objects (
  bucket TEXT NOT NULL, key BLOB NOT NULL, file TEXT NOT NULL, doc TEXT NOT NULL,
  PRIMARY KEY (bucket, key)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS s3_sequencer (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
`;

/**
 * S3's tables in the runtime database. Keys are stored as UTF-8 BLOBs so that SQLite orders
 * them byte by byte, as S3 lists them. Writes go through the group commit; reads flush first.
 */
export class S3Store {
  private readonly stmt;
  private sequence: number;

  constructor(private readonly local: LocalDatabase) {
    const db: Database.Database = local.db;
    db.exec(SCHEMA);
    this.stmt = {
      putBucket: db.prepare('INSERT OR REPLACE INTO s3_buckets (name, doc) VALUES (?, ?)'),
      deleteBucket: db.prepare('DELETE FROM s3_buckets WHERE name = ?'),
      bucket: db.prepare('SELECT doc FROM s3_buckets WHERE name = ?'),
      buckets: db.prepare('SELECT doc FROM s3_buckets ORDER BY name'),
      putObject: db.prepare('INSERT OR REPLACE INTO s3_objects (bucket, key, file, doc) VALUES (?, ?, ?, ?)'),
      deleteObject: db.prepare('DELETE FROM s3_objects WHERE bucket = ? AND key = ?'),
      object: db.prepare('SELECT doc FROM s3_objects WHERE bucket = ? AND key = ?'),
      anyObject: db.prepare('SELECT 1 FROM s3_objects WHERE bucket = ? LIMIT 1'),
      scan: db.prepare('SELECT doc FROM s3_objects WHERE bucket = ? AND key >= ? ORDER BY key LIMIT ?'),
      fileUsed: db.prepare('SELECT 1 FROM s3_objects WHERE file = ? LIMIT 1'),
      putSequence: db.prepare('INSERT OR REPLACE INTO s3_sequencer (id, value) VALUES (1, ?)'),
      sequence: db.prepare('SELECT value FROM s3_sequencer WHERE id = 1'),
    };
    db.exec('CREATE INDEX IF NOT EXISTS s3_objects_by_file ON s3_objects (file)');
    this.sequence = (this.stmt.sequence.get() as { value: number } | undefined)?.value ?? 0;
  }

  // Writes (group-committed)

  putBucket(bucket: BucketRecord): void {
    this.local.write(
      () => this.stmt.putBucket.run(bucket.name, JSON.stringify(bucket)),
      `s3b:${bucket.name}`,
    );
  }

  deleteBucket(name: string): void {
    this.local.write(() => this.stmt.deleteBucket.run(name), `s3b:${name}`);
  }

  putObject(object: ObjectRecord): void {
    const key = Buffer.from(object.key);
    const doc = JSON.stringify(object);
    this.local.write(
      () => this.stmt.putObject.run(object.bucket, key, object.file, doc),
      `s3o:${object.bucket}/${object.key}`,
    );
  }

  deleteObject(bucket: string, key: string): void {
    this.local.write(() => this.stmt.deleteObject.run(bucket, Buffer.from(key)), `s3o:${bucket}/${key}`);
  }

  /** The next event sequencer: 16 hex digits that grow with every change, across restarts. */
  nextSequencer(): string {
    const value = ++this.sequence;
    this.local.write(() => this.stmt.putSequence.run(this.sequence), 's3:sequencer');
    return value.toString(16).toUpperCase().padStart(16, '0');
  }

  // Reads (see every write made so far)

  bucket(name: string): BucketRecord | undefined {
    this.local.flush();
    return doc<BucketRecord>(this.stmt.bucket.get(name));
  }

  buckets(): BucketRecord[] {
    this.local.flush();
    return this.stmt.buckets.all().map((row) => doc<BucketRecord>(row)!);
  }

  object(bucket: string, key: string): ObjectRecord | undefined {
    this.local.flush();
    return doc<ObjectRecord>(this.stmt.object.get(bucket, Buffer.from(key)));
  }

  hasObjects(bucket: string): boolean {
    this.local.flush();
    return this.stmt.anyObject.get(bucket) !== undefined;
  }

  /** Objects whose UTF-8 key is at or after `from`, in S3's (byte) order. */
  scan(bucket: string, from: Buffer, limit: number): ObjectRecord[] {
    this.local.flush();
    return this.stmt.scan.all(bucket, from, limit).map((row) => doc<ObjectRecord>(row)!);
  }

  /** Whether an object's bytes are in `file` (at start-up, after a flush: no flush per call). */
  isFileUsed(file: string): boolean {
    return this.stmt.fileUsed.get(file) !== undefined;
  }
}

function doc<T>(row: unknown): T | undefined {
  return row ? (JSON.parse((row as { doc: string }).doc) as T) : undefined;
}
