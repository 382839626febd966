import { findingPlace, type Finding } from '../../schemas/dataset';
import type { Provenance } from '../../schemas/document';
import { FRAMEWORK_LEVEL_NAMES, indicatorHeaderOf, type IndicatorField } from '../vocabulary/lexicon';
import { compact, foldWidth } from '../text';
import { rowCells, type Grid } from '../tables/grid';
import type { MappedRow } from '../tables/rows';
import type { ReportDraft } from './assemble';
import { COLUMN_OF } from './evidence';
import { lowConfidence, lowConfidenceMessage } from '../vocabulary/confidence';
import { placeOf, type FieldRead } from './places';

type CellWhere = Pick<Finding, 'report_id' | 'row_index' | 'field' | 'printed' | 'expected' | 'origin' | 'page' | 'table_index' | 'source_row' | 'source_column' | 'bbox'>;

/**
 * Findings for indicator rows read by OCR (or re-read from their glyphs): for each of the row's
 * cells, those of `cellFindings`, and `OCR_ROWS_INFERRED` (warning, once a row) where the scan lost
 * the table's row rules and its rows were cut at the text's gaps. Each names the field the cell was
 * read into (null: none, e.g. a page-break tail), the read value, and the cell.
 */
export function ocrFindings(reportId: string, draft: ReportDraft, rows: MappedRow[]): Finding[] {
  const grids = new Map<number, Grid>(draft.parts.map((p) => [p.grid.tableIndex, p.grid]));
  const findings: Finding[] = [];
  const mostNamed = rows.filter(named).length * 2 > rows.length;
  rows.forEach((row, i) => {
    const seen = new Set<Provenance>();
    let inferred = false;
    for (const { tableIndex, sourceRow } of [{ tableIndex: row.tableIndex, sourceRow: row.sourceRow }, ...row.continuedBy]) {
      const grid = grids.get(tableIndex);
      if (!grid || !grid.rows[sourceRow]) continue;
      for (const cell of rowCells(grid, sourceRow)) {
        if (cell.prov.confidence === undefined || seen.has(cell.prov)) continue;
        // An empty cell rated by OCR holds ink that no read turned into text (parsers/ocr/unread-ink.ts).
        if (cell.text === '' && cell.prov.confidence > 0) continue;
        seen.add(cell.prov);
        // A cell whose text went to no field (it did not parse) is still the row's: flagged too.
        const mapped = Object.entries(row.cells).find(([, c]) => c.col === cell.col && c.row === cell.anchorRow)?.[0] as IndicatorField | undefined;
        const field = mapped ? (COLUMN_OF[mapped] ?? null) : null;
        const where: CellWhere = {
          report_id: reportId,
          row_index: i,
          field,
          printed: cell.text,
          expected: null,
          origin: 'extraction' as const,
          ...findingPlace(placeOf(cell.prov, { table: tableIndex, row: cell.anchorRow, column: cell.col })),
        };
        if (cell.prov.rowsInferred && !inferred) {
          inferred = true;
          findings.push({
            ...where,
            code: 'OCR_ROWS_INFERRED',
            severity: 'warning',
            message: 'the scan lost this table\'s row rules: its rows were cut where the text leaves gaps, a guess: check that this row holds one indicator, whole',
          });
        }
        findings.push(...cellFindings(cell, where, field ?? 'this cell of the row'));
        const unnamed = field === null && cell.text !== '' ? unnamedHeaderOver(draft, grid, tableIndex, sourceRow, cell.prov) : undefined;
        if (unnamed !== undefined) findings.push(unnamedColumnFinding(where, cell.text, unnamed));
      }
    }
    findings.push(...headerCorrections(reportId, i, row, draft));
    if (seen.size > 0 && mostNamed && nameLost(row)) findings.push(nameLostFinding(reportId, i, row));
  });
  return findings;
}

/** The values a row measures its indicator by: with none of them, a row without a name is a label or a note, not a lost name. */
const MEASURES: ReadonlyArray<IndicatorField> = ['target', 'actual', 'weight', 'score'];

const named = (r: MappedRow) => (r.values.level3 ?? '').trim() !== '';

/**
 * A row read by OCR that measures something (a target, an actual, a weight, a score) but has no
 * indicator name, among rows most of which have theirs (the caller's `mostNamed`): the name's cell
 * was lost, or its text read into a neighbour's across a rule the scan lost. Its own cells may all
 * be read sure of themselves; the row as a whole is not (its values may be another indicator's).
 */
const nameLost = (row: MappedRow): boolean => !named(row) && MEASURES.some((f) => (row.values[f] ?? '').trim() !== '');

