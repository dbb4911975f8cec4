/**
 * H.264 levels (ITU-T H.264 Table A-1): macroblocks per second, frame size in macroblocks and
 * bitrate (kbit/s, Baseline/Main; High allows 1.25×). The runner picks the level itself and tells
 * x264, so the master playlist's CODECS can name it without reading the streams back.
 */
const LEVELS: Array<{ level: number; mbps: number; frameMbs: number; kbps: number }> = [
  { level: 10, mbps: 1485, frameMbs: 99, kbps: 64 },
  { level: 11, mbps: 3000, frameMbs: 396, kbps: 192 },
  { level: 12, mbps: 6000, frameMbs: 396, kbps: 384 },
  { level: 13, mbps: 11880, frameMbs: 396, kbps: 768 },
  { level: 20, mbps: 11880, frameMbs: 396, kbps: 2000 },
  { level: 21, mbps: 19800, frameMbs: 792, kbps: 4000 },
  { level: 22, mbps: 20250, frameMbs: 1620, kbps: 4000 },
  { level: 30, mbps: 40500, frameMbs: 1620, kbps: 10000 },
  { level: 31, mbps: 108000, frameMbs: 3600, kbps: 14000 },
  { level: 32, mbps: 216000, frameMbs: 5120, kbps: 20000 },
  { level: 40, mbps: 245760, frameMbs: 8192, kbps: 20000 },
  { level: 41, mbps: 245760, frameMbs: 8192, kbps: 50000 },
  { level: 42, mbps: 522240, frameMbs: 8704, kbps: 50000 },
  { level: 50, mbps: 589824, frameMbs: 22080, kbps: 135000 },
  { level: 51, mbps: 983040, frameMbs: 36864, kbps: 240000 },
  { level: 52, mbps: 2073600, frameMbs: 36864, kbps: 240000 },
];

/** The lowest level (as level_idc, e.g. 31 for 3.1) that holds the picture, frame rate and peak bitrate. */
export function h264Level(
  width: number,
  height: number,
  frameRate: number,
  peakBitrate: number,
  high: boolean,
): number {
  const wide = Math.ceil(width / 16);
  const tall = Math.ceil(height / 16);
  const frameMbs = wide * tall;
  const kbps = peakBitrate / 1000 / (high ? 1.25 : 1);
  const fits = LEVELS.find(
    (l) =>
      frameMbs <= l.frameMbs &&
      // No side may exceed sqrt(8 × MaxFS) macroblocks (A.3.1).
      Math.max(wide, tall) <= Math.sqrt(8 * l.frameMbs) &&
      frameMbs * frameRate <= l.mbps &&
      kbps <= l.kbps,
  );
  return (fits ?? LEVELS[LEVELS.length - 1]).level;
}

/** level_idc → x264's `-level` argument: 31 → `3.1`, 40 → `4.0`. */
export const levelName = (idc: number) => `${Math.floor(idc / 10)}.${idc % 10}`;
