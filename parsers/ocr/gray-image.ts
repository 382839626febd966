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
}

/** A pixel whose red exceeds both green and blue by this much is red ink (a seal), not print. */
const RED_INK = 60;

/**
 * Luma of RGBA pixels (ITU-R 601 weights); a transparent pixel counts as white paper. Red ink
 * counts by its red channel alone, as paper: an official seal stamped over a table (red ink
 * multiplied over black print) drops out, the black print under it stays black.
 */
export function grayFromRgba(rgba: ArrayLike<number>, width: number, height: number, dpi: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < data.length; i++, p += 4) {
    const alpha = rgba[p + 3]! / 255;
    const [r, g, b] = [rgba[p]!, rgba[p + 1]!, rgba[p + 2]!];
    const luma = r - Math.max(g, b) >= RED_INK ? r : 0.299 * r + 0.587 * g + 0.114 * b;
    data[i] = Math.round(luma * alpha + 255 * (1 - alpha));
  }
  return { width, height, data, dpi };
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
  const histogram = new Uint32Array(256);
  for (let i = 0; i < image.data.length; i++) histogram[image.data[i]!]!++;
  let seen = 0;
  let paper = 255;
  for (let g = 0; g < 256; g++) {
    seen += histogram[g]!;
    if (seen >= image.data.length / 2) {
      paper = g;
      break;
    }
  }
  const black = 51;
  const white = Math.max(black + 64, Math.min(235, paper - 12));
  const table = new Uint8Array(256);
  for (let g = 0; g < 256; g++) table[g] = Math.max(0, Math.min(255, Math.round(((g - black) * 255) / (white - black))));
  const data = new Uint8Array(image.data.length);
  for (let i = 0; i < data.length; i++) data[i] = table[image.data[i]!]!;
  return { ...image, data };
}