function nameLostFinding(reportId: string, rowIndex: number, row: MappedRow): Finding {
  return {
    report_id: reportId,
    row_index: rowIndex,
    code: 'OCR_NAME_LOST',
    severity: 'warning',
    field: 'level3',
    printed: null,
    expected: null,
    message: 'this row, read by OCR, has values but no indicator name while the rows around it have theirs: its name cell was lost or read into a neighbouring row, check the row against the scan',
    origin: 'extraction',
    ...findingPlace(placeOf(row.prov, { table: row.tableIndex, row: row.sourceRow, column: null })),
  };
}

/**
 * The same findings for the report's own cells read by OCR or a glyph re-read (the budget block's
 * figures, 总分, its 分值 and the grade), with no row: a validator finding computed from such a cell
 * is qualified by them (pipeline/validate/doubtful-reads.ts).
 */
export function reportCellFindings(reportId: string, reads: ReadonlyArray<FieldRead>): Finding[] {
  return reads.flatMap((read) => {
    // The budget row's label cell stands for the unit, which is read from the block's header.
    if (read.prov.confidence === undefined || read.field === 'budget_unit') return [];
    const where: CellWhere = { report_id: reportId, row_index: null, field: read.field, printed: read.text, expected: null, origin: 'extraction', ...findingPlace(read.place) };
    return cellFindings(read, where, read.field);
  });
}

/**
 * A budget block read by OCR from which no money unit (元, 万元) was read: its figures' scale is
 * unknown, and the header that prints it may have been misread or lost. `unit`: the block's, as read.
 */
export function unreadUnitFindings(reportId: string, reads: ReadonlyArray<FieldRead>, unit: string | null): Finding[] {
  const label = reads.find((r) => r.field === 'budget_unit');
  if (unit !== null || label?.prov.confidence === undefined) return [];
  return [
    {
      report_id: reportId,
      row_index: null,
      code: 'OCR_UNIT_UNREAD',
      severity: 'warning',
      field: 'budget_unit',
      printed: null,
      expected: null,
      message: 'the budget block was read by OCR and no money unit (元, 万元) was read from its header: the unit of its figures is unknown, check the block against the scan',
      origin: 'extraction',
      ...findingPlace(label.place),
    },
  ];
}

/**
 * What a cell's OCR read says of itself: `OCR_UNREAD_INK` (warning) for a cell left empty that
 * holds ink, `OCR_LOW_CONFIDENCE` (warning) for a read below the threshold, `OCR_SUSPECT_TEXT`
 * (warning) for a confident read that does not look printed, `OCR_CORRECTED` (info) for each
 * number the post-correction changed. `what` names the cell for the reader.
 */
function cellFindings(cell: { text: string; prov: Provenance }, where: CellWhere, what: string): Finding[] {
  const confidence = cell.prov.confidence!;
  const findings: Finding[] = [];
  if (cell.text === '') {
    findings.push({ ...where, code: 'OCR_UNREAD_INK', severity: 'warning', message: `this cell holds ink that OCR read as nothing: check ${what} against the scan (it may hold a value)` });
  } else if (lowConfidence(confidence)) {
    findings.push({ ...where, code: 'OCR_LOW_CONFIDENCE', severity: 'warning', message: lowConfidenceMessage(confidence, what) });
  } else if (
    looksMisread(cell.text) ||
    ((where.field === 'level1' || where.field === 'level2') && looksMisreadLevelLabel(cell.text)) ||
    ((where.field === 'target_raw' || where.field === 'actual_raw') && looksLikeMisreadMark(cell.text))
  ) {
    findings.push({
      ...where,
      code: 'OCR_SUSPECT_TEXT',
      severity: 'warning',
      message: `read by OCR as text that a form does not print (unbalanced brackets, stray marks or letters, a comparison mark read as a letter, a level name with a character changed or lost, a level label of one character, two labels or a header word and a label in one cell): check ${what} against the scan`,
    });
  }
  // A level label is matched with its marks folded to one width and its weight's brackets come
  // off (`产出指标(50分)`): the width of its marks reaches no value.
  const labelled = where.field === 'level1' || where.field === 'level2';
  for (const unsure of labelled ? [] : (cell.prov.markWidthsUnsure ?? [])) {
    findings.push({ ...where, code: 'OCR_MARK_WIDTH_UNSURE', severity: 'warning', message: `OCR read ${unsure}: the scan does not tell whether this mark is printed half-width or full-width (a half-width mark and a space are as wide as a full-width mark's void), kept as read: check ${what} against the scan` });
  }
  for (const correction of cell.prov.corrections ?? []) {
    findings.push({ ...where, code: 'OCR_CORRECTED', severity: 'info', message: `OCR read ${correction}: corrected by its context (a number's marks, a mark's printed width, brackets that pair, a level name with one character read as a mark) or, for a comparison mark, by the strokes of its glyph` });
  }
  return findings;
}

