import * as XLSX from '@e965/xlsx';
import type { Block, Cell } from '../../schemas/document';
import { DocumentError } from '../parser';

/** Grid slots a sheet is laid out on at most (rows × columns of its used range): beyond, it is not a form. */
const MAX_SLOTS = 4_000_000;

interface Span {
  rows: number;
  cols: number;
}

/** A sheet's used range without its hidden rows and columns, and its merged cells, in grid coordinates. */
interface Grid {
  /** The sheet row (0-based) of each grid row. */
  rowAt: number[];
  height: number;
  width: number;
  text: (r: number, c: number) => string;
  /** Merge origins by slot (r * width + c). */
  spans: Map<number, Span>;
  /** 1: covered by a merge that starts in the same row; 2: by one that starts in a row above. */
  covered: Uint8Array;
}

/**
 * One sheet into text and table blocks. A form kept in a sheet prints its title, year and unit
 * lines as rows of one cell (often merged across the table) above the table and its notes
 * below: those rows are text; the runs of rows between them are tables, their merged cells
 * (`!merges`) kept as spans. Cells read as the sheet displays them. Provenance: `page` is the
 * sheet's number in the workbook, `line` the sheet row (1-based).
 */
export function sheetBlocks(sheet: XLSX.WorkSheet, page: number, firstTableIndex: number): Block[] {
  const grid = layoutGrid(sheet, page);
  if (!grid) return [];
  const blocks: Block[] = [];
  let run: number[] = [];
  const endRun = () => {
    const lines = labelLines(grid, run);
    if (lines) for (const { r, text } of lines) blocks.push({ kind: 'text', text, heading: false, prov: { page, line: grid.rowAt[r]! + 1 } });
    else if (run.length > 0) blocks.push({ kind: 'table', table: tableOf(grid, run, page, firstTableIndex + blocks.filter((b) => b.kind === 'table').length) });
    run = [];
  };
  for (let r = 0; r < grid.height; r++) {
    const row = classifyRow(grid, r);
    if (row.kind === 'table') {
      run.push(r);
      continue;
    }
    endRun();
    if (row.kind === 'text') {
      for (const line of grid.text(r, row.col).split('\n')) {
        blocks.push({ kind: 'text', text: line, heading: row.merged, prov: { page, line: grid.rowAt[r]! + 1 } });
      }
    }
  }
  endRun();
  return blocks;
}

function layoutGrid(sheet: XLSX.WorkSheet, page: number): Grid | null {
  const data: XLSX.CellObject[][] = sheet['!data'] ?? [];
  // Hidden rows and columns are not printed (helper codes, lookups): the grid leaves them out.
  const hiddenRows = new Set((sheet['!rows'] ?? []).flatMap((info, r) => (info?.hidden ? [r] : [])));
  const hiddenCols = new Set((sheet['!cols'] ?? []).flatMap((info, c) => (info?.hidden ? [c] : [])));
  let top = Infinity;
  let bottom = -1;
  let left = Infinity;
  let right = -1;
  data.forEach((row, r) => {
    if (hiddenRows.has(r)) return;
    row?.forEach((cell, c) => {
      if (hiddenCols.has(c) || displayText(cell) === '') return;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
  });
  if (bottom < 0) return null;
  if ((bottom - top + 1) * (right - left + 1) > MAX_SLOTS) {
    throw new DocumentError(`sheet ${page} spans ${bottom - top + 1} rows × ${right - left + 1} columns of cells, far more than a form: not read; check the file`);
  }
  const rows = visibleIndex(top, bottom, hiddenRows);
  const cols = visibleIndex(left, right, hiddenCols);
  const height = rows.at.length;
  const width = cols.at.length;
  const spans = new Map<number, Span>();
  const covered = new Uint8Array(height * width);
  // Merges are cut to the range (rows or columns a merge adds beyond the last filled cell hold
  // nothing) and to its visible rows and columns. Merges of a sheet never overlap, so together
  // they cover at most the grid: more is a crafted file.
  let area = 0;
  for (const m of sheet['!merges'] ?? []) {
    if (m.s.r > bottom || m.s.c > right || m.e.r < top || m.e.c < left) continue;
    const [r0, r1] = rows.within(m.s.r, m.e.r);
    const [c0, c1] = cols.within(m.s.c, m.e.c);
    if (r1 < r0 || c1 < c0 || (r0 === r1 && c0 === c1) || covered[r0 * width + c0] || spans.has(r0 * width + c0)) continue;
    area += (r1 - r0 + 1) * (c1 - c0 + 1);
    if (area > height * width) throw new DocumentError(`sheet ${page} declares overlapping merged cells covering more than the sheet: the file is damaged or crafted; check it`);
    spans.set(r0 * width + c0, { rows: r1 - r0 + 1, cols: c1 - c0 + 1 });
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) if (r !== r0 || c !== c0) covered[r * width + c] = r === r0 ? 1 : 2;
    }
  }
  // Each cell's text is formatted once: rows are looked at again to classify and to build tables.
  const texts = new Map<number, string>();
  const text = (r: number, c: number) => {
    const slot = r * width + c;
    let shown = texts.get(slot);
    if (shown === undefined) texts.set(slot, (shown = displayText(data[rows.at[r]!]?.[cols.at[c]!])));
    return shown;
  };
  return { rowAt: rows.at, width, height, spans, covered, text };
}

