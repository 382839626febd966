import type { Provenance } from '../../schemas/document';
import { canonicalGrade, GRADE_VALUE } from '../vocabulary/grades';
import { GRADE_LABEL, PLACEHOLDER, TEMPLATE_NUMBERING, TOTAL_LABEL, type IndicatorField } from '../vocabulary/lexicon';
import { compact, foldWidth } from '../text';
import { parseDecimal } from '../values';
import { cellKind, placeCells, positionalCost, REALIGN_MARGIN } from './align';
import { rowCells, rowProvenance, type Grid, type RowCell } from './grid';
import { readHeader, type HeaderMap } from './header';

/** A level label as printed on a row; `anchorRow` tells merged cells (one label, many rows) apart. */
export interface LevelLabel {
  text: string;
  anchorRow: number;
}

/** One indicator row of a table, its cells placed in fields. */
export interface MappedRow {
  tableIndex: number;
  sourceRow: number;
  prov: Provenance;
  values: Partial<Record<IndicatorField, string>>;
  /** The cell each value was read from (a merged cell: its first row). */
  cells: Partial<Record<IndicatorField, { row: number; col: number; prov: Provenance }>>;
  level1?: LevelLabel;
  level2?: LevelLabel;
  /** The cells were read in other columns than printed (drift); see align.ts. */
  realigned: boolean;
  /** A level-2 label printed in the level-1 column of a row that has its own level-2. */
  displacedLevel2?: string;
  /** Rows continued onto this one (page-break tails): table and row. */
  continuedBy: Array<{ tableIndex: number; sourceRow: number }>;
  /**
   * The first row of a table piece that prints no number and no level label of its own, in a table
   * with weight or score columns: the tail of the row the page cut (`性` after `A102立项程序规范`).
   */
  pieceTail?: boolean;
  /** The row's indicator name is a cell merged down from the row above: the same indicator. */
  sameIndicator?: boolean;
}

export interface IndicatorSection {
  header: HeaderMap;
  rows: MappedRow[];
  totalWeight: string | null;
  totalScore: string | null;
  grade: string | null;
  /** First row after the section. */
  endRow: number;
}

const TEXT_FIELDS: ReadonlyArray<IndicatorField> = ['target', 'actual', 'scoring_rule', 'description', 'note', 'comment', 'level3'];
const MEASURE_FIELDS: ReadonlyArray<IndicatorField> = ['level3', 'weight', 'score', 'review_score', 'deduction'];
const NUMBER_FIELDS: ReadonlyArray<IndicatorField> = ['weight', 'score', 'review_score', 'deduction'];

/** Reads the indicator rows under a header, to the total / conclusion rows or the table's end. */
export function readIndicatorSection(grid: Grid, header: HeaderMap): IndicatorSection {
  const section: IndicatorSection = { header, rows: [], totalWeight: null, totalScore: null, grade: null, endRow: grid.rows.length };
  const hasNumbers = header.has('weight') || header.has('score');
  for (let r = header.row + 1; r < grid.rows.length; r++) {
    const cells = joinGroups(rowCells(grid, r), header).filter((c) => c.text !== '' && !header.skipped.includes(c.col));
    if (cells.length === 0) continue;
    const repeated = readHeader(grid, r);
    if (repeated) {
      if (repeated.map.signature === header.signature) continue;
      section.endRow = r;
      break;
    }
    // The first cell the row prints itself: a section label (`绩效指标`) merged down over the total row is not it.
    const sectionCol = header.colOf('section');
    const first = compact(foldWidth((cells.find((c) => !(c.col === sectionCol && c.spannedFromAbove)) ?? cells[0]!).text));
    if (TOTAL_LABEL.test(first)) {
      readTotal(cells, header, section);
      continue;
    }
    if (GRADE_LABEL.test(first)) {
      // A grade word (`优`); a conclusion sentence (四川 评价结论) is not a grade.
      section.grade = cells.slice(1).map((c) => compact(c.text)).find((t) => GRADE_VALUE.test(t) || (t.length <= 6 && canonicalGrade(t) !== null)) ?? null;
      continue;
    }
    if (section.totalScore !== null || section.grade !== null) {
      section.endRow = r;
      break;
    }
    const row = mapRow(grid, r, cells, header, hasNumbers);
    if (section.rows.length === 0 && hasNumbers && !row.level1 && !row.level2 && NUMBER_FIELDS.every((f) => parseDecimal(row.values[f] ?? null) === null)) {
      row.pieceTail = true;
    }
    if (isUnlabelledTotal(row)) {
      section.totalScore = parseDecimal(row.values.score ?? null);
      section.totalWeight = parseDecimal(row.values.weight ?? null);
      continue;
    }
    if (isIndicator(row) || isContinuation(row)) section.rows.push(row);
  }
  return section;
}

