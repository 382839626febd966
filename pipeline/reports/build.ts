import Decimal from 'decimal.js';
import { findingPlace, showBbox, type Finding, type Indicator, type MergedBlock, type Place, type Report, type ReportResult } from '../../schemas/dataset';
import type { Format } from '../../schemas/document';
import { INDICATOR_KEYS, namesColumnOf, type IndicatorField } from '../vocabulary/lexicon';
import { resolveLevels } from '../tables/levels';
import { separateMergedBlocks } from '../tables/merged-blocks';
import { readByOcr, readFromInk } from '../tables/grid';
import { mergeContinuations, type MappedRow } from '../tables/rows';
import { compact, foldWidth } from '../text';
import { parseDecimal, rawText } from '../values';
import { parseQuantity } from '../vocabulary/quantity';
import type { ReportDraft } from './assemble';
import { unheadedBudgetFindings } from './budget-sources';
import { COLUMN_OF, readEvidence, reportFieldReads } from './evidence';
import type { ReportMeta } from './metadata';
import { carriedLabelFindings, ocrFindings, reportCellFindings, unreadUnitFindings } from './ocr-findings';
import { placeOf, rowPlace } from './places';
import { unplacedTexts } from './unplaced';

export const METHOD: Record<Format, Report['extraction_method']> = {
  html: 'html',
  docx: 'docx',
  doc: 'doc',
  xlsx: 'xlsx',
  ofd: 'ofd',
  text: 'text',
  pdf: 'pdf_text',
  image: 'pdf_ocr',
};

export interface DocumentIdentity {
  docId: string;
  source: string;
  format: Format;
}

/**
 * Turns a report's gathered tables and metadata into dataset records with provenance, the
 * evidence the validator checks them against, and extraction's own decisions as findings.
 */
