import type { OcrWord } from './cache';
import type { DetectedRules } from './detect-rules';
import type { GrayImage } from './gray-image';
import { inkPieces } from './ink-pieces';
import { median } from '../page/median';
import { ruleBetween } from './join-words';

/** A rectangle in image pixels. */
export interface Region {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Whether a box's centre lies in a region: a word belongs to the cell its middle is in. */
export const centreIn = (box: Region, r: Region) => {
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  return cx >= r.x0 && cx <= r.x1 && cy >= r.y0 && cy <= r.y1;
};

/** Ink within this many pixels of a word's box belongs to that word. */
const WORD_MARGIN = 3;

/**
 * Ink no read turned into a word (connected strokes none of which lies in or next to a word's
 * box): a reader drops a character standing alone on a line now and then (`有所提` + `升`), or a
 * `%` wrapped under its number. Returns the regions of such ink standing alone on its line
 * (glyph-sized blobs, neighbours grouped), to be read again by themselves; ink right beside a
 * word is that word's. Specks and rule remnants (thin strokes) are not regions.
 */
export function findMissedText(image: GrayImage, mask: Uint8Array, words: OcrWord[], rules: DetectedRules): Region[] {
  const { width, height } = image;
  const lineHeight = medianLineHeight(words, image.dpi);
  const covered = new Uint8Array(width * height);
  for (const w of words) {
    for (let y = Math.max(0, w.y0 - WORD_MARGIN); y <= Math.min(height - 1, w.y1 + WORD_MARGIN); y++) {
      covered.fill(1, y * width + Math.max(0, w.x0 - WORD_MARGIN), y * width + Math.min(width, w.x1 + WORD_MARGIN + 1));
    }
  }
  const blobs: Region[] = [];
  inkPieces(width, height, (i) => mask[i] === 1, (pixels) => {
    const box = { x0: width, y0: height, x1: 0, y1: 0 };
    let touchesWord = false;
    for (const at of pixels) {
      const x = at % width;
      const y = (at - x) / width;
      if (covered[at] === 1) touchesWord = true;
      if (x < box.x0) box.x0 = x;
      if (x > box.x1) box.x1 = x;
      if (y < box.y0) box.y0 = y;
      if (y > box.y1) box.y1 = y;
    }
    const w = box.x1 - box.x0 + 1;
    const h = box.y1 - box.y0 + 1;
    const glyphSized = Math.max(w, h) >= lineHeight * 0.3 && pixels.length >= lineHeight * 0.6;
    const stroke = Math.min(w, h) <= 3 && Math.max(w, h) >= lineHeight * 0.8;
    if (!touchesWord && glyphSized && !stroke && w <= lineHeight * 6 && h <= lineHeight * 3) blobs.push(box);
  });
  // A region is at least half a character: a stray radical next to a word is not.
  const big = (r: Region) => Math.max(r.x1 - r.x0, r.y1 - r.y0) >= lineHeight * 0.5;
  // Ink right beside a word on its line is that word's, drawn outside the box the reader gave
  // it (its boxes for Chinese words are often too narrow): a missed character stands alone.
  const besideWord = (r: Region) =>
    words.some((w) => Math.min(w.y1, r.y1) - Math.max(w.y0, r.y0) > 0 && r.x0 - w.x1 < lineHeight * 0.6 && w.x0 - r.x1 < lineHeight * 0.6 && !ruleBetween(w, r, rules));
  return groupRegions(blobs, lineHeight, width, height).filter((r) => big(r) && !besideWord(r));
}

/** Blobs within half a line of each other are one region. */
function groupRegions(blobs: Region[], lineHeight: number, width: number, height: number): Region[] {
  const near = (a: Region, b: Region) =>
    a.x0 - lineHeight / 2 <= b.x1 && b.x0 - lineHeight / 2 <= a.x1 && a.y0 - lineHeight / 2 <= b.y1 && b.y0 - lineHeight / 2 <= a.y1;
  const regions = blobs.map((b) => ({ ...b }));
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < regions.length && !merged; i++) {
      for (let j = i + 1; j < regions.length; j++) {
        if (!near(regions[i]!, regions[j]!)) continue;
        const a = regions[i]!;
        const b = regions.splice(j, 1)[0]!;
        Object.assign(a, { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) });
        merged = true;
        break;
      }
    }
  }
  return regions;
}

/** The median line height of the words read, in pixels (a fallback from the resolution). */
export function medianLineHeight(words: OcrWord[], dpi: number): number {
  return median(words.map((w) => w.lineHeight)) ?? assumedLineHeight(dpi);
}

/** A body line is some 0.15 in high (10.5 pt type and its leading), in pixels at `dpi`. */
export const assumedLineHeight = (dpi: number) => dpi * 0.15;
