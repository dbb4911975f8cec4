import { parseCreateJob, planJob, SettingsError } from './settings';

const h264 = (extra: Record<string, unknown> = {}) => ({
  codec: 'H_264',
  h264Settings: { rateControlMode: 'QVBR', maxBitrate: 3_000_000, ...extra },
});

function job(settings: Record<string, unknown> = {}) {
  return {
    role: 'arn:aws:iam::000000000000:role/MediaConvert',
    settings: {
      inputs: [
        {
          fileInput: 's3://uploads/in/lecture.mp4',
          audioSelectors: { 'Audio Selector 1': { defaultSelection: 'DEFAULT' } },
        },
      ],
      outputGroups: [
        {
          name: 'Apple HLS',
          outputGroupSettings: {
            type: 'HLS_GROUP_SETTINGS',
            hlsGroupSettings: { destination: 's3://media/videos/v1/', segmentLength: 6 },
          },
          outputs: [
            {
              nameModifier: '_720p',
              containerSettings: { container: 'M3U8' },
              videoDescription: { width: 1280, height: 720, codecSettings: h264() },
              audioDescriptions: [
                {
                  codecSettings: {
                    codec: 'AAC',
                    aacSettings: { bitrate: 128000, codingMode: 'CODING_MODE_2_0', sampleRate: 48000 },
                  },
                },
              ],
            },
          ],
        },
        {
          outputGroupSettings: {
            type: 'FILE_GROUP_SETTINGS',
            fileGroupSettings: { destination: 's3://media/videos/v1/poster' },
          },
          outputs: [
            {
              containerSettings: { container: 'RAW' },
              videoDescription: {
                codecSettings: { codec: 'FRAME_CAPTURE', frameCaptureSettings: { maxCaptures: 1 } },
              },
            },
          ],
        },
      ],
      ...settings,
    },
  };
}

const plan = (body: unknown) => planJob(parseCreateJob(body).settings);
const refusal = (body: unknown) => {
  try {
    plan(body);
  } catch (error) {
    if (error instanceof SettingsError) return error.message;
    throw error;
  }
  throw new Error('accepted');
};

describe('job settings', () => {
  it('names HLS files as MediaConvert does: input name in a folder destination, plus nameModifier', () => {
    const [hls] = plan(job()).groups;
    expect(hls).toMatchObject({
      kind: 'hls',
      bucket: 'media',
      masterKey: 'videos/v1/lecture.m3u8',
      segmentLength: 6,
      renditions: [
        { playlistKey: 'videos/v1/lecture_720p.m3u8', segmentPattern: 'videos/v1/lecture_720p_%05d.ts' },
      ],
    });
  });

  it('takes the last part of a destination without a trailing slash as the file name', () => {
    const [, poster] = plan(job()).groups;
    expect(poster).toMatchObject({
      kind: 'file',
      outputs: [{ kind: 'frames', keyPattern: 'videos/v1/poster.%07d.jpg', maxCaptures: 1 }],
    });
  });

  it('turns H.264 and AAC settings into encoder settings', () => {
    const [hls] = plan(job()).groups;
    expect(hls.kind === 'hls' && hls.renditions[0]).toMatchObject({
      h264: { rateControl: 'QVBR', maxBitrate: 3_000_000, quality: 7, profile: 'main', preset: 'veryfast' },
      audio: { track: 0, bitrate: 128000, channels: 2, sampleRate: 48000 },
    });
  });

  it('reads codec levels as level_idc', () => {
    const body = job();
    body.settings.outputGroups[0].outputs[0].videoDescription!.codecSettings = h264({
      codecLevel: 'LEVEL_3_1',
    });
    const [hls] = plan(body).groups;
    expect(hls.kind === 'hls' && hls.renditions[0].h264.level).toBe(31);
  });

  it('maps the audio selector’s track to the input’s audio stream', () => {
    const body = job();
    body.settings.inputs[0].audioSelectors = {
      'Audio Selector 1': { selectorType: 'TRACK', tracks: [2] },
    } as never;
    const [hls] = plan(body).groups;
    expect(hls.kind === 'hls' && hls.renditions[0].audio?.track).toBe(1);
  });

  it.each([
    [
      'an unknown member',
      { settings: { bogus: 1 } },
      "settings: 'bogus' is not a setting the local MediaConvert knows",
    ],
    ['two inputs', { inputs: 2 }, 'settings.inputs: the local runner takes exactly one input'],
    ['a DASH group', { dash: true }, 'HLS_GROUP_SETTINGS and FILE_GROUP_SETTINGS'],
    ['automated ABR', { automated: true }, 'automated ABR is not available locally'],
    ['SMART_CROP', { scaling: 'SMART_CROP' }, 'SMART_CROP is not available locally'],
    ['10-bit H.264', { profile: 'HIGH_10BIT' }, 'codecProfile BASELINE, MAIN or HIGH; got "HIGH_10BIT"'],
    ['CBR without bitrate', { cbr: true }, 'bitrate is required with rateControlMode CBR'],
    ['QVBR without maxBitrate', { qvbrNoMax: true }, 'maxBitrate is required with rateControlMode QVBR'],
    [
      'a missing audio selector',
      { selector: 'Audio Selector 2' },
      "no audio selector named 'Audio Selector 2'",
    ],
    ['an HLS output without nameModifier', { noModifier: true }, 'give each output its own nameModifier'],
    [
      'a bucket that is not one',
      { fileInput: 's3://x/a.mp4' },
      'settings.inputs[0].fileInput: must be an s3://bucket/key URI',
    ],
  ])('refuses %s with a clear message', (_, change, message) => {
    const body = job() as ReturnType<typeof job> & { settings: Record<string, unknown> };
    const group = body.settings.outputGroups[0] as Record<string, unknown> & {
      outputs: Array<Record<string, unknown>>;
    };
    const output = group.outputs[0] as {
      videoDescription: Record<string, unknown>;
      audioDescriptions: Array<Record<string, unknown>>;
      nameModifier?: string;
    };
    const c = change as Record<string, unknown>;
    if (c.settings) Object.assign(body.settings, c.settings);
    if (c.inputs) body.settings.inputs.push({ ...body.settings.inputs[0] });
    if (c.dash) group.outputGroupSettings = { type: 'DASH_ISO_GROUP_SETTINGS' };
    if (c.automated) group.automatedEncodingSettings = { abrSettings: {} };
    if (c.scaling) output.videoDescription.scalingBehavior = c.scaling;
    if (c.profile) output.videoDescription.codecSettings = h264({ codecProfile: c.profile });
    if (c.cbr)
      output.videoDescription.codecSettings = { codec: 'H_264', h264Settings: { rateControlMode: 'CBR' } };
    if (c.qvbrNoMax)
      output.videoDescription.codecSettings = { codec: 'H_264', h264Settings: { rateControlMode: 'QVBR' } };
    if (c.selector) output.audioDescriptions[0].audioSourceName = c.selector;
    if (c.noModifier) delete output.nameModifier;
    if (c.fileInput) body.settings.inputs[0].fileInput = c.fileInput as string;
    expect(refusal(body)).toContain(message);
  });

  it('accepts encoder tuning it has no use for, as real job JSON carries it', () => {
    const body = job();
    body.settings.outputGroups[0].outputs[0].videoDescription!.codecSettings = h264({
      adaptiveQuantization: 'HIGH',
      entropyEncoding: 'CABAC',
      interlaceMode: 'PROGRESSIVE',
      parControl: 'INITIALIZE_FROM_SOURCE',
    });
    expect(() => plan(body)).not.toThrow();
  });
});
