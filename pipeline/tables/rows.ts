import type { Provenance } from '../../schemas/document';
import { canonicalGrade, GRADE_VALUE } from '../vocabulary/grades';
import { FRAMEWORK_LEVEL_NAMES, GRADE_LABEL, isLevelName, PLACEHOLDER, SCANNED_PLACEHOLDER, SECTION_LABEL, TEMPLATE_NUMBERING, TOTAL_LABEL, WEIGHT_ONLY_LABEL, type IndicatorField } from '../vocabulary/lexicon';
import { lowConfidence } from '../vocabulary/confidence';
import { compact, foldWidth } from '../text';
import { isNumberCell, parseDecimal } from '../values';
import { cellKind, placeCells, positionalCost, REALIGN_MARGIN } from './align';
import { rowCells, rowProvenance, type Grid, type RowCell } from './grid';
import { readHeader, sameHeader, withRepeatedHeader, type HeaderMap } from './header';

/** A level label as printed on a row; `anchorRow` tells merged cells (one label, many rows) apart. */
export interface LevelLabel {
  text: string;
  anchorRow: number;
  /** The label's cell is merged down over several printed rows: it marks out a block. */
  tall?: boolean;
}

/**
 * A weight or score cell merged down over several printed rows (`rowspan`): printed once, for
 * the block of rows it covers. `own` when the row's value was read from it.
 */
export interface MergedNumber {
  key: string;
  text: string;
  tableIndex: number;
  row: number;
  col: number;
  prov: Provenance;
  own: boolean;
}

export type NumberField = 'weight' | 'score' | 'review_score' | 'deduction';

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
  /** The first row of a table piece (a page of a table cut by page breaks). */
  pieceStart?: boolean;
  /** Number cells of the row that are merged over several printed rows. */
  merged: Partial<Record<NumberField, MergedNumber>>;
  /**
   * Level columns in which the row's own cell prints nothing and the page left it open over a
   * label at the top of the next page (`cutBeforeLabel`): its label may be that one.
   */
  labelPastBreak?: Array<'level1' | 'level2'>;
}

export interface IndicatorSection {
  header: HeaderMap;
  rows: MappedRow[];
  totalWeight: string | null;
  totalScore: string | null;
  grade: string | null;
  /** First row after the section. */
  endRow: number;
  /**
   * Rows under the header that print text of their own and name and measure no indicator:
   * `blank`, level names and placeholders only (a template's `产出 | 数量 | 指标1： | /`), a blank
   * form's rows; `other`, any other text.
   */
  unfilled: { blank: number; other: number };
}

const TEXT_FIELDS: ReadonlyArray<IndicatorField> = ['target', 'actual', 'scoring_rule', 'description', 'note', 'comment', 'level3'];
const MEASURE_FIELDS: ReadonlyArray<IndicatorField> = ['level3', 'weight', 'score', 'review_score', 'deduction'];
const NUMBER_FIELDS: ReadonlyArray<NumberField> = ['weight', 'score', 'review_score', 'deduction'];
const isNumberField = (f: IndicatorField): f is NumberField => (NUMBER_FIELDS as ReadonlyArray<IndicatorField>).includes(f);
/** A coded label or name printed as its code alone (`D4`, `D401`): the page cut its name off. */
const BARE_CODE = /^[A-Z]\d{0,3}$/;

