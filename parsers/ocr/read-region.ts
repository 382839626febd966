import type { OcrWord } from './cache';
import { encodePgm, type GrayImage } from './gray-image';
import type { Region } from './missed-text';
import { MODELS, recogniseImage, type Model, type ReadMode } from './recognise';
import { shift } from './word-boxes';

/**
 * A region of an image as an image of its own, on white paper with a margin of most of a line
 * around it (the reader needs white around a lone character) and nothing else in it: the
 * neighbours' ink is left out, so they are not read twice.
 */
function cropRegion(image: GrayImage, r: Region, lineHeight: number): { image: GrayImage; origin: { x: number; y: number } } {
  const margin = Math.max(12, Math.round(lineHeight * 0.75));
  const width = r.x1 - r.x0 + 1 + 2 * margin;
  const height = r.y1 - r.y0 + 1 + 2 * margin;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = r.y0; y <= r.y1; y++) {
    if (y < 0 || y >= image.height) continue;
    const from = Math.max(0, r.x0);
    const to = Math.min(image.width - 1, r.x1);
    data.set(image.data.subarray(y * image.width + from, y * image.width + to + 1), (y - r.y0 + margin) * width + (from - r.x0 + margin));
  }
  // Read as it is, not enlarged: read at twice the size, fewer cells come out exact (454 of the
  // scanned corpus's 616 against 516).
  return { image: { width, height, data, dpi: image.dpi }, origin: { x: r.x0 - margin, y: r.y0 - margin } };
}

/** A region cut out and read alone (as a block of text unless told), its words in page pixels. */
export async function readRegion(
  image: GrayImage,
  region: Region,
  lineHeight: number,
  model: Model = MODELS[0],
  mode: ReadMode = 'region',
): Promise<{ words: OcrWord[]; cached: boolean }> {
  const { image: part, origin } = cropRegion(image, region, lineHeight);
  const read = await recogniseImage(encodePgm(part), part.dpi, mode, model);
  return { words: read.words.map((w) => shift(w, origin)), cached: read.cached };
}

/** Mean confidence of words, weighted by their length: what a read of a cell is worth. */
export function readQuality(words: OcrWord[]): number {
  const chars = words.reduce((n, w) => n + w.text.length, 0);
  return chars === 0 ? 0 : words.reduce((s, w) => s + w.confidence * w.text.length, 0) / chars;
}
