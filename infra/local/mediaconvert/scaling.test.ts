import { scalePicture } from './scaling';

const hd = { inWidth: 1920, inHeight: 1080 };
const picture = (video: Parameters<typeof scalePicture>[0], input = hd) =>
  scalePicture(video, input.inWidth, input.inHeight);

describe('scalePicture', () => {
  it('keeps the input size when no size is asked', () => {
    expect(picture({ scaling: 'DEFAULT' })).toMatchObject({ width: 1920, height: 1080 });
  });

  it('follows the input aspect ratio when only the height is asked', () => {
    expect(picture({ height: 720, scaling: 'DEFAULT' })).toMatchObject({ width: 1280, height: 720 });
  });

  it('fits and pads to the size asked by default', () => {
    expect(picture({ width: 640, height: 480, scaling: 'DEFAULT' })).toEqual({
      width: 640,
      height: 480,
      filters: 'scale=640:360,pad=640:480:(ow-iw)/2:(oh-ih)/2:black,setsar=1',
    });
  });

  it('only scales when the aspect ratio is the same', () => {
    expect(picture({ width: 1280, height: 720, scaling: 'DEFAULT' }).filters).toBe('scale=1280:720,setsar=1');
    expect(picture({ width: 1280, height: 720, scaling: 'FILL' }).filters).toBe('scale=1280:720,setsar=1');
  });

  it('stretches to the size asked with STRETCH_TO_OUTPUT', () => {
    expect(picture({ width: 640, height: 480, scaling: 'STRETCH_TO_OUTPUT' }).filters).toBe(
      'scale=640:480,setsar=1',
    );
  });

  it('fits without padding with FIT, upscaling when needed', () => {
    expect(
      picture({ width: 1280, height: 1280, scaling: 'FIT' }, { inWidth: 640, inHeight: 360 }),
    ).toMatchObject({
      width: 1280,
      height: 720,
    });
  });

  it('never makes the picture larger than the input with FIT_NO_UPSCALE', () => {
    expect(
      picture({ width: 1920, height: 1080, scaling: 'FIT_NO_UPSCALE' }, { inWidth: 640, inHeight: 360 }),
    ).toMatchObject({ width: 640, height: 360 });
  });

  it('shrinks with FIT_NO_UPSCALE when the input is larger', () => {
    expect(picture({ width: 1280, height: 720, scaling: 'FIT_NO_UPSCALE' })).toMatchObject({
      width: 1280,
      height: 720,
    });
  });

  it('covers and crops with FILL', () => {
    expect(picture({ width: 480, height: 480, scaling: 'FILL' })).toEqual({
      width: 480,
      height: 480,
      filters: 'scale=854:480,crop=480:480,setsar=1',
    });
  });

  it('rounds sizes to even numbers for 4:2:0 video', () => {
    expect(picture({ height: 361, scaling: 'DEFAULT' })).toMatchObject({ width: 642, height: 362 });
  });
});
