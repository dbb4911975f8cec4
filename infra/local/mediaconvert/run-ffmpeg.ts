import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One block of ffmpeg's `-progress` output. */
export interface FfmpegProgress {
  /** Media time written so far, in ms. */
  outTimeMs: number;
  frames: number;
  done: boolean;
}

export interface RunOptions {
  signal: AbortSignal;
  onProgress(progress: FfmpegProgress): void;
  /** Told the process id as soon as it exists (the job record keeps it to stop an orphan after a crash). */
  onSpawn(pid: number): void;
}

/** ffmpeg stopped because the job was canceled or the runtime is closing. */
export class FfmpegAbortedError extends Error {
  override readonly name = 'FfmpegAbortedError';
}

/**
 * Runs ffmpeg and reports its `-progress pipe:1` blocks (`key=value` lines ending with
 * `progress=continue|end`). Rejects with the tail of stderr when ffmpeg fails; an abort kills
 * the process (SIGKILL: it is writing only to the job's own work directory).
 */
export function runFfmpeg(ffmpeg: string, args: string[], options: RunOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) return reject(new FfmpegAbortedError('aborted before start'));
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    if (child.pid !== undefined) options.onSpawn(child.pid);
    const abort = () => child.kill('SIGKILL');
    options.signal.addEventListener('abort', abort, { once: true });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    let block: Record<string, string> = {};
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const eq = line.indexOf('=');
      if (eq < 0) return;
      const key = line.slice(0, eq).trim();
      block[key] = line.slice(eq + 1).trim();
      if (key !== 'progress') return;
      options.onProgress(parseProgress(block));
      block = {};
    });
    child.once('error', (error) => {
      options.signal.removeEventListener('abort', abort);
      reject(error);
    });
    child.once('close', (code, signal) => {
      options.signal.removeEventListener('abort', abort);
      if (options.signal.aborted) reject(new FfmpegAbortedError('ffmpeg was stopped'));
      else if (code === 0) resolve();
      else reject(new Error(stderr.trim() || `ffmpeg exited with ${code ?? signal}`));
    });
  });
}

/** A finished progress block → numbers. `out_time_us` is the media time (4.1 also names it out_time_ms). */
export function parseProgress(block: Record<string, string>): FfmpegProgress {
  const us = Number(block.out_time_us ?? block.out_time_ms);
  return {
    outTimeMs: Number.isFinite(us) && us > 0 ? Math.floor(us / 1000) : 0,
    frames: Number(block.frame) || 0,
    done: block.progress === 'end',
  };
}
