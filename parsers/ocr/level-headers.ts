import { LEVEL_HEADER_NUMERALS, LEVEL_HEADER_WORD } from '../../pipeline/vocabulary/lexicon';
import type { CorrectedWord } from './correct-numbers';

/**
 * What a numeral made of horizontal strokes reads as when a binarised scan thins or breaks its
 * strokes: marks of any kind (`-`, `_`, `~`, `=`, `^`, `ː`, katakana ー/ニ), nothing, or fewer
 * strokes than printed (三 read as 二); never another Chinese character.
 */
const STROKES = '[^\\u3400-\\u9fff]|[一二三]';
/** A line that is a level header but for its numeral: strokes (or nothing) before `级`, `级指`, `级指标`. */
const LEVEL_LINE = new RegExp(`^((?:${STROKES}){0,3})(${[...LEVEL_HEADER_WORD].map((_, i) => LEVEL_HEADER_WORD.slice(0, i + 1)).reverse().join('|')})$`);

/**
 * The numbered level headers of a table whose numerals a binarised scan thinned or broke
 * (`--级指标 | 二级指标 | 三级指标`, `-级指标 | 级指标 | 级指标`): the levels of one header row stand
 * left to right in order, one column after the other, so each takes its place's numeral. The
 * numerals that were read whole fix where the row starts (`级指 | 二级指 | 三级指标` is 一 二 三; a
 * lone `三级指标` after an unread one makes it 二); with none read, only a row of all three is
 * numbered (a row of two might be 二 and 三). Numerals read against their order (`一 二 二`: a
 * stroke of 三 lost) are renumbered in a row of three. Each change is a correction (`read →
 * kept`), which the row's findings report.
 */
export function settleLevelHeaders(lines: CorrectedWord[]): CorrectedWord[] {
  const levels = lines.flatMap((line, index) => {
    const m = LEVEL_LINE.exec(line.word.text.replace(/\s+/g, ''));
    return m ? [{ index, lead: m[1]!, rest: m[2]!, word: line.word }] : [];
  });
  const out = [...lines];
  for (const row of headerRows(levels)) {
    const read = row.map((l) => LEVEL_HEADER_NUMERALS.indexOf(l.lead));
    const starts = new Set(read.flatMap((v, i) => (v >= 0 ? [v - i] : [])));
    let start: number | undefined;
    if (starts.size === 1 && [...starts][0]! >= 0 && [...starts][0]! + row.length <= LEVEL_HEADER_NUMERALS.length) start = [...starts][0]!;
    else if (row.length === LEVEL_HEADER_NUMERALS.length) start = 0;
    if (start === undefined) continue;
    row.forEach((l, i) => {
      const numeral = LEVEL_HEADER_NUMERALS[start! + i]!;
      if (l.lead === numeral) return;
      out[l.index] = rewritten(out[l.index]!, `${numeral}${l.rest}`);
    });
  }
  return out;
}

/** The line with `text` kept, its correction going back to what was read first (`read → kept`). */
export function rewritten(line: CorrectedWord, text: string): CorrectedWord {
  const read = line.correction ? line.correction.split(' → ')[0]! : line.word.text;
  return { word: { ...line.word, text }, correction: `${read} → ${text}` };
}

/** Two words on one line of the page: their middles within a line's height of each other. */
export function onOneLine(a: CorrectedWord['word'], b: CorrectedWord['word']): boolean {
  return Math.abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) <= Math.max(a.lineHeight, b.lineHeight);
}

interface LevelLine {
  index: number;
  lead: string;
  rest: string;
  word: CorrectedWord['word'];
}

/**
 * Level header lines grouped into header rows, each left to right: lines of one row stand at one
 * height (their middles within a line of each other) in columns side by side (a line over another
 * is of another table's header).
 */
function headerRows(levels: LevelLine[]): LevelLine[][] {
  const rows: LevelLine[][] = [];
  for (const l of [...levels].sort((a, b) => a.word.x0 - b.word.x0)) {
    const row = rows.find((r) => r.every((o) => onOneLine(o.word, l.word) && (o.word.x1 <= l.word.x0 || l.word.x1 <= o.word.x0)));
    if (row) row.push(l);
    else rows.push([l]);
  }
  return rows;
}
