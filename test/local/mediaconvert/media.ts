/** Test media made at test time with ffmpeg (nothing committed), and ways to look at what a job wrote. */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { findMediaTools } from '../../../infra/local/mediaconvert/tools';

const run = promisify(execFile);
export const tools = findMediaTools();

/** A test pattern with a tone (or silent): `seconds` long, `width`×`height`, 25 fps, H.264/AAC in MP4. */
export async function makeClip(
  file: string,
  { width = 640, height = 360, seconds = 4, audio = true } = {},
): Promise<string> {
  mkdirSync(dirname(file), { recursive: true });
  await run(tools.ffmpeg, [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=25:duration=${seconds}`],
    ...(audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`] : []),
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
    ...(audio ? ['-c:a', 'aac', '-shortest'] : []),
    file,
  ]);
  return file;
}

export async function upload(s3: S3Client, bucket: string, key: string, file: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(file) }));
}

export async function keys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const { Contents } = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (Contents ?? []).map((o) => o.Key!).sort();
}

export async function text(s3: S3Client, bucket: string, key: string): Promise<string> {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Body!.transformToString();
}

export async function bytes(s3: S3Client, bucket: string, key: string): Promise<Buffer> {
  const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await Body!.transformToByteArray());
}

/** profile_idc, constraint flags and level_idc (hex) of the first H.264 SPS in an MPEG-TS segment. */
export function spsProfileLevel(segment: Buffer): string {
  const at = segment.indexOf(Buffer.from([0, 0, 1, 0x67]));
  if (at < 0) throw new Error('no SPS in the segment');
  return segment.subarray(at + 4, at + 7).toString('hex');
}

/** Downloads every object under `prefix` into `dir`, keeping the names after the prefix. */
export async function download(s3: S3Client, bucket: string, prefix: string, dir: string): Promise<void> {
  for (const key of await keys(s3, bucket, prefix)) {
    const { Body } = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const file = join(dir, key.slice(prefix.length));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, await Body!.transformToByteArray());
  }
}

export interface PlayedStream {
  codec: string;
  width?: number;
  height?: number;
  channels?: number;
}

/**
 * Plays a playlist the way a player would: ffmpeg reads it and its segments and decodes every
 * frame (any error fails), then the streams are remuxed to MP4 and described by ffprobe. (The
 * bundled ffprobe build cannot read MPEG-TS on some CPUs, so it looks at the remuxed copy.)
 */
export async function play(playlist: string): Promise<{ durationMs: number; streams: PlayedStream[] }> {
  const decoded = await run(tools.ffmpeg, ['-hide_banner', '-v', 'error', '-i', playlist, '-f', 'null', '-']);
  if (decoded.stderr.trim()) throw new Error(`decoding ${playlist}: ${decoded.stderr}`);
  const copy = `${playlist}.mp4`;
  await run(tools.ffmpeg, ['-hide_banner', '-v', 'error', '-y', '-i', playlist, '-c', 'copy', copy]);
  const { stdout } = await run(tools.ffprobe, [
    '-v',
    'error',
    '-show_format',
    '-show_streams',
    '-of',
    'json',
    copy,
  ]);
  const probe = JSON.parse(stdout) as {
    format: { duration: string };
    streams: Array<{ codec_name: string; width?: number; height?: number; channels?: number }>;
  };
  return {
    durationMs: Math.round(Number(probe.format.duration) * 1000),
    streams: probe.streams.map((s) => ({
      codec: s.codec_name,
      ...(s.width ? { width: s.width, height: s.height } : {}),
      ...(s.channels ? { channels: s.channels } : {}),
    })),
  };
}

/** The variants a master playlist lists: attributes and URI. */
export function variants(master: string): Array<{ attributes: Record<string, string>; uri: string }> {
  const lines = master.split('\n');
  return lines.flatMap((line, i) => {
    if (!line.startsWith('#EXT-X-STREAM-INF:')) return [];
    const attributes: Record<string, string> = {};
    for (const [, name, value] of line
      .slice('#EXT-X-STREAM-INF:'.length)
      .matchAll(/([A-Z-]+)=("[^"]*"|[^,]*)/g)) {
      attributes[name] = value.replace(/^"|"$/g, '');
    }
    return [{ attributes, uri: lines[i + 1] }];
  });
}
