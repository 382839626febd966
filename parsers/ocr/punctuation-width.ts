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
 * The line with each `: ; , ( ) ! ?` between two Chinese characters given the width its printed
 * slot shows, measured on the ink (the reader's boxes for marks are too loose to tell): the
 * widest run of blank columns from the middle of the character before the mark to the middle of
 * the one after it.
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
  let changed = false;
  const settled = symbols.map((s, i) => {
    const other = FULL.get(s.text) ?? HALF.get(s.text);
    const before = symbols[i - 1];
    const after = symbols[i + 1];
    // Measured between Chinese characters and full-width marks only: next to Latin text
    // autospacing widens the gaps.
    if (!other || !before || !after || !CJK.test(before.text) || !CJK.test(after.text)) return s;
    const gap = widestGap(Math.round((before.x0 + before.x1) / 2), Math.round((after.x0 + after.x1) / 2), inkAt);
    const text = gap >= FULL_GAP * em ? (FULL.has(s.text) ? other : s.text) : gap <= HALF_GAP * em ? (HALF.has(s.text) ? other : s.text) : s.text;
    if (text === s.text) return s;
    changed = true;
    return { ...s, text };
  });
  if (!changed) return line;
  let k = 0;
  return { ...line, text: line.text.replace(/\S/g, () => settled[k++]!.text), symbols: settled };
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
