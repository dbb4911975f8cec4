import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { posix } from 'node:path';
import { buildFfmpegCommand, groupDir, type OutputShape } from './ffmpeg-args';
import { AAC_LC, avcCodec, bitrates, masterPlaylist, parseMediaPlaylist, type Variant } from './hls';
import type { FileGroupPlan, HlsGroupPlan, TranscodePlan } from './plan';
import { probeMedia, type MediaProbe } from './probe';
import { runFfmpeg } from './run-ffmpeg';
import type { MediaTools } from './tools';

/** The part of the local S3 the runner uses (infra/local/s3): objects as files. */
export interface ObjectFiles {
  /** The file holding the object's bytes, or undefined when there is no such object. */
  objectFile(bucket: string, key: string): string | undefined;
  /** Stores `sourceFile` as the object (it may be moved). */
  putObjectFile(bucket: string, key: string, sourceFile: string, contentType?: string): void;
}

export type JobPhase = 'PROBING' | 'TRANSCODING' | 'UPLOADING';

/** One output as GetJob reports it; `outputFilePaths` is only shown in events. */
export interface OutputResult {
  outputFilePaths: string[];
  durationInMs: number;
  videoDetails: { widthInPx: number; heightInPx: number; averageBitrate: number };
}

export interface GroupResult {
  type: 'HLS_GROUP' | 'FILE_GROUP';
  /** The master playlist of an HLS group. */
  playlistFilePaths?: string[];
  outputDetails: OutputResult[];
}

