import { z } from 'zod';

/** Building blocks of the CreateJob schema (settings-schema.ts), and the codec settings. */

/** A tuning knob with no effect on what the local runner produces: accepted, not used. */
export const tuning = z.unknown().optional();

/** A member the local runner cannot honour: any value is refused with `why`. */
export const refused = (why: string) => z.undefined({ error: why }).optional();

/** An enum of which only `allowed` can be honoured locally. */
export const only = <const T extends readonly [string, ...string[]]>(allowed: T, why: string) =>
  z.enum(allowed, { error: (issue) => `${why}; got ${JSON.stringify(issue.input)}` }).optional();

export const bitrate = z.int().min(1000).max(1_152_000_000);

const H264_LEVELS = [
  'AUTO',
  'LEVEL_1',
  'LEVEL_1_1',
  'LEVEL_1_2',
  'LEVEL_1_3',
  'LEVEL_2',
  'LEVEL_2_1',
  'LEVEL_2_2',
  'LEVEL_3',
  'LEVEL_3_1',
  'LEVEL_3_2',
  'LEVEL_4',
  'LEVEL_4_1',
  'LEVEL_4_2',
  'LEVEL_5',
  'LEVEL_5_1',
  'LEVEL_5_2',
] as const;

export const h264Settings = z.strictObject({
  rateControlMode: z.enum(['CBR', 'VBR', 'QVBR']).optional(),
  bitrate: bitrate.optional(),
  maxBitrate: bitrate.optional(),
  hrdBufferSize: z.int().min(0).max(1_152_000_000).optional(),
  qvbrSettings: z
    .strictObject({
      qvbrQualityLevel: z.int().min(1).max(10).optional(),
      qvbrQualityLevelFineTune: z.number().min(0).max(1).optional(),
      maxAverageBitrate: tuning,
    })
    .optional(),
  codecProfile: only(
    ['BASELINE', 'MAIN', 'HIGH'],
    'the local runner encodes 8-bit 4:2:0 H.264: codecProfile BASELINE, MAIN or HIGH',
  ),
  codecLevel: z.enum(H264_LEVELS).optional(),
  gopSize: z.number().min(0).optional(),
  gopSizeUnits: z.enum(['FRAMES', 'SECONDS', 'AUTO']).optional(),
  numberBFramesBetweenReferenceFrames: z.int().min(0).max(7).optional(),
  numberReferenceFrames: z.int().min(1).max(6).optional(),
  framerateControl: z.enum(['INITIALIZE_FROM_SOURCE', 'SPECIFIED']).optional(),
  framerateNumerator: z.int().min(1).optional(),
  framerateDenominator: z.int().min(1).optional(),
  sceneChangeDetect: z.enum(['DISABLED', 'ENABLED', 'TRANSITION_DETECTION']).optional(),
  qualityTuningLevel: z.enum(['SINGLE_PASS', 'SINGLE_PASS_HQ', 'MULTI_PASS_HQ']).optional(),
  interlaceMode: only(['PROGRESSIVE'], 'the local runner writes progressive video only'),
  telecine: only(['NONE'], 'telecine is not available locally'),
  slowPal: only(['DISABLED'], 'slow PAL is not available locally'),
  syntax: only(['DEFAULT'], 'the local runner writes the DEFAULT syntax only'),
  parControl: only(
    ['INITIALIZE_FROM_SOURCE'],
    'the local runner writes square pixels: parControl INITIALIZE_FROM_SOURCE only',
  ),
  parNumerator: refused('a specified pixel aspect ratio is not available locally'),
  parDenominator: refused('a specified pixel aspect ratio is not available locally'),
  adaptiveQuantization: tuning,
  bandwidthReductionFilter: tuning,
  dynamicSubGop: tuning,
  endOfStreamMarkers: tuning,
  entropyEncoding: tuning,
  explicitWeightedPrediction: tuning,
  fieldEncoding: tuning,
  flickerAdaptiveQuantization: tuning,
  framerateConversionAlgorithm: tuning,
  gopBReference: tuning,
  gopClosedCadence: tuning,
  hrdBufferFinalFillPercentage: tuning,
  hrdBufferInitialFillPercentage: tuning,
  minIInterval: tuning,
  perFrameMetrics: tuning,
  repeatPps: tuning,
  saliencyAwareEncoding: tuning,
  scanTypeConversionMode: tuning,
  slices: tuning,
  slidingWindowMs: tuning,
  slidingWindowPeakBitrate: tuning,
  softness: tuning,
  spatialAdaptiveQuantization: tuning,
  temporalAdaptiveQuantization: tuning,
  unregisteredSeiTimecode: tuning,
  writeMp4PackagingType: tuning,
});

export const frameCaptureSettings = z.strictObject({
  framerateNumerator: z.int().min(1).optional(),
  framerateDenominator: z.int().min(1).optional(),
  maxCaptures: z.int().min(1).max(10_000_000).optional(),
  quality: z.int().min(1).max(100).optional(),
});

export const aacSettings = z.strictObject({
  bitrate: z.int().min(6000).max(1_024_000).optional(),
  codingMode: only(
    ['CODING_MODE_1_0', 'CODING_MODE_2_0', 'CODING_MODE_5_1'],
    'the local runner writes AAC in CODING_MODE_1_0, CODING_MODE_2_0 or CODING_MODE_5_1',
  ),
  sampleRate: z
    .union([8000, 12000, 16000, 22050, 24000, 32000, 44100, 48000, 88200, 96000].map((r) => z.literal(r)))
    .optional(),
  codecProfile: only(['LC'], 'the local runner writes AAC-LC only'),
  rateControlMode: only(['CBR'], 'the local runner writes CBR AAC only'),
  rawFormat: only(['NONE'], 'the local runner writes AAC in ADTS/MP4 only'),
  audioDescriptionBroadcasterMix: only(['NORMAL'], 'broadcaster mixes are not available locally'),
  specification: tuning,
  vbrQuality: tuning,
  loudnessMeasurementMode: tuning,
  rapInterval: tuning,
  targetLoudnessRange: tuning,
});

export type H264Settings = z.infer<typeof h264Settings>;
