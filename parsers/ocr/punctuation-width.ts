import { CJK } from '../page/text-lines';
import type { OcrWord } from './cache';
import { median } from './median';

/** Each mark in its half-width and full-width form: the reader often gives the wrong one. */
const FORMS: ReadonlyArray<[string, string]> = [
  [':', '：'],
  [';', '；'],
  [',', '，'],
  ['(', '（'],
  [')', '）'],
  ['!', '！'],
  ['?', '？'],
];
const FULL = new Map(FORMS);
const HALF = new Map(FORMS.map(([half, full]) => [full, half]));
/**
 * A full-width mark takes a whole em and its ink a fifth of it: beside its ink there is a void
 * of 0.68–0.9 em (after `，；：）`, before `（`), wider than any gap inside or between Chinese
 * characters; beside a half-width mark there are 0.35–0.57 em (measured on the scanned corpus:
 * 002 is set with full-width marks, 004 with half-width ones). Up to HALF_GAP a mark is
 * half-width, from FULL_GAP full-width; between the two the form read is kept.
 */
const FULL_GAP = 0.62;
const HALF_GAP = 0.45;
/**
 * The line with each `: ; , ( ) ! ?` next to a Chinese character given the width its printed
 * slot shows, measured on the ink (the reader's boxes for marks are too loose to tell): the
 * widest run of blank columns from the middle of the character before the mark to the middle of
 * the one after it. A mark with no character on one side (a closing bracket that ends the line:
 * `（1分）` wrapped in a cell) takes the width measured on its opening bracket.
 */
export function settlePunctuationWidth(line: OcrWord, ink: Uint8Array, imageWidth: number): OcrWord {
  const symbols = line.symbols;
  // The symbols are the line's characters but its spaces, one each, or nothing is changed.
  if (symbols.some((s) => s.text.length !== 1) || symbols.map((s) => s.text).join('') !== line.text.replace(/\s/g, '')) return line;
  // The band the line's characters stand in, from their typical box: a box or two reaching into
  // the line above or below would fill the voids with that line's ink.
  const han = symbols.filter((s) => /[\u3400-\u9fff]/.test(s.text));
  const em = median(han.map((s) => s.y1 - s.y0));
  if (em === undefined || em < 8) return line;
  const y0 = Math.max(0, Math.round(median(han.map((s) => s.y0))!));
  const y1 = Math.round(median(han.map((s) => s.y1))!);
  const rows = Math.floor(ink.length / imageWidth);
  const inkAt = (x: number) => {
    if (x < 0 || x >= imageWidth) return false;
    for (let y = y0; y <= Math.min(y1, rows - 1); y++) if (ink[y * imageWidth + x] === 1) return true;
    return false;
  };
  const widths = symbols.map((s, i): Width | null => {
    const before = symbols[i - 1];
    const after = symbols[i + 1];
    // Measured beside a Chinese character or full-width mark, across to a character on the other
    // side: a digit after an opening bracket (`（1分`) or before a closing one sets no wider gap
    // than a Chinese character would. Not between Latin letters: autospacing widens those gaps.
    if (!FULL.has(s.text) && !HALF.has(s.text)) return null;
    if (!before || !after || !(CJK.test(before.text) || CJK.test(after.text)) || LATIN.test(before.text) || LATIN.test(after.text)) return null;
    const gap = widestGap(Math.round((before.x0 + before.x1) / 2), Math.round((after.x0 + after.x1) / 2), inkAt);
    return gap >= FULL_GAP * em ? 'full' : gap <= HALF_GAP * em ? 'half' : null;
  });
  pairBrackets(symbols, widths);
  let changed = false;
  const settled = symbols.map((s, i) => {
    const width = widths[i];
    const text = width === 'full' ? (FULL.get(s.text) ?? s.text) : width === 'half' ? (HALF.get(s.text) ?? s.text) : s.text;
    if (text === s.text) return s;
    changed = true;
    return { ...s, text };
  });
  if (!changed) return line;
  let k = 0;
  return { ...line, text: line.text.replace(/\S/g, () => settled[k++]!.text), symbols: settled };
}

type Width = 'full' | 'half';
const LATIN = /[A-Za-z]/;
const OPENING = new Set(['(', '（']);
const CLOSING = new Set([')', '）']);

/** A closing bracket whose width could not be measured takes its opening bracket's, measured on the same line. */
function pairBrackets(symbols: ReadonlyArray<{ text: string }>, widths: (Width | null)[]): void {
  const open: number[] = [];
  symbols.forEach((s, i) => {
    if (OPENING.has(s.text)) open.push(i);
    else if (CLOSING.has(s.text)) {
      const opener = open.pop();
      if (opener !== undefined && widths[i] === null) widths[i] = widths[opener] ?? null;
    }
  });
}

/** The widest run of columns without ink from `from` to `to`. */
function widestGap(from: number, to: number, inkAt: (x: number) => boolean): number {
  let widest = 0;
  let run = 0;
  for (let x = from; x <= to; x++) {
    run = inkAt(x) ? 0 : run + 1;
    widest = Math.max(widest, run);
  }
  return widest;
}
