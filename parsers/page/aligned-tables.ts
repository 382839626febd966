import type { TextRun } from '../../schemas/page';
import type { PlacedCell, RuledTable } from './ruled-tables';
import { joinLines } from './text-lines';

/**
 * Tables printed without rules: rows are bands of text separated by blank space (a cell's
 * wrapped lines sit close together, rows further apart), columns come from the band that shows
 * the most separate chunks (usually the header). Runs go to the column their centre falls in.
 */

/** A gap this wide (in font sizes) between runs on a line separates two cells. */
const CELL_GAP = 0.5;
/** A vertical gap this high (in font sizes) between lines separates two rows. */
const ROW_GAP = 0.6;
/** A table needs this many bands of several cells in a row, and this many columns. */
const MIN_ROWS = 3;
const MIN_COLUMNS = 3;
/** Share of bands allowed a chunk that straddles a column edge (a spanning title cell). */
const MAX_STRADDLING = 0.1;

export interface Chunk {
  x0: number;
  x1: number;
  runs: TextRun[];
}

interface Band {
  y0: number;
  y1: number;
  runs: TextRun[];
  chunks: Chunk[];
}

export function lineGroups(runs: TextRun[]): TextRun[][] {
  const sorted = [...runs].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2);
  const lines: TextRun[][] = [];
  for (const run of sorted) {
    const last = lines[lines.length - 1];
    const ref = last?.[last.length - 1];
    if (ref && Math.abs((ref.y0 + ref.y1) / 2 - (run.y0 + run.y1) / 2) < Math.min(ref.size, run.size) * 0.5) last!.push(run);
    else lines.push([run]);
  }
  return lines;
}

/** Runs side by side with less than a cell gap (in font sizes) between them are one chunk. */
export function chunksOf(runs: TextRun[], gap = CELL_GAP): Chunk[] {
  const chunks: Chunk[] = [];
  for (const run of [...runs].sort((a, b) => a.x0 - b.x0)) {
    const overlapping = chunks.find((c) => run.x0 <= c.x1 + run.size * gap && run.x1 >= c.x0 - run.size * gap);
    if (overlapping) {
      overlapping.x0 = Math.min(overlapping.x0, run.x0);
      overlapping.x1 = Math.max(overlapping.x1, run.x1);
      overlapping.runs.push(run);
    } else chunks.push({ x0: run.x0, x1: run.x1, runs: [run] });
  }
  return mergeOverlapping(chunks);
}

function mergeOverlapping(chunks: Chunk[]): Chunk[] {
  const sorted = [...chunks].sort((a, b) => a.x0 - b.x0);
  const out: Chunk[] = [];
  for (const c of sorted) {
    const last = out[out.length - 1];
    if (last && c.x0 <= last.x1) {
      last.x1 = Math.max(last.x1, c.x1);
      last.runs.push(...c.runs);
    } else out.push({ ...c, runs: [...c.runs] });
  }
  return out;
}

function bandsOf(runs: TextRun[]): Band[] {
  const bands: Band[] = [];
  for (const line of lineGroups(runs)) {
    const y0 = Math.min(...line.map((r) => r.y0));
    const y1 = Math.max(...line.map((r) => r.y1));
    const size = Math.max(...line.map((r) => r.size));
    const last = bands[bands.length - 1];
    if (last && y0 - last.y1 < size * ROW_GAP) {
      last.y1 = Math.max(last.y1, y1);
      last.runs.push(...line);
    } else bands.push({ y0, y1, runs: [...line], chunks: [] });
  }
  for (const band of bands) band.chunks = chunksOf(band.runs);
  return bands;
}

export interface AlignedResult {
  tables: RuledTable[];
  rest: TextRun[];
  /** Stretches that look tabular but whose columns do not line up: left as text, and said. */
  rejected: number;
}

/** Finds the unruled tables among runs (those outside ruled tables); returns them and the rest. */
export function findAlignedTables(runs: TextRun[], page: number): AlignedResult {
  const bands = bandsOf(runs);
  const result: AlignedResult = { tables: [], rest: [], rejected: 0 };
  const used = new Set<TextRun>();
  let start = 0;
  while (start < bands.length) {
    let end = start;
    while (end < bands.length && bands[end]!.chunks.length >= 2) end++;
    const stretch = bands.slice(start, end);
    if (stretch.filter((b) => b.chunks.length >= MIN_COLUMNS).length >= MIN_ROWS) {
      const table = buildTable(stretch, page);
      if (table) {
        result.tables.push(table);
        stretch.forEach((b) => b.runs.forEach((r) => used.add(r)));
      } else result.rejected++;
    }
    start = Math.max(end, start + 1);
  }
  result.rest = runs.filter((r) => !used.has(r));
  return result;
}

/**
 * A grid from the band with the most chunks (the header). Taken only when the other bands fit it: wrapped,
 * centred cells of a form without rules put text of one row across several columns' edges, and a
 * table read from such a grid would put numbers in the wrong columns.
 */
function buildTable(bands: Band[], page: number): RuledTable | null {
  const reference = [...bands].sort((a, b) => b.chunks.length - a.chunks.length)[0]!;
  if (reference.chunks.length < MIN_COLUMNS) return null;
  const x0 = Math.min(...bands.map((b) => Math.min(...b.runs.map((r) => r.x0))));
  const x1 = Math.max(...bands.map((b) => Math.max(...b.runs.map((r) => r.x1))));
  // Cells are set flush left in their columns: a column starts where its header chunk starts.
  const columns = [x0, ...reference.chunks.slice(1).map((c) => c.x0 - 1), x1];
  const inner = columns.slice(1, -1);
  const straddling = bands.filter((b) => b.chunks.some((c) => inner.some((e) => c.x0 < e - 1 && c.x1 > e + 1))).length;
  const lines = bands.filter((b) => lineGroups(b.runs).length > 1).length;
  if (straddling > bands.length * MAX_STRADDLING || lines > bands.length / 2) return null;
  const cells: PlacedCell[] = [];
  bands.forEach((band, row) => {
    for (let col = 0; col < columns.length - 1; col++) {
      const inside = band.runs.filter((r) => {
        const cx = (r.x0 + r.x1) / 2;
        return cx >= columns[col]! && (cx < columns[col + 1]! || col === columns.length - 2);
      });
      cells.push({
        cell: { text: joinLines(inside), rowSpan: 1, colSpan: 1, prov: { page, bbox: [columns[col]!, band.y0, columns[col + 1]!, band.y1] } },
        row,
        col,
        cut: false,
      });
    }
  });
  return { cells, rowCount: bands.length, columns, topRuled: false, x0, y0: bands[0]!.y0, x1, y1: bands[bands.length - 1]!.y1 };
}
