import type { EventEntry } from '../eventbridge/entries';
import { LOCAL_ACCOUNT } from '../lambda/functions';
import type { JobRecord, LiveProgress } from './records';
import type { JobPhase } from './transcode';

export const SOURCE = 'aws.mediaconvert';
export const DETAIL_TYPE = 'MediaConvert Job State Change';

export type EventStatus = 'PROGRESSING' | 'STATUS_UPDATE' | 'COMPLETE' | 'ERROR' | 'CANCELED';

/**
 * A `MediaConvert Job State Change` event on the default bus (docs: "EventBridge with
 * MediaConvert"): camelCase detail, `timestamp` in epoch ms, plus what each status adds
 * (`outputGroupDetails` with the file paths on COMPLETE, `errorCode`/`errorMessage` on ERROR,
 * `framesDecoded`/`jobProgress` on STATUS_UPDATE).
 */
export function jobStateChange(
  job: JobRecord,
  status: EventStatus,
  now: number,
  extra: Record<string, unknown> = {},
): EventEntry {
  return {
    Source: SOURCE,
    DetailType: DETAIL_TYPE,
    EventBusName: 'default',
    Resources: [job.arn],
    Time: new Date(now),
    Detail: JSON.stringify({
      timestamp: now,
      accountId: LOCAL_ACCOUNT,
      queue: job.queue,
      jobId: job.id,
      status,
      userMetadata: job.userMetadata,
      ...extra,
    }),
  };
}

/** The extra detail of the event that ends a job. */
export function finalDetail(job: JobRecord): Record<string, unknown> {
  if (job.status === 'COMPLETE') return { outputGroupDetails: job.outputGroupDetails ?? [] };
  if (job.status === 'ERROR') return { errorCode: job.errorCode, errorMessage: job.errorMessage };
  return {};
}

const PHASES: JobPhase[] = ['PROBING', 'TRANSCODING', 'UPLOADING'];

/** The extra detail of a STATUS_UPDATE event: frames decoded and each phase's progress. */
export function statusUpdateDetail(progress: LiveProgress, retryCount: number): Record<string, unknown> {
  const current = PHASES.indexOf(progress.phase);
  const phaseProgress = Object.fromEntries(
    PHASES.map((phase, i) => [
      phase,
      i < current
        ? { status: 'COMPLETE', percentComplete: 100 }
        : i === current
          ? { status: 'PROGRESSING', percentComplete: progress.phasePercent }
          : { status: 'PENDING', percentComplete: 0 },
    ]),
  );
  return {
    framesDecoded: progress.frames,
    jobProgress: {
      phaseProgress,
      jobPercentComplete: progress.percent,
      currentPhase: progress.phase,
      retryCount,
    },
  };
}