/** Printed content: not a placeholder (`/`, `—`, `*`, `……`) left in a template's empty cell. */
const filled = (text: string | undefined) => text !== undefined && !PLACEHOLDER.test(compact(text));

/**
 * True when a section has a row with a printed actual, weight or score. Without one the table is
 * a blank template, or a framework of indicators to declare targets with: not an evaluation.
 */
export const isMeasured = (section: IndicatorSection) =>
  section.rows.some((row) => (['actual', 'weight', 'score', 'review_score', 'deduction'] as const).some((f) => filled(row.values[f])));

/**
 * A row that names or measures an indicator (not a 说明 / 注 line inside the table, nor a template
 * row that prints only placeholders: `指标2： | / | / | /`).
 */
const isIndicator = (row: MappedRow) => (['level3', 'target', 'actual', 'weight', 'score'] as const).some((f) => filled(row.values[f]));

/**
 * The cells of a column group (`≥ | 58.6 | 万人` under 年度指标值（A）) as one cell at the group's
 * first column, its texts joined in printed order; placeholders in a part are left out.
 */
function joinGroups(cells: RowCell[], header: HeaderMap): RowCell[] {
  if (header.groups.length === 0) return cells;
  const out: RowCell[] = [];
  for (const cell of cells) {
    const group = header.groups.find((g) => g.cols.includes(cell.col));
    if (!group) {
      out.push(cell);
      continue;
    }
    if (cell.col !== group.cols[0] && out.some((c) => c.col === group.cols[0])) continue;
    const parts = cells.filter((c) => group.cols.includes(c.col) && filled(c.text)).map((c) => c.text);
    out.push({ ...cell, col: group.cols[0]!, text: parts.join('') });
  }
  return out;
}

/**
 * Joins page-break tails (a row with only the rest of some texts, tables split at a page break
 * included) to the row they continue.
 */
export function mergeContinuations(rows: MappedRow[]): MappedRow[] {
  const out: MappedRow[] = [];
  for (const row of rows) {
    const previous = out[out.length - 1];
    if (previous && row.sameIndicator) completeRow(previous, row);
    else if (previous && (isContinuation(row) || (row.pieceTail && previous.tableIndex !== row.tableIndex))) continueRow(previous, row);
    else out.push(row);
  }
  return out;
}

