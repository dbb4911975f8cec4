import { avcCodec, bitrates, masterPlaylist, parseMediaPlaylist } from './hls';

describe('HLS playlists', () => {
  it('reads the segments of a media playlist', () => {
    const text =
      '#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6.000000,\na_00001.ts\n#EXTINF:2.5,\na_00002.ts\n#EXT-X-ENDLIST\n';
    expect(parseMediaPlaylist(text)).toEqual([
      { uri: 'a_00001.ts', durationS: 6 },
      { uri: 'a_00002.ts', durationS: 2.5 },
    ]);
  });

  it('takes the peak segment bitrate as BANDWIDTH and the overall one as AVERAGE-BANDWIDTH', () => {
    expect(
      bitrates([
        { uri: 'a', durationS: 2, bytes: 250_000 },
        { uri: 'b', durationS: 2, bytes: 50_000 },
      ]),
    ).toEqual({ peak: 1_000_000, average: 600_000 });
  });

  it('writes a master playlist that lists each rendition with bandwidth, codecs, resolution and frame rate', () => {
    const variant = {
      uri: 'lecture_720p.m3u8',
      bandwidth: 3_000_000,
      averageBandwidth: 2_500_000,
      codecs: ['avc1.64001f', 'mp4a.40.2'],
      width: 1280,
      height: 720,
      frameRate: 29.97,
    };
    expect(masterPlaylist([variant], true)).toBe(
      '#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=3000000,AVERAGE-BANDWIDTH=2500000,CODECS="avc1.64001f,mp4a.40.2",RESOLUTION=1280x720,FRAME-RATE=29.970\n' +
        'lecture_720p.m3u8\n',
    );
  });

  it('leaves RESOLUTION out when streamInfResolution is EXCLUDE', () => {
    const variant = {
      uri: 'a.m3u8',
      bandwidth: 1,
      averageBandwidth: 1,
      codecs: ['avc1.4d401e'],
      width: 2,
      height: 2,
      frameRate: 25,
    };
    expect(masterPlaylist([variant], false)).not.toContain('RESOLUTION');
  });

  it.each([
    ['high', 40, 'avc1.640028'],
    ['main', 31, 'avc1.4d401f'],
    ['baseline', 30, 'avc1.42c01e'],
  ] as const)('names %s at level %i %s', (profile, level, codec) => {
    expect(avcCodec(profile, level)).toBe(codec);
  });
});
