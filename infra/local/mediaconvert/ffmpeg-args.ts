import { posix } from 'node:path';
import { h264Level, levelName } from './h264-level';
import type { AudioPlan, H264Plan, TranscodePlan } from './plan';
import type { MediaProbe } from './probe';
import { scalePicture, type Picture } from './scaling';

/** What an output will be, known before encoding (the master playlist is written from it). */
export interface OutputShape {
  width: number;
  height: number;
  frameRate: number;
  /** H.264 outputs: profile name and level_idc as written into the stream. */
  h264?: { profile: H264Plan['profile']; level: number };
}

/** One ffmpeg command for the whole job, and the shape of each output (by group, then output). */
export interface FfmpegCommand {
  args: string[];
  shapes: OutputShape[][];
}

/** The work directory's sub-folder for group `g`: each group's files keep their object names there. */
export const groupDir = (workDir: string, g: number) => posix.join(workDir, `g${g}`);

/**
 * Builds the single ffmpeg invocation that decodes the input once and writes every output: one
 * `split` of the video feeds each rendition's scaler and encoder (and each frame capture), so
 * decoding and demuxing happen once whatever the ladder. HLS renditions get keyframes forced on
 * segment boundaries so every segment starts with one and all renditions switch at the same points.
 * An input without audio gets silence where the settings ask for audio, so every rendition has
 * the same tracks.
 */
export function buildFfmpegCommand(
  plan: TranscodePlan,
  probe: MediaProbe,
  inputFile: string,
  workDir: string,
): FfmpegCommand {
  const source = probe.video!;
  const graph: string[] = [];
  const outputs: string[][] = [];
  const shapes: OutputShape[][] = [];
  let videos = 0;
  let silent = 0;

  const videoLabel = (picture: Picture, frameRate: string | undefined, pixelFormat: string) => {
    const label = `v${videos++}`;
    graph.push(
      `[s${label}]${frameRate ? `fps=${frameRate},` : ''}${picture.filters},format=${pixelFormat}[${label}]`,
    );
    return `[${label}]`;
  };
  const audioArgs = (audio: AudioPlan | undefined) => {
    if (!audio) return [];
    const map = probe.audioStreams ? `0:a:${audio.track}` : `[a${silent++}]`;
    return ['-map', map, ...aacArgs(audio)];
  };
  /** Scales, encodes and describes an H.264 output; returns its arguments up to the muxer. */
  const h264Output = (
    video: Parameters<typeof scalePicture>[0],
    h264: H264Plan,
    audio: AudioPlan | undefined,
    sizes: OutputShape[],
  ) => {
    const picture = scalePicture(video, source.width, source.height);
    const frameRate = h264.frameRate
      ? h264.frameRate.numerator / h264.frameRate.denominator
      : source.frameRate;
    const peak = h264.maxBitrate ?? h264.bitrate ?? 0;
    const level =
      h264.level ?? h264Level(picture.width, picture.height, frameRate, peak, h264.profile === 'high');
    sizes.push({
      width: picture.width,
      height: picture.height,
      frameRate,
      h264: { profile: h264.profile, level },
    });
    const rate = h264.frameRate ? `${h264.frameRate.numerator}/${h264.frameRate.denominator}` : undefined;
    return [
      '-map',
      videoLabel(picture, rate, 'yuv420p'),
      ...audioArgs(audio),
      ...h264Args(h264, frameRate, level),
    ];
  };

  plan.groups.forEach((group, g) => {
    const dir = groupDir(workDir, g);
    const sizes: OutputShape[] = [];
    shapes.push(sizes);
    if (group.kind === 'hls') {
      for (const r of group.renditions) {
        outputs.push([
          ...h264Output(r.video, r.h264, r.audio, sizes),
          '-force_key_frames',
          `expr:gte(t,n_forced*${group.segmentLength})`,
          ...['-f', 'hls', '-hls_time', String(group.segmentLength), '-hls_list_size', '0'],
          ...['-hls_playlist_type', 'vod', '-start_number', '1'],
          ...(group.integerDurations ? ['-hls_flags', 'round_durations'] : []),
          ...(group.baseUrl ? ['-hls_base_url', group.baseUrl] : []),
          ...['-hls_segment_filename', posix.join(dir, posix.basename(r.segmentPattern))],
          posix.join(dir, posix.basename(r.playlistKey)),
        ]);
      }
      return;
    }
    for (const o of group.outputs) {
      if (o.kind === 'mp4') {
        outputs.push([
          ...h264Output(o.video, o.h264, o.audio, sizes),
          ...['-movflags', '+faststart', '-f', 'mp4', posix.join(dir, posix.basename(o.key))],
        ]);
        continue;
      }
      const picture = scalePicture(o.video, source.width, source.height);
      sizes.push({
        width: picture.width,
        height: picture.height,
        frameRate: o.rate.numerator / o.rate.denominator,
      });
      outputs.push([
        ...['-map', videoLabel(picture, `${o.rate.numerator}/${o.rate.denominator}`, 'yuvj420p')],
        ...(o.maxCaptures ? ['-frames:v', String(o.maxCaptures)] : []),
        ...['-q:v', String(jpegQuality(o.quality)), '-f', 'image2', '-start_number', '0'],
        posix.join(dir, posix.basename(o.keyPattern)),
      ]);
    }
  });

  const labels = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, i) => `[${prefix}${i}]`).join('');
  const filters = [`[0:v:0]split=${videos}${labels('sv', videos)}`, ...graph];
  if (silent) {
    const seconds = (probe.durationMs / 1000).toFixed(3);
    filters.push(
      `anullsrc=channel_layout=stereo:sample_rate=48000,atrim=end=${seconds},asplit=${silent}${labels('a', silent)}`,
    );
  }
  return {
    args: [
      ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y', '-progress', 'pipe:1'],
      ...['-i', inputFile, '-filter_complex', filters.join(';')],
      ...outputs.flat(),
    ],
    shapes,
  };
}

