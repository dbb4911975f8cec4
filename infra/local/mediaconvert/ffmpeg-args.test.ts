import { buildFfmpegCommand } from './ffmpeg-args';
import type { H264Plan, TranscodePlan } from './plan';
import type { MediaProbe } from './probe';

const h264: H264Plan = {
  rateControl: 'QVBR',
  maxBitrate: 3_000_000,
  quality: 7,
  profile: 'high',
  gop: { size: 2, units: 'SECONDS' },
  sceneChangeDetect: true,
  preset: 'veryfast',
};
const audio = { track: 0, bitrate: 96_000, channels: 2, sampleRate: 48_000 };

const plan: TranscodePlan = {
  input: { bucket: 'uploads', key: 'a.mp4', uri: 's3://uploads/a.mp4' },
  groups: [
    {
      kind: 'hls',
      bucket: 'media',
      masterKey: 'v/a.m3u8',
      segmentLength: 6,
      integerDurations: false,
      includeResolution: true,
      baseUrl: '',
      renditions: [720, 360].map((height, index) => ({
        index,
        playlistKey: `v/a_${height}p.m3u8`,
        segmentPattern: `v/a_${height}p_%05d.ts`,
        video: { height, scaling: 'DEFAULT' as const },
        h264,
        audio,
      })),
    },
    {
      kind: 'file',
      bucket: 'media',
      outputs: [
        {
          kind: 'frames',
          index: 0,
          keyPattern: 'v/poster.%07d.jpg',
          video: { width: 640, height: 360, scaling: 'DEFAULT' },
          rate: { numerator: 1, denominator: 5 },
          maxCaptures: 1,
          quality: 80,
        },
      ],
    },
  ],
};

const probe: MediaProbe = {
  durationMs: 10_000,
  audioStreams: 1,
  video: { width: 1920, height: 1080, frameRate: 30 },
};
const arg = (args: string[], name: string) => args.filter((_, i) => args[i - 1] === name);

describe('buildFfmpegCommand', () => {
  const { args, shapes } = buildFfmpegCommand(plan, probe, '/in/a.mp4', '/work');

  it('reads the input once and splits its video for every output', () => {
    expect(arg(args, '-i')).toEqual(['/in/a.mp4']);
    expect(arg(args, '-filter_complex')[0]).toMatch(/^\[0:v:0\]split=3\[sv0\]\[sv1\]\[sv2\];/);
  });

  it('writes each HLS rendition with keyframes on the segment boundaries', () => {
    expect(arg(args, '-force_key_frames')).toEqual(['expr:gte(t,n_forced*6)', 'expr:gte(t,n_forced*6)']);
    expect(arg(args, '-hls_segment_filename')).toEqual([
      '/work/g0/a_720p_%05d.ts',
      '/work/g0/a_360p_%05d.ts',
    ]);
  });

  it('encodes QVBR as capped CRF at the level it announces', () => {
    expect(arg(args, '-crf')).toEqual(['23.5', '23.5']);
    expect(arg(args, '-maxrate')).toEqual(['3000000', '3000000']);
    expect(arg(args, '-level:v')).toEqual(['3.1', '3.0']);
    expect(shapes[0].map((s) => s.h264)).toEqual([
      { profile: 'high', level: 31 },
      { profile: 'high', level: 30 },
    ]);
  });

  it('turns a GOP in seconds into frames at the output frame rate', () => {
    expect(arg(args, '-g')).toEqual(['60', '60']);
  });

  it('captures frames as numbered JPEGs from 0', () => {
    expect(args.slice(-11)).toEqual([
      ...['-map', '[v2]', '-frames:v', '1', '-q:v', '8', '-f', 'image2', '-start_number', '0'],
      '/work/g1/poster.%07d.jpg',
    ]);
    expect(arg(args, '-filter_complex')[0]).toContain('[sv2]fps=1/5,scale=640:360');
  });

  it('feeds silence to the outputs that want audio when the input has none', () => {
    const silent = buildFfmpegCommand(plan, { ...probe, audioStreams: 0 }, '/in/a.mp4', '/work').args;
    expect(arg(silent, '-filter_complex')[0]).toContain(
      'anullsrc=channel_layout=stereo:sample_rate=48000,atrim=end=10.000,asplit=2[a0][a1]',
    );
    expect(arg(silent, '-map')).toEqual(['[v0]', '[a0]', '[v1]', '[a1]', '[v2]']);
  });
});
