import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '../../../workflows/asl';
import type { Clock } from '../clock';
import type { EventEntry } from '../eventbridge/entries';
import type { ServiceEvents } from '../eventbridge/local-eventbridge';
import { AwsError } from '../http/aws-error';
import type { LocalDatabase } from '../store/database';
import { finalDetail, jobStateChange, statusUpdateDetail } from './events';
import { stopOrphan } from './orphans';
import type { JobLog } from './log';
import {
  DEFAULT_QUEUE_ARN,
  FINISHED,
  jobArn,
  type JobRecord,
  type JobStatus,
  type LiveProgress,
} from './records';
import { parseCreateJob, planJob, SettingsError } from './settings';
import type { CreateJobRequest } from './settings-schema';
import { JobStore } from './store';
import {
  JobFailure,
  transcode,
  type GroupResult,
  type JobPhase,
  type ObjectFiles,
  type TranscodeContext,
} from './transcode';
import type { TranscodePlan } from './plan';
import { findMediaTools, type MediaTools } from './tools';

export interface MediaConvertOptions {
  db: LocalDatabase;
  clock: Clock;
  s3: ObjectFiles;
  events: ServiceEvents;
  /** Where attempts write before uploading; emptied at start. */
  workDir: string;
  /** Jobs transcoding at once; the rest wait in the queue. Default: one per 4 cores, at least 1 (ffmpeg uses every core). */
  concurrency?: number;
  tools?: MediaTools;
  log?: JobLog;
  /** Runs one attempt of a job; ffmpeg by default (unit tests of the queue put a controllable one here). */
  transcode?: (plan: TranscodePlan, context: TranscodeContext) => Promise<GroupResult[]>;
}

interface Running {
  /** The record this run updates (the one object for this job while it runs). */
  job: JobRecord;
  controller: AbortController;
  progress: LiveProgress;
  canceled: boolean;
  stopStatusUpdates: () => void;
}

const INTERVAL_MS = (interval: string) => Number(interval.replace('SECONDS_', '')) * 1000;
/** jobPercentComplete once encoding is done; moving the files into S3 is the rest. */
const TRANSCODING_SHARE = 95;

/**
 * The local MediaConvert: durable jobs, a queue with a concurrency limit, one ffmpeg per running
 * job, and `MediaConvert Job State Change` events. A job running when the runtime stops is run
 * again from the beginning at the next start (its retryCount grows).
 */
export class MediaConvert {
  private readonly store: JobStore;
  private readonly tools: MediaTools;
  private readonly concurrency: number;
  private readonly log: JobLog;
  /** SUBMITTED jobs, and PROGRESSING ones waiting to run again after a restart. */
  private queued: JobRecord[] = [];
  private readonly running = new Map<string, Running>();
  private readonly finishedListeners = new Map<string, Array<(job: JobRecord) => void>>();
  private seq: number;
  private closing = false;

  constructor(private readonly options: MediaConvertOptions) {
    this.store = new JobStore(options.db);
    this.tools = options.tools ?? findMediaTools();
    this.concurrency = options.concurrency ?? Math.max(1, Math.floor(cpus().length / 4));
    this.log = options.log ?? (() => undefined);
    this.seq = this.store.lastSeq();
  }

  /**
   * Creates a job from a CreateJob request body (wire JSON), committed before it returns; the same
   * clientRequestToken returns the same job. Settings the runner cannot honour are a BadRequestException.
   */
  create(body: unknown): JobRecord {
    let request: CreateJobRequest;
    try {
      request = parseCreateJob(body);
      planJob(request.settings);
    } catch (error) {
      if (error instanceof SettingsError) throw new AwsError('BadRequestException', error.message);
      throw error;
    }
    if (request.clientRequestToken) {
      const existing = this.store.byClientToken(request.clientRequestToken);
      if (existing) return existing;
    }
    if (!/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/.test(request.role)) {
      throw new AwsError('BadRequestException', `role: '${request.role}' is not an IAM role ARN`);
    }
    const queue = request.queue ?? 'Default';
    if (queue !== 'Default' && queue !== DEFAULT_QUEUE_ARN) {
      throw new AwsError(
        'NotFoundException',
        `Queue '${queue}' does not exist: the local MediaConvert has the Default queue`,
        404,
      );
    }
    const now = this.options.clock.now();
    const id = `${now}-${randomUUID().replace(/-/g, '').slice(0, 6)}`;
    const job: JobRecord = {
      id,
      arn: jobArn(id),
      seq: ++this.seq,
      role: request.role,
      settings: request.settings as unknown as JsonObject,
      queue: DEFAULT_QUEUE_ARN,
      priority: request.priority ?? 0,
      userMetadata: request.userMetadata ?? {},
      clientRequestToken: request.clientRequestToken ?? randomUUID(),
      statusUpdateInterval: request.statusUpdateInterval ?? 'SECONDS_60',
      ...(request.accelerationSettings ? { accelerationMode: request.accelerationSettings.mode } : {}),
      ...(request.billingTagsSource ? { billingTagsSource: request.billingTagsSource } : {}),
      status: 'SUBMITTED',
      createdAt: now,
      retryCount: 0,
    };
    this.store.save(job);
    this.queued.push(job);
    this.log({ jobId: id }, 'job submitted');
    // CreateJob answers the job as submitted, even when the commit below already starts it.
    const submitted = structuredClone(job);
    this.options.db.afterCommit(() => this.pump());
    this.options.db.flush();
    return submitted;
  }

