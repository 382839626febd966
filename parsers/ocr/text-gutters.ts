import type { OcrWord } from './cache';
import type { PixelRule } from './detect-rules';

/**
 * White across a line wider than this (in the line's ink heights) parts two cells of a table
 * printed without rules. A space between Latin words is some 0.3 of a line's ink; the gutter
 * between two columns is wider (a cell's padding on both sides, 0.9 and more on the scans seen).
 */
const GUTTER = 0.5;
/**
 * Beside a punctuation mark, white up to this (line ink heights) is the mark's own: a full-width
 * `，` `、` `）` inks one side of its square, and leaves up to 0.86 of a line white in running text.
 */
const BESIDE_MARK = 1.2;
/** A mark set in a square of its own (full-width punctuation, and the ASCII forms a reader gives for it). */
const MARK = /^[\p{P}\p{S}]$/u;
/**
 * A percent sign ends a number, a comparison sign starts one (`≥80%`): their ink fills their box
 * as a digit's does, leaving no full-width mark's white beside them.
 */
const INKED_MARK = /^[%％≥≤]$/;

/** White between two pieces of ink on one text line, in page pixels: the columns x0…x1 hold no ink. */
export interface Gutter {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * Lines of the page whose cells start at one place for a column to start there (a table's cells
 * set flush left), as the page engine finds a form's columns from its lines: the line cut there
 * and this many others (a column's header cell, wrapped on two lines, is two).
 */
const ALIGNED_LINES = 2;
/** The white between two cells' text is this many times a cell's spacing of its characters at least (each cell's padding beside it). */
const PADDED = 2;
/**
 * Cells' starts this close (line ink heights) are one column's: glyphs' ink starts a little in from
 * their squares, and what is left of a page's tilt moves a column's start a few pixels down the page.
 */
const SAME_START = 0.4;

/** A reader's line: its ink's span, the white inside it (pixel columns with no ink) and its symbols. */
interface InkedLine {
  y0: number;
  y1: number;
  height: number;
  /** Each white between two pieces of ink: its first and last pixel column. */
  whites: Array<{ x0: number; x1: number }>;
  /** Where the line's ink starts. */
  start: number;
  symbols: OcrWord['symbols'];
}

/**
 * The gutters inside each text line the reader found on a page without ruled tables: the white
 * between two columns of a table printed without rules, that the reader reads over as one line
 * (`13.00 4.13`, `权重指标得分得分率`). The page engine's unruled reader finds columns from
 * runs as a text layer gives them, one per cell: a line is cut at its gutters to give them so.
 * White wider than `GUTTER` parts two cells wherever it is; narrower white parts them where the
 * page's table shows a column starting there (`narrowGutters`).
 */
export function textGutters(words: OcrWord[], ink: Uint8Array, width: number): Gutter[] {
  const byLine = new Map<number, OcrWord[]>();
  for (const w of words) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  const lines = [...byLine.values()].flatMap((line) => inkedLine(line, ink, width));
  const wide = lines.map((line) => line.whites.filter((w) => isGutter(line, w, GUTTER)));
  return [...lines.flatMap((line, i) => wide[i]!.map((w) => ({ x0: w.x0, x1: w.x1, y0: line.y0, y1: line.y1 }))), ...narrowGutters(lines, wide)];
}

function inkedLine(line: OcrWord[], ink: Uint8Array, width: number): InkedLine[] {
  const y0 = Math.round(Math.min(...line.map((w) => w.y0)));
  const y1 = Math.round(Math.max(...line.map((w) => w.y1))) - 1;
  const x0 = Math.max(0, Math.floor(Math.min(...line.map((w) => w.x0))));
  const x1 = Math.min(width - 1, Math.ceil(Math.max(...line.map((w) => w.x1))));
  const height = y1 - y0 + 1;
  if (height <= 0) return [];
  const symbols = line.flatMap((w) => w.symbols).sort((a, b) => a.x0 + a.x1 - b.x0 - b.x1);
  const whites: InkedLine['whites'] = [];
  let last = -1;
  let start = -1;
  for (let x = x0; x <= x1; x++) {
    let inked = false;
    for (let y = y0; y <= y1 && !inked; y++) inked = ink[y * width + x] === 1;
    if (!inked) continue;
    if (last >= 0 && x - last > 1) whites.push({ x0: last + 1, x1: x - 1 });
    if (start < 0) start = x;
    last = x;
  }
  return start < 0 ? [] : [{ y0, y1, height, whites, start, symbols }];
}

/** White wider than `share` of the line parting two symbols, not the white a mark leaves beside itself. */
function isGutter(line: InkedLine, white: { x0: number; x1: number }, share: number): boolean {
  const size = white.x1 - white.x0 + 1;
  if (size <= share * line.height) return false;
  const mid = (white.x0 + white.x1) / 2;
  const left = line.symbols.findLast((s) => (s.x0 + s.x1) / 2 < mid);
  const right = line.symbols.find((s) => (s.x0 + s.x1) / 2 >= mid);
  const isMark = (s: { text: string }) => MARK.test(s.text) && !INKED_MARK.test(s.text);
  return left !== undefined && right !== undefined && (size > BESIDE_MARK * line.height || !(isMark(left) || isMark(right)));
}

/**
 * Narrower gutters: in a line the wide gutters cut into cells already (a table's row, not a
 * paragraph), the widest white of a cell's piece (but a mark's own white), twice its spacing of
 * characters, where the ink after it starts at a column's start, which cells of `ALIGNED_LINES`
 * other lines start at after a wide gutter: a number set flush right in
 * its column touching the next column's text set flush left (`78.60%无`, 78.60% then 无 a
 * padding's width on), which the reader reads as one word.
 */
function narrowGutters(lines: InkedLine[], wide: Array<Array<{ x0: number; x1: number }>>): Gutter[] {
  // Each line's cells' starts after a wide gutter: a cell beside another (a line's own start may be a
  // paragraph's, or the ink left of a cell's first line where the print cut its top off).
  const starts = wide.map((gutters) => gutters.map((w) => w.x1 + 1));
  const isColumnStart = (x: number, i: number) => {
    const near = SAME_START * lines[i]!.height;
    return starts.filter((s, k) => k !== i && s.some((t) => Math.abs(t - x) <= near)).length >= ALIGNED_LINES;
  };
  return lines.flatMap((line, i) => {
    if (wide[i]!.length === 0) return [];
    // The line's pieces between its wide gutters; in each, its widest white.
    const bounds = [-Infinity, ...wide[i]!.map((w) => w.x0), Infinity];
    return bounds.slice(1).flatMap((end, k) => {
      const inside = line.whites.filter((w) => w.x0 > bounds[k]! && w.x1 < end && !wide[i]!.includes(w) && isGutter(line, w, 0));
      const widths = inside.map((w) => w.x1 - w.x0 + 1).sort((a, b) => a - b);
      const widest = inside.find((w) => w.x1 - w.x0 + 1 === widths[widths.length - 1]);
      // Two cells' padding, not the white between two characters of one cell: twice the piece's usual spacing at least.
      const spacing = widths[Math.floor((widths.length - 2) / 2)] ?? Infinity;
      return widest && widths.length > 1 && widths[widths.length - 1]! >= PADDED * spacing && isColumnStart(widest.x1 + 1, i) ? [{ x0: widest.x0, x1: widest.x1, y0: line.y0, y1: line.y1 }] : [];
    });
  });
}

/** Gutters as vertical rules through their middles: words are not joined over them (`joinWords`). */
export const gutterRules = (gutters: Gutter[]): PixelRule[] =>
  gutters.map((g) => {
    const mid = Math.round((g.x0 + g.x1) / 2);
    return { x0: mid, x1: mid, y0: g.y0, y1: g.y1, thickness: 0, from: mid, to: mid };
  });

/**
 * A word cut at the gutters across it, between its characters (each goes to the side its centre
 * is on); each part's box ends at its ink, not in the gutter, where the reader's character boxes
 * (centre to centre) would put it.
 */
export function cutAtGutters(word: OcrWord, gutters: Gutter[]): OcrWord[] {
  const midY = (word.y0 + word.y1) / 2;
  const across = gutters.filter((g) => g.y0 <= midY && g.y1 >= midY && g.x1 > word.x0 && g.x0 < word.x1).sort((a, b) => a.x0 - b.x0);
  if (across.length === 0) return [word];
  const parts: OcrWord[] = [];
  let rest = word.symbols;
  let from = word.x0;
  for (const g of [...across, null]) {
    const cut = g ? (g.x0 + g.x1) / 2 : Infinity;
    const here = rest.filter((s) => (s.x0 + s.x1) / 2 < cut);
    rest = rest.filter((s) => (s.x0 + s.x1) / 2 >= cut);
    if (here.length > 0) {
      const x0 = Math.max(here[0]!.x0, from);
      const x1 = g ? Math.min(here[here.length - 1]!.x1, g.x0) : here[here.length - 1]!.x1;
      parts.push({ ...word, text: here.map((s) => s.text).join(''), x0, x1, symbols: here });
    }
    if (g) from = g.x1 + 1;
  }
  return parts;
}