/**
 * The doubts of a level label on the rows it was carried to: a block's label printed once, on an
 * earlier page, reaches the rows past the page break without a cell of theirs, so their own cells
 * say nothing of it. Each such row takes the OCR findings on that label from the nearest row above
 * that shows the same label (pointing at the cell where it was printed). `labels` are the rows'
 * resolved level-1/2 labels; `flagged` the report's OCR findings so far.
 */
export function carriedLabelFindings(labels: ReadonlyArray<{ level1: string | null; level2: string | null }>, flagged: ReadonlyArray<Finding>): Finding[] {
  // OCR_ROWS_INFERRED is the row's structure, named on whichever of its cells came first: not the label's read.
  const on = (i: number, field: 'level1' | 'level2') => flagged.filter((f) => f.row_index === i && f.field === field && f.code !== 'OCR_ROWS_INFERRED');
  return labels.flatMap((label, i) =>
    (['level1', 'level2'] as const).flatMap((field) => {
      const text = label[field];
      if (!text || on(i, field).length > 0) return [];
      for (let j = i - 1; j >= 0 && labels[j]![field] === text; j--) {
        const doubts = on(j, field);
        if (doubts.length > 0) return doubts.map((f) => ({ ...f, row_index: i }));
      }
      return [];
    }),
  );
}

/**
 * A header cell the OCR corrected (a level header's numeral that the scan thinned away, read by
 * its place: `--级指标 → 一级指标`; a header word with one character misread, mended to the word
 * the page prints whole: `抑分总计 → 扣分总计`) decides which field each of the table's rows fills: each row
 * under it says so.
 */
function headerCorrections(reportId: string, rowIndex: number, row: MappedRow, draft: ReportDraft): Finding[] {
  const part = partOver(draft, row.tableIndex, row.sourceRow);
  if (!part?.indicators) return [];
  const { header } = part.indicators;
  return rowCells(part.grid, header.row).flatMap((cell) =>
    (cell.prov.corrections ?? []).filter(decidesHeader).map((correction) => {
      const field = header.columns.find((c) => c.col === cell.col)?.field;
      return {
        report_id: reportId,
        row_index: rowIndex,
        field: field ? (COLUMN_OF[field] ?? null) : null,
        printed: cell.text,
        expected: null,
        origin: 'extraction' as const,
        code: 'OCR_CORRECTED',
        severity: 'info' as const,
        message: `OCR read this table's header ${correction}: corrected by its context (a level header's numeral the scan thinned away, taken from its place; or one misread character of a header word that the same page prints whole); it decides this row's columns: check them against the scan`,
        ...findingPlace(placeOf(cell.prov, { table: row.tableIndex, row: cell.anchorRow, column: cell.col })),
      };
    }),
  );
}

/** The report's part whose indicator header a printed row is under. */
const partOver = (draft: ReportDraft, tableIndex: number, sourceRow: number) =>
  draft.parts.filter((p) => p.grid.tableIndex === tableIndex && p.indicators && p.indicators.header.row < sourceRow).pop();

/**
 * The header text over a body cell (`prov`: the cell's) when that header cell was read by OCR and
 * names no field (`HeaderMap.unnamed`; `grid` the table's, `tableIndex` its index): a header word the scan misread (`年度指标值(A)` read `年标`),
 * so the cell's value, whatever it is, went to no field of its row.
 */
function unnamedHeaderOver(draft: ReportDraft, grid: Grid, tableIndex: number, sourceRow: number, prov: Provenance): string | undefined {
  const header = partOver(draft, tableIndex, sourceRow)?.indicators?.header;
  if (!header) return undefined;
  const col = header.unnamed.find((c) => grid.rows[sourceRow]?.[c]?.prov === prov);
  return col === undefined ? undefined : (grid.rows[header.row]?.[col]?.text ?? undefined);
}

function unnamedColumnFinding(where: CellWhere, printed: string, header: string): Finding {
  return {
    ...where,
    code: 'OCR_COLUMN_UNNAMED',
    severity: 'warning',
    message: `this row prints 「${printed}」 under a header the scan read as 「${header}」, which names no column: the value is in none of the row's fields (a misread header word loses a target, an actual or a score), check the row against the scan`,
  };
}

/**
 * Whether a header cell's correction (`read → kept`) can change which field a column fills:
 * headers are matched with every mark folded to one width (pipeline/tables/header.ts), so a
 * change of a mark's width alone (`字描述) → 字描述）`) decides nothing, and said on every row under
 * the header it would flag them all for nothing.
 */
