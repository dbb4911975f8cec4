import {
  CreateJobCommand,
  DescribeEndpointsCommand,
  GetJobCommand,
  ListJobsCommand,
  MediaConvertClient,
} from '@aws-sdk/client-mediaconvert';
import { S3Client } from '@aws-sdk/client-s3';
import { join } from 'node:path';
import { topology } from '../../fixtures/mediaconvert-topology';
import { tempDataDir, useRuntime } from '../../support/local';
import { hlsJobSettings, ROLE } from './job-settings';
import { bytes, download, keys, makeClip, play, spsProfileLevel, text, upload, variants } from './media';

describe('MediaConvert jobs through the SDK', () => {
  const scratch = tempDataDir();
  const local = useRuntime(topology, { mediaConvert: MediaConvertClient, s3: S3Client });

  /** Creates a job and waits for its end (the runtime tells, no polling); returns GetJob's answer. */
  const transcode = async (settings: ReturnType<typeof hlsJobSettings>, extra = {}) => {
    const { Job } = await local.mediaConvert.send(
      new CreateJobCommand({ Role: ROLE, Settings: settings, ...extra }),
    );
    await local.runtime.mediaConvert.whenFinished(Job!.Id!);
    return (await local.mediaConvert.send(new GetJobCommand({ Id: Job!.Id }))).Job!;
  };

  beforeAll(async () => {
    await upload(local.s3, 'uploads', 'lectures/intro.mp4', await makeClip(join(scratch.dir, 'intro.mp4')));
  });

  afterAll(() => scratch.remove());

  it('answers CreateJob with the SUBMITTED job and its settings as sent', async () => {
    const settings = hlsJobSettings({
      input: 's3://uploads/lectures/intro.mp4',
      destination: 's3://media/created/',
    });
    const { Job } = await local.mediaConvert.send(
      new CreateJobCommand({ Role: ROLE, Settings: settings, UserMetadata: { videoId: 'v-1' } }),
    );
    expect(Job).toMatchObject({
      Status: 'SUBMITTED',
      Role: ROLE,
      Queue: 'arn:aws:mediaconvert:us-east-1:000000000000:queues/Default',
      UserMetadata: { videoId: 'v-1' },
      Settings: settings,
    });
    expect(Job!.CreatedAt).toBeInstanceOf(Date);
    await local.runtime.mediaConvert.whenFinished(Job!.Id!);
  });

  it('completes a job and reports each rendition’s size and duration in GetJob', async () => {
    const job = await transcode(
      hlsJobSettings({ input: 's3://uploads/lectures/intro.mp4', destination: 's3://media/done/' }),
    );
    expect(job.Status).toBe('COMPLETE');
    expect(job.Timing!.FinishTime).toBeInstanceOf(Date);
    expect(job.OutputGroupDetails![0].OutputDetails).toEqual([
      { DurationInMs: 4000, VideoDetails: { WidthInPx: 640, HeightInPx: 360 } },
      { DurationInMs: 4000, VideoDetails: { WidthInPx: 320, HeightInPx: 180 } },
    ]);
  });

  it('writes the HLS files under MediaConvert’s names, and the poster', async () => {
    await transcode(
      hlsJobSettings({
        input: 's3://uploads/lectures/intro.mp4',
        destination: 's3://media/named/',
        poster: 's3://media/named/poster',
      }),
    );
    expect(await keys(local.s3, 'media', 'named/')).toEqual([
      'named/intro.m3u8',
      'named/intro_180p.m3u8',
      'named/intro_180p_00001.ts',
      'named/intro_180p_00002.ts',
      'named/intro_360p.m3u8',
      'named/intro_360p_00001.ts',
      'named/intro_360p_00002.ts',
      'named/poster.0000000.jpg',
    ]);
  });

  it('lists every rendition in the master playlist with BANDWIDTH, RESOLUTION and CODECS', async () => {
    await transcode(
      hlsJobSettings({ input: 's3://uploads/lectures/intro.mp4', destination: 's3://media/master/lecture' }),
    );
    const listed = variants(await text(local.s3, 'media', 'master/lecture.m3u8'));
    expect(listed.map((v) => v.uri)).toEqual(['lecture_360p.m3u8', 'lecture_180p.m3u8']);
    expect(listed.map((v) => v.attributes.RESOLUTION)).toEqual(['640x360', '320x180']);
    for (const v of listed) expect(Number(v.attributes.BANDWIDTH)).toBeGreaterThan(96_000);
    // CODECS names the profile, constraints and level the streams' SPS carry.
    const inStreams = await Promise.all(
      listed.map(
        async (v) =>
          `avc1.${spsProfileLevel(await bytes(local.s3, 'media', `master/${v.uri.replace('.m3u8', '_00001.ts')}`))},mp4a.40.2`,
      ),
    );
    expect(listed.map((v) => v.attributes.CODECS)).toEqual(inStreams);
  });

  it('writes renditions that play to the end at their size, with H.264 video and AAC audio', async () => {
    await transcode(
      hlsJobSettings({ input: 's3://uploads/lectures/intro.mp4', destination: 's3://media/play/' }),
    );
    const dir = join(scratch.dir, 'play');
    await download(local.s3, 'media', 'play/', dir);
    const played = await Promise.all(['intro_360p.m3u8', 'intro_180p.m3u8'].map((p) => play(join(dir, p))));
    expect(played.map((p) => p.streams)).toEqual([
      [
        { codec: 'h264', width: 640, height: 360 },
        { codec: 'aac', channels: 2 },
      ],
      [
        { codec: 'h264', width: 320, height: 180 },
        { codec: 'aac', channels: 2 },
      ],
    ]);
    for (const p of played) expect(Math.abs(p.durationMs - 4000)).toBeLessThan(100);
  });

  it('makes no rendition larger than the input when the settings say FIT_NO_UPSCALE', async () => {
    const ladder = [
      { nameModifier: '_1080p', width: 1920, height: 1080, maxBitrate: 5_000_000 },
      { nameModifier: '_720p', width: 1280, height: 720, maxBitrate: 3_000_000 },
      { nameModifier: '_270p', width: 480, height: 270, maxBitrate: 600_000 },
    ];
    const job = await transcode(
      hlsJobSettings({
        input: 's3://uploads/lectures/intro.mp4',
        destination: 's3://media/small/',
        renditions: ladder,
        scaling: 'FIT_NO_UPSCALE',
      }),
    );
    const sizes = variants(await text(local.s3, 'media', 'small/intro.m3u8')).map(
      (v) => v.attributes.RESOLUTION,
    );
    expect(sizes).toEqual(['640x360', '640x360', '480x270']);
    expect(job.OutputGroupDetails![0].OutputDetails!.map((o) => o.VideoDetails!.HeightInPx)).toEqual([
      360, 360, 270,
    ]);
  });

  it('gives an input without audio a silent track, so every rendition has the same streams', async () => {
    await upload(
      local.s3,
      'uploads',
      'lectures/mute.mp4',
      await makeClip(join(scratch.dir, 'mute.mp4'), { audio: false }),
    );
    await transcode(
      hlsJobSettings({ input: 's3://uploads/lectures/mute.mp4', destination: 's3://media/mute/' }),
    );
    const dir = join(scratch.dir, 'mute');
    await download(local.s3, 'media', 'mute/', dir);
    expect((await play(join(dir, 'mute_180p.m3u8'))).streams.map((s) => s.codec)).toEqual(['h264', 'aac']);
  });

  it('lists jobs newest first, filtered by status, a page at a time', async () => {
    const settings = hlsJobSettings({
      input: 's3://uploads/lectures/intro.mp4',
      destination: 's3://media/list/',
    });
    const first = await transcode(settings);
    const second = await transcode(settings);
    const page = await local.mediaConvert.send(new ListJobsCommand({ MaxResults: 1, Status: 'COMPLETE' }));
    expect(page.Jobs!.map((j) => j.Id)).toEqual([second.Id]);
    const next = await local.mediaConvert.send(
      new ListJobsCommand({ MaxResults: 1, Status: 'COMPLETE', NextToken: page.NextToken }),
    );
    expect(next.Jobs!.map((j) => j.Id)).toEqual([first.Id]);
  });

  it('lists oldest first with ORDER ASCENDING', async () => {
    const all = await local.mediaConvert.send(new ListJobsCommand({ Order: 'ASCENDING', MaxResults: 20 }));
    const created = all.Jobs!.map((j) => j.CreatedAt!.getTime());
    expect(created).toEqual([...created].sort((a, b) => a - b));
    expect(all.Jobs!.length).toBeGreaterThan(2);
  });

  it('answers DescribeEndpoints with the local endpoint', async () => {
    const { Endpoints } = await local.mediaConvert.send(new DescribeEndpointsCommand({}));
    expect(Endpoints).toEqual([{ Url: local.runtime.endpoint }]);
  });
});
