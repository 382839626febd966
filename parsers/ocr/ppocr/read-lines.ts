import type { OcrWord } from '../cache';
import { isShort, textLines } from '../cell-lines';
import type { GrayImage } from '../gray-image';
import type { Region } from '../missed-text';
import { recogniseLine, type ReadChar } from './recognise-line';

/** White along a line wider than this (in line heights) parts two pieces of text, read apart. */
const SEGMENT_GAP = 2;
/** White kept around a line's ink for the recogniser, in line heights: above and below, and at the ends. */
const PAD_Y = 0.2;
const PAD_X = 0.4;
/** Rows with fewer ink pixels than this are blank (grain that survived despeckling). */
const MIN_ROW_INK = 2;
/** A cell of this many short lines or more is a label set a glyph or two a line. */
const STACKED_LINES = 3;
/** White between two lines set side by side, in line heights: about the space between two glyphs. */
const STACK_GAP = 0.2;
/** A line of the page this many typical line heights high holds lines of neighbouring columns whose rows do not line up. */
const TALL_LINE = 1.6;
/** White down the whole of a tall line at least this wide (in typical line heights) is a gutter between columns. */
const COLUMN_GAP = 0.4;

/**
 * The pieces of text along a line: its ink cut at white wider than `gap` pixels down the whole
 * line (a heading and a unit printed on one line, two columns of text).
 */
function segments(ink: Uint8Array, width: number, line: Region, gap: number): Region[] {
  const out: Region[] = [];
  let start = -1;
  let last = -1;
  for (let x = line.x0; x <= line.x1; x++) {
    let n = 0;
    for (let y = line.y0; y <= line.y1 && n === 0; y++) n += ink[y * width + x]!;
    if (n === 0) continue;
    if (start >= 0 && x - last - 1 > gap) {
      out.push({ x0: start, x1: last, y0: line.y0, y1: line.y1 });
      start = x;
    } else if (start < 0) start = x;
    last = x;
  }
  if (start >= 0) out.push({ x0: start, x1: last, y0: line.y0, y1: line.y1 });
  return out;
}

/**
 * A page's line as the lines of its columns: text set in columns without rules whose rows do not
 * line up (a spreadsheet sets a wrapped cell at its foot, beside one-line cells at theirs) makes
 * row bands across the page that run into each other, one band two or three lines high, which
 * the recogniser reads as one line and loses. Such a band is cut at the gutters that run down
 * the whole of it, and each column's lines are found again; a tall band with no gutter (a seal)
 * or whose columns' lines stand side by side (a title in large type) stays as it is.
 */
function columnLines(mask: Uint8Array, width: number, line: Region, typical: number): Region[] {
  if (line.y1 - line.y0 + 1 <= TALL_LINE * typical) return [line];
  const columns = segments(mask, width, line, COLUMN_GAP * typical);
  if (columns.length < 2) return [line];
  const lines = columns.flatMap((column) => textLines(mask, width, column, typical, 0.3));
  // Words of one line, however large their type (a title set wide), stand side by side: it is read as one.
  if (!lines.some((a, i) => lines.slice(i + 1).some((b) => !sideBySide(a, b)))) return [line];
  return lines.flatMap((l) => columnLines(mask, width, l, typical));
}

/** Two lines' ink shares at least half the height of the lower of them: they are one line of text. */
function sideBySide(a: Region, b: Region): boolean {
  const shared = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) + 1;
  return shared >= 0.5 * Math.min(a.y1 - a.y0 + 1, b.y1 - b.y0 + 1);
}

/**
 * The region's ink as a mask of its own (coordinates from the region's corner), rows of fewer
 * than `MIN_ROW_INK` ink pixels cleared: a copy of the region only, as a page has a hundred cells.
 */
function regionInk(ink: Uint8Array, width: number, r: Region): { mask: Uint8Array; width: number; bounds: Region } {
  const w = r.x1 - r.x0 + 1;
  const h = r.y1 - r.y0 + 1;
  const mask = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = ink.subarray((r.y0 + y) * width + r.x0, (r.y0 + y) * width + r.x1 + 1);
    let n = 0;
    for (let x = 0; x < w; x++) n += row[x]!;
    if (n >= MIN_ROW_INK) mask.set(row, y * w);
  }
  return { mask, width: w, bounds: { x0: 0, y0: 0, x1: w - 1, y1: h - 1 } };
}

/**
 * Reads the text lines of a region (a table cell, or the page around its tables) one by one with
 * the recogniser: lines found from the ink, each cut into its pieces, each piece read on a crop
 * that stays inside the region (no line read across a cell border). Words are the pieces' texts
 * split at the spaces the model reads; a word's confidence is its least sure character's, 0–100.
 */
