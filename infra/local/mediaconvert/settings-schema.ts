import { z } from 'zod';
import { aacSettings, frameCaptureSettings, h264Settings, only, refused, tuning } from './codec-schema';

/**
 * The CreateJob request (wire JSON, lowerCamelCase) as far as the local runner honours it.
 * Every member MediaConvert defines is named here: honoured, accepted without local effect
 * (encoder tuning such as adaptive quantization: `tuning`), or refused with the reason
 * (`refused`). Members MediaConvert does not define are refused as well, as MediaConvert's own
 * schema validation does.
 */

const s3Uri = z
  .string({ error: 'must be an s3://bucket/key URI' })
  .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/, 'must be an s3://bucket/key URI');

const videoDescription = z.strictObject({
  width: z.int().min(32).max(8192).optional(),
  height: z.int().min(32).max(8192).optional(),
  scalingBehavior: only(
    ['DEFAULT', 'STRETCH_TO_OUTPUT', 'FIT', 'FIT_NO_UPSCALE', 'FILL'],
    'SMART_CROP is not available locally',
  ),
  codecSettings: z.strictObject({
    codec: z.enum(['H_264', 'FRAME_CAPTURE'], {
      error: (issue) =>
        `the local runner encodes H_264 video and FRAME_CAPTURE images; got ${JSON.stringify(issue.input)}`,
    }),
    h264Settings: h264Settings.optional(),
    frameCaptureSettings: frameCaptureSettings.optional(),
  }),
  afdSignaling: tuning,
  antiAlias: tuning,
  chromaPositionMode: tuning,
  colorMetadata: tuning,
  dropFrameTimecode: tuning,
  fixedAfd: tuning,
  respondToAfd: tuning,
  sharpness: tuning,
  timecodeInsertion: tuning,
  timecodeTrack: tuning,
  crop: refused('cropping is not available locally'),
  position: refused('positioning the picture is not available locally'),
  videoPreprocessors: refused('video preprocessors are not available locally'),
});

const audioDescription = z.strictObject({
  audioSourceName: z.string().optional(),
  codecSettings: z.strictObject({
    codec: z.enum(['AAC'], {
      error: (issue) => `the local runner encodes AAC audio only; got ${JSON.stringify(issue.input)}`,
    }),
    aacSettings: aacSettings.optional(),
  }),
  audioChannelTaggingSettings: tuning,
  audioType: tuning,
  audioTypeControl: tuning,
  customLanguageCode: tuning,
  languageCode: tuning,
  languageCodeControl: tuning,
  streamName: tuning,
  remixSettings: refused('audio remixing is not available locally'),
  audioNormalizationSettings: refused('audio normalization is not available locally'),
  audioPitchCorrectionSettings: refused('audio pitch correction is not available locally'),
});

const output = z.strictObject({
  nameModifier: z
    .string()
    .regex(/^[^/$]*$/, 'nameModifier must not contain "/" or "$"')
    .optional(),
  extension: z
    .string()
    .regex(/^[A-Za-z0-9]+$/, 'extension must be letters and digits')
    .optional(),
  containerSettings: z
    .strictObject({
      container: z.enum(['M3U8', 'MP4', 'RAW'], {
        error: (issue) =>
          `the local runner writes M3U8, MP4 and RAW containers; got ${JSON.stringify(issue.input)}`,
      }),
      m3u8Settings: tuning,
      mp4Settings: tuning,
    })
    .optional(),
  videoDescription: videoDescription.optional(),
  audioDescriptions: z
    .array(audioDescription)
    .max(1, 'the local runner writes one audio track per output')
    .optional(),
  outputSettings: z
    .strictObject({
      hlsSettings: z
        .strictObject({
          segmentModifier: z
            .string()
            .regex(/^[^/$]*$/, 'segmentModifier must not contain "/" or "$"')
            .optional(),
          iFrameOnlyManifest: only(['EXCLUDE'], 'I-frame-only manifests are not available locally'),
          audioGroupId: tuning,
          audioOnlyContainer: tuning,
          audioRenditionSets: tuning,
          audioTrackType: tuning,
          descriptiveVideoServiceFlag: tuning,
        })
        .optional(),
    })
    .optional(),
  captionDescriptions: refused('captions are not available locally'),
  preset: refused('output presets are not available locally: put the settings in the output'),
});

