import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import type { BucketSpec } from '../../topology';
import type { Clock } from '../clock';
import type { EventEntry } from '../eventbridge/entries';
import type { ServiceEvents } from '../eventbridge/local-eventbridge';
import type { LocalDatabase } from '../store/database';
import { checkKey } from './addressing';
import { BlobStore } from './blobs';
import { noSuchBucket, S3Error } from './errors';
import { objectCreated, objectDeleted, type CreatedReason, type Requester } from './events';
import { listPage, type ListPage, type ListRequest } from './listing';
import type { BucketRecord, ObjectRecord, StoredHeader } from './records';
import { S3Store } from './store';

/** S3's limit for a single PUT. */
export const MAX_OBJECT_SIZE = 5 * 1024 ** 3;

export interface LocalS3Options {
  db: LocalDatabase;
  /** Object bytes go under `<dataDir>/s3/`; null keeps them in a temporary directory. */
  dataDir: string | null;
  clock: Clock;
  /** Where `Object Created`/`Object Deleted` go for buckets with `eventBridge`. */
  events?: ServiceEvents;
}

/** What a new object carries besides its bytes. */
export interface ObjectAttributes {
  size: number;
  md5: Buffer;
  headers: Partial<Record<StoredHeader, string>>;
  metadata: Record<string, string>;
}

const INTERNAL: Requester = { requestId: 'local', sourceIp: '127.0.0.1' };

/**
 * The local S3: buckets and objects (metadata in SQLite, bytes in files), and the events they
 * emit. The S3 API (`service.ts`) and MediaConvert (`objectFile`, `putObjectFile`) both use it.
 * Every change is queued on the group commit together with its event; callers that answer a
 * client await `committed()` first.
 */
export class LocalS3 {
  readonly maxObjectSize = MAX_OBJECT_SIZE;
  private readonly blobs: BlobStore;
  private readonly store: S3Store;
  private readonly db: LocalDatabase;
  private readonly clock: Clock;
  private readonly events?: ServiceEvents;

  constructor(options: LocalS3Options) {
    this.db = options.db;
    this.clock = options.clock;
    this.events = options.events;
    this.store = new S3Store(options.db);
    this.blobs = BlobStore.open(options.dataDir);
    this.db.flush();
    this.blobs.sweep((name) => this.store.isFileUsed(name));
  }

  /** Creates a topology bucket, or brings an existing one's settings up to date. */
  ensureBucket(spec: BucketSpec): void {
    if (spec.eventBridge && !this.events) {
      throw new Error(`Bucket ${spec.name} sends events, but the local S3 has no EventBridge`);
    }
    const existing = this.store.bucket(spec.name);
    this.store.putBucket({
      name: spec.name,
      createdAt: existing?.createdAt ?? this.clock.now(),
      eventBridge: spec.eventBridge ?? false,
      corsOrigins: spec.corsOrigins ?? [],
    });
  }

  /** Creates a bucket made through the API (no events, no CORS) unless it exists. */
  createBucket(name: string): void {
    if (this.store.bucket(name)) return;
    this.store.putBucket({ name, createdAt: this.clock.now(), eventBridge: false, corsOrigins: [] });
  }

  bucket(name: string): BucketRecord | undefined {
    return this.store.bucket(name);
  }

  requireBucket(name: string): BucketRecord {
    const bucket = this.store.bucket(name);
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }

  buckets(): BucketRecord[] {
    return this.store.buckets();
  }

