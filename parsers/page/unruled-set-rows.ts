import { contiguous, toRow, type Line, type PlacedChunk, type RowCut, type RowDoubt, type UnruledRow } from './unruled-rows';

/**
 * Rows of a table without rules and without a column marking rows (no 分值: a transfer-region
 * form's 三级指标 / 指标值 / 全年实际完成值 / 未完成原因), whose cells are set to their row's foot (Calc's
 * default, kept by its HTML export) or, in a row a page break cuts, to its top. Nothing prints once
 * a row but the level-3 name, so the rows are found as the cutting of the body's lines in which
 * every row prints a name and a value and each of its cells is its column's lines one under
 * another, all its cells starting on the row's first line or all ending on its last. Where lines
 * of several columns follow one another, whether they wrap on (one row) or are two rows' is
 * told by the wrap: a cell's line that its text goes on from fills its column.
 */

/** A wrapped line ends within this many characters (font sizes) of its column's edge (a character that may not end a line is carried down with the one before). */
const FULL = 2;

/** What a row the page's foot may cut leaves undecided. */
const FOOT_CUT = "without rules, this row's cells are set to its top and run on to the page's foot: whether the break cut it is not printed";
/** What lines under the last row that make no row leave undecided. */
const LEFT_OUT = 'without rules, text under the last row that makes no row of its own (no level-3 name beside a value) was left out of the table: it may be a row';
/** What a row read against the wrap of its text leaves undecided. */
const AGAINST_WRAP = "without rules, this row's lines and the rows' beside it could not all be told apart by where their text wraps: its lines may belong to the rows beside it";

interface Cutting {
  cost: number;
  rows: number[][];
}

/**
 * The rows, or null where no cutting holds. `named`: the level-3 names' column; `edges`: the
 * columns' edges; `toFoot`: the table runs on to the page's foot; `restAbove`: the page before
 * ended on a row set to its top, whose rest (lines printing no name) may start this page.
 */
export function setRows(
  lines: Line[],
  placed: PlacedChunk[],
  named: number,
  edges: number[],
  toFoot: boolean,
  restAbove: RowCut,
): { rows: UnruledRow[]; doubts: RowDoubt[]; cutAtTop: boolean; restOfAbove: boolean; touching: true } | null {
  const order = [...new Set(placed.map((p) => p.line))].sort((a, b) => a - b);
  // Each line's chunks, looked up once: the cutting below asks for them for every span of lines it weighs.
  const byLine = new Map<number, PlacedChunk[]>();
  for (const p of placed) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
  const on = (i: number) => byLine.get(i) ?? [];
  const fills = (p: PlacedChunk) => p.chunk.x1 >= edges[p.col + 1]! - FULL * lines[p.line]!.size;
  // Between each line and the next that both print a name: whether the columns printing on both
  // wrap from the first (one cell's lines) or not (two rows'). Elsewhere a row's break is not in
  // question: on one side of it a row would print no name.
  const wraps = order.slice(1).map((i, k) => {
    const upper = on(order[k]!);
    const both = upper.filter((p) => on(i).some((q) => q.col === p.col));
    return !both.some((p) => p.col === named) || !contiguous(lines, [order[k]!, i]) ? null : both.every(fills);
  });
  const setOf = (a: number, b: number): 'top' | 'foot' | null => {
    const row = order.slice(a, b + 1);
    const cols = [...new Set(placed.filter((p) => row.includes(p.line)).map((p) => p.col))];
    if (!cols.includes(named) || cols.length < 2) return null;
    const cells = cols.map((col) => row.filter((i) => on(i).some((p) => p.col === col)));
    // A cell's lines follow one another on the page's lines: no line of the row between them.
    if (!cells.every((own) => contiguous(lines, own) && own.every((i, k) => k === 0 || order.indexOf(i) === order.indexOf(own[k - 1]!) + 1))) return null;
    if (cells.every((own) => own[0] === row[0])) return 'top';
    return cells.every((own) => own[own.length - 1] === row[row.length - 1]) ? 'foot' : null;
  };
  // A cutting's cost: each join against a line's wrap, and each cut where every column's line wraps on.
  const inside = (a: number, b: number) => order.slice(a, b).filter((_, k) => wraps[a + k] === false).length;
  const between = (b: number) => (b < order.length - 1 && wraps[b] === true ? 1 : 0);
  const best: Array<Cutting | null> = order.map(() => null);
  // The page's first lines may be the rest of the row above (printing no name), after a page that ended on a row set to its top.
  const rest = restAbove === 'top' ? order.findIndex((i, k) => on(i).some((p) => p.col === named) || (k > 0 && !contiguous(lines, [order[k - 1]!, i]))) : 0;
  for (let b = 0; b < order.length; b++) {
    const options: Cutting[] = [];
    if (rest > 0 && b === rest - 1) options.push({ cost: 1 + inside(0, b) + between(b), rows: [order.slice(0, rest)] });
    for (let a = 0; a <= b; a++) {
      const before = a === 0 ? { cost: 0, rows: [] } : best[a - 1];
      if (!before || setOf(a, b) === null) continue;
      options.push({ cost: before.cost + inside(a, b) + between(b), rows: [...before.rows, order.slice(a, b + 1)] });
    }
    best[b] = options.reduce<Cutting | null>((m, o) => (m === null || o.cost < m.cost || (o.cost === m.cost && o.rows.length < m.rows.length) ? o : m), null);
  }
  // Lines under the last row that make none (a row whose cells the read ran over a column's edge, lost from the body) are left out, and said: as costly as a row against the wrap.
  const total = (b: number) => best[b]!.cost + (b < order.length - 1 ? 1 : 0);
  const end = best.reduce((e, c, b) => (c !== null && (e < 0 || total(b) <= total(e)) ? b : e), -1);
  const cutting = best[end];
  if (!cutting) return null;
  const restOfAbove = rest > 0 && cutting.rows[0]!.length === rest && !on(cutting.rows[0]![0]!).some((p) => p.col === named);
  const doubts: RowDoubt[] = [];
  cutting.rows.forEach((row, r) => {
    const a = order.indexOf(row[0]!);
    const b = order.indexOf(row[row.length - 1]!);
    if (inside(a, b) > 0 || between(b) > 0 || (a > 0 && between(a - 1) > 0)) doubts.push({ row: r, doubt: AGAINST_WRAP });
  });
  if (end < order.length - 1) doubts.push({ row: cutting.rows.length - 1, doubt: LEFT_OUT });
  const last = cutting.rows[cutting.rows.length - 1]!;
  const lastSet = restOfAbove && cutting.rows.length === 1 ? null : setOf(order.indexOf(last[0]!), end);
  // A row set to its top that runs on to the page's foot may be cut there (a browser sets a cut row's cells to its top).
  const cutAtTop = toFoot && end === order.length - 1 && lastSet === 'top' && last.length > 1;
  if (cutAtTop) doubts.push({ row: cutting.rows.length - 1, doubt: FOOT_CUT });
  return { rows: cutting.rows.map((row) => toRow(lines, placed, row)), doubts, cutAtTop, restOfAbove, touching: true };
}