/** The visible rows (or columns) from `first` to `last`, and where a sheet range falls among them. */
function visibleIndex(first: number, last: number, hidden: ReadonlySet<number>) {
  const at: number[] = [];
  const before = new Int32Array(last - first + 2);
  for (let i = first; i <= last; i++) {
    before[i - first + 1] = before[i - first]! + (hidden.has(i) ? 0 : 1);
    if (!hidden.has(i)) at.push(i);
  }
  const clamp = (i: number) => Math.max(first, Math.min(last + 1, i)) - first;
  /** Grid indexes [from, to] of the visible lines of a sheet range (to < from when none). */
  const within = (from: number, to: number): [number, number] => [before[clamp(from)]!, before[clamp(to + 1)]! - 1];
  return { at, within };
}

type RowKind = { kind: 'blank' } | { kind: 'text'; col: number; merged: boolean } | { kind: 'table' };

/**
 * A row is text when it holds one non-empty cell, in the range's first column or merged across
 * columns, and nothing merged reaches into it from another row; blank when it holds nothing;
 * else it belongs to a table (a total printed alone in its column is still a table row).
 */
function classifyRow(grid: Grid, r: number): RowKind {
  const filled: number[] = [];
  let tall = false;
  for (let c = 0; c < grid.width; c++) {
    const slot = r * grid.width + c;
    if (grid.covered[slot] === 2 || (grid.spans.get(slot)?.rows ?? 1) > 1) tall = true;
    if (!grid.covered[slot] && grid.text(r, c) !== '') filled.push(c);
  }
  if (tall || filled.length > 1) return { kind: 'table' };
  if (filled.length === 0) return { kind: 'blank' };
  const col = filled[0]!;
  const merged = (grid.spans.get(r * grid.width + col)?.cols ?? 1) > 1;
  return col === 0 || merged ? { kind: 'text', col, merged } : { kind: 'table' };
}

/** Label-and-value lines outside a form (`填报日期：` `2024年3月1日`) are at most this many rows. */
const MAX_LABEL_ROWS = 3;

/**
 * A short run of rows holding at most two cells each and nothing merged is the lines around a
 * form (filled-in date, contact, unit), not a table: read as text, each row's cells in order.
 */
function labelLines(grid: Grid, run: number[]): Array<{ r: number; text: string }> | null {
  if (run.length === 0 || run.length > MAX_LABEL_ROWS) return null;
  const lines: Array<{ r: number; text: string }> = [];
  for (const r of run) {
    const cells: string[] = [];
    for (let c = 0; c < grid.width; c++) {
      const slot = r * grid.width + c;
      if (grid.covered[slot] || grid.spans.has(slot)) return null;
      if (grid.text(r, c) !== '') cells.push(grid.text(r, c));
    }
    if (cells.length > 2) return null;
    lines.push({ r, text: cells.join(' ') });
  }
  return lines;
}

function tableOf(grid: Grid, rowsOfRun: number[], page: number, index: number) {
  const first = rowsOfRun[0]!;
  const last = rowsOfRun[rowsOfRun.length - 1]!;
  // The table's columns: from its leftmost filled or merged cell to its rightmost one.
  let left = grid.width;
  let right = -1;
  for (const r of rowsOfRun) {
    for (let c = 0; c < grid.width; c++) {
      const slot = r * grid.width + c;
      if (grid.covered[slot]) continue;
      const span = grid.spans.get(slot);
      if (!span && grid.text(r, c) === '') continue;
      left = Math.min(left, c);
      right = Math.max(right, c + (span?.cols ?? 1) - 1);
    }
  }
  const rows = rowsOfRun.map((r) => {
    const cells: Cell[] = [];
    for (let c = left; c <= right; c++) {
      if (grid.covered[r * grid.width + c]) continue;
      const span = grid.spans.get(r * grid.width + c) ?? { rows: 1, cols: 1 };
      cells.push({
        text: grid.text(r, c),
        rowSpan: Math.min(span.rows, last - r + 1),
        colSpan: Math.min(span.cols, right - c + 1),
        prov: { page, line: grid.rowAt[r]! + 1 },
      });
    }
    return cells;
  });
  return { index, rows, prov: { page, line: grid.rowAt[first]! + 1 } };
}

/**
 * The text a cell shows: its formatted value (a rate stored 0.9822 under `0.00%` shows
 * `98.22%`, a date serial under `yyyy"年"m"月"d"日"` shows the date), text as typed (a number
 * stored as text stays as printed), white space of each line folded.
 */
export function displayText(cell: XLSX.CellObject | undefined): string {
  if (!cell || cell.t === 'z') return '';
  let shown: string;
  if (cell.t === 's') shown = String(cell.v ?? cell.w ?? '');
  else if (cell.w !== undefined) shown = cell.w;
  else if (cell.v === undefined) shown = '';
  else if (cell.t === 'n') shown = XLSX.SSF.format(cell.z ?? 'General', cell.v as number);
  else shown = String(cell.v);
  return shown
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[\s\u00a0\u3000]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}
