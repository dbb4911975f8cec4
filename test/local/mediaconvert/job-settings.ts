/** Real MediaConvert job settings (SDK shapes, PascalCase) for an HLS ladder and a poster frame. */
import type { JobSettings, ScalingBehavior } from '@aws-sdk/client-mediaconvert';

/** The role CreateJob names (the runtime takes any). */
export const ROLE = 'arn:aws:iam::000000000000:role/MediaConvert';

export interface Rendition {
  nameModifier: string;
  width: number;
  height: number;
  maxBitrate: number;
}

export const LADDER: Rendition[] = [
  { nameModifier: '_360p', width: 640, height: 360, maxBitrate: 1_000_000 },
  { nameModifier: '_180p', width: 320, height: 180, maxBitrate: 300_000 },
];

export function hlsJobSettings({
  input,
  destination,
  renditions = LADDER,
  poster,
  scaling,
  segmentLength = 2,
}: {
  input: string;
  destination: string;
  renditions?: Rendition[];
  /** A FILE_GROUP destination for one JPEG poster. */
  poster?: string;
  scaling?: ScalingBehavior;
  segmentLength?: number;
}): JobSettings {
  return {
    Inputs: [
      {
        FileInput: input,
        AudioSelectors: { 'Audio Selector 1': { DefaultSelection: 'DEFAULT' } },
        TimecodeSource: 'ZEROBASED',
      },
    ],
    OutputGroups: [
      {
        Name: 'Apple HLS',
        OutputGroupSettings: {
          Type: 'HLS_GROUP_SETTINGS',
          HlsGroupSettings: { Destination: destination, SegmentLength: segmentLength, MinSegmentLength: 0 },
        },
        Outputs: renditions.map((r) => ({
          NameModifier: r.nameModifier,
          ContainerSettings: { Container: 'M3U8', M3u8Settings: {} },
          VideoDescription: {
            Width: r.width,
            Height: r.height,
            ...(scaling ? { ScalingBehavior: scaling } : {}),
            CodecSettings: {
              Codec: 'H_264',
              H264Settings: {
                RateControlMode: 'QVBR',
                QvbrSettings: { QvbrQualityLevel: 7 },
                MaxBitrate: r.maxBitrate,
                CodecProfile: 'HIGH',
                GopSize: 2,
                GopSizeUnits: 'SECONDS',
                SceneChangeDetect: 'TRANSITION_DETECTION',
              },
            },
          },
          AudioDescriptions: [
            {
              AudioSourceName: 'Audio Selector 1',
              CodecSettings: {
                Codec: 'AAC',
                AacSettings: { Bitrate: 96000, CodingMode: 'CODING_MODE_2_0', SampleRate: 48000 },
              },
            },
          ],
        })),
      },
      ...(poster
        ? [
            {
              Name: 'Poster',
              OutputGroupSettings: {
                Type: 'FILE_GROUP_SETTINGS' as const,
                FileGroupSettings: { Destination: poster },
              },
              Outputs: [
                {
                  ContainerSettings: { Container: 'RAW' as const },
                  VideoDescription: {
                    Width: 320,
                    Height: 180,
                    CodecSettings: {
                      Codec: 'FRAME_CAPTURE' as const,
                      FrameCaptureSettings: {
                        FramerateNumerator: 1,
                        FramerateDenominator: 2,
                        MaxCaptures: 1,
                        Quality: 80,
                      },
                    },
                  },
                },
              ],
            },
          ]
        : []),
    ],
  };
}
