import type { OcrWord } from './cache';
import type { OcrEngine, PreparedPage } from './engine';
import { encodePgm } from './gray-image';
import { assumedLineHeight, findMissedText, medianLineHeight } from './missed-text';
import { readRegion } from './read-region';
import { recogniseImage } from './recognise';
import { secondReads } from './second-reads';

/** Lines of one region read are numbered from its index times this. */
export const REGION_LINES = 100_000;

/** Line numbers are per read: each region's lines are made its own. */
export const numberRegions = (reads: OcrWord[][], from: number) => reads.flatMap((ws, i) => ws.map((w) => ({ ...w, line: w.line + (from + i + 1) * REGION_LINES })));

/**
 * tesseract.js (`chi_sim`, LSTM): each table cell read alone as a block of text (with second
 * reads: `secondReads`), the page around the tables as sparse text, then ink no read turned into
 * words read again region by region.
 */
export const tesseractEngine: OcrEngine = {
  name: 'tesseract',
  async read({ image, ink, rules, cells, around }: PreparedPage) {
    const cellLine = assumedLineHeight(image.dpi);
    const [read, ...cellReads] = await Promise.all([
      around ? recogniseImage(encodePgm(around), image.dpi) : NOTHING_AROUND,
      ...cells.map((cell) => readRegion(image, cell, cellLine)),
    ]);
    const revised = await secondReads(image, ink, cells, cellReads.map((r) => r.words), cellLine);
    const firstRead = [...read!.words, ...numberRegions(revised.words, 0)];
    const lineHeight = medianLineHeight(firstRead, image.dpi);
    const missed = findMissedText(image, ink, firstRead, rules);
    const again = await Promise.all(missed.map((r) => readRegion(image, r, lineHeight)));
    const words = [...firstRead, ...numberRegions(again.map((r) => r.words), cells.length)];
    const cached = read!.cached && revised.cached && [...cellReads, ...again].every((r) => r.cached);
    return { words, cached };
  },
};

/** The read of a page that has nothing printed around its tables. */
const NOTHING_AROUND = Promise.resolve({ words: [] as OcrWord[], cached: true });
