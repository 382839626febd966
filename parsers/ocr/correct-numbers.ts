import type { OcrWord } from './cache';
import type { ComparisonMark } from './mark-shapes';
import { median } from '../page/median';

/** A word after correction, and what was changed (`read → kept`), if anything. */
export interface CorrectedWord {
  word: OcrWord;
  correction: string | null;
}

type OcrSymbol = OcrWord['symbols'][number];

/** The comparison mark a symbol's own ink draws for sure (`markShape`), or null when its strokes do not tell. */
export type DrawnMark = (symbol: OcrSymbol) => ComparisonMark | null;

/** Share of the narrower box two symbols must share to be pieces of one glyph. */
const SAME_GLYPH = 0.5;
/** Share of a digit's box that lies in a %'s box for it to be a piece of the % (a digit beside it overlaps less). */
const IN_PERCENT = 0.7;
const DIGIT = /[0-9]/;
/** What can be a piece of a glyph the reader split: a digit, a %, a letter (a % is read as `%f`, `0%o`). */
const PIECE = /^[0-9%％A-Za-z]$/;

/**
 * Corrects what the context of a number allows, and nothing else (words without a digit are
 * left alone: prose is not guessed at):
 * - symbols whose boxes overlap are pieces of one glyph: with a `%` among them, or two digits
 *   drawn over each other, a %-wide pair ending the number, the glyph is `%` (a serif `%` reads
 *   as `9%6`, `%6`, `96` or `90%f`); so is a digit as wide as tall with a half-height one at
 *   its foot (`10096`), and a digit of another height right after a `%` (`85%6`);
 * - `>`/`<` drawn as tall as the digits and standing on their baseline carry the bar of `≥`/`≤`
 *   (the reader drops it), unless `drawn` finds the glyph's strokes a chevron alone (a face
 *   whose `>` is as tall as its digits: AR PL UMing's); a leading `2` reaching far below the
 *   digits' baseline is a `≥`;
 * - inside a number: `O`/`o` → `0`, `l`/`I`/`|` → `1`; `，`/`。`/`,` before one or two final
 *   digits → `.` (a decimal point; three digits after a comma are a thousands group);
 * - `％` → `%`, `≧` → `≥`, `≦` → `≤`.
 */
export function correctWord(word: OcrWord, drawn: DrawnMark = () => null): CorrectedWord {
  if (!DIGIT.test(word.text)) return { word, correction: null };
  const symbols = markInequalities(mergeGlyphPieces(word.symbols), drawn);
  const fromSymbols = symbols.map((s) => s.text).join('');
  const changedSymbols = fromSymbols !== word.symbols.map((s) => s.text).join('');
  const text = correctNumberText(changedSymbols ? fromSymbols : word.text);
  if (text === word.text) return { word, correction: null };
  return { word: { ...word, text, symbols }, correction: `${word.text} → ${text}` };
}

const overlap = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) =>
  (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) / Math.max(1, Math.min(a.x1 - a.x0, b.x1 - b.x0));

function mergeGlyphPieces(symbols: OcrSymbol[]): OcrSymbol[] {
  const sorted = [...symbols].sort((a, b) => a.x0 - b.x0);
  const groups: OcrSymbol[][] = [];
  for (const s of sorted) {
    const last = groups[groups.length - 1];
    const box = last && { x0: Math.min(...last.map((g) => g.x0)), x1: Math.max(...last.map((g) => g.x1)) };
    // Only digits and % are pieces of one another: a character's or a mark's box may overlap a
    // digit's (`5个`, `6。`). A digit is a piece of a % only lying inside it (`100%` is not `10%`).
    const percent = s.text === '%' || (last?.some((g) => g.text === '%') ?? false);
    const pieces = last && box && PIECE.test(s.text) && last.every((g) => PIECE.test(g.text)) && overlap(box, s) >= (percent ? IN_PERCENT : SAME_GLYPH);
    if (pieces) last.push(s);
    else groups.push([s]);
  }
  const widths = symbols.filter((s) => DIGIT.test(s.text)).map((s) => s.x1 - s.x0);
  const digitWidth = median(widths) ?? 0;
  const heights = symbols.filter((s) => DIGIT.test(s.text)).map((s) => s.y1 - s.y0);
  const digitHeight = median(heights) ?? 0;
  return joinPercentHalves(groups, digitWidth, digitHeight).map((group, i, all) => {
    if (group.length === 1) return group[0]!;
    const box = {
      x0: Math.min(...group.map((g) => g.x0)),
      y0: Math.min(...group.map((g) => g.y0)),
      x1: Math.max(...group.map((g) => g.x1)),
      y1: Math.max(...group.map((g) => g.y1)),
    };
    if (group.some((g) => /[%％]/.test(g.text))) return { text: '%', ...box };
    // Two digits drawn over each other ending the number, one of them as wide as a % (a digit
    // is not): `≥9096` is ≥90%. Two real digits can overlap a little, each digit-wide.
    // Nothing but punctuation may follow: a % is not followed by 万元.
    const lastDigits = /^[。，,.;；:：)）]*$/.test(all.slice(i + 1).flat().map((x) => x.text).join(''));
    const pair = group.length === 2 && group.every((g) => DIGIT.test(g.text));
    // A % follows a digit, never a decimal point (`45.44`: two 4s overlap, one box wide); or it
    // stands alone, wrapped below its number (`06`), and is then as wide as most of a line.
    const alone = all.length === 1;
    const afterDigit = DIGIT.test(all[i - 1]?.map((g) => g.text).join('') ?? '');
    const widest = Math.max(...group.map((g) => g.x1 - g.x0));
    const wide = widest >= 1.6 * digitWidth || (alone && widest >= 0.75 * (box.y1 - box.y0));
    if (pair && lastDigits && (afterDigit || alone) && wide) return { text: '%', ...box };
    // Pieces of something else: keep them as read (the confidence tells).
    return { text: group.map((g) => g.text).join(''), ...box };
  });
}