export async function readLines(image: GrayImage, ink: Uint8Array, region: Region, typicalLine: number | undefined, workers: number): Promise<OcrWord[]> {
  const local = regionInk(ink, image.width, region);
  const toPage = (l: Region): Region => ({ x0: l.x0 + region.x0, x1: l.x1 + region.x0, y0: l.y0 + region.y0, y1: l.y1 + region.y0 });
  const found = textLines(local.mask, local.width, local.bounds, typicalLine, typicalLine ? 0.3 : 0.6).flatMap((l) => (typicalLine ? columnLines(local.mask, local.width, l, typicalLine) : [l]));
  const pieces = (l: Region) => segments(local.mask, local.width, l, SEGMENT_GAP * (l.y1 - l.y0 + 1));
  // A cell's label set one or two glyphs a line (a narrow level column: `项` over `目` over `决`)
  // is read as one line: a glyph read alone has no context, and a thin face's `目` comes out `日`.
  // Three lines at least: a lone glyph the scan cut in two bands (`是` as `日` over `正`) is two.
  if (typicalLine === undefined && found.length >= STACKED_LINES && found.every((l) => isShort(l) && pieces(l).length === 1)) {
    return readStacked(image, found.map(toPage), workers);
  }
  const reads = await Promise.all(
    found.flatMap((localLine, index) =>
      pieces(localLine).map(async (localPiece) => {
        const line = toPage(localLine);
        const piece = toPage(localPiece);
        const h = line.y1 - line.y0 + 1;
        const crop = {
          x0: Math.max(region.x0, Math.round(piece.x0 - PAD_X * h)),
          x1: Math.min(region.x1, Math.round(piece.x1 + PAD_X * h)),
          y0: Math.max(region.y0, Math.round(line.y0 - PAD_Y * h)),
          y1: Math.min(region.y1, Math.round(line.y1 + PAD_Y * h)),
        };
        const read = await recogniseLine(image, crop, workers);
        return { index, line, chars: read.chars };
      }),
    ),
  );
  return reads.flatMap(({ index, line, chars }) => words(chars, line, index + 1));
}

/**
 * Lines of one or two glyphs each, set side by side on white in reading order (each line's own
 * rows only: a neighbour's ink stays out) and read as one line; each character goes back to the
 * line it was read on (by its centre), as that line's words.
 */
async function readStacked(image: GrayImage, lines: Region[], workers: number): Promise<OcrWord[]> {
  const band = Math.max(...lines.map((l) => l.y1 - l.y0 + 1));
  const padY = Math.round(PAD_Y * band);
  const padX = Math.round(PAD_X * band);
  const gap = Math.max(1, Math.round(STACK_GAP * band));
  const starts: number[] = [];
  let width = padX;
  for (const l of lines) {
    starts.push(width);
    width += l.x1 - l.x0 + 1 + gap;
  }
  width += padX - gap;
  const height = band + 2 * padY;
  const data = new Uint8Array(width * height).fill(255);
  lines.forEach((l, k) => {
    const top = padY + Math.floor((band - (l.y1 - l.y0 + 1)) / 2);
    for (let y = l.y0; y <= l.y1; y++) {
      data.set(image.data.subarray(y * image.width + l.x0, y * image.width + l.x1 + 1), (top + y - l.y0) * width + starts[k]!);
    }
  });
  const { chars } = await recogniseLine({ width, height, data, dpi: image.dpi }, { x0: 0, y0: 0, x1: width - 1, y1: height - 1 }, workers);
  // A character belongs to the line whose piece its centre falls in, cut midway through the gaps.
  const lineOf = (c: ReadChar) => {
    const centre = (c.x0 + c.x1) / 2;
    let k = 0;
    while (k + 1 < lines.length && centre >= starts[k + 1]! - gap / 2) k++;
    return k;
  };
  return lines.flatMap((line, k) => {
    const shift = line.x0 - starts[k]!;
    const own = chars.filter((c) => lineOf(c) === k).map((c) => ({ ...c, x0: Math.max(line.x0, c.x0 + shift), x1: Math.min(line.x1 + 1, c.x1 + shift) }));
    return words(own, line, k + 1);
  });
}

/** The characters of a line read as words: split at spaces, boxed by their characters' spans and the line's ink. */
function words(chars: ReadChar[], line: Region, lineNumber: number): OcrWord[] {
  const out: OcrWord[] = [];
  let current: ReadChar[] = [];
  const flush = () => {
    if (current.length === 0) return;
    out.push({
      text: current.map((c) => c.text).join(''),
      confidence: Math.round(Math.min(...current.map((c) => c.confidence)) * 1000) / 10,
      x0: Math.floor(current[0]!.x0),
      x1: Math.ceil(current[current.length - 1]!.x1),
      y0: line.y0,
      y1: line.y1 + 1,
      lineHeight: line.y1 - line.y0 + 1,
      line: lineNumber,
      symbols: current.map((c) => ({ text: c.text, x0: c.x0, x1: c.x1, y0: line.y0, y1: line.y1 + 1 })),
    });
    current = [];
  };
  for (const c of chars) {
    if (c.text.trim() === '') flush();
    else current.push(c);
  }
  flush();
  return out;
}