export function buildReport(doc: DocumentIdentity, draft: ReportDraft, meta: ReportMeta, reportId: string): ReportResult {
  const rows = mergeContinuations(draft.parts.flatMap((p) => p.indicators!.rows));
  const blocks = separateMergedBlocks(rows);
  const { levels, notes } = resolveLevels(rows);
  const findings: Finding[] = [];
  const note = (row: MappedRow | null, rowIndex: number | null, code: string, message: string, field: keyof typeof COLUMN_OF | null = null, severity: Finding['severity'] = 'info') => {
    const cell = row && field ? row.cells[field] : undefined;
    const place: Place | null = cell ? placeOf(cell.prov, { table: row!.tableIndex, row: cell.row, column: cell.col }) : row ? rowPlace(row) : null;
    findings.push({
      report_id: reportId,
      row_index: rowIndex,
      code,
      severity,
      field: field ? (COLUMN_OF[field] ?? null) : null,
      printed: field ? (row?.values[field] ?? null) : null,
      expected: null,
      message,
      origin: 'extraction',
      ...findingPlace(place),
    });
  };

  const indicators = rows.map((row, i): Indicator => {
    const v = row.values;
    const target = rawText(v.target);
    const actual = rawText(v.actual);
    const t = parseQuantity(target);
    const a = parseQuantity(actual);
    const level3 = rawText(v.level3);
    const number = (field: 'weight' | 'score' | 'review_score' | 'deduction') => {
      const printed = rawText(v[field]);
      const value = parseDecimal(printed);
      if (printed === null || value !== null) return value;
      // Read from ink (OCR, a glyph re-read), text in a number column is as likely a misread number (`3.` for `3`, a speck
      // after it) as printed words: a doubt on the cell, so that a finding computed from the empty value (SCORE_NOT_PRINTED)
      // says so instead of laying it at the document's door.
      if (readFromInk(row.cells[field])) {
        note(row, i, 'VALUE_NOT_NUMERIC', `${field} read as text (「${printed}」), kept out of the number column: read from the page's ink, it may be a misread number, check it against the document`, field, 'warning');
      } else note(row, i, 'VALUE_NOT_NUMERIC', `${field} printed as text, kept out of the number column`, field);
      return value;
    };
    if (row.realigned) note(row, i, 'ROW_REALIGNED', 'cells were read by their content, not by their printed columns (drifted extraction)');
    // A row's cell that reads its own column's name: the header's cell read on into the body (a
    // header at a page's foot joined to the rows of the next), or a header row read as a row.
    for (const field of Object.keys(v) as IndicatorField[]) {
      const printed = v[field];
      if (printed !== undefined && COLUMN_OF[field] !== undefined && namesColumnOf(printed, field)) {
        note(row, i, 'HEADER_WORD_IN_ROW', `${field} reads 「${printed}」, the name of its own column: the header's cell may have been read into this row, check it against the document`, field, 'warning');
      }
    }
    return {
      report_id: reportId,
      row_index: i,
      page: row.prov.page ?? null,
      level1: levels[i]!.level1,
      level1_weight: levels[i]!.level1Weight,
      level2: levels[i]!.level2,
      level2_weight: levels[i]!.level2Weight,
      level3,
      indicator_key: level3 ? (INDICATOR_KEYS.find((k) => k.pattern.test(compact(foldWidth(level3))))?.key ?? null) : null,
      target_raw: target,
      target_op: t.op,
      target_value: t.value,
      target_unit: t.unit,
      actual_raw: actual,
      actual_op: a.op,
      actual_value: a.value,
      actual_unit: a.unit,
      scoring_rule: rawText(v.scoring_rule),
      description: rawText(v.description),
      weight: number('weight'),
      score: number('score'),
      review_score: number('review_score'),
      deduction: number('deduction'),
      rescore: null,
      rescore_method: null,
      note: rawText(v.note ?? v.comment),
      table_index: row.tableIndex,
      source_row: row.sourceRow,
      source_line: row.prov.line ?? null,
      bbox: showBbox(rowBox(row)),
    };
  });
  for (const n of notes) note(rows[n.row] ?? null, n.row, n.code, n.message);
  const mergedBlocks = blocks.map((b): MergedBlock => {
    const at = placeOf(b.prov, { table: b.tableIndex, row: b.row, column: b.col });
    const names = b.rows.map((i) => indicators[i]!.level3 ?? `row ${i}`).join(', ');
    findings.push({
      report_id: reportId,
      row_index: b.rows[0]!,
      code: 'MERGED_BLOCK_VALUE',
      severity: 'info',
      field: COLUMN_OF[b.field] ?? b.field,
      printed: b.printed,
      expected: null,
      message: `${b.field} ${b.printed} is printed once, in a cell merged over ${b.rows.length} indicators (${names}): it is the block's, so their ${b.field} is left empty; the sums count it once`,
      origin: 'extraction',
      ...findingPlace(at),
    });
    return { field: COLUMN_OF[b.field] ?? b.field, printed: b.printed, value: b.value, row_indexes: b.rows, at };
  });
  // Notes on the report's metadata (region, year) point at its first row, where the report starts.
  for (const n of meta.notes) {
    const place = rows[0] ? rowPlace(rows[0]) : null;
    findings.push({ report_id: reportId, row_index: null, code: n.code, severity: n.severity, field: n.field, printed: n.printed, expected: null, message: n.message, origin: 'extraction', ...findingPlace(place) });
  }
  // Rows and report cells read by OCR: low-confidence cells and corrected numbers are findings, never silent.
  const ocr = ocrFindings(reportId, draft, rows);
  const fieldReads = reportFieldReads(draft);
  const budget = draft.forms.find((f) => f.budget)?.budget ?? meta.budgetInLines;
  findings.push(...ocr, ...reportCellFindings(reportId, fieldReads), ...unreadUnitFindings(reportId, fieldReads, budget?.unit ?? null), ...unheadedBudgetFindings(reportId, draft));
  const scanned = draft.parts.some((p) => readByOcr(p.grid));
  if (scanned) findings.push(...carriedLabelFindings(levels, ocr));

  const annual = parseDecimal(budget?.values.annual ?? null);
  const executed = parseDecimal(budget?.values.executed ?? null);
  const executionScore = parseDecimal(budget?.values.score ?? null);
  const sections = draft.parts.map((p) => p.indicators!);
  // A report with a level-1 summary table totals there; its score tables' 合计 rows are subtotals.
  const totals = sections.filter((s) => s.totalScore !== null);
  const totalPrinted = draft.summary?.totalScore ?? (totals.length === 1 ? totals[0]!.totalScore : null) ?? meta.totalInHeader;
  const scores = indicators.map((i) => i.score).filter((s): s is string => s !== null);
  const region = meta.region;
  const report: Report = {
    report_id: reportId,
    doc_id: doc.docId,
    source: doc.source,
    page_start: rows[0]?.prov.page ?? null,
    report_kind: meta.kind,
    title: meta.title,
    project_name: meta.projectName,
    department: meta.department,
    implementing_unit: meta.implementingUnit,
    province: region?.province ?? null,
    prefecture: region?.prefecture ?? null,
    county: region?.county ?? null,
    admin_code: region?.adminCode ?? null,
    region_name: region?.regionName ?? null,
    year: meta.year,
    budget_unit: budget?.unit ?? null,
    budget_initial: parseDecimal(budget?.values.initial ?? null),
    budget_annual: annual,
    budget_executed: executed,
    execution_rate_printed: rawText(budget?.values.rate),
    execution_rate_computed:
      annual !== null && executed !== null && !new Decimal(annual).isZero()
        ? new Decimal(executed).div(annual).times(100).toDecimalPlaces(4).toString()
        : null,
    execution_weight: parseDecimal(budget?.values.weight ?? null),
    execution_score: executionScore,
    execution_rescore: null,
    total_printed: totalPrinted,
    total_computed:
      scores.length > 0 ? scores.reduce((acc, s) => acc.plus(s), new Decimal(executionScore ?? 0)).toString() : null,
    grade_printed: rawText([...sections].reverse().find((s) => s.grade !== null)?.grade ?? meta.gradeInProse ?? meta.gradeInLine),
    grade_computed: null,
    filled_date: meta.filledDate,
    indicator_count: indicators.length,
    finding_count: findings.length,
    extraction_method: scanned ? 'pdf_ocr' : METHOD[doc.format],
    goal_expected: rawText(draft.forms.find((f) => f.goalExpected)?.goalExpected),
    goal_actual: rawText(draft.forms.find((f) => f.goalActual)?.goalActual),
    table_indexes: [...new Set(draft.parts.map((p) => p.grid.tableIndex))].join(' '),
  };
  return { report, indicators, findings, evidence: { ...readEvidence(draft, rows), merged_blocks: mergedBlocks, unplaced: unplacedTexts(draft, rows, blocks) } };
}

/** The box around a row's own cells on the row's page (merged labels from rows above left out). */
function rowBox(row: MappedRow): [number, number, number, number] | null {
  const boxes = Object.values(row.cells).flatMap((c) => (c.row === row.sourceRow && c.prov.bbox && c.prov.page === row.prov.page ? [c.prov.bbox] : []));
  if (boxes.length === 0) return null;
  return [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
}
