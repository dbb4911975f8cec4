/** HLS playlists: reading the variant playlists ffmpeg writes, writing the master MediaConvert writes. */

export interface Segment {
  uri: string;
  durationS: number;
}

/** The segments of a media playlist, in order. */
export function parseMediaPlaylist(text: string): Segment[] {
  const segments: Segment[] = [];
  let duration: number | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) duration = Number.parseFloat(line.slice('#EXTINF:'.length));
    else if (line && !line.startsWith('#') && duration !== undefined) {
      segments.push({ uri: line, durationS: duration });
      duration = undefined;
    }
  }
  return segments;
}

/** A variant as the master playlist lists it. */
export interface Variant {
  uri: string;
  /** Peak segment bitrate, bits/s (what BANDWIDTH means in RFC 8216). */
  bandwidth: number;
  averageBandwidth: number;
  codecs: string[];
  width: number;
  height: number;
  frameRate: number;
}

/** Peak and average bitrates of a rendition from its segments' durations and sizes in bytes. */
export function bitrates(segments: Array<Segment & { bytes: number }>): { peak: number; average: number } {
  let peak = 0;
  let bits = 0;
  let seconds = 0;
  for (const s of segments) {
    if (s.durationS > 0) peak = Math.max(peak, (s.bytes * 8) / s.durationS);
    bits += s.bytes * 8;
    seconds += s.durationS;
  }
  return { peak: Math.ceil(peak), average: seconds > 0 ? Math.ceil(bits / seconds) : 0 };
}

/** The master playlist, renditions in the order of the settings' outputs. */
export function masterPlaylist(variants: Variant[], includeResolution: boolean): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const v of variants) {
    const attributes = [
      `BANDWIDTH=${v.bandwidth}`,
      `AVERAGE-BANDWIDTH=${v.averageBandwidth}`,
      `CODECS="${v.codecs.join(',')}"`,
      ...(includeResolution ? [`RESOLUTION=${v.width}x${v.height}`] : []),
      `FRAME-RATE=${v.frameRate.toFixed(3)}`,
    ];
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, v.uri);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The RFC 6381 name of an x264 stream: `avc1.` + profile_idc, the constraint flags x264 writes
 * for that profile (set0 for Baseline, set1 for Baseline and Main) and level_idc, in hex:
 * High at 4.0 → `avc1.640028`.
 */
export function avcCodec(profile: 'baseline' | 'main' | 'high', level: number): string {
  const [idc, flags] = { baseline: [0x42, 0xc0], main: [0x4d, 0x40], high: [0x64, 0x00] }[profile];
  const hex = (n: number) => n.toString(16).padStart(2, '0');
  return `avc1.${hex(idc)}${hex(flags)}${hex(level)}`;
}

/** AAC-LC. */
export const AAC_LC = 'mp4a.40.2';
