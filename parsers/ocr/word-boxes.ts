import type { OcrWord } from './cache';
import type { DetectedRules } from './detect-rules';

/** Marks the reader makes of what is left of an erased rule beside a character. */
const RULE_MARKS = /^[“”"'‘’|丨「」『』]$/;

/**
 * Drops quote marks and bars read at a word's ends where a vertical rule runs right beside them
 * (within half a line): remnants of the rule, not text (`“指标值` → `指标值`). A word that is
 * nothing else goes.
 */
export function trimRuleMarks(word: OcrWord, rules: DetectedRules, lineHeight: number): OcrWord[] {
  const nearRule = (s: OcrWord['symbols'][number]) =>
    rules.vertical.some((v) => v.y0 <= s.y1 && v.y1 >= s.y0 && Math.min(Math.abs(v.x0 - s.x0), Math.abs(v.x0 - s.x1)) <= lineHeight / 2);
  let symbols = word.symbols;
  while (symbols.length > 0 && RULE_MARKS.test(symbols[0]!.text) && nearRule(symbols[0]!)) symbols = symbols.slice(1);
  while (symbols.length > 0 && RULE_MARKS.test(symbols[symbols.length - 1]!.text) && nearRule(symbols[symbols.length - 1]!)) symbols = symbols.slice(0, -1);
  if (symbols.length === word.symbols.length) return [word];
  if (symbols.length === 0) return [];
  return [{ ...word, text: symbols.map((s) => s.text).join(''), x0: symbols[0]!.x0, x1: symbols[symbols.length - 1]!.x1, symbols }];
}

/** A word read in a region, moved to page pixels. */
export const shift = (w: OcrWord, by: { x: number; y: number }): OcrWord => ({
  ...w,
  x0: w.x0 + by.x,
  x1: w.x1 + by.x,
  y0: w.y0 + by.y,
  y1: w.y1 + by.y,
  symbols: w.symbols.map((s) => ({ ...s, x0: s.x0 + by.x, x1: s.x1 + by.x, y0: s.y0 + by.y, y1: s.y1 + by.y })),
});

/**
 * A word the reader ran over a cell border (two cells' texts close to an erased rule) is cut
 * there, between its characters, so that each part lands in its own cell.
 */
export function splitAtRules(word: OcrWord, rules: DetectedRules): OcrWord[] {
  const midY = (word.y0 + word.y1) / 2;
  const cuts = rules.vertical
    .filter((v) => v.x0 > word.x0 + 2 && v.x0 < word.x1 - 2 && v.y0 <= midY && v.y1 >= midY)
    .map((v) => v.x0)
    .sort((a, b) => a - b);
  if (cuts.length === 0 || word.symbols.length < 2) return [word];
  const parts: OcrWord[] = [];
  let rest = word.symbols;
  for (const cut of [...cuts, Infinity]) {
    const here = rest.filter((s) => (s.x0 + s.x1) / 2 < cut);
    rest = rest.filter((s) => (s.x0 + s.x1) / 2 >= cut);
    if (here.length === 0) continue;
    parts.push({ ...word, text: here.map((s) => s.text).join(''), x0: here[0]!.x0, x1: here[here.length - 1]!.x1, symbols: here });
  }
  return parts;
}

/**
 * The word with its box shrunk to the ink in it (rows and columns holding no ink dropped): the
 * reader's boxes for Chinese often reach into the line above or below, and the table code reads
 * a cell's last line as cut by a page break when its box nears the cell's bottom edge.
 */
export function tightenBox(word: OcrWord, mask: Uint8Array, width: number, height: number): OcrWord {
  const x0 = Math.max(0, Math.floor(word.x0));
  const x1 = Math.min(width - 1, Math.ceil(word.x1));
  const y0 = Math.max(0, Math.floor(word.y0));
  const y1 = Math.min(height - 1, Math.ceil(word.y1));
  let top = -1;
  let bottom = -1;
  for (let y = y0; y <= y1; y++) {
    const row = y * width;
    let ink = false;
    for (let x = x0; x <= x1 && !ink; x++) ink = mask[row + x] === 1;
    if (ink) {
      if (top < 0) top = y;
      bottom = y;
    }
  }
  return top < 0 ? word : { ...word, y0: top, y1: bottom + 1 };
}
