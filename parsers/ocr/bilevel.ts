import type { GrayImage } from './gray-image';

/** Levels strictly between these are gray: a bilevel page (a fax, a 1-bit scan) has almost none. */
const DARK = 16;
const LIGHT = 240;
/**
 * Share of the page's non-white pixels that may be gray on a bilevel page. Antialiased print
 * has a gray edge round every stroke (a third or more of its ink pixels), a scan gray all over.
 */
const GRAY_SHARE = 0.02;

/** Whether the page holds black and white only (sampled: a page has millions of pixels). */
export function isBilevel(image: GrayImage): boolean {
  let gray = 0;
  let dark = 0;
  for (let i = 0; i < image.data.length; i += 7) {
    const v = image.data[i]!;
    if (v <= DARK) dark++;
    else if (v < LIGHT) gray++;
  }
  return dark > 0 && gray < GRAY_SHARE * (dark + gray);
}

/**
 * A 3 × 3 binomial blur: the recogniser was trained on gray, antialiased text, and reads the
 * stair-stepped edges of a thresholded glyph worse.
 */
export function soften(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  const at = (x: number, y: number) => data[Math.min(height - 1, Math.max(0, y)) * width + Math.min(width - 1, Math.max(0, x))]!;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sum =
        at(x - 1, y - 1) + 2 * at(x, y - 1) + at(x + 1, y - 1) +
        2 * at(x - 1, y) + 4 * at(x, y) + 2 * at(x + 1, y) +
        at(x - 1, y + 1) + 2 * at(x, y + 1) + at(x + 1, y + 1);
      out[y * width + x] = Math.round(sum / 16);
    }
  }
  return { ...image, data: out };
}
