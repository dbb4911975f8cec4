import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../clock';
import { LocalDatabase } from '../store/database';
import type { EventEntry } from '../eventbridge/entries';
import { MediaConvert } from './jobs';
import type { TranscodePlan } from './plan';
import { JobFailure, type GroupResult, type TranscodeContext } from './transcode';

/** A transcoder the test finishes by hand; it stops when its job is canceled, like ffmpeg. */
class ManualTranscoder {
  private readonly calls: Array<Attempt> = [];
  private waiters: Array<() => void> = [];
  readonly run = (plan: TranscodePlan, context: TranscodeContext) =>
    new Promise<GroupResult[]>((resolve, reject) => {
      if (context.signal.aborted) return reject(new Error('killed'));
      context.signal.addEventListener('abort', () => reject(new Error('killed')));
      this.calls.push({ plan, context, resolve, reject });
      for (const wake of this.waiters.splice(0)) wake();
    });

  /** The next attempt started (waits for it). */
  async next(): Promise<Attempt> {
    while (!this.calls.length) await new Promise<void>((wake) => this.waiters.push(wake));
    return this.calls.shift()!;
  }

  get pending(): number {
    return this.calls.length;
  }
}

interface Attempt {
  plan: TranscodePlan;
  context: TranscodeContext;
  resolve(results: GroupResult[]): void;
  reject(error: Error): void;
}

const RESULT: GroupResult[] = [
  {
    type: 'HLS_GROUP',
    playlistFilePaths: ['s3://media/v/lecture.m3u8'],
    outputDetails: [
      {
        outputFilePaths: ['s3://media/v/lecture_360p.m3u8'],
        durationInMs: 6000,
        videoDetails: { widthInPx: 640, heightInPx: 360, averageBitrate: 500_000 },
      },
    ],
  },
];

