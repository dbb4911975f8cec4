/** What a job will do, resolved from its settings at CreateJob: inputs, encodings, file names. */

export interface S3Location {
  bucket: string;
  key: string;
}

export type ScalingBehavior = 'DEFAULT' | 'STRETCH_TO_OUTPUT' | 'FIT' | 'FIT_NO_UPSCALE' | 'FILL';

export interface H264Plan {
  rateControl: 'CBR' | 'VBR' | 'QVBR';
  bitrate?: number;
  maxBitrate?: number;
  bufferSize?: number;
  /** QVBR quality 1–10 (fractional with the fine tune). */
  quality: number;
  profile: 'baseline' | 'main' | 'high';
  /** level_idc, e.g. 41 for 4.1; absent: the lowest level that holds the output. */
  level?: number;
  /** A keyframe every `gop` seconds or frames. */
  gop: { size: number; units: 'FRAMES' | 'SECONDS' };
  bFrames?: number;
  refs?: number;
  /** Output frame rate; absent: the input's. */
  frameRate?: { numerator: number; denominator: number };
  sceneChangeDetect: boolean;
  /** The x264 preset standing in for MediaConvert's quality tuning level. */
  preset: 'veryfast' | 'medium' | 'slow';
}

export interface VideoPlan {
  width?: number;
  height?: number;
  scaling: ScalingBehavior;
}

export interface AudioPlan {
  /** 0-based index among the input's audio streams. */
  track: number;
  bitrate: number;
  channels: number;
  sampleRate: number;
}

export interface HlsRenditionPlan {
  /** Index of the output in its group, as GetJob's outputDetails lists them. */
  index: number;
  /** Object keys of the variant playlist and the segment pattern (`%05d`, from 1). */
  playlistKey: string;
  segmentPattern: string;
  video: VideoPlan;
  h264: H264Plan;
  audio?: AudioPlan;
}

export interface HlsGroupPlan {
  kind: 'hls';
  bucket: string;
  /** The master playlist's key; every other name is relative to its folder. */
  masterKey: string;
  segmentLength: number;
  integerDurations: boolean;
  includeResolution: boolean;
  baseUrl: string;
  renditions: HlsRenditionPlan[];
}

export interface Mp4OutputPlan {
  kind: 'mp4';
  index: number;
  key: string;
  video: VideoPlan;
  h264: H264Plan;
  audio?: AudioPlan;
}

export interface FrameCapturePlan {
  kind: 'frames';
  index: number;
  /** Key pattern with `%07d`, numbered from 0. */
  keyPattern: string;
  video: VideoPlan;
  /** Captures per second, as a fraction. */
  rate: { numerator: number; denominator: number };
  maxCaptures?: number;
  /** JPEG quality 1–100. */
  quality: number;
}

export interface FileGroupPlan {
  kind: 'file';
  bucket: string;
  outputs: Array<Mp4OutputPlan | FrameCapturePlan>;
}

export type GroupPlan = HlsGroupPlan | FileGroupPlan;

export interface TranscodePlan {
  input: S3Location & { uri: string };
  groups: GroupPlan[];
}

/** `s3://bucket/a/b` → `{ bucket, key: 'a/b' }`. */
export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) throw new Error(`not an s3:// URI: ${uri}`);
  return { bucket: match[1], key: match[2] };
}
