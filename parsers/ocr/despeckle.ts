import { binarise, otsuThreshold } from './detect-rules';
import type { GrayImage } from './gray-image';
import { assumedLineHeight } from './missed-text';

/**
 * Largest speck erased, in pixels at 200 dpi (scaled with the square of the resolution). A
 * scanner's dust and grain leave dots of one to four pixels; the smallest printed mark, a
 * decimal point in 9 pt type, covers a dozen or more. The reader takes a speck near text for a
 * mark (`4` read as `4.`, `优` as `优...`, `合计` as `合计.`).
 */
const MAX_SPECK_AREA = 6;
/** A blot this many times as wide as high (or high as wide) is a stroke (a dash), not a dot. */
const DOT_ASPECT = 2;

/**
 * A scan drawn larger than its own resolution (a 150-dpi scan read at 200 dpi) has each speck
 * of its dust drawn larger too, by the square of the enlargement, and blurred by the scaling: it
 * comes out as large as the decimal point of small type (8–9 px both, at 150 dpi drawn at 200),
 * and size no longer tells them apart. A dot up to the enlarged speck's size is then told by
 * where it stands: a printed point or mark follows the glyph it belongs to, its ink level with
 * some of that glyph's (a decimal point on the digits' foot, a comma hanging from it, a colon's
 * dots beside the digit); a dot with no ink in its own rows within a line's height to its left
 * (on white, or below the foot of the digits before it, `13  ·` read `13.`, `(50` over a speck
 * read `(50.`) is dust.
 */
function detached(mask: Uint8Array, width: number, blot: { x0: number; y0: number; x1: number; y1: number }, reach: number): boolean {
  const w = blot.x1 - blot.x0 + 1;
  const h = blot.y1 - blot.y0 + 1;
  if (w > DOT_ASPECT * h || h > DOT_ASPECT * w) return false;
  for (let y = blot.y0; y <= blot.y1; y++) {
    for (let x = Math.max(0, blot.x0 - reach); x < blot.x0; x++) if (mask[y * width + x] === 1) return false;
  }
  return true;
}

/**
 * The image with specks turned to paper: 8-connected blots of ink too small to be a printed
 * mark. (Darkness tells nothing: the levels are stretched before, so dust prints black too.)
 * `mask` is the image's ink at its Otsu threshold, when the caller has it already.
 */
export function despeckle(image: GrayImage, mask = binarise(image, otsuThreshold(image))): GrayImage {
  const { width, height } = image;
  const maxArea = Math.max(1, Math.round(MAX_SPECK_AREA * (image.dpi / 200) ** 2));
  // Dots up to an enlarged scan's speck are dust where they stand detached (`detached`).
  const maxDot = Math.round(maxArea * (image.enlarged ?? 1) ** 2);
  const reach = Math.round(assumedLineHeight(image.dpi));
  const data = new Uint8Array(image.data);
  const seen = new Uint8Array(width * height);
  // The blot's first pixels, and the pixels still to visit (each pushed once: a blot's size at most).
  const blot = new Int32Array(maxDot + 1);
  let stack = new Int32Array(1024);
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1 || seen[start] === 1) continue;
    let size = 0;
    let top = 0;
    const box = { x0: width, y0: height, x1: 0, y1: 0 };
    seen[start] = 1;
    stack[top++] = start;
    // Only the first pixels of a blot are kept: a large one is text, and is left at that.
    while (top > 0) {
      const at = stack[--top]!;
      if (size <= maxDot) blot[size] = at;
      size++;
      const x = at % width;
      const y = (at - x) / width;
      box.x0 = Math.min(box.x0, x);
      box.x1 = Math.max(box.x1, x);
      box.y0 = Math.min(box.y0, y);
      box.y1 = Math.max(box.y1, y);
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if (nx < 0 || nx >= width) continue;
          const n = ny * width + nx;
          if (mask[n] === 1 && seen[n] === 0) {
            seen[n] = 1;
            if (top === stack.length) {
              const grown = new Int32Array(stack.length * 2);
              grown.set(stack);
              stack = grown;
            }
            stack[top++] = n;
          }
        }
      }
    }
    const speck = size <= maxArea || (size <= maxDot && detached(mask, width, box, reach));
    if (speck) for (let k = 0; k < size; k++) data[blot[k]!] = 255;
  }
  return { ...image, data };
}
