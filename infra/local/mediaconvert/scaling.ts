import type { VideoPlan } from './plan';

/** An output picture: its size and the ffmpeg filters that make it from the input picture. */
export interface Picture {
  width: number;
  height: number;
  /** Comma-separated filters, e.g. `scale=640:360,setsar=1`. */
  filters: string;
}

/** H.264 4:2:0 needs even sizes. */
const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/**
 * MediaConvert's scaling behaviours (docs: "Video scaling behavior and aspect ratios") for an
 * input of `inWidth`×`inHeight` (as displayed, after rotation):
 * - DEFAULT: fit inside the output size, pad the rest with black; the output is the size asked;
 * - STRETCH_TO_OUTPUT: the size asked, aspect ratio ignored;
 * - FIT: fit inside the size asked, no padding (may upscale);
 * - FIT_NO_UPSCALE: like FIT but never larger than the input;
 * - FILL: cover the size asked, crop the overflow.
 * With only one dimension given, the other follows the input's aspect ratio; with neither, the
 * input's size is kept.
 */
export function scalePicture(video: VideoPlan, inWidth: number, inHeight: number): Picture {
  const aspect = inWidth / inHeight;
  const { width: w, height: h } = video;
  if (w === undefined && h === undefined) return scaled(inWidth, inHeight);
  if (w === undefined || h === undefined) {
    let width = w ?? h! * aspect;
    let height = h ?? w! / aspect;
    if (video.scaling === 'FIT_NO_UPSCALE' && width > inWidth) [width, height] = [inWidth, inHeight];
    return scaled(width, height);
  }
  switch (video.scaling) {
    case 'STRETCH_TO_OUTPUT':
      return scaled(w, h);
    case 'FILL': {
      const factor = Math.max(w / inWidth, h / inHeight);
      const width = even(inWidth * factor);
      const height = even(inHeight * factor);
      if (width === even(w) && height === even(h)) return scaled(w, h);
      return {
        width: even(w),
        height: even(h),
        filters: `scale=${width}:${height},crop=${even(w)}:${even(h)},setsar=1`,
      };
    }
    case 'FIT':
    case 'FIT_NO_UPSCALE': {
      let factor = Math.min(w / inWidth, h / inHeight);
      if (video.scaling === 'FIT_NO_UPSCALE') factor = Math.min(factor, 1);
      return scaled(inWidth * factor, inHeight * factor);
    }
    case 'DEFAULT': {
      const factor = Math.min(w / inWidth, h / inHeight);
      const width = Math.min(even(inWidth * factor), even(w));
      const height = Math.min(even(inHeight * factor), even(h));
      // Same aspect ratio: nothing to pad (a no-op pad would still copy every frame).
      if (width === even(w) && height === even(h)) return scaled(w, h);
      return {
        width: even(w),
        height: even(h),
        filters: `scale=${width}:${height},pad=${even(w)}:${even(h)}:(ow-iw)/2:(oh-ih)/2:black,setsar=1`,
      };
    }
  }
}

function scaled(width: number, height: number): Picture {
  const picture = { width: even(width), height: even(height) };
  return { ...picture, filters: `scale=${picture.width}:${picture.height},setsar=1` };
}