const hlsGroupSettings = z.strictObject({
  destination: s3Uri,
  segmentLength: z.int().min(1).optional(),
  minSegmentLength: z.int().min(0).optional(),
  manifestDurationFormat: z.enum(['FLOATING_POINT', 'INTEGER']).optional(),
  streamInfResolution: z.enum(['INCLUDE', 'EXCLUDE']).optional(),
  codecSpecification: z.enum(['RFC_4281', 'RFC_6381']).optional(),
  baseUrl: z.string().optional(),
  segmentControl: only(['SEGMENTED_FILES'], 'the local runner writes SEGMENTED_FILES only'),
  outputSelection: only(['MANIFESTS_AND_SEGMENTS'], 'the local runner writes MANIFESTS_AND_SEGMENTS only'),
  directoryStructure: only(['SINGLE_DIRECTORY'], 'the local runner writes a SINGLE_DIRECTORY only'),
  programDateTime: only(['EXCLUDE'], 'program date time is not available locally'),
  manifestCompression: only(['NONE'], 'compressed manifests are not available locally'),
  imageBasedTrickPlay: only(['NONE'], 'image-based trick play is not available locally'),
  adMarkers: tuning,
  audioOnlyHeader: tuning,
  captionLanguageMappings: tuning,
  captionLanguageSetting: tuning,
  captionSegmentLengthControl: tuning,
  clientCache: tuning,
  destinationSettings: tuning,
  minFinalSegmentLength: tuning,
  programDateTimePeriod: tuning,
  progressiveWriteHlsManifest: tuning,
  segmentLengthControl: tuning,
  segmentsPerSubdirectory: tuning,
  targetDurationCompatibilityMode: tuning,
  timedMetadataId3Frame: tuning,
  timedMetadataId3Period: tuning,
  timestampDeltaMilliseconds: tuning,
  encryption: refused('HLS encryption is not available locally'),
  additionalManifests: refused('additional manifests are not available locally'),
  imageBasedTrickPlaySettings: refused('image-based trick play is not available locally'),
});

const outputGroup = z.strictObject({
  name: z.string().optional(),
  customName: tuning,
  outputGroupSettings: z.strictObject({
    type: z.enum(['HLS_GROUP_SETTINGS', 'FILE_GROUP_SETTINGS'], {
      error: (issue) =>
        `the local runner writes HLS_GROUP_SETTINGS and FILE_GROUP_SETTINGS groups; got ${JSON.stringify(issue.input)}`,
    }),
    hlsGroupSettings: hlsGroupSettings.optional(),
    fileGroupSettings: z.strictObject({ destination: s3Uri, destinationSettings: tuning }).optional(),
    perFrameMetrics: tuning,
  }),
  outputs: z.array(output).min(1, 'an output group needs at least one output'),
  automatedEncodingSettings: refused(
    'automated ABR is not available locally: list the renditions as outputs',
  ),
});

const audioSelector = z.strictObject({
  defaultSelection: z.enum(['DEFAULT', 'NOT_DEFAULT']).optional(),
  selectorType: only(['TRACK', 'STREAM'], 'the local runner selects audio by TRACK or STREAM'),
  tracks: z.array(z.int().min(1)).max(1, 'the local runner takes one track per audio selector').optional(),
  streams: z.array(z.int().min(1)).max(1, 'the local runner takes one stream per audio selector').optional(),
  offset: z.literal(0, { error: 'audio offsets are not available locally' }).optional(),
  audioDurationCorrection: tuning,
  customLanguageCode: tuning,
  languageCode: tuning,
  programSelection: tuning,
  smpte337Passthrough: tuning,
  pids: refused('selecting audio by PID is not available locally'),
  externalAudioFileInput: refused('external audio files are not available locally'),
  remixSettings: refused('audio remixing is not available locally'),
  hlsRenditionGroupSettings: refused('HLS rendition groups as input are not available locally'),
});