  deleteBucket(name: string): void {
    this.requireBucket(name);
    if (this.store.hasObjects(name)) {
      throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, {
        BucketName: name,
      });
    }
    this.store.deleteBucket(name);
  }

  object(bucket: string, key: string): ObjectRecord | undefined {
    return this.store.object(bucket, key);
  }

  /** Absolute path of an object's bytes; read it before the object is replaced or deleted. */
  objectFile(bucket: string, key: string): string | undefined {
    const object = this.store.object(bucket, key);
    return object && this.blobs.path(object.file);
  }

  pathOf(object: ObjectRecord): string {
    return this.blobs.path(object.file);
  }

  /** Where to receive a body before `putObject` takes it in. */
  tempFile(): string {
    return this.blobs.tempFile();
  }

  /**
   * Stores `sourceFile` (moved in: renamed, or copied and removed across file systems) as the
   * object, and emits its event. For MediaConvert's outputs; the commit follows in this turn.
   */
  putObjectFile(bucket: string, key: string, sourceFile: string, contentType?: string): void {
    const target = this.requireBucket(bucket);
    checkKey(key);
    const { size, md5 } = digestFile(sourceFile);
    const file = this.blobs.adoptFrom(sourceFile);
    const headers = { 'content-type': contentType ?? 'binary/octet-stream' };
    this.record(target, key, file, { size, md5, headers, metadata: {} }, 'PutObject', INTERNAL);
  }

  /** Takes a received body (`tempFile()`) in as the object, with its event. */
  putObject(
    bucket: string,
    key: string,
    tempFile: string,
    attributes: ObjectAttributes,
    reason: CreatedReason,
    requester: Requester,
  ): ObjectRecord {
    const target = this.store.bucket(bucket);
    if (!target) {
      rmSync(tempFile, { force: true });
      throw noSuchBucket(bucket);
    }
    return this.record(target, key, this.blobs.adopt(tempFile), attributes, reason, requester);
  }

  /** Copies the source's bytes to a new object with the given attributes. */
  async copyObject(
    source: ObjectRecord,
    bucket: string,
    key: string,
    attributes: Pick<ObjectAttributes, 'headers' | 'metadata'>,
    requester: Requester,
  ): Promise<ObjectRecord> {
    const temp = this.blobs.tempFile();
    await copyFile(this.blobs.path(source.file), temp);
    const md5 = Buffer.from(source.etag, 'hex');
    return this.putObject(
      bucket,
      key,
      temp,
      { ...attributes, size: source.size, md5 },
      'CopyObject',
      requester,
    );
  }

  /** Deletes an object if it exists (emitting `Object Deleted`); S3 answers the same either way. */
  deleteObject(bucket: string, key: string, requester: Requester): void {
    const target = this.requireBucket(bucket);
    const existing = this.store.object(bucket, key);
    if (!existing) return;
    this.store.deleteObject(bucket, key);
    if (target.eventBridge) {
      const sequencer = this.store.nextSequencer();
      this.emitOrUndo(objectDeleted(bucket, { key, sequencer }, requester, this.now()), () =>
        this.store.putObject(existing),
      );
    }
    this.db.afterCommit(() => this.blobs.remove(existing.file));
  }

  list(bucket: string, request: ListRequest): ListPage {
    this.requireBucket(bucket);
    return listPage(this.store, bucket, request);
  }

  /** Resolves once every change made so far is committed. */
  committed(): Promise<void> {
    return new Promise((resolve) => this.db.afterCommit(resolve));
  }

  close(): void {
    this.blobs.close();
  }

  private record(
    target: BucketRecord,
    key: string,
    file: string,
    attributes: ObjectAttributes,
    reason: CreatedReason,
    requester: Requester,
  ): ObjectRecord {
    const bucket = target.name;
    const object: ObjectRecord = {
      bucket,
      key,
      file,
      size: attributes.size,
      etag: attributes.md5.toString('hex'),
      lastModified: this.clock.now(),
      headers: attributes.headers,
      metadata: attributes.metadata,
    };
    const previous = this.store.object(bucket, key);
    this.store.putObject(object);
    if (target.eventBridge) {
      const { size, etag } = object;
      const sequencer = this.store.nextSequencer();
      this.emitOrUndo(
        objectCreated(bucket, { key, size, etag, sequencer }, reason, requester, this.now()),
        () => {
          if (previous) this.store.putObject(previous);
          else this.store.deleteObject(bucket, key);
          this.db.afterCommit(() => this.blobs.remove(file));
        },
      );
    }
    if (previous) this.db.afterCommit(() => this.blobs.remove(previous.file));
    return object;
  }

  /**
   * Sends the event of a change already queued. EventBridge's putEvents commits what is queued,
   * so the change and its event land in one transaction. Should EventBridge refuse the event,
   * `undo` queues the change's reversal: no object stays stored without its event.
   */
  private emitOrUndo(entry: EventEntry, undo: () => void): void {
    let failure: string | undefined;
    try {
      const result = this.events!.putEvents([entry]);
      if (result.FailedEntryCount > 0)
        failure = `${result.Entries[0]?.ErrorCode} ${result.Entries[0]?.ErrorMessage}`;
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (failure === undefined) return;
    undo();
    throw new S3Error('InternalError', `EventBridge refused the ${entry.DetailType} event: ${failure}`, 500);
  }

  private now(): Date {
    return new Date(this.clock.now());
  }
}

/** Size and MD5 of a file, read in 1 MiB blocks (MediaConvert outputs can be large). */
function digestFile(path: string): { size: number; md5: Buffer } {
  const hash = createHash('md5');
  const block = Buffer.allocUnsafe(1024 * 1024);
  const fd = openSync(path, 'r');
  let size = 0;
  try {
    for (let n; (n = readSync(fd, block, 0, block.length, null)) > 0; size += n)
      hash.update(block.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return { size, md5: hash.digest() };
}
