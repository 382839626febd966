import type { OcrWord } from './cache';

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
/** Neighbours the width is measured between: Chinese characters and full-width marks (no Latin text: autospacing widens the gaps there). */
const CJK = /^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]$/;
/**
 * A full-width mark takes a whole em: from the ink of the character before it to the ink of
 * the one after it there are some 1.1–1.3 em; a half-width mark's slot is 0.3–0.9 em (measured
 * on the scanned corpus: 002 is set with full-width marks, 004 with half-width ones).
 */
const FULL_SLOT = 1.0;
const HALF_SLOT = 0.92;
/** The ink found for the mark is wider than this (in em): it is not the mark's alone; undecided. */
const MAX_MARK_INK = 0.5;

/**
 * The line with each `: ; , ( ) ! ?` between two Chinese characters given the width its printed
 * slot shows, measured on the ink (the reader's boxes for marks are too loose to tell): the
 * columns of ink nearest the mark's box are the mark, and the white either side of it up to the
 * next ink is what the width adds. Marks whose ink cannot be told from a neighbour's keep the
 * form read.
 */
export function settlePunctuationWidth(line: OcrWord, ink: Uint8Array, imageWidth: number): OcrWord {
  const symbols = line.symbols;
  // The symbols are the line's characters but its spaces, one each, or nothing is changed.
  if (symbols.some((s) => s.text.length !== 1) || symbols.map((s) => s.text).join('') !== line.text.replace(/\s/g, '')) return line;
  const heights = symbols.filter((s) => /[\u3400-\u9fff]/.test(s.text)).map((s) => s.y1 - s.y0).sort((a, b) => a - b);
  const em = heights[Math.floor(heights.length / 2)];
  if (em === undefined || em < 8) return line;
  const y0 = Math.max(0, Math.round(line.y0));
  const y1 = Math.round(line.y1);
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
    if (!other || !before || !after || !CJK.test(before.text) || !CJK.test(after.text)) return s;
    const slot = slotOf(Math.round((s.x0 + s.x1) / 2), em, inkAt);
    if (slot === null) return s;
    const text = slot >= FULL_SLOT * em ? (FULL.has(s.text) ? other : s.text) : slot <= HALF_SLOT * em ? (HALF.has(s.text) ? other : s.text) : s.text;
    if (text === s.text) return s;
    changed = true;
    return { ...s, text };
  });
  if (!changed) return line;
  let k = 0;
  return { ...line, text: line.text.replace(/\S/g, () => settled[k++]!.text), symbols: settled };
}

/** The white and ink from the ink before a mark to the ink after it, or null when the mark's ink is not its own. */
function slotOf(centre: number, em: number, inkAt: (x: number) => boolean): number | null {
  let mark = -1;
  for (let d = 0; d < em / 2 && mark < 0; d++) mark = inkAt(centre + d) ? centre + d : inkAt(centre - d) ? centre - d : -1;
  if (mark < 0) return null;
  let left = mark;
  let right = mark;
  while (inkAt(left - 1)) left--;
  while (inkAt(right + 1)) right++;
  if (right - left + 1 > MAX_MARK_INK * em) return null;
  let before = left - 1;
  while (before > left - 2 * em && !inkAt(before)) before--;
  let after = right + 1;
  while (after < right + 2 * em && !inkAt(after)) after++;
  return after - before - 1;
}
