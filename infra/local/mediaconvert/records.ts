import type { JsonObject } from '../../../workflows/asl';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../lambda/functions';
import type { GroupResult, JobPhase } from './transcode';

export type JobStatus = 'SUBMITTED' | 'PROGRESSING' | 'COMPLETE' | 'CANCELED' | 'ERROR';

export const FINISHED: ReadonlySet<JobStatus> = new Set(['COMPLETE', 'CANCELED', 'ERROR']);

export const DEFAULT_QUEUE_ARN = `arn:aws:mediaconvert:${LOCAL_REGION}:${LOCAL_ACCOUNT}:queues/Default`;

export const jobArn = (id: string) => `arn:aws:mediaconvert:${LOCAL_REGION}:${LOCAL_ACCOUNT}:jobs/${id}`;

/** A job as stored. Times are epoch ms. */
export interface JobRecord {
  id: string;
  arn: string;
  /** Creation order, for listing and the queue. */
  seq: number;
  role: string;
  /** The job settings as received (wire JSON). */
  settings: JsonObject;
  queue: string;
  priority: number;
  userMetadata: Record<string, string>;
  clientRequestToken: string;
  statusUpdateInterval: string;
  accelerationMode?: string;
  billingTagsSource?: string;
  status: JobStatus;
  createdAt: number;
  startTime?: number;
  finishTime?: number;
  /** Attempts started after a restart of the runtime (the job runs again from the beginning). */
  retryCount: number;
  outputGroupDetails?: GroupResult[];
  errorCode?: number;
  errorMessage?: string;
  /** The ffmpeg of the attempt in progress: stopped at the next start if the runtime died under it. */
  pid?: number;
}

/** What only a running job has. */
export interface LiveProgress {
  phase: JobPhase;
  /** jobPercentComplete. */
  percent: number;
  /** How far the current phase is. */
  phasePercent: number;
  frames: number;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** The Job shape of GetJob/ListJobs/CreateJob (wire JSON, timestamps in epoch seconds). */
export function describeJob(job: JobRecord, live?: LiveProgress): JsonObject {
  return {
    id: job.id,
    arn: job.arn,
    role: job.role,
    settings: job.settings,
    queue: job.queue,
    priority: job.priority,
    status: job.status,
    createdAt: seconds(job.createdAt),
    userMetadata: job.userMetadata,
    clientRequestToken: job.clientRequestToken,
    statusUpdateInterval: job.statusUpdateInterval,
    ...(job.accelerationMode ? { accelerationSettings: { mode: job.accelerationMode } } : {}),
    accelerationStatus: 'NOT_APPLICABLE',
    ...(job.billingTagsSource ? { billingTagsSource: job.billingTagsSource } : {}),
    retryCount: job.retryCount,
    messages: { info: [], warning: [] },
    timing: {
      submitTime: seconds(job.createdAt),
      ...(job.startTime !== undefined ? { startTime: seconds(job.startTime) } : {}),
      ...(job.finishTime !== undefined ? { finishTime: seconds(job.finishTime) } : {}),
    },
    ...(job.status === 'PROGRESSING' && live
      ? { currentPhase: live.phase, jobPercentComplete: live.percent }
      : {}),
    ...(job.outputGroupDetails
      ? {
          // GetJob's OutputDetail has no file paths: those are only in the COMPLETE event.
          outputGroupDetails: job.outputGroupDetails.map((group) => ({
            outputDetails: group.outputDetails.map((o) => ({
              durationInMs: o.durationInMs,
              videoDetails: { widthInPx: o.videoDetails.widthInPx, heightInPx: o.videoDetails.heightInPx },
            })),
          })),
        }
      : {}),
    ...(job.errorCode !== undefined
      ? { errorCode: job.errorCode, errorMessage: job.errorMessage ?? '' }
      : {}),
  };
}