function decidesHeader(correction: string): boolean {
  const [read, kept] = correction.split(' → ');
  return kept === undefined || foldWidth(read!) !== foldWidth(kept);
}

const PAIRS: ReadonlyArray<[string, string]> = [['(', ')'], ['（', '）'], ['《', '》'], ['“', '”'], ['[', ']'], ['【', '】'], ['〔', '〕']];
const CJK = '\\u3400-\\u9fff';
/** A single Latin letter against a Chinese character (`E率`, `Je`), not an acronym (`DIP`). */
const STRAY_LETTER = new RegExp(`(^|[^A-Za-z])[A-Za-z](?=[${CJK}])|(?<=[${CJK}])[A-Za-z](?![A-Za-z])`);
/**
 * A comparison mark read as a letter (`≥` as `V` or `M`, `≤` as `Λ`), in a target or actual cell:
 * one capital Latin or Greek letter alone (a form that prints its operator in a column of its own)
 * or opening the value against its number (`V58.6万人`, `Λ101400元`); and a Greek letter anywhere,
 * which a Chinese form does not print among its values. Units are not capitals (`t`, `m`, `kg`).
 */
const MARK_AS_LETTER = /^\s*[A-Z\u0391-\u03a9]\s*(?=\d|$)|[\u0391-\u03c9]/u;

/** Whether a target or actual cell's text looks like a comparison mark misread as a letter. */
export const looksLikeMisreadMark = (text: string): boolean => MARK_AS_LETTER.test(text);
/**
 * A level label with its weight printed inside, more words after it (`效益指标(30分)满意度指标(10分)`):
 * a label ends at its weight, so this is two labels, two cells the scan's lost rule joined into one
 * (only in a level column: a rule or a name may print a weight mid-sentence).
 */
const WEIGHT_THEN_WORDS = new RegExp(`[(（]\\s*\\d+(?:\\.\\d+)?\\s*分\\s*[)）]\\s*[${CJK}]`);

/** The header words of the level columns: no label prints one (`一级指标产出指标` is the header's cell read into the label's). */
const LEVEL_HEADER_FIELDS: ReadonlyArray<string> = ['level1', 'level2', 'level3'];
const opensWithLevelHeader = (text: string) => LEVEL_HEADER_FIELDS.includes(indicatorHeaderOf(text)?.field ?? '');

/**
 * A level label cell (一级指标, 二级指标) that is not one label: two labels a lost rule joined
 * (`WEIGHT_THEN_WORDS`); the column's header word and the label under it, joined where the scan
 * lost the header's rule (`一级指标产出指标`); or one character (`标`, under `心 .1.`), which no
 * level name is: a piece of a label whose merged cell was read row by row, or a stray mark.
 */
export const looksMisreadLevelLabel = (text: string): boolean => WEIGHT_THEN_WORDS.test(text) || opensWithLevelHeader(text) || [...compact(text)].length === 1;

/** One character replaced by another, nothing else: `的效指标` for `时效指标`. */
function oneCharAway(text: string, name: string): boolean {
  const [a, b] = [[...text], [...name]];
  return a.length === b.length && a.filter((c, i) => c !== b[i]).length === 1;
}

/**
 * Characters of a framework level name lost inside it (`益标` for `效益指标`): a faint or broken
 * glyph the reader skipped. A name cut short at its end (`效益`, `产出`) is how forms print
 * them too, so only a read that is no name's beginning counts.
 */
function lostInside(text: string, name: string): boolean {
  const chars = [...text];
  if (chars.length < 2 || chars.length >= [...name].length) return false;
  let at = 0;
  for (const c of name) if (c === chars[at]) at++;
  return at === chars.length;
}

/**
 * Text the reader is likely to have garbled even when it was confident: brackets that do not
 * pair up, marks that forms do not print (`|`, `_`, `~`, `{`), a lone letter glued to Chinese, a
 * framework level name with one character changed or characters lost inside it.
 */
export function looksMisread(text: string): boolean {
  if (PAIRS.some(([open, close]) => text.split(open).length !== text.split(close).length)) return true;
  if (/[|_~{}$#@^\\]/.test(text)) return true;
  if (!FRAMEWORK_LEVEL_NAMES.includes(text) && FRAMEWORK_LEVEL_NAMES.some((name) => oneCharAway(text, name))) return true;
  if (!FRAMEWORK_LEVEL_NAMES.some((name) => name.startsWith(text)) && FRAMEWORK_LEVEL_NAMES.some((name) => lostInside(text, name))) return true;
  return STRAY_LETTER.test(text);
}