function mapRow(grid: Grid, r: number, cells: RowCell[], header: HeaderMap, hasNumbers: boolean): MappedRow {
  let fields = cells.map((c) => header.columns.find((h) => h.col === c.col)?.field);
  let realigned = false;
  const ownCells = cells.every((c) => !c.spannedFromAbove);
  // Drift is only read into rows with enough cells to show it (not a lone total or a tail).
  if (ownCells && hasNumbers && cells.length >= 3 && cells.some((c) => cellKind(c.text) === 'number')) {
    const positional = positionalCost(cells, header);
    if (positional === null || positional.cost > 0) {
      const placed = placeCells(cells, header);
      if (placed && (positional === null || positional.cost - placed.cost >= REALIGN_MARGIN)) {
        fields = placed.fields;
        realigned = true;
      }
    }
  }
  const row: MappedRow = { tableIndex: grid.tableIndex, sourceRow: r, prov: rowProvenance(grid, r), values: {}, cells: {}, realigned, continuedBy: [] };
  cells.forEach((cell, i) => {
    const field = fields[i];
    if (field === undefined || row.values[field] !== undefined) return;
    // A weight or score merged down over rows is printed once, for the first of them.
    if (cell.spannedFromAbove && NUMBER_FIELDS.includes(field)) return;
    // `指标1：全县参合人数`: the template's numbering is not the name; `指标2：` alone names nothing.
    const text = field === 'level3' ? cell.text.replace(TEMPLATE_NUMBERING, '') : cell.text;
    if (field === 'level3' && !filled(text)) return;
    row.values[field] = text;
    row.cells[field] = { row: cell.anchorRow, col: cell.col, prov: cell.prov };
    if (field === 'level3' && cell.spannedFromAbove) row.sameIndicator = true;
    if (field === 'level1') row.level1 = { text: cell.text, anchorRow: cell.anchorRow };
    if (field === 'level2') row.level2 = { text: cell.text, anchorRow: cell.anchorRow };
  });
  if (row.level1 && cellKind(row.level1.text) === 'level2') {
    // A level-2 label in the level-1 column: this row's own level-2, or one displaced from below.
    if (row.level2) row.displacedLevel2 = row.level1.text;
    else {
      row.level2 = row.level1;
      row.cells.level2 = row.cells.level1;
    }
    delete row.level1;
    delete row.values.level1;
    delete row.cells.level1;
  }
  return row;
}

function isContinuation(row: MappedRow): boolean {
  return MEASURE_FIELDS.every((f) => row.values[f] === undefined) && TEXT_FIELDS.some((f) => filled(row.values[f]));
}

/** A second printed row of one indicator (its name merged over both): its values complete the first's. */
function completeRow(previous: MappedRow, row: MappedRow): void {
  for (const [field, text] of Object.entries(row.values) as Array<[IndicatorField, string]>) {
    if (field === 'level3' || !filled(text)) continue;
    const had = previous.values[field];
    if (!filled(had)) previous.values[field] = text;
    else if (TEXT_FIELDS.includes(field) && had !== text) previous.values[field] = `${had}\n${text}`;
  }
  previous.continuedBy.push({ tableIndex: row.tableIndex, sourceRow: row.sourceRow });
}

/** Appends a page-break tail to the row it continues; a level label on the tail labels that row. */
function continueRow(previous: MappedRow, tail: MappedRow): void {
  for (const field of TEXT_FIELDS) {
    const text = tail.values[field];
    if (text !== undefined) previous.values[field] = previous.values[field] ? `${previous.values[field]}\n${text}` : text;
  }
  if (tail.level1 && !previous.level1) previous.level1 = { text: tail.level1.text, anchorRow: previous.sourceRow };
  if (tail.level2 && !previous.level2) previous.level2 = { text: tail.level2.text, anchorRow: previous.sourceRow };
  previous.continuedBy.push({ tableIndex: tail.tableIndex, sourceRow: tail.sourceRow });
}

function isUnlabelledTotal(row: MappedRow): boolean {
  const texts = Object.entries(row.values).filter(([f]) => !['weight', 'score', 'level1_weight', 'level2_weight'].includes(f));
  return texts.length === 0 && row.values.score !== undefined && !row.level1 && !row.level2;
}

/** `总分 | | 100 | 98`: the score total is in the score column, or the last number printed. */
function readTotal(cells: RowCell[], header: HeaderMap, section: IndicatorSection): void {
  const numbers = cells.map((c) => ({ col: c.col, value: parseDecimal(c.text) })).filter((n) => n.value !== null);
  if (numbers.length === 0) return;
  const scoreCol = header.colOf('score');
  const weightCol = header.colOf('weight');
  const atScore = numbers.find((n) => n.col === scoreCol);
  const score = atScore ?? numbers[numbers.length - 1]!;
  section.totalScore = score.value;
  const atWeight = numbers.find((n) => n.col === weightCol && n !== score);
  const before = numbers.filter((n) => n.col < score.col);
  section.totalWeight = (atWeight ?? before[before.length - 1])?.value ?? null;
}