/** Reads the indicator rows under a header, to the total / conclusion rows or the table's end. */
export function readIndicatorSection(grid: Grid, printed: HeaderMap): IndicatorSection {
  const header = completedHeader(grid, printed);
  const section: IndicatorSection = { header, rows: [], totalWeight: null, totalScore: null, grade: null, endRow: grid.rows.length, unfilled: { blank: 0, other: 0 } };
  const hasNumbers = header.has('weight') || header.has('score');
  for (let r = header.row + 1; r < grid.rows.length; r++) {
    const cells = joinGroups(rowCells(grid, r), header).filter((c) => c.text !== '' && !header.skipped.includes(c.col));
    // A row that prints nothing of its own holds only the merged cells of the rows above going on
    // (a header row the page cut, its rest on the next page; a merged cell drawn shorter than its
    // span, as WeasyPrint draws one a page break cuts): read again, the header's cells would be a
    // header of their own and end the section before its first row.
    if (cells.length === 0 || cells.every((c) => c.spannedFromAbove)) continue;
    const repeated = readHeader(grid, r);
    if (repeated) {
      if (sameHeader(header, repeated.map)) continue;
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
    const pieceStart = section.rows.length === 0;
    const row = mapRow(grid, r, cells, header, hasNumbers, pieceStart);
    if (pieceStart) row.pieceStart = true;
    if (pieceStart && hasNumbers && !row.level1 && !row.level2 && NUMBER_FIELDS.every((f) => parseDecimal(row.values[f] ?? null) === null)) {
      row.pieceTail = true;
    }
    if (isUnlabelledTotal(row)) {
      section.totalScore = parseDecimal(row.values.score ?? null);
      section.totalWeight = parseDecimal(row.values.weight ?? null);
      continue;
    }
    if (isIndicator(row) || isContinuation(row)) section.rows.push(row);
    else section.unfilled[formFurniture(row) ? 'blank' : 'other']++;
  }
  return section;
}

/**
 * A header read by OCR with a word that names nothing (`得芬`), completed by the same header
 * printed again further down the table (a later page's, read right): the column it names there is
 * the column this read misread, for the rows under both.
 */
function completedHeader(grid: Grid, header: HeaderMap): HeaderMap {
  let completed = header;
  for (let r = header.row + 1; r < grid.rows.length && completed.unnamed.length > 0; r++) {
    const again = readHeader(grid, r)?.map;
    if (again && sameHeader(completed, again)) completed = withRepeatedHeader(completed, again);
  }
  return completed;
}

/** Printed content: not a placeholder (`/`, `—`, `*`, `……`) left in a template's empty cell. */
const filled = (text: string | undefined) => text !== undefined && !PLACEHOLDER.test(compact(text));

/**
 * A row's value as printed content: filled, and not what a scan's reader, unsure of it, makes of
 * a placeholder's ink (`SCANNED_PLACEHOLDER`: a template's `/` read `!`, its `……` read `000000`).
 * Such a read measures and names nothing: a scanned blank template would otherwise be a report of
 * rows of marks. A row that prints anything else keeps the read, and its doubt, as it is.
 */
const filledValue = (row: MappedRow, field: IndicatorField) => {
  const text = row.values[field];
  return filled(text) && !(lowConfidence(row.cells[field]?.prov.confidence) && SCANNED_PLACEHOLDER.test(compact(foldWidth(text!))));
};

/**
 * True when a section has a row with a printed actual, weight or score. Without one the table is
 * a blank template, or a framework of indicators to declare targets with: not an evaluation.
 */
export const isMeasured = (section: IndicatorSection) =>
  section.rows.some((row) => (['actual', 'weight', 'score', 'review_score', 'deduction'] as const).some((f) => filledValue(row, f)));

/**
 * A row that prints only what a form prints before it is filled in: level names (`产出`, `数量指标`,
 * the framework's `生态环境成本指标`), the section label, a template's numbering alone (`指标1：`)
 * and placeholders. A row with any other text (an indicator's name, read into a label's column)
 * is no blank form's.
 */
const formFurniture = (row: MappedRow) =>
  [row.level1?.text, row.level2?.text].every((text) => text === undefined || !filled(text) || furnitureText(compact(foldWidth(text)))) &&
  (Object.keys(row.values) as IndicatorField[]).every((f) => !filledValue(row, f) || furnitureText(compact(foldWidth(row.values[f]!))));
const furnitureText = (key: string) => isLevelName(key) || FRAMEWORK_LEVEL_NAMES.includes(key) || SECTION_LABEL.test(key) || key.replace(TEMPLATE_NUMBERING, '') === '';

/**
 * A row that names or measures an indicator (not a 说明 / 注 line inside the table, nor a template
 * row that prints only placeholders: `指标2： | / | / | /`).
 */
const isIndicator = (row: MappedRow) => (['level3', 'target', 'actual', 'weight', 'score'] as const).some((f) => filledValue(row, f));

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
  // Labels joined to the label they continue, by their printed cell: rows below in the same merged cell read the joined text.
  const joined = new Map<string, string>();
  for (const row of rows) {
    for (const level of ['level1', 'level2'] as const) {
      const label = row[level];
      const text = label && joined.get(labelKey(row.tableIndex, level, label));
      if (label && text) row[level] = { ...label, text };
    }
    const previous = out[out.length - 1];
    if (previous && row.sameIndicator) completeRow(previous, row);
    else if (previous && previous.tableIndex !== row.tableIndex && continuesLabels(previous, row)) continueRow(previous, row, joined);
    else if (previous && (isContinuation(row) || (row.pieceTail && previous.tableIndex !== row.tableIndex))) continueRow(previous, row, null);
    else out.push(row);
  }
  return out;
}

