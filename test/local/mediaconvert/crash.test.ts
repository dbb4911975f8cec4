import { GetJobCommand, MediaConvertClient, type Job } from '@aws-sdk/client-mediaconvert';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { Json } from '../../../workflows/asl';
import { waitForEvent } from '../../support/local';
import { kill, useChildRuntimes } from '../../support/child';
import { localClient } from '../../support/clients';
import { createMachine, inspect, startExecution } from '../../support/run';
import { hlsJobSettings, ROLE } from './job-settings';
import { makeClip, text, upload, variants } from './media';

const TOPOLOGY = resolve(__dirname, '../../fixtures/mediaconvert-topology.ts');
const pause = () => new Promise((done) => setTimeout(done, 50));

/** Process ids of the ffmpegs working in `dir`. */
function ffmpegsIn(dir: string): number[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('ffmpeg') && line.includes(dir))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

describe('MediaConvert crash and resume (SIGKILL)', () => {
  const runtimes = useChildRuntimes(TOPOLOGY);
  const clients: Array<{ destroy(): void }> = [];
  const connect = (endpoint: string) => {
    const made = {
      mediaConvert: localClient(MediaConvertClient, endpoint),
      s3: localClient(S3Client, endpoint),
      sfn: localClient(SFNClient, endpoint),
    };
    clients.push(made.mediaConvert, made.s3, made.sfn);
    return made;
  };

  afterAll(async () => {
    for (const client of clients) client.destroy();
  });

  it('runs a job that was transcoding at SIGKILL again to the end, and its createJob.sync task succeeds', async () => {
    const first = await runtimes.start();
    let { mediaConvert, s3, sfn } = connect(first.endpoint);
    const clip = await makeClip(join(runtimes.dir, 'clip', 'talk.mp4'), {
      width: 1280,
      height: 720,
      seconds: 20,
    });
    await upload(s3, 'uploads', 'talk.mp4', clip);
    const settings = hlsJobSettings({
      input: 's3://uploads/talk.mp4',
      destination: 's3://media/talk/',
      renditions: [
        { nameModifier: '_720p', width: 1280, height: 720, maxBitrate: 3_000_000 },
        { nameModifier: '_360p', width: 640, height: 360, maxBitrate: 1_000_000 },
      ],
    });
    const execution = await startExecution(
      sfn,
      await createMachine(sfn, {
        StartAt: 'Transcode',
        States: {
          Transcode: {
            Type: 'Task',
            Resource: 'arn:aws:states:::mediaconvert:createJob.sync',
            Parameters: { Role: ROLE, Settings: settings as unknown as Json },
            End: true,
          },
        },
      }),
    );
    const submitted = await waitForEvent(sfn, execution, 'TaskSubmitted');
    const jobId = JSON.parse(submitted.taskSubmittedEventDetails!.output!).Job.Id as string;
    const get = async (): Promise<Job> => (await mediaConvert.send(new GetJobCommand({ Id: jobId }))).Job!;
    let running = await get();
    while (!(running.CurrentPhase === 'TRANSCODING' && running.JobPercentComplete! > 0)) {
      expect(['SUBMITTED', 'PROGRESSING']).toContain(running.Status);
      await pause();
      running = await get();
    }
    const orphans = ffmpegsIn(runtimes.dir);
    expect(orphans).toHaveLength(1);

    await kill(first.child);
    const second = await runtimes.start();
    ({ mediaConvert, s3, sfn } = connect(second.endpoint));
    // The killed runtime's ffmpeg does not go on beside the new attempt.
    while (ffmpegsIn(runtimes.dir).includes(orphans[0])) await pause();

    let done = await inspect(sfn, execution);
    while (done.status === 'RUNNING') {
      await pause();
      done = await inspect(sfn, execution);
    }
    expect(done.status).toBe('SUCCEEDED');
    expect(done.result.Job).toMatchObject({ Id: jobId, Status: 'COMPLETE', RetryCount: 1 });
    expect(done.types.filter((t) => t === 'TaskSubmitted')).toHaveLength(1);
    const listed = variants(await text(s3, 'media', 'talk/talk.m3u8'));
    expect(listed.map((v) => v.attributes.RESOLUTION)).toEqual(['1280x720', '640x360']);
  }, 180_000);
});
