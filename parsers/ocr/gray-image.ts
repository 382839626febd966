import { measureSealInk } from './seal-ink';

/**
 * An 8-bit grayscale image: one byte a pixel (0 black … 255 white), rows top to bottom, origin
 * at the top-left. `dpi` is the resolution it was rendered or scanned at: pixels × 72 / dpi
 * are PDF points.
 */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
  dpi: number;
  /**
   * How many times larger than the scan's own each pixel of the scan was drawn (a 150-dpi scan
   * rendered at 200 dpi: 4/3); absent where the image is at or above its source's resolution.
   */
  enlarged?: number;
}

/**
 * Luma of RGBA pixels (ITU-R 601 weights); a transparent pixel counts as white paper. Red ink
 * counts by its red channel, scaled so that the seal ink's own red is paper: an official seal
 * stamped over a table (red ink multiplied over black print) drops out, the black print under it
 * stays black (red ink over print of lightness K leaves K times the ink's red).
 */
export function grayFromRgba(rgba: ArrayLike<number>, width: number, height: number, dpi: number): GrayImage {
  const n = width * height;
  const seal = measureSealInk(rgba, width, height, dpi);
  // Most pixels of a page are opaque and neutral (r = g = b): their gray, worked out by the same
  // arithmetic as any other pixel's, is looked up.
  const neutral = new Uint8Array(256);
  for (let v = 0; v < 256; v++) neutral[v] = Math.round(0.299 * v + 0.587 * v + 0.114 * v);
  const data = new Uint8Array(n);
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    const r = rgba[p]!;
    const g = rgba[p + 1]!;
    const b = rgba[p + 2]!;
    const a = rgba[p + 3]!;
    if (r === g && g === b && a === 255) {
      data[i] = neutral[r]!;
      continue;
    }
    const alpha = a / 255;
    const luma = 0.299 * r + 0.587 * g + 0.114 * b;
    const ink = seal.share(p, i % width, Math.floor(i / width));
    const gray = ink === 0 ? luma : (1 - ink) * luma + ink * Math.min(255, r * seal.redScale);
    data[i] = Math.round(gray * alpha + 255 * (1 - alpha));
  }
  return { width, height, data, dpi };
}

/** The whole 32-bit words of a byte array, four bytes each (none when it does not start on a word). */
export const wordsOf = (data: Uint8Array): Uint32Array =>
  data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : new Uint32Array(0);

/**
 * How many pixels have each gray level. Counted four pixels a read (one 32-bit word) into four
 * tables summed at the end: a page has four million pixels, and counted one at a time each count
 * waits on the last one to the same level (paper is mostly one level).
 */
export function grayHistogram(data: Uint8Array): Uint32Array {
  const counts = new Uint32Array(1024);
  const packed = wordsOf(data);
  const words = packed.length;
  for (let i = 0; i < words; i++) {
    const v = packed[i]!;
    counts[v & 255]!++;
    counts[256 + ((v >>> 8) & 255)]!++;
    counts[512 + ((v >>> 16) & 255)]!++;
    counts[768 + (v >>> 24)]!++;
  }
  for (let i = words * 4; i < data.length; i++) counts[data[i]!]!++;
  const histogram = counts.subarray(0, 256);
  for (let g = 0; g < 256; g++) histogram[g]! += counts[256 + g]! + counts[512 + g]! + counts[768 + g]!;
  return histogram;
}

/** Binary PGM (P5): the cheapest encoding tesseract's image reader accepts. */
export function encodePgm(image: GrayImage): Uint8Array {
  const header = Buffer.from(`P5\n${image.width} ${image.height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + image.data.length);
  out.set(header, 0);
  out.set(image.data, header.length);
  return out;
}

/** Pixels to PDF points at the image's resolution. */
export const toPoints = (px: number, dpi: number) => (px * 72) / dpi;

/**
 * The image with its levels stretched: the paper (the median gray, less some noise) becomes
 * white and ink at or below a fifth of full scale black. A scan's gray, grainy paper otherwise
 * makes the reader drop thin strokes (`12个` read as `124>`, `(60分)` as `分)`).
 */
export function stretchLevels(image: GrayImage): GrayImage {
  const source = image.data;
  const histogram = grayHistogram(source);
  let seen = 0;
  let paper = 255;
  for (let g = 0; g < 256; g++) {
    seen += histogram[g]!;
    if (seen >= source.length / 2) {
      paper = g;
      break;
    }
  }
  const black = 51;
  const white = Math.max(black + 64, Math.min(235, paper - 12));
  const table = new Uint8Array(256);
  for (let g = 0; g < 256; g++) table[g] = Math.max(0, Math.min(255, Math.round(((g - black) * 255) / (white - black))));
  const data = new Uint8Array(source.length);
  for (let i = 0; i < data.length; i++) data[i] = table[source[i]!]!;
  return { ...image, data };
}
