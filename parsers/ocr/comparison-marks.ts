import type { OcrWord } from './cache';
import { markShape, type ComparisonMark } from './mark-shapes';
import { centreIn, type Region } from './missed-text';

/**
 * What a reader puts for a comparison mark it does not know in the face printed: a capital
 * letter or a Greek one (`≥` as `V` or `M`, `≤` as `Λ` or `K`), a logic sign (`∨`, `∧`), a
 * bracket (`》`), another comparison mark (`>` as `≥`), or `一` for a `=` whose bars it takes
 * for one stroke (WenQuanYi Zen Hei's short thin `=`). Only such a first character before a
 * number (or alone) is looked at again: digits and other Chinese characters are read well by the
 * reader. A real `一` is one bar, which `markShape` never takes for a mark.
 */
const MARK_LOOKALIKE = /^[A-Za-z\u0391-\u03c9∨∧《》〈〉<>＜＞≤≥≦≧⩽⩾=＝一]$/u;
/** A `=` whose two bars the reader ran into one upright stroke: looked at only where it is the whole word (an operator column). */
const MARK_ALONE_LOOKALIKE = /^[1丨|]$/u;
/** Comparison marks as the reader may read them. */
const READ_MARKS = /^[<>＜＞≤≥≦≧⩽⩾=＝]$/u;
/** What may follow a mark in its word: a number, or nothing (a form's operator column). */
const AFTER_MARK = /^(?:$|[\d.])/;
/** A glyph's rows reach this share of a line height above and below its word's middle. */
const LINE_REACH = 0.6;
/** The reader's confidence (0–100) given to a mark read from its shape where it read nothing. */
export const SHAPE_CONFIDENCE = 90;

/** A word changed (or made) by its mark's shape, and what the reader had read. */
export interface MarkRead {
  word: OcrWord;
  correction: string;
}

/**
 * Comparison marks read again from their glyphs' shape (`mark-shapes.ts`) where the reader is
 * likely to have misread them: a cell's first word opening with a mark-like character before its
 * number (`V58.6`, `Λ`), and a cell with ink that the reader read as nothing (a thin `=` alone in
 * a form's operator column). The first glyph's ink is taken from the scan, from the cell's left
 * border to the first gap; when its strokes draw a mark for sure, that mark replaces what was
 * read, else the read stays (and is flagged downstream). Returns the words with the marks put
 * right, and each change.
 */
export function readComparisonMarks(
  words: OcrWord[],
  cells: Region[],
  ink: Uint8Array,
  width: number,
  lineHeight: number,
): { words: OcrWord[]; changed: MarkRead[] } {
  const out = [...words];
  const changed: MarkRead[] = [];
  const dropped = new Set<number>();
  // A mark found where nothing was read is a line of its own, numbered past every line read.
  let nextLine = Math.max(0, ...words.map((w) => w.line)) + 1;
  for (const cell of cells) {
    const inside = out.map((w, i) => ({ w, i })).filter(({ w }) => centreIn(w, cell));
    if (inside.length === 0) {
      const glyph = firstGlyph(ink, width, cell);
      // Only a cell whose ink is the one glyph: a read of nothing for more than a mark stays unread.
      if (!glyph || !sameRegion(glyph, inkBox(ink, width, cell))) continue;
      const mark = markShape(ink, width, glyph, lineHeight);
      if (!mark) continue;
      const word = markWord(mark, glyph, lineHeight, nextLine++);
      out.push(word);
      changed.push({ word, correction: `nothing → ${mark}` });
      continue;
    }
    const { w, i } = inside.reduce((a, b) => (b.w.line < a.w.line || (b.w.line === a.w.line && b.w.x0 < a.w.x0) ? b : a));
    const [lead = '', ...rest] = [...w.text];
    // The glyph's rows are its line's, not the word's box: the reader's box may cut a `≤`'s bar or
    // a chevron's tip off, or hold a stub of one bar of a `=` whose other bar it read as a line of
    // its own.
    const middle = (w.y0 + w.y1) / 2;
    const rows = { y0: Math.max(cell.y0, Math.floor(middle - LINE_REACH * lineHeight)), y1: Math.min(cell.y1, Math.ceil(middle + LINE_REACH * lineHeight)) };
    if (/^\d/.test(w.text) && !MARK_ALONE_LOOKALIKE.test(w.text)) {
      // A number with ink before it that the reader left out (a `≥` it dropped on a fax): only
      // ink apart from the word by a blank column, so that a digit whose start the box cut stays as read.
      const before = firstGlyph(ink, width, { x0: cell.x0, x1: w.x0 - 1, ...rows });
      const mark = before && before.x1 < w.x0 - 1 && markShape(ink, width, before, lineHeight);
      if (!before || !mark) continue;
      const text = mark + w.text;
      out[i] = { ...w, text, x0: before.x0, symbols: [{ text: mark, x0: before.x0, x1: before.x1 + 1, y0: w.y0, y1: w.y1 }, ...w.symbols] };
      changed.push({ word: out[i]!, correction: `${w.text} → ${text}` });
      continue;
    }
    if (!(MARK_LOOKALIKE.test(lead) && AFTER_MARK.test(rest.join(''))) && !MARK_ALONE_LOOKALIKE.test(w.text)) continue;
    // Its columns run to the next word: a reader's box may hold a stub of the glyph.
    const next = Math.min(cell.x1, ...inside.filter(({ w: o }) => o.x0 > w.x1).map(({ w: o }) => o.x0 - 1));
    const glyph = firstGlyph(ink, width, { x0: cell.x0, x1: next, ...rows });
    const mark = glyph && markShape(ink, width, glyph, lineHeight);
    if (!mark || mark === lead) continue;
    // A mark the reader did read is changed only where the shape shows more (a `>` whose bar it
    // missed): a `≥` whose bar the blur ran into its chevron would look barless.
    if (READ_MARKS.test(lead) && (mark === '>' || mark === '<')) continue;
    const text = mark + rest.join('');
    const symbols = w.symbols.map((s, k) => (k === 0 ? { ...s, text: mark } : s));
    out[i] = { ...w, text, symbols };
    changed.push({ word: out[i]!, correction: `${w.text} → ${text}` });
    // The reader's other reads of the mark's own strokes (the `=`'s second bar as `一`) go with it.
    for (const { w: other, i: k } of inside) if (k !== i && other.x1 <= glyph.x1 + 1 && centreIn(other, glyph)) dropped.add(k);
  }
  return { words: out.filter((_, k) => !dropped.has(k)), changed };
}

