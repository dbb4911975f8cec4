import type { z } from 'zod';
import {
  createJobRequest,
  type AudioDescription,
  type CreateJobRequest,
  type JobSettings,
  type OutputGroupSettings,
  type OutputSettings,
  type VideoDescription,
} from './settings-schema';
import type { H264Settings } from './codec-schema';
import {
  parseS3Uri,
  type AudioPlan,
  type FileGroupPlan,
  type GroupPlan,
  type H264Plan,
  type HlsGroupPlan,
  type TranscodePlan,
  type VideoPlan,
} from './plan';

/** Settings the local runner cannot honour, or that MediaConvert would refuse: a BadRequestException. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
}

const DEFAULT_AUDIO_SELECTOR = 'Audio Selector 1';
const PRESETS = { SINGLE_PASS: 'veryfast', SINGLE_PASS_HQ: 'medium', MULTI_PASS_HQ: 'slow' } as const;
const CHANNELS = { CODING_MODE_1_0: 1, CODING_MODE_2_0: 2, CODING_MODE_5_1: 6 } as const;

/** Validates a CreateJob body (wire JSON); throws SettingsError with the first problems found. */
export function parseCreateJob(body: unknown): CreateJobRequest {
  const parsed = createJobRequest.safeParse(body);
  if (!parsed.success) throw new SettingsError(describeIssues(parsed.error.issues));
  return parsed.data;
}

/** Resolves the settings into what the runner does and the names it writes, as MediaConvert names them. */
export function planJob(settings: JobSettings): TranscodePlan {
  const input = settings.inputs[0];
  const inputLocation = parseS3Uri(input.fileInput);
  const inputBase = inputLocation.key
    .split('/')
    .pop()!
    .replace(/\.[^.]*$/, '');
  const audioTrackOf = (name: string, path: string): number => {
    if (!input.audioSelectors) return 0;
    const selector = input.audioSelectors[name];
    if (!selector) throw new SettingsError(`${path}.audioSourceName: no audio selector named '${name}'`);
    return (selector.tracks?.[0] ?? selector.streams?.[0] ?? 1) - 1;
  };
  const groups = settings.outputGroups.map((group, g) =>
    planGroup(group, `settings.outputGroups[${g}]`, inputBase, audioTrackOf),
  );
  checkDistinctNames(groups);
  return { input: { ...inputLocation, uri: input.fileInput }, groups };
}

