import {
  CancelJobCommand,
  CreateJobCommand,
  GetJobCommand,
  MediaConvertClient,
} from '@aws-sdk/client-mediaconvert';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { S3Client } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { topology } from '../../fixtures/mediaconvert-topology';
import { tempDataDir, useRuntime } from '../../support/local';
import { hlsJobSettings, ROLE } from './job-settings';
import { makeClip, upload } from './media';

interface JobEvent {
  source: string;
  'detail-type': string;
  resources: string[];
  detail: Record<string, unknown> & { jobId: string; status: string };
}

describe('MediaConvert Job State Change events', () => {
  const scratch = tempDataDir();
  const local = useRuntime(topology, { mediaConvert: MediaConvertClient, s3: S3Client, sqs: SQSClient });
  const queueUrl = () => `${local.runtime.endpoint}/000000000000/mediaconvert-events`;
  const received: JobEvent[] = [];

  /** The events of `jobId` forwarded by the topology's rule, once `count` of them have arrived. */
  const eventsOf = async (jobId: string, count: number): Promise<JobEvent[]> => {
    for (;;) {
      const { Messages = [] } = await local.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl(), MaxNumberOfMessages: 10 }),
      );
      for (const m of Messages) {
        received.push(JSON.parse(m.Body!) as JobEvent);
        await local.sqs.send(
          new DeleteMessageCommand({ QueueUrl: queueUrl(), ReceiptHandle: m.ReceiptHandle }),
        );
      }
      const mine = received.filter((e) => e.detail.jobId === jobId);
      if (mine.length >= count) return mine;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const create = async (input: string, destination: string, extra = {}) =>
    (
      await local.mediaConvert.send(
        new CreateJobCommand({ Role: ROLE, Settings: hlsJobSettings({ input, destination }), ...extra }),
      )
    ).Job!;

  beforeAll(async () => {
    await upload(local.s3, 'uploads', 'intro.mp4', await makeClip(join(scratch.dir, 'intro.mp4')));
  });

  afterAll(() => scratch.remove());

  it('sends PROGRESSING then COMPLETE on the default bus, from aws.mediaconvert, about the job', async () => {
    const job = await create('s3://uploads/intro.mp4', 's3://media/ev/', {
      UserMetadata: { videoId: 'v-7' },
    });
    const events = await eventsOf(job.Id!, 2);
    expect(events.map((e) => e.detail.status)).toEqual(['PROGRESSING', 'COMPLETE']);
    for (const e of events) {
      expect(e).toMatchObject({
        source: 'aws.mediaconvert',
        'detail-type': 'MediaConvert Job State Change',
        resources: [job.Arn],
        detail: { queue: job.Queue, accountId: '000000000000', userMetadata: { videoId: 'v-7' } },
      });
      expect(typeof e.detail.timestamp).toBe('number');
    }
  });

  it('names every output file, its duration and picture in the COMPLETE event', async () => {
    const job = await create('s3://uploads/intro.mp4', 's3://media/paths/lecture');
    const complete = (await eventsOf(job.Id!, 2)).find((e) => e.detail.status === 'COMPLETE')!;
    expect(complete.detail.outputGroupDetails).toEqual([
      {
        type: 'HLS_GROUP',
        playlistFilePaths: ['s3://media/paths/lecture.m3u8'],
        outputDetails: [
          {
            outputFilePaths: ['s3://media/paths/lecture_360p.m3u8'],
            durationInMs: 4000,
            videoDetails: { widthInPx: 640, heightInPx: 360, averageBitrate: expect.any(Number) },
          },
          {
            outputFilePaths: ['s3://media/paths/lecture_180p.m3u8'],
            durationInMs: 4000,
            videoDetails: { widthInPx: 320, heightInPx: 180, averageBitrate: expect.any(Number) },
          },
        ],
      },
    ]);
  });

  it('sends ERROR with the error code and message', async () => {
    const job = await create('s3://uploads/none.mp4', 's3://media/err/');
    const failed = (await eventsOf(job.Id!, 2)).find((e) => e.detail.status === 'ERROR')!;
    expect(failed.detail).toMatchObject({
      errorCode: 1010,
      errorMessage: expect.stringContaining('s3://uploads/none.mp4'),
    });
  });

  it('sends STATUS_UPDATE with the job’s progress every statusUpdateInterval, and CANCELED', async () => {
    await upload(
      local.s3,
      'uploads',
      'long.mp4',
      await makeClip(join(scratch.dir, 'long.mp4'), { width: 1280, height: 720, seconds: 20 }),
    );
    const job = await create('s3://uploads/long.mp4', 's3://media/long/', {
      StatusUpdateInterval: 'SECONDS_10',
    });
    while (
      (await local.mediaConvert.send(new GetJobCommand({ Id: job.Id }))).Job!.CurrentPhase !== 'TRANSCODING'
    ) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    local.clock.advance(10_000);
    await local.mediaConvert.send(new CancelJobCommand({ Id: job.Id }));
    const events = await eventsOf(job.Id!, 3);
    expect(events.map((e) => e.detail.status)).toEqual(['PROGRESSING', 'STATUS_UPDATE', 'CANCELED']);
    expect(events[1].detail).toMatchObject({
      framesDecoded: expect.any(Number),
      jobProgress: { currentPhase: 'TRANSCODING', jobPercentComplete: expect.any(Number), retryCount: 0 },
    });
  });
});
