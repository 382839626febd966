import type { PageContent, Segment, TextRun } from '../pdf/page-content';
import type { OcrWord } from './cache';
import { correctWord } from './correct-numbers';
import { measureSkew, rotateImage } from './deskew';
import { binarise, detectRules, eraseRules, otsuThreshold, ruleThreshold } from './detect-rules';
import { encodePgm, stretchLevels, toPoints, type GrayImage } from './gray-image';
import { doubtfulCells, readQuality } from './doubtful-cells';
import { joinWords } from './join-words';
import { cropRegion, findMissedText, medianLineHeight } from './missed-text';
import { recogniseImage } from './recognise';
import { scaleDown, shift, splitAtRules, tightenBox, trimRuleMarks } from './word-boxes';

/** A word's box in page points (as `TextRun`) with the reader's confidence, 0–100. */
export interface RatedBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  confidence: number;
  /** The number post-correction made to this word, `read → kept`. */
  correction: string | null;
}

export interface OcrPage {
  /** What the page draws, as a text-layer page would give it: the table code takes it from here. */
  content: PageContent;
  /** Every word's box and confidence, to rate the cells built from them. */
  words: RatedBox[];
  /** The tilt that was corrected, in degrees. */
  skewDegrees: number;
  /** The words came from the cache (this image was read before). */
  cached: boolean;
}

/**
 * Reads a page image into page content: straightened, its ruling lines found and erased, its
 * levels stretched, its words read by tesseract (the page as sparse text; then ink the page pass
 * left unread, and table cells it was unsure of, each read again alone) and turned into text
 * runs as printed (boxes in points: pixels × 72 / dpi), numbers corrected by their context.
 */
export async function ocrPageImage(image: GrayImage, page: number): Promise<OcrPage> {
  const skewDegrees = measureSkew(image, binarise(image));
  const upright = rotateImage(image, skewDegrees);
  const mask = binarise(upright, ruleThreshold(otsuThreshold(upright)));
  const rules = detectRules(upright, mask);
  const clean = stretchLevels(eraseRules(upright, rules));
  const read = await recogniseImage(encodePgm(clean), clean.dpi);
  // What the page pass missed is read again, region by region, as blocks of text.
  const ink = binarise(clean, otsuThreshold(clean));
  const { alone: missed, beside } = findMissedText(clean, ink, read.words, rules);
  const lineHeight = medianLineHeight(read.words, clean.dpi);
  const again = await Promise.all(
    missed.map((r) => {
      const { image: part, origin, scale } = cropRegion(clean, r, lineHeight);
      return recogniseImage(encodePgm(part), part.dpi, 'region').then((x) => x.words.map((w) => shift(scaleDown(w, scale), origin)));
    }),
  );
  // Line numbers are per read: each region's lines are its own.
  again.forEach((ws, i) => ws.forEach((w) => (w.line += (i + 1) * REGION_LINES)));
  const pt = (px: number) => toPoints(px, image.dpi);
  const segments: Segment[] = [
    ...rules.horizontal.map((h) => ({ x0: pt(h.x0), x1: pt(h.x1), y0: pt(h.y0), y1: pt(h.y0) })),
    ...rules.vertical.map((v) => ({ x0: pt(v.x0), x1: pt(v.x0), y0: pt(v.y0), y1: pt(v.y1) })),
  ];
  const firstRead = [...read.words, ...again.flat()];
  // Cells the page pass is unsure of are read again alone; the better read of each is kept.
  const doubtful = doubtfulCells(segments, firstRead, beside, clean.dpi, page);
  const cellReads = await Promise.all(
    doubtful.map((cell, i) => {
      const { image: part, origin, scale } = cropRegion(clean, cell, lineHeight);
      return recogniseImage(encodePgm(part), part.dpi, 'region').then((x) =>
        x.words.map((w) => ({ ...shift(scaleDown(w, scale), origin), line: w.line + (missed.length + i + 1) * REGION_LINES })),
      );
    }),
  );
  const replaced = new Set<OcrWord>();
  const added: OcrWord[] = [];
  doubtful.forEach((cell, i) => {
    const again = cellReads[i]!;
    // Ties go to the cell read alone: it cannot have mixed in a neighbour's lines.
    if (again.length === 0 || readQuality(again) < readQuality(cell.words)) return;
    cell.words.forEach((w) => replaced.add(w));
    added.push(...again);
  });
  const words = [...firstRead.filter((w) => !replaced.has(w)), ...added];
  const cached = read.cached;
  const pieces = words
    .flatMap((w) => trimRuleMarks(w, rules, lineHeight))
    .flatMap((w) => splitAtRules(w, rules))
    .map((w) => tightenBox(w, ink, clean.width, clean.height));
  // Font size from the ink: a run's own height, but not less than most of a line (`ac` is short).
  const inkHeights = pieces.map((w) => w.y1 - w.y0).sort((a, b) => a - b);
  const body = inkHeights[Math.floor(inkHeights.length / 2)] ?? lineHeight;
  // Numbers are corrected in their line's context (`45.44` then `万元`: no % there).
  const lines = joinWords(pieces, rules).map(correctWord);
  const runs: TextRun[] = lines.map(({ word: w }) => ({ text: w.text, x0: pt(w.x0), y0: pt(w.y0), x1: pt(w.x1), y1: pt(w.y1), size: pt(Math.max(w.y1 - w.y0, 0.8 * body)) }));
  const box = (w: OcrWord) => ({ x0: pt(w.x0), y0: pt(w.y0), x1: pt(w.x1), y1: pt(w.y1) });
  return {
    content: { page, width: pt(image.width), height: pt(image.height), runs, segments },
    // Each word's own confidence; each correction on the box of the run it was made in.
    words: [
      ...pieces.map((w) => ({ ...box(w), confidence: w.confidence, correction: null })),
      ...lines.flatMap(({ word: w, correction }) => (correction ? [{ ...box(w), confidence: 100, correction }] : [])),
    ],
    skewDegrees,
    cached,
  };
}

/** Lines of one region read are numbered from its index times this. */
const REGION_LINES = 100_000;