const labelKey = (tableIndex: number, level: 'level1' | 'level2', label: LevelLabel) => `${tableIndex}:${level}:${label.anchorRow}`;

/**
 * The first row of a table piece whose own level labels are the rest of the labels the page
 * cut: a weight alone (`D1经济效益` / `8分`), or the name of a label printed as its code alone
 * (`D4` / `社会公众或服务对象满意度8分`).
 */
function continuesLabels(previous: MappedRow, row: MappedRow): boolean {
  if (!row.pieceStart) return false;
  const own = (['level1', 'level2'] as const).filter((level) => row[level]?.anchorRow === row.sourceRow);
  return (
    own.length > 0 &&
    own.every((level) => {
      const head = previous[level];
      const tail = compact(foldWidth(row[level]!.text));
      return head !== undefined && (WEIGHT_ONLY_LABEL.test(tail) || BARE_CODE.test(compact(foldWidth(head.text))));
    })
  );
}

function mapRow(grid: Grid, r: number, cells: RowCell[], header: HeaderMap, hasNumbers: boolean, pieceStart: boolean): MappedRow {
  let fields = cells.map((c) => header.columns.find((h) => h.col === c.col)?.field);
  let realigned = false;
  const ownCells = cells.every((c) => !c.spannedFromAbove);
  // A piece that starts with a level label's weight alone (`8分`) continues the cut label: it did not drift.
  const labelTail = pieceStart && cells.some((c) => isLevelColumn(header, c.col) && WEIGHT_ONLY_LABEL.test(compact(foldWidth(c.text))));
  // Drift is only read into rows with enough cells to show it (not a lone total or a tail).
  if (ownCells && !labelTail && hasNumbers && cells.length >= 3 && cells.some((c) => cellKind(c.text) === 'number')) {
    const positional = positionalCost(cells, header);
    if (positional === null || positional.cost > 0) {
      const placed = placeCells(cells, header);
      if (placed && (positional === null || positional.cost - placed.cost >= REALIGN_MARGIN)) {
        fields = placed.fields;
        realigned = true;
      }
    }
  }
  const row: MappedRow = { tableIndex: grid.tableIndex, sourceRow: r, prov: rowProvenance(grid, r), values: {}, cells: {}, realigned, continuedBy: [], merged: {} };
  cells.forEach((cell, i) => {
    const field = fields[i];
    if (field === undefined || row.values[field] !== undefined) return;
    if (isNumberField(field) && isNumberCell(cell.text) && isTall(grid, r, cell)) {
      row.merged[field] = {
        key: `${grid.tableIndex}:${cell.anchorRow}:${cell.col}`,
        text: cell.text,
        tableIndex: grid.tableIndex,
        row: cell.anchorRow,
        col: cell.col,
        prov: cell.prov,
        own: !cell.spannedFromAbove,
      };
    }
    // A weight or score merged down over rows is printed once: read on its first row (see merged-blocks.ts).
    if (cell.spannedFromAbove && isNumberField(field)) return;
    // `指标1：全县参合人数`: the template's numbering is not the name; `指标2：` alone names nothing.
    const text = field === 'level3' ? cell.text.replace(TEMPLATE_NUMBERING, '') : cell.text;
    if (field === 'level3' && !filled(text)) return;
    row.values[field] = text;
    row.cells[field] = { row: cell.anchorRow, col: cell.col, prov: cell.prov };
    if (field === 'level3' && cell.spannedFromAbove) row.sameIndicator = true;
    if (field === 'level1' || field === 'level2') row[field] = { text: cell.text, anchorRow: cell.anchorRow, ...(isTall(grid, r, cell) ? { tall: true } : {}) };
  });
  const pastBreak = (['level1', 'level2'] as const).filter((level) => {
    const col = header.colOf(level);
    return col !== undefined && grid.rows[r]![col]?.prov.cutBeforeLabel === true;
  });
  if (pastBreak.length > 0) row.labelPastBreak = pastBreak;
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

const isLevelColumn = (header: HeaderMap, col: number) => col === header.colOf('level1') || col === header.colOf('level2');

/** A cell merged down over more than one printed row. */
function isTall(grid: Grid, r: number, cell: RowCell): boolean {
  if (cell.spannedFromAbove) return true;
  const below = grid.rows[r + 1]?.[cell.col];
  return below !== undefined && below !== null && below.anchorRow === cell.anchorRow && below.anchorCol === cell.col;
}

function isContinuation(row: MappedRow): boolean {
  return MEASURE_FIELDS.every((f) => row.values[f] === undefined) && TEXT_FIELDS.some((f) => filledValue(row, f));
}

/** A second printed row of one indicator (its name merged over both): its values complete the first's. */
function completeRow(previous: MappedRow, row: MappedRow): void {
  for (const [field, text] of Object.entries(row.values) as Array<[IndicatorField, string]>) {
    if (field === 'level3' || !filled(text)) continue;
    const had = previous.values[field];
    if (!filled(had)) {
      previous.values[field] = text;
      if (isNumberField(field) && row.merged[field]) previous.merged[field] = row.merged[field];
    } else if (TEXT_FIELDS.includes(field) && had !== text) previous.values[field] = `${had}\n${text}`;
  }
  keepMerged(previous, row);
  previous.continuedBy.push({ tableIndex: row.tableIndex, sourceRow: row.sourceRow });
}

/** The merged number cells a joined row lies in are the indicator's too (its value stays where it was read). */
function keepMerged(previous: MappedRow, row: MappedRow): void {
  for (const field of NUMBER_FIELDS) {
    const cell = row.merged[field];
    if (cell && !previous.merged[field]) previous.merged[field] = { ...cell, own: false };
  }
}

/**
 * Appends a page-break tail to the row it continues; a level label on the tail labels that row,
 * or ends the label the page cut (`D1经济效益` + `8分`), for the rows below it in its merged cell too.
 */
function continueRow(previous: MappedRow, tail: MappedRow, joined: Map<string, string> | null): void {
  for (const field of TEXT_FIELDS) {
    const text = tail.values[field];
    if (text === undefined) continue;
    const whole = previous.values[field] ? `${previous.values[field]}\n${text}` : text;
    // `D401` + `一次性竞赛补贴对象满意度`: the code comes off the joined name.
    previous.values[field] = field === 'level3' ? whole.replace(TEMPLATE_NUMBERING, '') : whole;
  }
  for (const level of ['level1', 'level2'] as const) {
    const label = tail[level];
    if (!label) continue;
    const head = previous[level];
    if (!head) previous[level] = { text: label.text, anchorRow: previous.sourceRow };
    else if (joined && label.anchorRow === tail.sourceRow) {
      const text = `${head.text}${label.text}`;
      previous[level] = { ...head, text };
      joined.set(labelKey(tail.tableIndex, level, label), text);
    }
  }
  keepMerged(previous, tail);
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
