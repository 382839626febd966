import type { OcrWord } from './cache';
import type { GrayImage } from './gray-image';
import type { Region } from './missed-text';
import { readQuality, readRegion } from './read-region';
import { MODELS } from './recognise';
import { shortLines } from './short-lines';

/** A cell read with a word below this confidence gets a second opinion. */
const SECOND_OPINION_BELOW = 80;
/** Cells holding more text than this do not: prose costs as much as a page to read again. */
const SECOND_OPINION_MAX_CHARS = 40;

const unsure = (words: OcrWord[]) =>
  words.length > 0 && Math.min(...words.map((w) => w.confidence)) < SECOND_OPINION_BELOW && words.reduce((n, w) => n + w.text.length, 0) <= SECOND_OPINION_MAX_CHARS;

/**
 * The words of each cell after second reads, the surer read kept each time: a short cell the
 * first network is unsure of is read by the second (`服务国` → `服务圈`), and a line of one or
 * two glyphs is read again as a line (`仁` over `门` → `台`). `cached`: every second read came
 * from the cache.
 */
export async function secondReads(
  image: GrayImage,
  ink: Uint8Array,
  cells: Region[],
  firstReads: OcrWord[][],
  lineHeight: number,
): Promise<{ words: OcrWord[][]; cached: boolean }> {
  const opinions = await Promise.all(cells.map((cell, i) => (unsure(firstReads[i]!) ? readRegion(image, cell, lineHeight, MODELS[1]) : null)));
  const words = firstReads.map((first, i) => {
    const second = opinions[i];
    return second && readQuality(second.words) > readQuality(first) ? second.words : first;
  });
  const tails = await Promise.all(
    cells.map((cell) => Promise.all(shortLines(ink, image.width, cell).map(async (line) => ({ line, read: await readRegion(image, line, lineHeight, MODELS[0], 'line') })))),
  );
  tails.forEach((reads, i) => {
    for (const { line, read } of reads) {
      const inLine = (w: OcrWord) => (w.y0 + w.y1) / 2 >= line.y0 && (w.y0 + w.y1) / 2 <= line.y1;
      if (read.words.length === 0 || readQuality(read.words) < readQuality(words[i]!.filter(inLine))) continue;
      const lineNumber = Math.max(0, ...words[i]!.map((w) => w.line)) + 1;
      words[i] = [...words[i]!.filter((w) => !inLine(w)), ...read.words.map((w) => ({ ...w, line: lineNumber }))];
    }
  });
  const cached = [...opinions, ...tails.flat().map((t) => t.read)].every((r) => r === null || r.cached);
  return { words, cached };
}
