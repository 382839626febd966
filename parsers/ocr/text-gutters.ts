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
/** A percent sign ends a number; its ink fills its box as a digit's does. */
const INKED_MARK = /^[%％]$/;

/** White between two pieces of ink on one text line, in page pixels: the columns x0…x1 hold no ink. */
export interface Gutter {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * The gutters inside each text line the reader found on a page without ruled tables: the white
 * between two columns of a table printed without rules, that the reader reads over as one line
 * (`13.00 4.13`, `权重指标得分得分率`). The page engine's unruled reader finds columns from
 * runs as a text layer gives them, one per cell: a line is cut at its gutters to give them so.
 */
export function textGutters(words: OcrWord[], ink: Uint8Array, width: number): Gutter[] {
  const lines = new Map<number, OcrWord[]>();
  for (const w of words) lines.set(w.line, [...(lines.get(w.line) ?? []), w]);
  const gutters: Gutter[] = [];
  for (const line of lines.values()) {
    const y0 = Math.round(Math.min(...line.map((w) => w.y0)));
    const y1 = Math.round(Math.max(...line.map((w) => w.y1))) - 1;
    const x0 = Math.max(0, Math.floor(Math.min(...line.map((w) => w.x0))));
    const x1 = Math.min(width - 1, Math.ceil(Math.max(...line.map((w) => w.x1))));
    const height = y1 - y0 + 1;
    if (height <= 0) continue;
    const symbols = line.flatMap((w) => w.symbols).sort((a, b) => a.x0 + a.x1 - b.x0 - b.x1);
    const isMark = (s: { text: string } | undefined) => s !== undefined && MARK.test(s.text) && !INKED_MARK.test(s.text);
    let last = -1;
    for (let x = x0; x <= x1; x++) {
      let inked = false;
      for (let y = y0; y <= y1 && !inked; y++) inked = ink[y * width + x] === 1;
      if (!inked) continue;
      const white = x - last - 1;
      if (last >= 0 && white > GUTTER * height) {
        const mid = (last + x) / 2;
        const left = symbols.findLast((s) => (s.x0 + s.x1) / 2 < mid);
        const right = symbols.find((s) => (s.x0 + s.x1) / 2 >= mid);
        if (left && right && (white > BESIDE_MARK * height || !(isMark(left) || isMark(right)))) gutters.push({ x0: last + 1, x1: x - 1, y0, y1 });
      }
      last = x;
    }
  }
  return gutters;
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
