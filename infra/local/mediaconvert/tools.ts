import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The ffmpeg and ffprobe executables the runner uses. */
export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

/** ffmpeg/ffprobe from PATH when there, else the static builds of @ffmpeg-installer / @ffprobe-installer. */
export function findMediaTools(path = process.env.PATH ?? ''): MediaTools {
  return {
    ffmpeg: onPath('ffmpeg', path) ?? (require('@ffmpeg-installer/ffmpeg') as { path: string }).path,
    ffprobe: onPath('ffprobe', path) ?? (require('@ffprobe-installer/ffprobe') as { path: string }).path,
  };
}

function onPath(name: string, path: string): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, process.platform === 'win32' ? `${name}.exe` : name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}