  job(id: string): JobRecord | undefined {
    return this.store.job(id);
  }

  /** Phase and percentage of a running job. */
  progress(id: string): LiveProgress | undefined {
    return this.running.get(id)?.progress;
  }

  list(
    status: JobStatus | undefined,
    ascending: boolean,
    after: number | undefined,
    limit: number,
  ): JobRecord[] {
    return this.store.list({ status, ascending, after, limit });
  }

  /** Cancels a SUBMITTED or PROGRESSING job (its ffmpeg is killed); a finished job is a conflict. */
  cancel(id: string): JobRecord {
    const job = this.store.job(id);
    if (!job) throw new AwsError('NotFoundException', `The job ${id} does not exist`, 404);
    if (FINISHED.has(job.status)) {
      throw new AwsError('ConflictException', `The job ${id} is ${job.status} and cannot be canceled`, 409);
    }
    this.queued = this.queued.filter((q) => q.id !== id);
    const run = this.running.get(id);
    if (run) {
      run.canceled = true;
      run.controller.abort();
    }
    const canceled = run?.job ?? job;
    this.finish(canceled, 'CANCELED');
    this.options.db.flush();
    return canceled;
  }

  /** Resolves with the job once it is COMPLETE, ERROR or CANCELED (also for a job created before a restart). */
  whenFinished(id: string): Promise<JobRecord> {
    const job = this.store.job(id);
    if (!job) return Promise.reject(new AwsError('NotFoundException', `The job ${id} does not exist`, 404));
    if (FINISHED.has(job.status)) return Promise.resolve(job);
    return new Promise((resolve) => {
      const listeners = this.finishedListeners.get(id) ?? [];
      listeners.push(resolve);
      this.finishedListeners.set(id, listeners);
    });
  }

  /** Picks up after a start: jobs that were running run again from the beginning, the queue goes on. Returns how many were running. */
  resume(): number {
    const unfinished = this.store.unfinished();
    const interrupted = unfinished.filter((job) => job.status === 'PROGRESSING');
    for (const job of interrupted) {
      if (job.pid && stopOrphan(job.pid, this.options.workDir)) {
        this.log({ jobId: job.id, pid: job.pid }, 'stopped the ffmpeg of the previous run');
      }
      delete job.pid;
      job.retryCount += 1;
      this.store.save(job);
      this.log(
        { jobId: job.id, retryCount: job.retryCount },
        'job interrupted by a restart: running it again',
      );
    }
    rmSync(this.options.workDir, { recursive: true, force: true });
    this.queued = [...interrupted, ...unfinished.filter((job) => job.status === 'SUBMITTED')];
    this.options.db.afterCommit(() => this.pump());
    return interrupted.length;
  }

  /** Stops the running ffmpegs; their jobs stay PROGRESSING and run again at the next start. */
  async close(): Promise<void> {
    this.closing = true;
    for (const run of this.running.values()) {
      run.stopStatusUpdates();
      run.controller.abort();
    }
    while (this.running.size) await new Promise((resolve) => setImmediate(resolve));
    rmSync(this.options.workDir, { recursive: true, force: true });
  }

  // ---- running jobs -----------------------------------------------------------------------

  /** Starts queued jobs while there is room: resumed jobs first, then by priority, then oldest. */
  private pump(): void {
    while (!this.closing && this.running.size < this.concurrency && this.queued.length) {
      this.queued.sort(
        (a, b) =>
          Number(b.status === 'PROGRESSING') - Number(a.status === 'PROGRESSING') ||
          b.priority - a.priority ||
          a.seq - b.seq,
      );
      this.launch(this.queued.shift()!);
    }
  }

