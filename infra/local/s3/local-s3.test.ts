import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../clock';
import { LocalDatabase } from '../store/database';
import type { EventEntry } from '../eventbridge/entries';
import type { ServiceEvents } from '../eventbridge/local-eventbridge';
import { LocalS3 } from './local-s3';

/** A stand-in for EventBridge's internal PutEvents that records the entries (or refuses them). */
function fakeEvents(refuse: () => boolean = () => false): ServiceEvents & { entries: EventEntry[] } {
  const entries: EventEntry[] = [];
  return {
    entries,
    putEvents(batch) {
      if (refuse()) {
        return {
          FailedEntryCount: batch.length,
          Entries: batch.map(() => ({ ErrorCode: 'InternalFailure', ErrorMessage: 'no' })),
        };
      }
      entries.push(...batch);
      return { FailedEntryCount: 0, Entries: batch.map((_, i) => ({ EventId: `e${i}` })) };
    },
  };
}

describe('LocalS3', () => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), 'lectern-s3-unit-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function start(events?: ServiceEvents, dataDir: string | null = null) {
    const db = new LocalDatabase(dataDir);
    const clock = new ManualClock();
    const s3 = new LocalS3({ db, dataDir, clock, events });
    return { db, clock, s3, close: () => (s3.close(), db.close()) };
  }

  function sourceFile(content: string): string {
    const file = join(scratch(), 'output.ts');
    writeFileSync(file, content);
    return file;
  }

  it('moves a file in with putObjectFile and gives its path back from objectFile', () => {
    const { s3, close } = start();
    s3.ensureBucket({ name: 'videos' });
    const source = sourceFile('segment bytes');
    s3.putObjectFile('videos', 'hls/720p/0001.ts', source, 'video/mp2t');
    const path = s3.objectFile('videos', 'hls/720p/0001.ts')!;
    expect(readFileSync(path, 'utf8')).toBe('segment bytes');
    expect(existsSync(source)).toBe(false);
    expect(s3.object('videos', 'hls/720p/0001.ts')).toMatchObject({
      size: 13,
      etag: '88eac7445d5af879fd1a5cbd96db5df3',
      headers: { 'content-type': 'video/mp2t' },
    });
    close();
  });

  it('answers undefined from objectFile for a missing object', () => {
    const { s3, close } = start();
    s3.ensureBucket({ name: 'videos' });
    expect(s3.objectFile('videos', 'nothing')).toBeUndefined();
    close();
  });

  it('refuses putObjectFile into a missing bucket with NoSuchBucket', () => {
    const { s3, close } = start();
    expect(() => s3.putObjectFile('nope', 'k', sourceFile('x'))).toThrow(
      expect.objectContaining({ code: 'NoSuchBucket' }),
    );
    close();
  });

  it('emits Object Created to the default bus for an eventBridge bucket, as S3 does', () => {
    const events = fakeEvents();
    const { s3, clock, close } = start(events);
    s3.ensureBucket({ name: 'uploads', eventBridge: true });
    s3.putObjectFile('uploads', 'in/a b.mp4', sourceFile('hello'));
    expect(events.entries).toHaveLength(1);
    const [entry] = events.entries;
    expect(entry).toMatchObject({
      Source: 'aws.s3',
      DetailType: 'Object Created',
      EventBusName: 'default',
      Resources: ['arn:aws:s3:::uploads'],
      Time: new Date(clock.now()),
    });
    expect(JSON.parse(entry.Detail!)).toEqual({
      version: '0',
      bucket: { name: 'uploads' },
      object: {
        key: 'in/a b.mp4',
        size: 5,
        etag: '5d41402abc4b2a76b9719d911017c592',
        sequencer: '0000000000000001',
      },
      'request-id': 'local',
      requester: '000000000000',
      'source-ip-address': '127.0.0.1',
      reason: 'PutObject',
    });
    close();
  });

  it('emits nothing for a bucket without eventBridge', () => {
    const events = fakeEvents();
    const { s3, close } = start(events);
    s3.ensureBucket({ name: 'quiet' });
    s3.putObjectFile('quiet', 'k', sourceFile('x'));
    expect(events.entries).toHaveLength(0);
    close();
  });

  it('stores nothing when EventBridge refuses the event', () => {
    const { s3, close } = start(fakeEvents(() => true));
    s3.ensureBucket({ name: 'uploads', eventBridge: true });
    const source = sourceFile('x');
    expect(() => s3.putObjectFile('uploads', 'k', source)).toThrow(
      expect.objectContaining({ code: 'InternalError' }),
    );
    expect(s3.object('uploads', 'k')).toBeUndefined();
    close();
  });

  it('keeps the previous version when EventBridge refuses the event of its replacement', async () => {
    let refuse = false;
    const { s3, close } = start(fakeEvents(() => refuse));
    s3.ensureBucket({ name: 'uploads', eventBridge: true });
    s3.putObjectFile('uploads', 'k', sourceFile('first'));
    refuse = true;
    expect(() => s3.putObjectFile('uploads', 'k', sourceFile('second'))).toThrow(
      expect.objectContaining({ code: 'InternalError' }),
    );
    await s3.committed();
    expect(readFileSync(s3.objectFile('uploads', 'k')!, 'utf8')).toBe('first');
    close();
  });

  it('keeps an object whose deletion EventBridge refuses to announce', () => {
    let refuse = false;
    const { s3, close } = start(fakeEvents(() => refuse));
    s3.ensureBucket({ name: 'uploads', eventBridge: true });
    s3.putObjectFile('uploads', 'k', sourceFile('x'));
    refuse = true;
    expect(() => s3.deleteObject('uploads', 'k', { requestId: 'r', sourceIp: '::1' })).toThrow(
      expect.objectContaining({ code: 'InternalError' }),
    );
    expect(s3.object('uploads', 'k')).toBeDefined();
    close();
  });

  it('emits Object Deleted for an object that existed, with a later sequencer', () => {
    const events = fakeEvents();
    const { s3, close } = start(events);
    s3.ensureBucket({ name: 'uploads', eventBridge: true });
    s3.putObjectFile('uploads', 'k', sourceFile('x'));
    s3.deleteObject('uploads', 'k', { requestId: 'r1', sourceIp: '10.0.0.1' });
    s3.deleteObject('uploads', 'k', { requestId: 'r2', sourceIp: '10.0.0.1' });
    expect(events.entries.map((e) => e.DetailType)).toEqual(['Object Created', 'Object Deleted']);
    expect(JSON.parse(events.entries[1].Detail!)).toEqual({
      version: '0',
      bucket: { name: 'uploads' },
      object: { key: 'k', sequencer: '0000000000000002' },
      'request-id': 'r1',
      requester: '000000000000',
      'source-ip-address': '10.0.0.1',
      reason: 'DeleteObject',
      'deletion-type': 'Permanently Deleted',
    });
    close();
  });

  it('refuses a bucket with eventBridge when there is no EventBridge to send to', () => {
    const { s3, close } = start();
    expect(() => s3.ensureBucket({ name: 'uploads', eventBridge: true })).toThrow(/no EventBridge/);
    close();
  });

  it('removes the replaced file once the new version is committed', async () => {
    const { s3, close } = start();
    s3.ensureBucket({ name: 'b' });
    s3.putObjectFile('b', 'k', sourceFile('one'));
    const first = s3.objectFile('b', 'k')!;
    s3.putObjectFile('b', 'k', sourceFile('two'));
    await s3.committed();
    expect(existsSync(first)).toBe(false);
    expect(readFileSync(s3.objectFile('b', 'k')!, 'utf8')).toBe('two');
    close();
  });

  it('removes files no object refers to when it starts (a crash between rename and commit)', () => {
    const dataDir = scratch();
    const first = start(undefined, dataDir);
    first.s3.ensureBucket({ name: 'b' });
    first.s3.putObjectFile('b', 'kept', sourceFile('kept'));
    first.close();
    const stray = join(dataDir, 's3', 'objects', 'stray');
    writeFileSync(stray, 'half');
    const second = start(undefined, dataDir);
    expect(existsSync(stray)).toBe(false);
    expect(readFileSync(second.s3.objectFile('b', 'kept')!, 'utf8')).toBe('kept');
    second.close();
  });

  it('removes its temporary directory on close in memory mode', () => {
    const { s3, close } = start();
    s3.ensureBucket({ name: 'b' });
    s3.putObjectFile('b', 'k', sourceFile('x'));
    const path = s3.objectFile('b', 'k')!;
    close();
    expect(existsSync(path)).toBe(false);
  });

  describe('list', () => {
    // 'ü' is 0xC3 0xBC in UTF-8: after 'z', whatever the locale says.
    const keys = [
      'a.txt',
      'photos/2025/x.jpg',
      'photos/2026/y.jpg',
      'photos/z.jpg',
      'photos0',
      'z.txt',
      'ü.txt',
    ];
    function filled() {
      const started = start();
      started.s3.ensureBucket({ name: 'b' });
      for (const key of keys) started.s3.putObjectFile('b', key, sourceFile(key));
      return started;
    }
    const from = Buffer.alloc(0);

    it('lists keys in UTF-8 byte order', () => {
      const { s3, close } = filled();
      expect(s3.list('b', { prefix: '', maxKeys: 1000, from }).contents.map((o) => o.key)).toEqual(keys);
      close();
    });

    it('rolls keys up into common prefixes at the delimiter', () => {
      const { s3, close } = filled();
      const page = s3.list('b', { prefix: 'photos/', delimiter: '/', maxKeys: 1000, from });
      expect(page.contents.map((o) => o.key)).toEqual(['photos/z.jpg']);
      expect(page.commonPrefixes).toEqual(['photos/2025/', 'photos/2026/']);
      expect(page.next).toBeUndefined();
      close();
    });

    it('counts a common prefix as one entry and continues after it', () => {
      const { s3, close } = filled();
      const first = s3.list('b', { prefix: '', delimiter: '/', maxKeys: 2, from });
      expect([...first.contents.map((o) => o.key), ...first.commonPrefixes]).toEqual(['a.txt', 'photos/']);
      const second = s3.list('b', { prefix: '', delimiter: '/', maxKeys: 2, from: first.next! });
      expect(second.contents.map((o) => o.key)).toEqual(['photos0', 'z.txt']);
      const third = s3.list('b', { prefix: '', delimiter: '/', maxKeys: 2, from: second.next! });
      expect(third.contents.map((o) => o.key)).toEqual(['ü.txt']);
      expect(third.next).toBeUndefined();
      close();
    });
  });
});
