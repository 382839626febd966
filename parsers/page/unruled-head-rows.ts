import type { TextRun } from '../../schemas/page';
import { BUDGET_HEADERS, FORM_KEYS, type BudgetField, type FormKey } from '../../pipeline/vocabulary/lexicon';
import { compact, foldWidth } from '../../pipeline/text';
import { unifyIdeographs } from '../ideographs';
import type { Chunk } from './aligned-tables';
import { joinLines, type TextLine } from './text-lines';
import type { Line } from './unruled-rows';
import { cellStarts, headerWords, pageLines, SAME_START, stacksOf, type Stack, type StackWord } from './unruled-stacks';

/**
 * A form's head printed without rules (a sheet fitted to its page), read row by row where its
 * cells wrap. The page's text lines run the pieces of a row's cells together across columns when
 * a cell wraps while its neighbours print one line: a budget header's names (`全年预算数` / `(A)`,
 * `年初预算` / `数`) print `全年预算数全年执行数` over `资金来源年初预算数 (A) (B) 分值…`, and a key
 * row set to its cells' foot prints a value's first line over its key (`[187]黔南…自治州医疗` over
 * `主管部门及代码保障局实施单位…`): no line names the columns in order, or a key with its value.
 * Each cell's lines stand stacked at its column's start: the vocabulary's names read from the
 * stacks give the row's cells, and the row is one line of them, left to right, as a ruled print's
 * row reads. A row printed on one line is left as its line reads it.
 */

const fieldOf =
  <F>(patterns: ReadonlyArray<{ field: F; pattern: RegExp }>) =>
  (text: string): F | undefined => {
    const key = compact(foldWidth(unifyIdeographs(text)));
    return patterns.find((h) => h.pattern.test(key))?.field;
  };

/**
 * The head's rows that wrap, each as one line; the page's other runs; and where the page's cells
 * start, for its other lines' figures (`buildLines`).
 */
export function headRowLines(runs: TextRun[]): { rows: TextLine[]; rest: TextRun[]; starts: number[] } {
  const lines = pageLines(runs);
  const stacks = stacksOf(lines);
  const used = new Set<TextRun>();
  const rows: TextLine[] = [];
  const take = (cells: TextRun[][]) => {
    const all = cells.flat();
    if (all.some((r) => used.has(r))) return;
    all.forEach((r) => used.add(r));
    cells.sort((a, b) => Math.min(...a.map((r) => r.x0)) - Math.min(...b.map((r) => r.x0)));
    rows.push({
      text: cells.map(joinLines).join(' '),
      x0: Math.min(...all.map((r) => r.x0)),
      y0: Math.min(...all.map((r) => r.y0)),
      x1: Math.max(...all.map((r) => r.x1)),
      y1: Math.max(...all.map((r) => r.y1)),
      size: Math.max(...all.map((r) => r.size)),
    });
  };
  keyRows(lines, stacks).forEach(take);
  budgetHeaders(stacks).forEach(take);
  return { rows, rest: runs.filter((r) => !used.has(r)), starts: cellStarts(lines) };
}

const runsOf = (word: StackWord<unknown>, last: number) => word.stack.items.filter((it) => it.line >= word.top && it.line <= last).flatMap((it) => it.chunk.runs);

/**
 * Key rows whose keys wrap (`主管部门及` / `代码`), or whose values wrap up over their keys' last line
 * (cells set to their foot, as a sheet's are): each value's lines are its column's stack up to
 * that line, from under the row above's keys.
 */
function keyRows(lines: Line[], stacks: Stack[]): TextRun[][][] {
  const keys = headerWords(stacks, fieldOf<FormKey>(FORM_KEYS));
  const keyLines = [...new Set(keys.map((k) => k.bottom))].sort((a, b) => a - b);
  return keyLines.flatMap((k, j) => {
    const above = j > 0 ? keyLines[j - 1]! : -1;
    const rowKeys = keys.filter((w) => w.bottom === k);
    const keyChunks = new Set<Chunk>(rowKeys.flatMap((w) => w.stack.items.filter((it) => it.line >= w.top).map((it) => it.chunk)));
    // A value stands right of its key: a chunk left of the row's keys is none of theirs.
    const first = Math.min(...rowKeys.map((w) => w.x0));
    const values = lines[k]!.chunks
      .filter((c) => !keyChunks.has(c) && c.x0 > first)
      .map((c) => {
        const stack = stacks.find((s) => s.items.some((it) => it.chunk === c))!;
        const own = stack.items.filter((it) => it.line > above && it.line <= k);
        return own.flatMap((it) => it.chunk.runs);
      });
    const wraps = rowKeys.some((w) => w.top < w.bottom) || values.some((v) => v.some((r) => !lines[k]!.chunks.some((c) => c.runs.includes(r))));
    return wraps ? [[...rowKeys.map((w) => runsOf(w, k)), ...values]] : [];
  });
}

/**
 * Budget headers wrapped over lines: a 全年预算数 and a 全年执行数 cell on the same or adjacent
 * lines with the budget names on lines touching theirs, each field once, in columns of their own;
 * each cell's lines its stack's from its name down to the header's last line (`(A)` under `全年预算数`).
 */
function budgetHeaders(stacks: Stack[]): TextRun[][][] {
  const words = headerWords(stacks, fieldOf<BudgetField>(BUDGET_HEADERS));
  return words
    .filter((w) => w.field === 'annual')
    .flatMap((annual) => {
      const band = { top: annual.top, bottom: annual.bottom, words: [annual] };
      for (let grown = true; grown; ) {
        grown = false;
        for (const w of words) {
          const touches = w.top <= band.bottom + 1 && w.bottom >= band.top - 1;
          if (!touches || band.words.some((u) => u.field === w.field || Math.abs(u.x0 - w.x0) <= SAME_START)) continue;
          band.words.push(w);
          band.top = Math.min(band.top, w.top);
          band.bottom = Math.max(band.bottom, w.bottom);
          grown = true;
        }
      }
      return band.bottom > band.top && band.words.some((w) => w.field === 'executed') ? [band.words.map((w) => runsOf(w, band.bottom))] : [];
    });
}