function request(extra: Record<string, unknown> = {}) {
  return {
    role: 'arn:aws:iam::000000000000:role/MediaConvert',
    settings: {
      inputs: [{ fileInput: 's3://uploads/lecture.mp4' }],
      outputGroups: [
        {
          outputGroupSettings: {
            type: 'HLS_GROUP_SETTINGS',
            hlsGroupSettings: { destination: 's3://media/v/' },
          },
          outputs: [
            {
              nameModifier: '_360p',
              videoDescription: {
                width: 640,
                height: 360,
                codecSettings: {
                  codec: 'H_264',
                  h264Settings: { rateControlMode: 'QVBR', maxBitrate: 800_000 },
                },
              },
            },
          ],
        },
      ],
    },
    ...extra,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('MediaConvert jobs', () => {
  let db: LocalDatabase;
  let clock: ManualClock;
  let events: Array<{ status: string; detail: Record<string, unknown> }>;
  let transcoder: ManualTranscoder;
  let mediaConvert: MediaConvert;

  const start = (options: { concurrency?: number } = {}) =>
    new MediaConvert({
      db,
      clock,
      s3: { objectFile: () => undefined, putObjectFile: () => undefined },
      events: {
        putEvents(entries: EventEntry[]) {
          for (const e of entries) {
            const detail = JSON.parse(e.Detail!) as Record<string, unknown>;
            events.push({ status: detail.status as string, detail });
          }
          return { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: 'e' })) };
        },
      },
      workDir: join(tmpdir(), `lectern-mc-unit-${process.pid}`),
      concurrency: options.concurrency ?? 1,
      transcode: transcoder.run,
    });

  beforeEach(() => {
    db = new LocalDatabase(null);
    clock = new ManualClock();
    events = [];
    transcoder = new ManualTranscoder();
    mediaConvert = start();
    mediaConvert.resume();
  });

  afterEach(async () => {
    await mediaConvert.close();
    db.close();
  });

  it('creates a SUBMITTED job in the Default queue with an id like MediaConvert’s', () => {
    const job = mediaConvert.create(request());
    expect(job).toMatchObject({
      status: 'SUBMITTED',
      queue: 'arn:aws:mediaconvert:us-east-1:000000000000:queues/Default',
      arn: `arn:aws:mediaconvert:us-east-1:000000000000:jobs/${job.id}`,
    });
    expect(job.id).toMatch(/^\d{13}-[0-9a-f]{6}$/);
  });

  it('returns the same job for the same clientRequestToken', () => {
    const first = mediaConvert.create(request({ clientRequestToken: 'tok-1' }));
    const again = mediaConvert.create(request({ clientRequestToken: 'tok-1' }));
    expect(again.id).toBe(first.id);
  });

  it('refuses settings it cannot honour with a BadRequestException and stores nothing', () => {
    const bad = request();
    (bad.settings.outputGroups[0].outputs[0].videoDescription as Record<string, unknown>).scalingBehavior =
      'SMART_CROP';
    expect(() => mediaConvert.create(bad)).toThrow(
      expect.objectContaining({
        code: 'BadRequestException',
        message: expect.stringContaining('SMART_CROP'),
      }),
    );
    expect(mediaConvert.list(undefined, true, undefined, 10)).toEqual([]);
  });

  it('runs one job at a time and queues the rest', async () => {
    const first = mediaConvert.create(request());
    const second = mediaConvert.create(request());
    const attempt = await transcoder.next();
    expect(mediaConvert.job(first.id)!.status).toBe('PROGRESSING');
    expect(mediaConvert.job(second.id)!.status).toBe('SUBMITTED');
    attempt.resolve(RESULT);
    await transcoder.next();
    expect(mediaConvert.job(first.id)!.status).toBe('COMPLETE');
    expect(mediaConvert.job(second.id)!.status).toBe('PROGRESSING');
  });

  it('starts the queued job of higher priority first', async () => {
    mediaConvert.create(request());
    const low = mediaConvert.create(request({ priority: -5 }));
    const high = mediaConvert.create(request({ priority: 10 }));
    (await transcoder.next()).resolve(RESULT);
    await transcoder.next();
    expect(mediaConvert.job(high.id)!.status).toBe('PROGRESSING');
    expect(mediaConvert.job(low.id)!.status).toBe('SUBMITTED');
  });

  it('sends PROGRESSING, then COMPLETE with the output file paths', async () => {
    const job = mediaConvert.create(request({ userMetadata: { videoId: 'v1' } }));
    (await transcoder.next()).resolve(RESULT);
    await mediaConvert.whenFinished(job.id);
    expect(events.map((e) => e.status)).toEqual(['PROGRESSING', 'COMPLETE']);
    expect(events[1].detail).toMatchObject({
      jobId: job.id,
      userMetadata: { videoId: 'v1' },
      outputGroupDetails: RESULT,
    });
  });

  it('ends a failed attempt in ERROR with the failure’s code and message', async () => {
    const job = mediaConvert.create(request());
    (await transcoder.next()).reject(new JobFailure(1010, 'Unable to open input file'));
    const done = await mediaConvert.whenFinished(job.id);
    expect(done).toMatchObject({
      status: 'ERROR',
      errorCode: 1010,
      errorMessage: 'Unable to open input file',
    });
    expect(events[1].detail).toMatchObject({ status: 'ERROR', errorCode: 1010 });
  });

  it('reports an unexpected failure as error 1999', async () => {
    const job = mediaConvert.create(request());
    (await transcoder.next()).reject(new Error('disk full'));
    expect(await mediaConvert.whenFinished(job.id)).toMatchObject({ errorCode: 1999 });
  });

  it('shows the phase and percentage of a running job', async () => {
    const job = mediaConvert.create(request());
    const attempt = await transcoder.next();
    attempt.context.onPhase('TRANSCODING');
    attempt.context.onProgress(0.5, 75);
    expect(mediaConvert.progress(job.id)).toEqual({
      phase: 'TRANSCODING',
      percent: 47,
      phasePercent: 50,
      frames: 75,
    });
  });

  it('sends STATUS_UPDATE every statusUpdateInterval while the job runs', async () => {
    mediaConvert.create(request({ statusUpdateInterval: 'SECONDS_10' }));
    const attempt = await transcoder.next();
    attempt.context.onPhase('TRANSCODING');
    attempt.context.onProgress(0.2, 30);
    clock.advance(10_000);
    expect(events.map((e) => e.status)).toEqual(['PROGRESSING', 'STATUS_UPDATE']);
    expect(events[1].detail).toMatchObject({
      framesDecoded: 30,
      jobProgress: {
        currentPhase: 'TRANSCODING',
        jobPercentComplete: 19,
        phaseProgress: { PROBING: { status: 'COMPLETE' }, UPLOADING: { status: 'PENDING' } },
      },
    });
  });

  it('cancels a queued job without running it', async () => {
    mediaConvert.create(request());
    const queued = mediaConvert.create(request());
    await transcoder.next();
    mediaConvert.cancel(queued.id);
    expect(mediaConvert.job(queued.id)!.status).toBe('CANCELED');
    expect(events.map((e) => e.status)).toEqual(['PROGRESSING', 'CANCELED']);
  });

  it('cancels a running job by stopping its transcode', async () => {
    const job = mediaConvert.create(request());
    const attempt = await transcoder.next();
    mediaConvert.cancel(job.id);
    expect(attempt.context.signal.aborted).toBe(true);
    expect((await mediaConvert.whenFinished(job.id)).status).toBe('CANCELED');
  });

  it('refuses to cancel a finished job with a ConflictException', async () => {
    const job = mediaConvert.create(request());
    (await transcoder.next()).resolve(RESULT);
    await mediaConvert.whenFinished(job.id);
    expect(() => mediaConvert.cancel(job.id)).toThrow(expect.objectContaining({ code: 'ConflictException' }));
  });

  it('answers NotFoundException for a job that does not exist', () => {
    expect(() => mediaConvert.cancel('1-abcdef')).toThrow(
      expect.objectContaining({ code: 'NotFoundException' }),
    );
  });

  it('runs an interrupted job again from the beginning at the next start', async () => {
    const job = mediaConvert.create(request());
    await transcoder.next();
    await mediaConvert.close();
    mediaConvert = start();
    expect(mediaConvert.resume()).toBe(1);
    await settle();
    const again = await transcoder.next();
    expect(again.plan.input).toMatchObject({ bucket: 'uploads', key: 'lecture.mp4' });
    expect(mediaConvert.job(job.id)).toMatchObject({ status: 'PROGRESSING', retryCount: 1 });
    expect(events.filter((e) => e.status === 'PROGRESSING')).toHaveLength(1);
  });

  it('resolves whenFinished at once for a job that already ended', async () => {
    const job = mediaConvert.create(request());
    (await transcoder.next()).resolve(RESULT);
    await mediaConvert.whenFinished(job.id);
    await expect(mediaConvert.whenFinished(job.id)).resolves.toMatchObject({ status: 'COMPLETE' });
    expect(transcoder.pending).toBe(0);
  });
});
