import type { OcrWord } from './cache';
import type { GrayImage } from './gray-image';
import type { Region } from './missed-text';
import { readQuality, readRegion } from './read-region';
import { MODELS } from './recognise';
import { cellLines, isShort } from './cell-lines';

/** A cell read with a word below this confidence gets a second opinion. */
const SECOND_OPINION_BELOW = 80;
/** Cells holding more text than this do not: prose costs as much as a page to read again. */
const SECOND_OPINION_MAX_CHARS = 40;
/** A line of a cell read with a word below this confidence is read again as a line. */
const LINE_AGAIN_BELOW = 50;

const unsure = (words: OcrWord[]) =>
  words.length > 0 && Math.min(...words.map((w) => w.confidence)) < SECOND_OPINION_BELOW && words.reduce((n, w) => n + w.text.length, 0) <= SECOND_OPINION_MAX_CHARS;

/**
 * The words of each cell after second reads, the surer read kept each time: a short cell the
 * first network is unsure of is read by the second (`服务国` → `服务圈`), and a line of one or
 * two glyphs, or with a word read below 50, is read again as a line (`仁` over `门` → `台`,
 * `雷盛率` → `覆盖率`). `cached`: every second read came from the cache.
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
  const inLine = (line: Region) => (w: OcrWord) => (w.y0 + w.y1) / 2 >= line.y0 && (w.y0 + w.y1) / 2 <= line.y1;
  const doubtful = (line: Region, i: number) => isShort(line) || words[i]!.filter(inLine(line)).some((w) => w.confidence < LINE_AGAIN_BELOW);
  const tails = await Promise.all(
    cells.map((cell, i) =>
      Promise.all(
        cellLines(ink, image.width, cell)
          .filter((line) => doubtful(line, i))
          .map(async (line) => ({ line, read: await readRegion(image, line, lineHeight, MODELS[0], 'line') })),
      ),
    ),
  );
  tails.forEach((reads, i) => {
    for (const { line, read } of reads) {
      const here = inLine(line);
      if (read.words.length === 0 || readQuality(read.words) < readQuality(words[i]!.filter(here))) continue;
      const lineNumber = Math.max(0, ...words[i]!.map((w) => w.line)) + 1;
      words[i] = [...words[i]!.filter((w) => !here(w)), ...read.words.map((w) => ({ ...w, line: lineNumber }))];
    }
  });
  const cached = [...opinions, ...tails.flat().map((t) => t.read)].every((r) => r === null || r.cached);
  return { words, cached };
}