const input = z.strictObject({
  fileInput: s3Uri,
  audioSelectors: z.record(z.string(), audioSelector).optional(),
  videoSelector: z
    .strictObject({
      rotate: only(['AUTO'], 'the local runner follows the rotation metadata only (rotate AUTO)'),
      alphaBehavior: tuning,
      colorSpace: tuning,
      colorSpaceUsage: tuning,
      embeddedTimecodeOverride: tuning,
      hdr10Metadata: tuning,
      maxLuminance: tuning,
      padVideo: tuning,
      pid: tuning,
      programNumber: tuning,
      sampleRange: tuning,
      selectorType: tuning,
      streams: refused('selecting a video stream is not available locally'),
    })
    .optional(),
  deblockFilter: tuning,
  denoiseFilter: tuning,
  filterEnable: tuning,
  filterStrength: tuning,
  inputScanType: tuning,
  programNumber: tuning,
  psiControl: tuning,
  timecodeSource: tuning,
  timecodeStart: tuning,
  advancedInputFilter: refused('advanced input filters are not available locally'),
  advancedInputFilterSettings: refused('advanced input filters are not available locally'),
  audioSelectorGroups: refused('audio selector groups are not available locally'),
  captionSelectors: refused('captions are not available locally'),
  crop: refused('input cropping is not available locally'),
  decryptionSettings: refused('encrypted inputs are not available locally'),
  dolbyVisionMetadataXml: refused('Dolby Vision is not available locally'),
  dynamicAudioSelectors: refused('dynamic audio selectors are not available locally'),
  imageInserter: refused('image insertion is not available locally'),
  inputClippings: refused('input clipping is not available locally'),
  multiViewSettings: refused('multiview inputs are not available locally'),
  position: refused('input positioning is not available locally'),
  supplementalImps: refused('IMF inputs are not available locally'),
  tamsSettings: refused('TAMS inputs are not available locally'),
  videoGenerator: refused('generated inputs are not available locally'),
  videoOverlays: refused('video overlays are not available locally'),
});

const jobSettings = z.strictObject({
  inputs: z.array(input).length(1, 'the local runner takes exactly one input'),
  outputGroups: z.array(outputGroup).min(1, 'a job needs at least one output group'),
  adAvailOffset: tuning,
  followSource: z.literal(1, { error: 'there is one input: followSource must be 1' }).optional(),
  timecodeConfig: tuning,
  availBlanking: refused('avail blanking is not available locally'),
  colorConversion3DLUTSettings: refused('3D LUTs are not available locally'),
  esam: refused('ESAM is not available locally'),
  extendedDataServices: tuning,
  kantarWatermark: refused('watermarking is not available locally'),
  motionImageInserter: refused('motion image insertion is not available locally'),
  motionImageInserters: refused('motion image insertion is not available locally'),
  nielsenConfiguration: refused('Nielsen watermarking is not available locally'),
  nielsenNonLinearWatermark: refused('Nielsen watermarking is not available locally'),
  timedMetadataInsertion: refused('timed metadata insertion is not available locally'),
});

const STATUS_UPDATE_INTERVALS = [
  'SECONDS_10',
  'SECONDS_12',
  'SECONDS_15',
  'SECONDS_20',
  'SECONDS_30',
  'SECONDS_60',
  'SECONDS_120',
  'SECONDS_180',
  'SECONDS_240',
  'SECONDS_300',
  'SECONDS_360',
  'SECONDS_420',
  'SECONDS_480',
  'SECONDS_540',
  'SECONDS_600',
] as const;

export const createJobRequest = z.strictObject({
  role: z.string({ error: 'role is required' }).min(1, 'role is required'),
  settings: jobSettings,
  queue: z.string().optional(),
  userMetadata: z.record(z.string(), z.string()).optional(),
  clientRequestToken: z.string().optional(),
  statusUpdateInterval: z.enum(STATUS_UPDATE_INTERVALS).optional(),
  priority: z.int().min(-50).max(50).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  billingTagsSource: z.enum(['QUEUE', 'PRESET', 'JOB_TEMPLATE', 'JOB']).optional(),
  accelerationSettings: z.strictObject({ mode: z.enum(['DISABLED', 'ENABLED', 'PREFERRED']) }).optional(),
  simulateReservedQueue: only(['DISABLED'], 'there are no reserved queues locally'),
  jobEngineVersion: tuning,
  jobTemplate: refused('job templates are not available locally: put the whole settings in the job'),
  hopDestinations: refused('queue hopping is not available locally (there is one queue)'),
  elementalInferenceSettings: refused('Elemental Inference is not available locally'),
});

export type CreateJobRequest = z.infer<typeof createJobRequest>;
export type JobSettings = CreateJobRequest['settings'];
export type OutputGroupSettings = z.infer<typeof outputGroup>;
export type OutputSettings = z.infer<typeof output>;
export type VideoDescription = z.infer<typeof videoDescription>;
export type AudioDescription = z.infer<typeof audioDescription>;