/** libx264 options for a MediaConvert H.264 description. QVBR becomes capped CRF (quality 10 → CRF 16, 7 → 23.5, 1 → 38.5). */
export function h264Args(h264: H264Plan, frameRate: number, level: number): string[] {
  const gopFrames = Math.max(
    1,
    Math.round(h264.gop.units === 'SECONDS' ? h264.gop.size * frameRate : h264.gop.size),
  );
  const cap = h264.maxBitrate;
  const args = [
    '-c:v',
    'libx264',
    '-preset',
    h264.preset,
    '-profile:v',
    h264.profile,
    '-level:v',
    levelName(level),
  ];
  if (h264.rateControl === 'QVBR') args.push('-crf', (41 - 2.5 * h264.quality).toFixed(1));
  else args.push('-b:v', String(h264.bitrate));
  if (cap) args.push('-maxrate', String(cap), '-bufsize', String(h264.bufferSize ?? 2 * cap));
  if (h264.rateControl === 'CBR') args.push('-minrate', String(h264.bitrate));
  args.push('-g', String(gopFrames));
  if (!h264.sceneChangeDetect) args.push('-sc_threshold', '0');
  if (h264.bFrames !== undefined && h264.profile !== 'baseline') args.push('-bf', String(h264.bFrames));
  if (h264.refs !== undefined) args.push('-refs', String(h264.refs));
  return args;
}

function aacArgs(audio: AudioPlan): string[] {
  return [
    '-c:a',
    'aac',
    '-b:a',
    String(audio.bitrate),
    '-ac',
    String(audio.channels),
    '-ar',
    String(audio.sampleRate),
  ];
}

/** MediaConvert's JPEG quality 1–100 → ffmpeg's mjpeg qscale 31–2 (lower is better). */
function jpegQuality(quality: number): number {
  return Math.round(2 + ((100 - quality) * 29) / 99);
}
