import { parseProbe } from './probe';

describe('parseProbe', () => {
  it('takes the duration, the first video stream and the number of audio streams', () => {
    expect(
      parseProbe({
        format: { duration: '6.016000' },
        streams: [
          {
            codec_type: 'video',
            width: 1920,
            height: 1080,
            avg_frame_rate: '30000/1001',
            profile: 'High',
            level: 40,
          },
          { codec_type: 'audio' },
          { codec_type: 'audio' },
        ],
      }),
    ).toEqual({
      durationMs: 6016,
      audioStreams: 2,
      video: { width: 1920, height: 1080, frameRate: 30000 / 1001, profile: 'High', level: 40 },
    });
  });

  it('swaps width and height of a video recorded sideways', () => {
    const probe = parseProbe({
      streams: [
        {
          codec_type: 'video',
          width: 1920,
          height: 1080,
          r_frame_rate: '30/1',
          side_data_list: [{ rotation: -90 }],
        },
      ],
    });
    expect(probe.video).toMatchObject({ width: 1080, height: 1920 });
  });

  it('has no video for an audio-only file', () => {
    expect(
      parseProbe({ format: { duration: '1' }, streams: [{ codec_type: 'audio' }] }).video,
    ).toBeUndefined();
  });
});