/**
 * A % read as a digit as wide as it is tall and a half-height one at its foot (`10096。`: the 9
 * is the % but for its lower ring, the 6), no digit after them: one %; and a digit right after a
 * % and not of the digits' height (`85%6提高`: a piece of the %'s ring). Real digits are of one
 * height and narrower than tall, so whatever follows (`。不低于上年`) these are not a number's.
 */
function joinPercentHalves(groups: OcrSymbol[][], digitWidth: number, digitHeight: number): OcrSymbol[][] {
  const halves = (a: OcrSymbol, b: OcrSymbol) =>
    DIGIT.test(a.text) &&
    /^[0-9oO]$/.test(b.text) &&
    a.x1 - a.x0 >= a.y1 - a.y0 &&
    b.y1 - b.y0 <= 0.6 * (a.y1 - a.y0) &&
    Math.abs(b.y1 - a.y1) <= 0.3 * (a.y1 - a.y0) &&
    b.x0 - a.x1 <= 0.5 * digitWidth;
  const ring = (a: OcrSymbol, b: OcrSymbol) =>
    a.text === '%' && DIGIT.test(b.text) && b.x0 - a.x1 <= 0.2 * digitWidth && Math.abs(b.y1 - b.y0 - digitHeight) > 0.25 * digitHeight;
  const out: OcrSymbol[][] = [];
  groups.forEach((group, i) => {
    const before = out[out.length - 1];
    const a = before?.[before.length - 1];
    const b = group.length === 1 ? group[0] : undefined;
    const next = groups[i + 1]?.[0]?.text ?? '';
    if (!before || !a || !b || DIGIT.test(next) || !(halves(a, b) || ring(a, b))) {
      out.push(group);
      return;
    }
    // The % takes the place of the symbol it was read as; a digit read over it stays a digit.
    before.pop();
    if (before.length === 0) out.pop();
    out.push([{ text: '%', x0: a.x0, y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) }]);
  });
  return out;
}

function markInequalities(symbols: OcrSymbol[], drawn: DrawnMark): OcrSymbol[] {
  // The digits' height and baseline, from the digits after the first (which may be a `≥`).
  const digits = symbols.filter((s, i) => i > 0 && DIGIT.test(s.text));
  if (digits.length === 0) return symbols;
  const top = median(digits.map((d) => d.y0))!;
  const base = median(digits.map((d) => d.y1))!;
  const height = Math.max(1, base - top);
  return symbols.map((s, i) => {
    // A leading `2` far taller than the digits after it is a `≥` (the reader sees its bar as a
    // second stroke below): real digits of one number are all one height.
    if (s.text === '2' && i === 0 && DIGIT.test(symbols[1]?.text ?? '') && s.y1 - s.y0 >= 1.3 * height && s.y1 - base > 0.25 * height) {
      return { ...s, text: '≥' };
    }
    if (s.text !== '>' && s.text !== '<') return s;
    // Strokes that draw the chevron and no bar under it: the reader dropped nothing.
    if (drawn(s) === s.text) return s;
    // An arrowhead alone sits on the math axis, well above the baseline and shorter than a digit.
    const onBaseline = Math.abs(s.y1 - base) <= 0.15 * height;
    const tall = s.y1 - s.y0 >= 0.75 * height;
    return onBaseline && tall ? { ...s, text: s.text === '>' ? '≥' : '≤' } : s;
  });
}

/** The character fixes inside numbers (see `correctWord`), on plain text. */
export function correctNumberText(text: string): string {
  if (!DIGIT.test(text)) return text;
  let out = text.replace(/％/g, '%').replace(/≧/g, '≥').replace(/≦/g, '≤');
  // Letters that look like digits, only where a digit or a decimal point touches them.
  out = out.replace(/(?<=[0-9.])[Oo]|[Oo](?=[0-9.]*[0-9])(?<=(?:^|[^A-Za-z])[Oo])/g, '0');
  out = out.replace(/(?<=[0-9])[lI|]|[lI|](?=[0-9])/g, '1');
  // A decimal point read as a comma or a full stop: digits, the mark, one or two final digits.
  // A list (`1,2,3`) has more than one mark and stays as it is.
  out = out.replace(/(?<=(?:^|[^0-9.,，。])[0-9]+)[，。,](?=[0-9]{1,2}(?![0-9.,，。]))/g, '.');
  return out;
}
