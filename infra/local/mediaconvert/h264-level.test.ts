import { h264Level, levelName } from './h264-level';

describe('h264Level', () => {
  it.each([
    [1920, 1080, 30, 6_000_000, true, 40],
    [1920, 1080, 60, 6_000_000, true, 42],
    [1280, 720, 30, 3_000_000, true, 31],
    [854, 480, 30, 1_500_000, true, 31],
    [720, 480, 30, 1_500_000, true, 30],
    [640, 360, 30, 800_000, false, 30],
    [320, 240, 25, 400_000, true, 13],
    [1280, 720, 30, 30_000_000, false, 41],
  ])('%i×%i at %i fps, %i b/s (High: %s) → level_idc %i', (w, h, fps, bitrate, high, level) => {
    expect(h264Level(w, h, fps, bitrate, high)).toBe(level);
  });

  it('names levels as x264 takes them', () => {
    expect([levelName(31), levelName(40), levelName(13)]).toEqual(['3.1', '4.0', '1.3']);
  });
});