/**
 * The comparison mark a read symbol's glyph draws for sure (`markShape`), or null: its ink from
 * the symbol's box to the first blank column, over the rows a glyph of its line reaches. Anything
 * else in those columns (a neighbour the box runs into, a stroke of the line above) leaves it null.
 */
export function symbolMark(ink: Uint8Array, width: number, symbol: Region, lineHeight: number): ComparisonMark | null {
  const middle = (symbol.y0 + symbol.y1) / 2;
  const rows = { y0: Math.max(0, Math.floor(middle - LINE_REACH * lineHeight)), y1: Math.min(Math.floor(ink.length / width) - 1, Math.ceil(middle + LINE_REACH * lineHeight)) };
  const glyph = firstGlyph(ink, width, { x0: Math.max(0, Math.round(symbol.x0)), x1: Math.min(width - 1, Math.round(symbol.x1)), ...rows });
  return glyph && markShape(ink, width, glyph, lineHeight);
}

/** A word for a mark found where the reader read nothing: the glyph's box, one symbol. */
function markWord(mark: ComparisonMark, glyph: Region, lineHeight: number, line: number): OcrWord {
  const cy = (glyph.y0 + glyph.y1) / 2;
  const box = { x0: glyph.x0, x1: glyph.x1 + 1, y0: Math.round(cy - lineHeight / 2), y1: Math.round(cy + lineHeight / 2) };
  return { text: mark, confidence: SHAPE_CONFIDENCE, ...box, lineHeight, line, symbols: [{ text: mark, ...box }] };
}

/** The box of the ink in `r`, or null when it has none. */
function inkBox(ink: Uint8Array, width: number, r: Region): Region | null {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (let y = r.y0; y <= r.y1; y++) {
    for (let x = r.x0; x <= r.x1; x++) {
      if (!ink[y * width + x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return x1 < x0 ? null : { x0, x1, y0, y1 };
}

const sameRegion = (a: Region, b: Region | null) => b !== null && a.x0 === b.x0 && a.x1 === b.x1 && a.y0 === b.y0 && a.y1 === b.y1;

/**
 * The first glyph's ink in `r`: the columns from the first with ink to the first empty column
 * after it, and the rows of ink within them. A mark's bars and chevron overlap along the line, so
 * they stay one glyph; the number after it starts past a gap.
 */
function firstGlyph(ink: Uint8Array, width: number, r: Region): Region | null {
  const hasInk = (x: number) => {
    for (let y = r.y0; y <= r.y1; y++) if (ink[y * width + x]) return true;
    return false;
  };
  let x0 = r.x0;
  while (x0 <= r.x1 && !hasInk(x0)) x0++;
  if (x0 > r.x1) return null;
  let x1 = x0;
  while (x1 + 1 <= r.x1 && hasInk(x1 + 1)) x1++;
  return inkBox(ink, width, { x0, x1, y0: r.y0, y1: r.y1 });
}