function planGroup(
  group: OutputGroupSettings,
  path: string,
  inputBase: string,
  audioTrackOf: (name: string, path: string) => number,
): GroupPlan {
  const settings = group.outputGroupSettings;
  const hls = settings.type === 'HLS_GROUP_SETTINGS';
  const destination = hls ? settings.hlsGroupSettings?.destination : settings.fileGroupSettings?.destination;
  if (!destination) {
    const member = hls ? 'hlsGroupSettings' : 'fileGroupSettings';
    throw new SettingsError(`${path}.outputGroupSettings.${member}.destination is required`);
  }
  const { bucket, key } = parseS3Uri(destination);
  const folder = key.endsWith('/') || key === '' ? key : key.slice(0, key.lastIndexOf('/') + 1);
  const base = folder + (key.endsWith('/') || key === '' ? inputBase : key.slice(folder.length));
  const audioOf = (output: OutputSettings, at: string) =>
    output.audioDescriptions?.length
      ? planAudio(output.audioDescriptions[0], `${at}.audioDescriptions[0]`, audioTrackOf)
      : undefined;

  if (hls) {
    const hlsSettings = settings.hlsGroupSettings!;
    const plan: HlsGroupPlan = {
      kind: 'hls',
      bucket,
      masterKey: `${base}.m3u8`,
      segmentLength: hlsSettings.segmentLength ?? 10,
      integerDurations: hlsSettings.manifestDurationFormat === 'INTEGER',
      includeResolution: hlsSettings.streamInfResolution !== 'EXCLUDE',
      baseUrl: hlsSettings.baseUrl ?? '',
      renditions: group.outputs.map((output, index) => {
        const at = `${path}.outputs[${index}]`;
        const container = output.containerSettings?.container ?? 'M3U8';
        if (container !== 'M3U8')
          throw new SettingsError(`${at}.containerSettings.container: HLS outputs are M3U8`);
        const { video, h264 } = planH264Video(output.videoDescription, `${at}.videoDescription`);
        const name = `${base}${output.nameModifier ?? ''}`;
        const segmentModifier = output.outputSettings?.hlsSettings?.segmentModifier ?? '';
        return {
          index,
          playlistKey: `${name}.m3u8`,
          segmentPattern: `${name}${segmentModifier}_%05d.ts`,
          video,
          h264,
          audio: audioOf(output, at),
        };
      }),
    };
    return plan;
  }

  const plan: FileGroupPlan = {
    kind: 'file',
    bucket,
    outputs: group.outputs.map((output, index) => {
      const at = `${path}.outputs[${index}]`;
      const container = output.containerSettings?.container;
      const name = `${base}${output.nameModifier ?? ''}`;
      if (container === 'MP4') {
        const { video, h264 } = planH264Video(output.videoDescription, `${at}.videoDescription`);
        return {
          kind: 'mp4',
          index,
          key: `${name}.${output.extension ?? 'mp4'}`,
          video,
          h264,
          audio: audioOf(output, at),
        };
      }
      if (container === 'RAW') {
        const description = output.videoDescription;
        const capture = description?.codecSettings.frameCaptureSettings;
        if (description?.codecSettings.codec !== 'FRAME_CAPTURE') {
          throw new SettingsError(
            `${at}.videoDescription.codecSettings.codec: RAW outputs are FRAME_CAPTURE`,
          );
        }
        if (output.audioDescriptions?.length) {
          throw new SettingsError(`${at}.audioDescriptions: a FRAME_CAPTURE output has no audio`);
        }
        return {
          kind: 'frames',
          index,
          keyPattern: `${name}.%07d.${output.extension ?? 'jpg'}`,
          video: videoOf(description),
          rate: {
            numerator: capture?.framerateNumerator ?? 1,
            denominator: capture?.framerateDenominator ?? 1,
          },
          maxCaptures: capture?.maxCaptures,
          quality: capture?.quality ?? 80,
        };
      }
      throw new SettingsError(
        `${at}.containerSettings.container: the local runner writes MP4 and RAW (frame capture) files in a FILE_GROUP; got ${JSON.stringify(container)}`,
      );
    }),
  };
  return plan;
}

function videoOf(description: VideoDescription): VideoPlan {
  return {
    width: description.width,
    height: description.height,
    scaling: description.scalingBehavior ?? 'DEFAULT',
  };
}

function planH264Video(
  description: VideoDescription | undefined,
  path: string,
): { video: VideoPlan; h264: H264Plan } {
  if (!description)
    throw new SettingsError(`${path} is required: audio-only outputs are not available locally`);
  if (description.codecSettings.codec !== 'H_264') {
    throw new SettingsError(`${path}.codecSettings.codec: this output needs H_264 video`);
  }
  return {
    video: videoOf(description),
    h264: planH264(description.codecSettings.h264Settings ?? {}, `${path}.codecSettings.h264Settings`),
  };
}

