import { fromWire, toWire } from './casing';

describe('MediaConvert JSON casing', () => {
  it('lowers the first letter of every member name at every depth', () => {
    expect(
      toWire({
        Settings: { OutputGroups: [{ OutputGroupSettings: { HlsGroupSettings: { SegmentLength: 6 } } }] },
      }),
    ).toEqual({
      settings: { outputGroups: [{ outputGroupSettings: { hlsGroupSettings: { segmentLength: 6 } } }] },
    });
  });

  it('keeps the keys of map members such as audio selectors and user metadata', () => {
    expect(
      toWire({
        UserMetadata: { VideoId: 'v1' },
        Settings: { Inputs: [{ AudioSelectors: { 'Audio Selector 1': { DefaultSelection: 'DEFAULT' } } }] },
      }),
    ).toEqual({
      userMetadata: { VideoId: 'v1' },
      settings: { inputs: [{ audioSelectors: { 'Audio Selector 1': { defaultSelection: 'DEFAULT' } } }] },
    });
  });

  it('turns wire JSON back into the SDK’s PascalCase, map keys included as they are', () => {
    expect(
      fromWire({ job: { id: 'x', userMetadata: { videoId: 'v1' }, timing: { submitTime: 1 } } }),
    ).toEqual({
      Job: { Id: 'x', UserMetadata: { videoId: 'v1' }, Timing: { SubmitTime: 1 } },
    });
  });
});
