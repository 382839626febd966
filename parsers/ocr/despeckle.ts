import { binarise, otsuThreshold } from './detect-rules';
import type { GrayImage } from './gray-image';

/**
 * Largest speck erased, in pixels at 200 dpi (scaled with the square of the resolution). A
 * scanner's dust and grain leave dots of one to four pixels; the smallest printed mark, a
 * decimal point in 9 pt type, covers a dozen or more. The reader takes a speck near text for a
 * mark (`4` read as `4.`, `优` as `优...`, `合计` as `合计.`).
 */
const MAX_SPECK_AREA = 6;

/**
 * The image with specks turned to paper: 8-connected blots of ink too small to be a printed
 * mark. (Darkness tells nothing: the levels are stretched before, so dust prints black too.)
 * `mask` is the image's ink at its Otsu threshold, when the caller has it already.
 */
export function despeckle(image: GrayImage, mask = binarise(image, otsuThreshold(image))): GrayImage {
  const { width, height } = image;
  const maxArea = Math.max(1, Math.round(MAX_SPECK_AREA * (image.dpi / 200) ** 2));
  const data = new Uint8Array(image.data);
  const seen = new Uint8Array(width * height);
  // The blot's first pixels, and the pixels still to visit (each pushed once: a blot's size at most).
  const blot = new Int32Array(maxArea + 1);
  let stack = new Int32Array(1024);
  for (let start = 0; start < mask.length; start++) {
    if (mask[start] !== 1 || seen[start] === 1) continue;
    let size = 0;
    let top = 0;
    seen[start] = 1;
    stack[top++] = start;
    // Only the first pixels of a blot are kept: a large one is text, and is left at that.
    while (top > 0) {
      const at = stack[--top]!;
      if (size <= maxArea) blot[size] = at;
      size++;
      const x = at % width;
      const y = (at - x) / width;
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
    if (size <= maxArea) for (let k = 0; k < size; k++) data[blot[k]!] = 255;
  }
  return { ...image, data };
}
