import { CreateJobCommand, MediaConvertClient } from '@aws-sdk/client-mediaconvert';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findMediaTools } from '../../infra/local/mediaconvert/tools';
import { startLocalRuntime } from '../../infra/local/runtime';
import type { Topology } from '../../infra/topology';
import { hlsJobSettings, type Rendition } from '../local/mediaconvert/job-settings';
import { variants } from '../local/mediaconvert/media';
import { measureInterleaved, type Row } from './measure';

/**
 * A 60 s 1080p30 clip to a 4-rendition HLS ladder, through the local MediaConvert (SDK CreateJob
 * until the job is COMPLETE: probe, one ffmpeg, playlists, moving the files into S3) beside ONE
 * hand-written ffmpeg command that makes the same ladder with the same encoder settings.
 * Making the clip and uploading it are not timed.
 */

const SECONDS = 60;
const REPETITIONS = 3;
const TARGET = 1.15;
const SEGMENT = 6;
const LADDER: Rendition[] = [
  { nameModifier: '_1080p', width: 1920, height: 1080, maxBitrate: 6_000_000 },
  { nameModifier: '_720p', width: 1280, height: 720, maxBitrate: 3_500_000 },
  { nameModifier: '_480p', width: 854, height: 480, maxBitrate: 1_500_000 },
  { nameModifier: '_360p', width: 640, height: 360, maxBitrate: 800_000 },
];
const run = promisify(execFile);
const tools = findMediaTools();
// The runtime's own key pair (infra/local/s3/credentials.ts).
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const topology: Topology = {
  functions: [],
  workflows: [],
  buckets: [{ name: 'uploads' }, { name: 'media' }],
};

/**
 * The ladder as one would write it by hand: decode once, split, scale, x264 (veryfast, capped
 * CRF 23.5 = QVBR 7, High, 2 s GOP), AAC 96k, keyframes on the 6 s segment boundaries.
 */
function handWrittenCommand(input: string, dir: string): string[] {
  const split = `[0:v]split=4${LADDER.map((_, i) => `[s${i}]`).join('')}`;
  const scales = LADDER.map((r, i) => `[s${i}]scale=${r.width}:${r.height},setsar=1,format=yuv420p[v${i}]`);
  return [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-i', input],
    ...['-filter_complex', [split, ...scales].join(';')],
    ...LADDER.flatMap((r, i) => [
      ...['-map', `[v${i}]`, '-map', '0:a:0'],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-profile:v', 'high', '-crf', '23.5'],
      ...['-maxrate', String(r.maxBitrate), '-bufsize', String(2 * r.maxBitrate), '-g', '60'],
      ...['-force_key_frames', `expr:gte(t,n_forced*${SEGMENT})`],
      ...['-c:a', 'aac', '-b:a', '96000', '-ac', '2', '-ar', '48000'],
      ...['-f', 'hls', '-hls_time', String(SEGMENT), '-hls_list_size', '0', '-hls_playlist_type', 'vod'],
      ...[
        '-hls_segment_filename',
        join(dir, `clip${r.nameModifier}_%05d.ts`),
        join(dir, `clip${r.nameModifier}.m3u8`),
      ],
    ]),
  ];
}

export async function bench(): Promise<Row[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'lectern-bench-transcode-'));
  const clip = join(scratch, 'clip.mp4');
  await run(tools.ffmpeg, [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=30:duration=${SECONDS}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`],
    ...[
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-crf',
      '18',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
      clip,
    ],
  ]);
  const runtime = await startLocalRuntime({ dataDir: join(scratch, 'data'), port: 0, topology });
  const s3 = new S3Client({
    endpoint: runtime.endpoint,
    region: 'us-east-1',
    credentials,
    forcePathStyle: true,
  });
  const mediaConvert = new MediaConvertClient({
    endpoint: runtime.endpoint,
    region: 'us-east-1',
    credentials,
  });
  try {
    await s3.send(new PutObjectCommand({ Bucket: 'uploads', Key: 'clip.mp4', Body: readFileSync(clip) }));
    let attempt = 0;
    let master = '';
    const samples = await measureInterleaved(
      {
        async 'lectern MediaConvert'() {
          const destination = `s3://media/run-${++attempt}/`;
          const { Job } = await mediaConvert.send(
            new CreateJobCommand({
              Role: 'arn:aws:iam::000000000000:role/bench',
              Settings: hlsJobSettings({
                input: 's3://uploads/clip.mp4',
                destination,
                renditions: LADDER,
                segmentLength: SEGMENT,
              }),
            }),
          );
          const done = await runtime.mediaConvert.whenFinished(Job!.Id!);
          if (done.status !== 'COMPLETE') throw new Error(`job ${done.status}: ${done.errorMessage}`);
          const { Body } = await s3.send(
            new GetObjectCommand({ Bucket: 'media', Key: `run-${attempt}/clip.m3u8` }),
          );
          master = await Body!.transformToString();
        },
        async 'one ffmpeg command'() {
          const dir = join(scratch, 'hand');
          rmSync(dir, { recursive: true, force: true });
          mkdirSync(dir);
          await run(tools.ffmpeg, handWrittenCommand(clip, dir));
        },
      },
      { warmup: 0, repetitions: REPETITIONS },
    );
    const resolutions = variants(master).map((v) => v.attributes.RESOLUTION);
    const expected = LADDER.map((r) => `${r.width}x${r.height}`);
    const seconds = (subject: keyof typeof samples) => samples[subject].medianNs / 1e9;
    const ratio = seconds('lectern MediaConvert') / seconds('one ffmpeg command');
    const benchmark = `MediaConvert: ${SECONDS} s 1080p30 → 4-rendition HLS (median of ${REPETITIONS})`;
    return [
      {
        benchmark,
        subject: 'lectern MediaConvert',
        value: seconds('lectern MediaConvert'),
        unit: 's',
        ratio,
        target: { text: `≤ ${TARGET.toFixed(2)}× ffmpeg`, met: ratio <= TARGET },
        note:
          resolutions.join() === expected.join()
            ? `master lists ${resolutions.join(', ')}`
            : `unexpected ladder: ${resolutions.join(', ')}`,
      },
      { benchmark, subject: 'one ffmpeg command', value: seconds('one ffmpeg command'), unit: 's' },
    ];
  } finally {
    s3.destroy();
    mediaConvert.destroy();
    await runtime.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
