import { CJK } from '../page/text-lines';
import type { OcrWord } from './cache';
import { median } from '../page/median';
import { centreIn, type Region } from './missed-text';

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
  const widths = markWidths(line, ink, imageWidth);
  return widths ? withWidths(line, widths) : line;
}

/**
 * The lines of a page, each mark given its width as `settlePunctuationWidth` measures it, and a
 * mark it cannot measure (at the start or end of its line: `零分:` wrapped after the colon,
 * `（2分）` wrapped before its bracket; or one whose white says neither) the width the other
 * marks of its kind in the same cell were measured at, when they all agree: one cell is typed
 * in one hand, while a document may mix both (`满分：` in one cell, `满分:` in the next).
 */
export function settleCellPunctuation(lines: OcrWord[], cells: ReadonlyArray<Region>, ink: Uint8Array, imageWidth: number): SettledLine[] {
  const widths = lines.map((line) => markWidths(line, ink, imageWidth));
  const cellOf = lines.map((line) => cells.findIndex((c) => centreIn(line, c)));
  // A bracket pair wrapped over two lines of a cell (`…(1` / `分) ②…`) is paired as on one line.
  cells.forEach((_, c) => {
    const inCell = lines.flatMap((line, i) => (cellOf[i] === c && widths[i] ? [i] : [])).sort((a, b) => lines[a]!.y0 - lines[b]!.y0);
    const symbols = inCell.flatMap((i) => lines[i]!.symbols);
    const paired = inCell.flatMap((i) => widths[i]!);
    pairBrackets(symbols, paired);
    let at = 0;
    for (const i of inCell) widths[i] = paired.slice(at, (at += widths[i]!.length));
  });
  const measured = new Map<string, Set<Width>>();
  lines.forEach((line, i) => {
    if (cellOf[i]! < 0) return;
    widths[i]?.forEach((w, k) => {
      if (!decided(w)) return;
      const key = `${cellOf[i]}\0${kindOf(line.symbols[k]!.text)}`;
      measured.set(key, (measured.get(key) ?? new Set()).add(w));
    });
  });
  return lines.map((line, i) => {
    const own = widths[i];
    if (!own) return { line, unsure: [] };
    const filled = own.map((w, k) => {
      const s = line.symbols[k]!;
      if (decided(w) || !isMark(s.text) || cellOf[i]! < 0 || LATIN.test(line.symbols[k - 1]?.text ?? '') || LATIN.test(line.symbols[k + 1]?.text ?? '')) return w;
      const agreed = measured.get(`${cellOf[i]}\0${kindOf(s.text)}`);
      return agreed?.size === 1 ? [...agreed][0]! : w;
    });
    const settled = withWidths(line, filled);
    return { line: settled, unsure: settled.symbols.flatMap((s, k) => (filled[k] === 'unsure' ? [s.text] : [])) };
  });
}

/**
 * A line with its marks set to their width, and the marks (as kept) between two characters whose
 * slot the ink left undecided and no other mark of their kind in the cell settled: kept as the
 * reader gave them, which is a guess (`工作要求, 2023年` prints a half-width comma and a space, as
 * wide as a full-width comma's void).
 */
export interface SettledLine {
  line: OcrWord;
  unsure: string[];
}

const decided = (w: Width | 'unsure' | null): w is Width => w === 'full' || w === 'half';

const isMark = (t: string) => FULL.has(t) || HALF.has(t);
/** A bracket's width is its pair's: both are one kind; every other mark its own. */
const kindOf = (t: string) => (OPENING.has(t) || CLOSING.has(t) ? '()' : (HALF.get(t) ?? t));

/** Each symbol's width as its ink shows it (null: not a mark, or not measured); null when the line cannot be measured. */
function markWidths(line: OcrWord, ink: Uint8Array, imageWidth: number): (Width | 'unsure' | null)[] | null {
  const symbols = line.symbols;
  // The symbols are the line's characters but its spaces, one each, or nothing is changed.
  if (symbols.some((s) => s.text.length !== 1) || symbols.map((s) => s.text).join('') !== line.text.replace(/\s/g, '')) return null;
  // The band the line's characters stand in, from their typical box: a box or two reaching into
  // the line above or below would fill the voids with that line's ink.
  const han = symbols.filter((s) => /[\u3400-\u9fff]/.test(s.text));
  const em = median(han.map((s) => s.y1 - s.y0));
  if (em === undefined || em < 8) return null;
  const y0 = Math.max(0, Math.round(median(han.map((s) => s.y0))!));
  const y1 = Math.round(median(han.map((s) => s.y1))!);
  const rows = Math.floor(ink.length / imageWidth);
  const inkAt = (x: number) => {
    if (x < 0 || x >= imageWidth) return false;
    for (let y = y0; y <= Math.min(y1, rows - 1); y++) if (ink[y * imageWidth + x] === 1) return true;
    return false;
  };
  const widths = symbols.map((s, i): Width | 'unsure' | null => {
    const before = symbols[i - 1];
    const after = symbols[i + 1];
    // Measured beside a Chinese character or full-width mark, across to a character on the other
    // side: a digit after an opening bracket (`（1分`) or before a closing one sets no wider gap
    // than a Chinese character would. Not between Latin letters: autospacing widens those gaps.
    if (!isMark(s.text)) return null;
    if (!before || !after || !(CJK.test(before.text) || CJK.test(after.text)) || LATIN.test(before.text) || LATIN.test(after.text)) return null;
    const gap = widestGap(Math.round((before.x0 + before.x1) / 2), Math.round((after.x0 + after.x1) / 2), inkAt);
    return gap >= FULL_GAP * em ? 'full' : gap <= HALF_GAP * em ? 'half' : 'unsure';
  });
  pairBrackets(symbols, widths);
  return widths;
}

/** The line with each mark in the form its width says. */
function withWidths(line: OcrWord, widths: ReadonlyArray<Width | 'unsure' | null>): OcrWord {
  let changed = false;
  const settled = line.symbols.map((s, i) => {
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

/**
 * A bracket pair is of one width. A bracket whose width could not be measured, or the ink left undecided, takes its pair's;
 * a pair measured apart is half-width: a space typed beside a half-width bracket (`(1分) ②`)
 * widens its white to a full-width one's, while nothing narrows a full-width bracket's white.
 */
function pairBrackets(symbols: ReadonlyArray<{ text: string }>, widths: (Width | 'unsure' | null)[]): void {
  const open: number[] = [];
  symbols.forEach((s, i) => {
    if (OPENING.has(s.text)) open.push(i);
    else if (CLOSING.has(s.text)) {
      const opener = open.pop();
      if (opener === undefined) return;
      const [a, b] = [widths[opener] ?? null, widths[i] ?? null];
      if (!decided(a) && !decided(b)) return;
      const width = !decided(a) ? b : !decided(b) || a === b ? a : 'half';
      widths[opener] = width;
      widths[i] = width;
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
