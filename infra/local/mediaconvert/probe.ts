import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What the runner needs to know about a media file. */
export interface MediaProbe {
  durationMs: number;
  /** The first video stream, as displayed (rotation applied); absent for audio-only files. */
  video?: {
    width: number;
    height: number;
    /** Frames per second, e.g. 29.97. */
    frameRate: number;
    /** e.g. `High`, `Main`, `Constrained Baseline`. */
    profile?: string;
    /** e.g. 31 for 3.1. */
    level?: number;
    bitrate?: number;
  };
  audioStreams: number;
}

interface FfprobeStream {
  codec_type?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  profile?: string;
  level?: number;
  bit_rate?: string;
  duration?: string;
  tags?: { rotate?: string };
  side_data_list?: Array<{ rotation?: number }>;
}

/** Probes `file` with ffprobe; rejects with ffprobe's message when the file is not media it can read. */
export async function probeMedia(ffprobe: string, file: string): Promise<MediaProbe> {
  let stdout: string;
  try {
    ({ stdout } = await run(ffprobe, ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file], {
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(stderr || (error as Error).message);
  }
  return parseProbe(JSON.parse(stdout) as { streams?: FfprobeStream[]; format?: { duration?: string } });
}

/** ffprobe's JSON → MediaProbe. */
export function parseProbe(json: { streams?: FfprobeStream[]; format?: { duration?: string } }): MediaProbe {
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && s.width && s.height);
  const seconds = Number(json.format?.duration ?? video?.duration ?? 0);
  const probe: MediaProbe = {
    durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : 0,
    audioStreams: streams.filter((s) => s.codec_type === 'audio').length,
  };
  if (video) {
    const rotation = Math.abs(
      Number(
        video.tags?.rotate ?? video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0,
      ),
    );
    const sideways = rotation % 180 === 90;
    probe.video = {
      width: sideways ? video.height! : video.width!,
      height: sideways ? video.width! : video.height!,
      frameRate: rate(video.avg_frame_rate) || rate(video.r_frame_rate) || 25,
      ...(video.profile ? { profile: video.profile } : {}),
      ...(video.level !== undefined && video.level > 0 ? { level: video.level } : {}),
      ...(video.bit_rate ? { bitrate: Number(video.bit_rate) } : {}),
    };
  }
  return probe;
}

/** `30000/1001` → 29.97; `0/0` → 0. */
function rate(text: string | undefined): number {
  const [n, d] = (text ?? '0/0').split('/').map(Number);
  return d ? n / d : 0;
}