/** A job failure with MediaConvert's error code (docs: "Error codes"). */
export class JobFailure extends Error {
  override readonly name = 'JobFailure';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export interface TranscodeContext {
  tools: MediaTools;
  s3: ObjectFiles;
  /** An empty directory of this attempt's own. */
  workDir: string;
  signal: AbortSignal;
  onPhase(phase: JobPhase): void;
  /** Transcoding progress: `fraction` of the input written, 0–1. */
  onProgress(fraction: number, frames: number): void;
  onSpawn(pid: number): void;
}

const CONTENT_TYPES: Record<string, string> = {
  m3u8: 'application/x-mpegURL',
  ts: 'video/MP2T',
  mp4: 'video/mp4',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
};

/** Runs one attempt of a job: probe the input, one ffmpeg for every output, describe, upload. */
export async function transcode(plan: TranscodePlan, ctx: TranscodeContext): Promise<GroupResult[]> {
  ctx.onPhase('PROBING');
  const inputFile = ctx.s3.objectFile(plan.input.bucket, plan.input.key);
  const cannotOpen = (why: string) =>
    new JobFailure(1010, `Unable to open input file [${plan.input.uri}]: [Failed probe/open: [${why}]]`);
  if (!inputFile) throw cannotOpen('The object does not exist');
  let probe: MediaProbe;
  try {
    probe = await probeMedia(ctx.tools.ffprobe, inputFile);
  } catch (error) {
    throw cannotOpen((error as Error).message);
  }
  if (!probe.video) throw cannotOpen('The input has no video stream');
  checkAudioTracks(plan, probe, cannotOpen);

  ctx.onPhase('TRANSCODING');
  plan.groups.forEach((_, g) => mkdirSync(groupDir(ctx.workDir, g), { recursive: true }));
  const command = buildFfmpegCommand(plan, probe, inputFile, ctx.workDir);
  try {
    await runFfmpeg(ctx.tools.ffmpeg, command.args, {
      signal: ctx.signal,
      onSpawn: ctx.onSpawn,
      onProgress: (p) =>
        ctx.onProgress(probe.durationMs ? Math.min(1, p.outTimeMs / probe.durationMs) : 0, p.frames),
    });
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    throw new JobFailure(1999, `Transcoding failed: ${(error as Error).message}`);
  }

  const results = plan.groups.map((group, g) =>
    group.kind === 'hls'
      ? describeHls(group, groupDir(ctx.workDir, g), command.shapes[g])
      : describeFiles(group, groupDir(ctx.workDir, g), probe, command.shapes[g]),
  );

  ctx.onPhase('UPLOADING');
  plan.groups.forEach((group, g) => upload(ctx.s3, group, groupDir(ctx.workDir, g)));
  return results;
}

function checkAudioTracks(
  plan: TranscodePlan,
  probe: MediaProbe,
  cannotOpen: (why: string) => JobFailure,
): void {
  if (!probe.audioStreams) return; // silence stands in for the audio
  for (const group of plan.groups) {
    const outputs = group.kind === 'hls' ? group.renditions : group.outputs;
    for (const output of outputs) {
      const track = 'audio' in output ? output.audio?.track : undefined;
      if (track !== undefined && track >= probe.audioStreams) {
        throw cannotOpen(`Audio track ${track + 1} is selected but the input has ${probe.audioStreams}`);
      }
    }
  }
}

function describeHls(group: HlsGroupPlan, dir: string, shapes: OutputShape[]): GroupResult {
  const folder = prefixOf(group.masterKey);
  const variants: Variant[] = [];
  const outputDetails: OutputResult[] = [];
  for (const [i, r] of group.renditions.entries()) {
    const playlist = posix.basename(r.playlistKey);
    const segments = parseMediaPlaylist(readFileSync(posix.join(dir, playlist), 'utf8')).map((s) => ({
      ...s,
      bytes: statSync(posix.join(dir, posix.basename(s.uri))).size,
    }));
    const { peak, average } = bitrates(segments);
    const shape = shapes[i];
    variants.push({
      uri: `${group.baseUrl}${playlist}`,
      bandwidth: peak,
      averageBandwidth: average,
      codecs: [avcCodec(shape.h264!.profile, shape.h264!.level), ...(r.audio ? [AAC_LC] : [])],
      width: shape.width,
      height: shape.height,
      frameRate: shape.frameRate,
    });
    outputDetails.push({
      outputFilePaths: [`s3://${group.bucket}/${folder}${playlist}`],
      durationInMs: Math.round(segments.reduce((sum, s) => sum + s.durationS, 0) * 1000),
      videoDetails: { widthInPx: shape.width, heightInPx: shape.height, averageBitrate: average },
    });
  }
  writeFileSync(
    posix.join(dir, posix.basename(group.masterKey)),
    masterPlaylist(variants, group.includeResolution),
  );
  return { type: 'HLS_GROUP', playlistFilePaths: [`s3://${group.bucket}/${group.masterKey}`], outputDetails };
}

function describeFiles(
  group: FileGroupPlan,
  dir: string,
  input: MediaProbe,
  shapes: OutputShape[],
): GroupResult {
  const outputDetails = group.outputs.map((o, i): OutputResult => {
    const size = { widthInPx: shapes[i].width, heightInPx: shapes[i].height };
    if (o.kind === 'mp4') {
      const bytes = statSync(posix.join(dir, posix.basename(o.key))).size;
      return {
        outputFilePaths: [`s3://${group.bucket}/${o.key}`],
        durationInMs: input.durationMs,
        videoDetails: {
          ...size,
          averageBitrate: input.durationMs ? Math.round((bytes * 8000) / input.durationMs) : 0,
        },
      };
    }
    // Frame captures report their last file, as MediaConvert does.
    const [head, tail] = posix.basename(o.keyPattern).split('%07d');
    const captures = readdirSync(dir)
      .filter((f) => f.startsWith(head) && f.endsWith(tail))
      .sort();
    return {
      outputFilePaths: captures.length
        ? [`s3://${group.bucket}/${prefixOf(o.keyPattern)}${captures[captures.length - 1]}`]
        : [],
      durationInMs: input.durationMs,
      videoDetails: { ...size, averageBitrate: 0 },
    };
  });
  return { type: 'FILE_GROUP', outputDetails };
}

/** `a/b/c.m3u8` → `a/b/`; `c.m3u8` → ``. */
function prefixOf(key: string): string {
  return key.slice(0, key.lastIndexOf('/') + 1);
}

/** Segments and images first, variant playlists next, the master last: whoever sees a playlist finds its files. */
function upload(s3: ObjectFiles, group: HlsGroupPlan | FileGroupPlan, dir: string): void {
  const first =
    group.kind === 'hls'
      ? group.masterKey
      : group.outputs[0].kind === 'mp4'
        ? group.outputs[0].key
        : group.outputs[0].keyPattern;
  const prefix = prefixOf(first);
  const master = group.kind === 'hls' ? posix.basename(group.masterKey) : undefined;
  const rank = (file: string) => (file === master ? 2 : file.endsWith('.m3u8') ? 1 : 0);
  const files = readdirSync(dir).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  for (const file of files) {
    const extension = file.slice(file.lastIndexOf('.') + 1).toLowerCase();
    try {
      s3.putObjectFile(group.bucket, `${prefix}${file}`, posix.join(dir, file), CONTENT_TYPES[extension]);
    } catch (error) {
      throw new JobFailure(
        3450,
        `Unable to write to output file [s3://${group.bucket}/${prefix}${file}]: [${(error as Error).message}]`,
      );
    }
  }
}
