import type { TextRun } from '../../schemas/page';
import { BUDGET_HEADERS, BUDGET_TOTAL_LABEL, FORM_KEYS, type BudgetField, type FormKey } from '../../pipeline/vocabulary/lexicon';
import { compact, foldWidth } from '../../pipeline/text';
import { unifyIdeographs } from '../ideographs';
import type { Chunk } from './aligned-tables';
import { buildLines, joinLines, type TextLine } from './text-lines';
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
  const take = (cells: TextRun[][], text = (sorted: TextRun[][]) => sorted.map(joinLines).join(' ')) => {
    const all = cells.flat();
    if (all.some((r) => used.has(r))) return;
    all.forEach((r) => used.add(r));
    cells.sort((a, b) => Math.min(...a.map((r) => r.x0)) - Math.min(...b.map((r) => r.x0)));
    rows.push({
      text: text(cells),
      x0: Math.min(...all.map((r) => r.x0)),
      y0: Math.min(...all.map((r) => r.y0)),
      x1: Math.max(...all.map((r) => r.x1)),
      y1: Math.max(...all.map((r) => r.y1)),
      size: Math.max(...all.map((r) => r.size)),
    });
  };
  const starts = cellStarts(lines);
  for (const row of keyRows(lines, stacks)) take(row);
  for (const header of budgetHeaders(stacks)) {
    take(header.cells);
    // The block's total row, its figures kept apart where their cells start.
    const total = totalRow(lines, header.bottom);
    if (total) take([total], () => buildLines(total, starts)[0]!.text);
  }
  return { rows, rest: runs.filter((r) => !used.has(r)), starts };
}

/** Total rows a line under a budget header may be: the 年度资金总额 line is the header's next or the one after. */
const TOTAL_REACH = 2;
const TOTAL_AT_START = new RegExp(BUDGET_TOTAL_LABEL.source.replace(/\$$/, ''));

/**
 * The 年度资金总额 row under a budget header, from its label rightwards, where the line prints
 * something left of the label: the block's own label merged down its rows and set a character a
 * line in a narrow column (`项` / `目` / `资` / `金`) prints into the row's line (`目年度资金总额: 45.44 …`).
 */
function totalRow(lines: Line[], bottom: number): TextRun[] | null {
  for (let i = bottom + 1; i <= Math.min(lines.length - 1, bottom + TOTAL_REACH); i++) {
    const chunks = lines[i]!.chunks;
    const at = chunks.findIndex((c) => TOTAL_AT_START.test(compact(foldWidth(c.runs.map((r) => r.text).join('')))));
    if (at > 0) return chunks.slice(at).flatMap((c) => c.runs);
    if (at === 0) return null;
  }
  return null;
}

const runsOf = (word: StackWord<unknown>, last: number) => word.stack.items.filter((it) => it.line >= word.top && it.line <= last).flatMap((it) => it.chunk.runs);

/**
 * Key rows printed over several lines: their keys wrap (`主管部门及` / `代码`), or their values wrap
 * up over the keys' last line (cells set to their foot, as a sheet's are), or the values stand
 * on a middle line of their keys' (cells set to their middle). A row is its keys' lines; each
 * value's lines its column's stack down to the row's last line, from under the row above's.
 */
function keyRows(lines: Line[], stacks: Stack[]): TextRun[][][] {
  const rows: Array<{ top: number; bottom: number; keys: Array<StackWord<FormKey>> }> = [];
  for (const w of headerWords(stacks, fieldOf<FormKey>(FORM_KEYS))) {
    const row = rows.find((r) => w.top <= r.bottom && w.bottom >= r.top);
    if (!row) rows.push({ top: w.top, bottom: w.bottom, keys: [w] });
    else {
      row.keys.push(w);
      row.top = Math.min(row.top, w.top);
      row.bottom = Math.max(row.bottom, w.bottom);
    }
  }
  return rows.flatMap((row, j) => {
    const above = j > 0 ? rows[j - 1]!.bottom : -1;
    const keyItems = row.keys.flatMap((w) => w.stack.items.filter((it) => it.line >= w.top && it.line <= w.bottom));
    const keyChunks = new Set<Chunk>(keyItems.map((it) => it.chunk));
    // A value stands right of its key: a chunk left of the row's keys is none of theirs.
    const first = Math.min(...row.keys.map((w) => w.x0));
    const valueStacks = new Set<Stack>();
    for (let i = row.top; i <= row.bottom; i++) {
      for (const c of lines[i]!.chunks) if (!keyChunks.has(c) && c.x0 > first) valueStacks.add(stacks.find((s) => s.items.some((it) => it.chunk === c))!);
    }
    const values = [...valueStacks].map((s) => s.items.filter((it) => it.line > above && it.line <= row.bottom));
    const printed = new Set([...keyItems, ...values.flat()].map((it) => it.line));
    return printed.size > 1 ? [[...row.keys.map((w) => runsOf(w, w.bottom)), ...values.map((v) => v.flatMap((it) => it.chunk.runs))]] : [];
  });
}

/**
 * Budget headers wrapped over lines: a 全年预算数 and a 全年执行数 cell on the same or adjacent
 * lines with the budget names on lines touching theirs, each field once, in columns of their own;
 * each cell's lines its stack's from its name down to the header's last line (`(A)` under `全年预算数`).
 */
function budgetHeaders(stacks: Stack[]): Array<{ bottom: number; cells: TextRun[][] }> {
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
      return band.bottom > band.top && band.words.some((w) => w.field === 'executed') ? [{ bottom: band.bottom, cells: band.words.map((w) => runsOf(w, band.bottom)) }] : [];
    });
}
