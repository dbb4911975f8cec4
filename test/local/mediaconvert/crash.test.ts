import {
  CreateJobCommand,
  GetJobCommand,
  type Job,
  type MediaConvertClient,
} from '@aws-sdk/client-mediaconvert';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tempDataDir } from '../../support/local';
import { kill, startChildRuntime } from '../../support/child';
import { mediaConvertClient, ROLE, s3Client } from './clients';
import { hlsJobSettings } from './job-settings';
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
  const data = tempDataDir();
  let child: ChildProcess | undefined;
  let mediaConvert: MediaConvertClient | undefined;
  let s3: S3Client | undefined;

  afterAll(async () => {
    mediaConvert?.destroy();
    s3?.destroy();
    if (child) await kill(child);
    data.remove();
  });

  it('runs a job that was transcoding when the runtime was killed again, to completion', async () => {
    const first = await startChildRuntime(data.dir, 0, TOPOLOGY);
    child = first.child;
    mediaConvert = mediaConvertClient(first.endpoint);
    s3 = s3Client(first.endpoint);
    const clip = await makeClip(join(data.dir, 'clip', 'talk.mp4'), {
      width: 1280,
      height: 720,
      seconds: 20,
    });
    await upload(s3, 'uploads', 'talk.mp4', clip);
    const { Job } = await mediaConvert.send(
      new CreateJobCommand({
        Role: ROLE,
        Settings: hlsJobSettings({
          input: 's3://uploads/talk.mp4',
          destination: 's3://media/talk/',
          renditions: [
            { nameModifier: '_720p', width: 1280, height: 720, maxBitrate: 3_000_000 },
            { nameModifier: '_360p', width: 640, height: 360, maxBitrate: 1_000_000 },
          ],
        }),
      }),
    );
    const get = async (): Promise<Job> => (await mediaConvert!.send(new GetJobCommand({ Id: Job!.Id }))).Job!;
    let running = await get();
    while (!(running.CurrentPhase === 'TRANSCODING' && running.JobPercentComplete! > 0)) {
      expect(['SUBMITTED', 'PROGRESSING']).toContain(running.Status);
      await pause();
      running = await get();
    }
    const orphans = ffmpegsIn(data.dir);
    expect(orphans).toHaveLength(1);

    await kill(child);
    mediaConvert.destroy();
    s3.destroy();

    const second = await startChildRuntime(data.dir, 0, TOPOLOGY);
    child = second.child;
    mediaConvert = mediaConvertClient(second.endpoint);
    s3 = s3Client(second.endpoint);
    // The killed runtime's ffmpeg does not go on beside the new attempt.
    while (ffmpegsIn(data.dir).includes(orphans[0])) await pause();

    let done = await get();
    while (done.Status === 'PROGRESSING' || done.Status === 'SUBMITTED') {
      await pause();
      done = await get();
    }
    expect(done).toMatchObject({ Status: 'COMPLETE', RetryCount: 1 });
    const listed = variants(await text(s3, 'media', 'talk/talk.m3u8'));
    expect(listed.map((v) => v.attributes.RESOLUTION)).toEqual(['1280x720', '640x360']);
  }, 180_000);
});
