import { parseProgress } from './run-ffmpeg';

describe('parseProgress', () => {
  it('reads the media time written and the frame count', () => {
    expect(parseProgress({ frame: '150', out_time_us: '6016000', progress: 'continue' })).toEqual({
      outTimeMs: 6016,
      frames: 150,
      done: false,
    });
  });

  it('knows the last block', () => {
    expect(parseProgress({ frame: '1', out_time_ms: '40000', progress: 'end' })).toMatchObject({
      outTimeMs: 40,
      done: true,
    });
  });

  it('treats an unknown time (N/A before the first frame) as zero', () => {
    expect(parseProgress({ out_time_us: 'N/A', progress: 'continue' }).outTimeMs).toBe(0);
  });
});