function planH264(s: H264Settings, path: string): H264Plan {
  const rateControl = s.rateControlMode ?? 'CBR';
  if (rateControl !== 'QVBR' && s.bitrate === undefined) {
    throw new SettingsError(`${path}.bitrate is required with rateControlMode ${rateControl}`);
  }
  if (rateControl === 'QVBR' && s.maxBitrate === undefined) {
    throw new SettingsError(`${path}.maxBitrate is required with rateControlMode QVBR`);
  }
  if (rateControl === 'VBR' && s.maxBitrate !== undefined && s.maxBitrate < s.bitrate!) {
    throw new SettingsError(`${path}.maxBitrate must not be below bitrate`);
  }
  if (s.framerateControl === 'SPECIFIED' && (!s.framerateNumerator || !s.framerateDenominator)) {
    throw new SettingsError(
      `${path}: framerateControl SPECIFIED needs framerateNumerator and framerateDenominator`,
    );
  }
  const units = s.gopSizeUnits === 'SECONDS' ? 'SECONDS' : 'FRAMES';
  const gopSize = s.gopSizeUnits === 'AUTO' || !s.gopSize ? (units === 'SECONDS' ? 2 : 90) : s.gopSize;
  return {
    rateControl,
    bitrate: rateControl === 'QVBR' ? undefined : s.bitrate,
    maxBitrate: rateControl === 'CBR' ? s.bitrate : s.maxBitrate,
    bufferSize: s.hrdBufferSize || undefined,
    quality: (s.qvbrSettings?.qvbrQualityLevel ?? 7) + (s.qvbrSettings?.qvbrQualityLevelFineTune ?? 0),
    profile: (s.codecProfile ?? 'MAIN').toLowerCase() as H264Plan['profile'],
    level: s.codecLevel && s.codecLevel !== 'AUTO' ? levelIdc(s.codecLevel) : undefined,
    gop: { size: gopSize, units },
    bFrames: s.numberBFramesBetweenReferenceFrames,
    refs: s.numberReferenceFrames,
    frameRate:
      s.framerateControl === 'SPECIFIED'
        ? { numerator: s.framerateNumerator!, denominator: s.framerateDenominator! }
        : undefined,
    sceneChangeDetect: s.sceneChangeDetect !== 'DISABLED',
    preset: PRESETS[s.qualityTuningLevel ?? 'SINGLE_PASS'],
  };
}

/** `LEVEL_4_1` → 41, `LEVEL_3` → 30. */
function levelIdc(level: string): number {
  const [major, minor = '0'] = level.slice('LEVEL_'.length).split('_');
  return Number(major) * 10 + Number(minor);
}

function planAudio(
  description: AudioDescription,
  path: string,
  audioTrackOf: (name: string, path: string) => number,
): AudioPlan {
  const aac = description.codecSettings.aacSettings ?? {};
  return {
    track: audioTrackOf(description.audioSourceName ?? DEFAULT_AUDIO_SELECTOR, path),
    bitrate: aac.bitrate ?? 96_000,
    channels: CHANNELS[aac.codingMode ?? 'CODING_MODE_2_0'],
    sampleRate: aac.sampleRate ?? 48_000,
  };
}

/** Two outputs writing the same object would overwrite each other: MediaConvert refuses that too. */
function checkDistinctNames(groups: GroupPlan[]): void {
  const seen = new Map<string, string>();
  const claim = (bucket: string, key: string, what: string) => {
    const id = `s3://${bucket}/${key}`;
    const other = seen.get(id);
    if (other) {
      throw new SettingsError(
        `${what} and ${other} would both write ${id}: give each output its own nameModifier`,
      );
    }
    seen.set(id, what);
  };
  groups.forEach((group, g) => {
    if (group.kind === 'hls') {
      claim(group.bucket, group.masterKey, `settings.outputGroups[${g}] (master playlist)`);
      for (const r of group.renditions) {
        claim(group.bucket, r.playlistKey, `settings.outputGroups[${g}].outputs[${r.index}]`);
        claim(group.bucket, r.segmentPattern, `settings.outputGroups[${g}].outputs[${r.index}] (segments)`);
      }
    } else {
      for (const o of group.outputs) {
        claim(
          group.bucket,
          o.kind === 'mp4' ? o.key : o.keyPattern,
          `settings.outputGroups[${g}].outputs[${o.index}]`,
        );
      }
    }
  });
}

/** zod issues as one message with MediaConvert-like paths, e.g. `settings.inputs[0].fileInput: …`. */
function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path
        .map((part, i) =>
          typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`,
        )
        .join('');
      if (issue.code === 'unrecognized_keys') {
        const where = path ? `${path}: ` : '';
        return `${where}${issue.keys.map((k) => `'${k}'`).join(', ')} is not a setting the local MediaConvert knows`;
      }
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