  private launch(job: JobRecord): void {
    const now = this.options.clock.now();
    const resumed = job.status === 'PROGRESSING';
    job.status = 'PROGRESSING';
    job.startTime ??= now;
    const run: Running = {
      job,
      controller: new AbortController(),
      progress: { phase: 'PROBING', percent: 0, phasePercent: 0, frames: 0 },
      canceled: false,
      stopStatusUpdates: () => undefined,
    };
    this.running.set(job.id, run);
    this.store.save(job);
    if (!resumed) this.emit([jobStateChange(job, 'PROGRESSING', now)]);
    this.armStatusUpdates(job, run);
    this.log({ jobId: job.id, retryCount: job.retryCount }, 'job started');
    this.options.db.afterCommit(() => void this.execute(job, run));
  }

  private async execute(job: JobRecord, run: Running): Promise<void> {
    const workDir = join(this.options.workDir, job.id);
    const started = performance.now();
    let lastLogged = -1;
    try {
      if (run.canceled || this.closing) return;
      rmSync(workDir, { recursive: true, force: true });
      mkdirSync(workDir, { recursive: true });
      const results = await (this.options.transcode ?? transcode)(
        planJob(job.settings as unknown as CreateJobRequest['settings']),
        {
          tools: this.tools,
          s3: this.options.s3,
          workDir,
          signal: run.controller.signal,
          onPhase: (phase: JobPhase) => {
            run.progress.phase = phase;
            run.progress.phasePercent = 0;
            if (phase === 'UPLOADING') run.progress.percent = TRANSCODING_SHARE;
            this.log({ jobId: job.id, phase }, 'job phase');
          },
          onProgress: (fraction, frames) => {
            run.progress.percent = Math.floor(fraction * TRANSCODING_SHARE);
            run.progress.phasePercent = Math.floor(fraction * 100);
            run.progress.frames = frames;
            const quarter = Math.floor(fraction * 4);
            if (quarter > lastLogged) {
              lastLogged = quarter;
              this.log(
                { jobId: job.id, percent: run.progress.percent, framesDecoded: frames },
                'job progress',
              );
            }
          },
          onSpawn: (pid) => {
            job.pid = pid;
            this.store.save(job);
          },
        },
      );
      if (run.canceled || this.closing) return;
      job.outputGroupDetails = results;
      this.finish(job, 'COMPLETE');
      this.log({ jobId: job.id, seconds: ((performance.now() - started) / 1000).toFixed(1) }, 'job complete');
    } catch (error) {
      if (run.canceled || this.closing) return;
      const failure =
        error instanceof JobFailure
          ? error
          : new JobFailure(1999, `Unexpected error: ${(error as Error).message}`);
      job.errorCode = failure.code;
      job.errorMessage = failure.message;
      this.finish(job, 'ERROR');
      this.log({ jobId: job.id, errorCode: failure.code, errorMessage: failure.message }, 'job failed');
    } finally {
      run.stopStatusUpdates();
      rmSync(workDir, { recursive: true, force: true });
      this.running.delete(job.id);
      this.pump();
    }
  }

  /** Ends the job: state and event go into the same commit; listeners hear of it once it is durable. */
  private finish(job: JobRecord, status: 'COMPLETE' | 'ERROR' | 'CANCELED'): void {
    const now = this.options.clock.now();
    job.status = status;
    job.finishTime = now;
    delete job.pid;
    this.store.save(job);
    this.running.get(job.id)?.stopStatusUpdates();
    this.emit([jobStateChange(job, status, now, finalDetail(job))]);
    this.options.db.afterCommit(() => {
      const listeners = this.finishedListeners.get(job.id) ?? [];
      this.finishedListeners.delete(job.id);
      for (const listener of listeners) listener(job);
    });
  }

  /** STATUS_UPDATE events every `statusUpdateInterval` while the job runs. */
  private armStatusUpdates(job: JobRecord, run: Running): void {
    const interval = INTERVAL_MS(job.statusUpdateInterval);
    const arm = () => {
      run.stopStatusUpdates = this.options.clock.at(this.options.clock.now() + interval, () => {
        if (!this.running.has(job.id) || run.canceled) return;
        const detail = statusUpdateDetail(run.progress, job.retryCount);
        this.emit([jobStateChange(job, 'STATUS_UPDATE', this.options.clock.now(), detail)]);
        arm();
      });
    };
    arm();
  }

  private emit(entries: EventEntry[]): void {
    const result = this.options.events.putEvents(entries);
    if (result.FailedEntryCount)
      this.log({ failed: result.Entries.filter((e) => e.ErrorCode) }, 'events not put');
  }
}
