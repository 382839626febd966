import { z } from 'zod';

/** A decimal kept as its exact digits (never a float): `"95.64"`, `"-3.22"`. */
export const DecimalStringSchema = z.string().regex(/^-?\d+(\.\d+)?$/);
const dec = DecimalStringSchema.nullable();
const str = z.string().nullable();

export const ReportKindSchema = z.enum([
  'project',
  'department',
  'transfer_region',
  'evaluation_report',
  'indicator_system',
  // One row of a table that lists one project per row (部门绩效自评结果公开汇总表): no indicators.
  'summary',
]);
export type ReportKind = z.infer<typeof ReportKindSchema>;

export const ExtractionMethodSchema = z.enum(['html', 'docx', 'doc', 'pdf_text', 'pdf_ocr', 'xlsx', 'ofd', 'text']);
export type ExtractionMethod = z.infer<typeof ExtractionMethodSchema>;

/** Comparison operator of a target or actual value; `~` is 左右 (about). */
export const OperatorSchema = z.enum(['>=', '<=', '=', '>', '<', '~']);
export type Operator = z.infer<typeof OperatorSchema>;

/** One indicator row (indicators.csv). Column names are a public contract: add, never rename. */
export const IndicatorSchema = z.object({
  report_id: z.string(),
  row_index: z.number().int().nonnegative(),
  page: z.number().int().positive().nullable(),
  level1: str,
  level1_weight: dec,
  level2: str,
  level3: str,
  indicator_key: str,
  target_raw: str,
  target_op: OperatorSchema.nullable(),
  target_value: dec,
  target_unit: str,
  actual_raw: str,
  actual_op: OperatorSchema.nullable(),
  actual_value: dec,
  actual_unit: str,
  scoring_rule: str,
  weight: dec,
  score: dec,
  review_score: dec,
  rescore: dec,
  rescore_method: str,
  note: str,
  // Added columns (after the contract's): level-2 weight and deduction (narrative score tables),
  // 指标说明, and provenance: the document's table (from 0), the printed row in it, the text line.
  level2_weight: dec,
  description: str,
  deduction: dec,
  table_index: z.number().int().nonnegative(),
  source_row: z.number().int().nonnegative(),
  source_line: z.number().int().positive().nullable(),
  /** The box around the row's own cells on its page (`x0 y0 x1 y1`), where the format has one. */
  bbox: str.default(null),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

/**
 * `document`: the document contradicts itself or its stated rules; `extraction`: a decision or a
 * doubt of jixiao's own reading (realigned rows, OCR confidence, a suspect read).
 */
export const FindingOriginSchema = z.enum(['document', 'extraction']);
export type FindingOrigin = z.infer<typeof FindingOriginSchema>;

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

/** A problem found in a report (findings.csv), always with where it was printed. */
export const FindingSchema = z.object({
  report_id: z.string(),
  row_index: z.number().int().nonnegative().nullable(),
  code: z.string(),
  severity: SeveritySchema,
  field: str,
  printed: str,
  expected: str,
  message: z.string(),
  // Defaults let datasets of an older jixiao be checked: their validator findings are made anew,
  // and the findings kept (those no check makes) are extraction's.
  origin: FindingOriginSchema.default('extraction'),
  page: z.number().int().positive().nullable(),
  table_index: z.number().int().nonnegative().nullable(),
  source_row: z.number().int().nonnegative().nullable(),
  // Added: the cell's column in its table, and its box on the page (`x0 y0 x1 y1`, PDF points,
  // top-left origin) where the format has one.
  source_column: z.number().int().nonnegative().nullable().default(null),
  bbox: str.default(null),
});
export type Finding = z.infer<typeof FindingSchema>;

/** One evaluation table found in a document (reports.csv). */
export const ReportSchema = z.object({
  report_id: z.string(),
  doc_id: z.string(),
  source: z.string(),
  page_start: z.number().int().positive().nullable(),
  report_kind: ReportKindSchema,
  title: str,
  project_name: str,
  department: str,
  implementing_unit: str,
  province: str,
  prefecture: str,
  county: str,
  admin_code: z.string().regex(/^\d{6}$/).nullable(),
  region_name: str,
  year: z.number().int().nullable(),
  budget_unit: str,
  budget_initial: dec,
  budget_annual: dec,
  budget_executed: dec,
  execution_rate_printed: str,
  execution_rate_computed: dec,
  execution_weight: dec,
  execution_score: dec,
  execution_rescore: dec,
  total_printed: dec,
  total_computed: dec,
  grade_printed: str,
  grade_computed: str,
  filled_date: str,
  indicator_count: z.number().int().nonnegative(),
  finding_count: z.number().int().nonnegative(),
  extraction_method: ExtractionMethodSchema,
  goal_expected: str,
  goal_actual: str,
  table_indexes: z.string(),
  // Added by the validator: what the document prints or states about its own scoring, kept so
  // that `jixiao check` can apply it again without the source. The 分值 of the 总分 row; level-1
  // weights/scores printed in a summary or subtotal rows (`项目决策 20/20; 满意度指标 10/10`);
  // grade bands (`优 90; 良 80; 中 60; 差 0`, lowest total of each), qualitative bands as shares of
  // the weight (`80-100; 50-80; 0-50`) and the negative-indicator form (`A/B` or `deviation`)
  // when the document states them. Optional so that records built before validation parse.
  weight_total_printed: dec.optional(),
  level1_printed: str.optional(),
  grade_bands: str.optional(),
  qualitative_bands: str.optional(),
  negative_form: str.optional(),
  // Added for `summary` reports (one row of a 绩效自评结果公开汇总表), where the table prints them:
  // 预算数 by level of government, 结余数, 结余交回财政数, 自评结果应用意见. Optional: absent on
  // the other kinds.
  budget_central: dec.optional(),
  budget_provincial: dec.optional(),
  budget_municipal: dec.optional(),
  budget_county: dec.optional(),
  budget_balance: dec.optional(),
  budget_balance_returned: dec.optional(),
  result_application: str.optional(),
  // Structural self-checks made before validation (issue 10): `low` comes with EXTRACTION_SUSPECT.
  extraction_confidence: z.enum(['high', 'low']).optional(),
  extraction_confidence_reasons: str.optional(),
});
export type Report = z.infer<typeof ReportSchema>;

export const DocumentStatusSchema = z.enum(['ok', 'no_report', 'failed']);
export type DocumentStatus = z.infer<typeof DocumentStatusSchema>;

/** One input document, including those that failed (documents.csv). */
export const DocumentRecordSchema = z.object({
  doc_id: z.string(),
  source: z.string(),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  format: z.string().nullable(),
  pages: z.number().int().nonnegative().nullable(),
  status: DocumentStatusSchema,
  error: str,
  report_count: z.number().int().nonnegative(),
  ocr_pages: z.number().int().nonnegative(),
  fetched_at: str,
});
export type DocumentRecord = z.infer<typeof DocumentRecordSchema>;

/**
 * Below this confidence (0–100, the lowest word of a cell) an OCR cell is not passed off as
 * clean: its row gets a warning, and a report whose budget figures disagree doubts its read where
 * one of them is below it. Tesseract's confidences for CJK words run low even when right, so this
 * flags more rows than are wrong; a misread that reads confidently is left to the validator's sums.
 */
export const OCR_MIN_CONFIDENCE = 80;

/**
 * Where something was printed: a table cell (table, grid row and column) or a text line, with
 * its page and box where the format has them and the OCR confidence when it was read by OCR.
 */
export const PlaceSchema = z.object({
  page: z.number().int().positive().nullable(),
  line: z.number().int().positive().nullable(),
  table_index: z.number().int().nonnegative().nullable(),
  row: z.number().int().nonnegative().nullable(),
  column: z.number().int().nonnegative().nullable(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  confidence: z.number().min(0).max(100).nullable(),
});
export type Place = z.infer<typeof PlaceSchema>;

/** The cell a record's field was read from: `row_index` null for a report-level field. */
export const FieldCellSchema = PlaceSchema.extend({ row_index: z.number().int().nonnegative().nullable(), field: z.string() });
export type FieldCell = z.infer<typeof FieldCellSchema>;

/** A level-1 as a summary table or a subtotal row prints it (`项目决策 | 20 | 20`). */
export const PrintedLevelSchema = z.object({ level1: z.string(), weight: dec, score: dec, at: PlaceSchema.nullable() });
export type PrintedLevelEvidence = z.infer<typeof PrintedLevelSchema>;

/** A rule or a statement as the document words it, and where. */
const quoted = { quote: z.string(), at: PlaceSchema.nullable() };
export const GradeBandsEvidenceSchema = z.object({
  /** Best first: a grade and the lowest total that earns it; the last band starts at 0. */
  bands: z.array(z.object({ grade: z.string(), from: DecimalStringSchema })),
  ...quoted,
});
const share = z.tuple([DecimalStringSchema, DecimalStringSchema]);
/** Shares of the weight (0–1) a qualitative score may take by stated completion. */
export const QualitativeBandsEvidenceSchema = z.object({ achieved: share, partly: share, missed: share, ...quoted });
export const NegativeFormSchema = z.enum(['A/B', 'deviation']);
export type NegativeForm = z.infer<typeof NegativeFormSchema>;
/** A score or weight stated in prose (`…指标分值 4 分，本项得 3 分`) for a named indicator or level. */
export const StatementSchema = z.object({ name: z.string(), weight: dec, score: dec, ...quoted });
export type Statement = z.infer<typeof StatementSchema>;

/**
 * A source row of the budget block under 年度资金总额 (财政拨款, 其中: 上级补助, 本级安排, 其他资金),
 * values as printed. `part_of` is the index of the source row it is a part of (a 其中 row, an
 * indented or dash-led row, a known part of 财政拨款), null for a row of its own.
 */
export const BudgetSourceSchema = z.object({
  label: z.string(),
  part_of: z.number().int().nonnegative().nullable(),
  /** Printed with 其中 (`of which`): a share of its parent, never a source beside it. */
  of_which: z.boolean(),
  initial: str,
  annual: str,
  executed: str,
  at: PlaceSchema.nullable(),
});
export type BudgetSource = z.infer<typeof BudgetSourceSchema>;

/**
 * A weight or score printed once in a cell merged over several indicator rows: the block's
 * value, not any row's (the rows' own column stays empty); sums count it once.
 */
export const MergedBlockSchema = z.object({
  /** The indicator column: `weight`, `score`, `review_score` or `deduction`. */
  field: z.string(),
  printed: z.string(),
  value: dec,
  row_indexes: z.array(z.number().int().nonnegative()),
  at: PlaceSchema.nullable(),
});
export type MergedBlock = z.infer<typeof MergedBlockSchema>;

/**
 * What the validator needs from a document beyond its records, recorded by extraction so that
 * `jixiao check` applies exactly the same checks without the source.
 */
export const EvidenceSchema = z.object({
  /** The document's tables this report was read from, first one first. */
  table_indexes: z.array(z.number().int().nonnegative()),
  /** Fields of the indicator table's header (`level1`, `weight`, …): what the table prints. */
  columns: z.array(z.string()),
  /** The 分值 the 总分 row prints. */
  weight_total: z.object({ printed: DecimalStringSchema, at: PlaceSchema.nullable() }).nullable(),
  levels_printed: z.array(PrintedLevelSchema),
  grade_bands: GradeBandsEvidenceSchema.nullable(),
  qualitative_bands: QualitativeBandsEvidenceSchema.nullable(),
  negative_form: z.object({ form: NegativeFormSchema, ...quoted }).nullable(),
  statements: z.array(StatementSchema),
  /** The report's total as prose before it states it (`综合得分96分`). */
  stated_total: z.object({ value: DecimalStringSchema, ...quoted }).nullable(),
  budget_sources: z.array(BudgetSourceSchema),
  /** Texts printed in a number column (weight, score) that are not numbers. */
  number_texts: z.array(z.object({ row_index: z.number().int().nonnegative(), field: z.string(), printed: z.string() })),
  /** The cell of every mapped field. */
  cells: z.array(FieldCellSchema),
  /** Weights and scores printed once for a block of rows (absent in datasets written before). */
  merged_blocks: z.array(MergedBlockSchema).default([]),
  /** Rows with a cell drawn on past the paper's edge: part of what they printed is not in the document (absent in datasets written before). */
  past_page_edge: z.array(z.object({ row_index: z.number().int().nonnegative(), at: PlaceSchema })).default([]),
  /**
   * Rows read from a table printed without rules, its columns and rows guessed from where the
   * text stands: each with what the guess could not decide there (null: nothing). Absent in
   * datasets written before.
   */
  unruled: z.array(z.object({ row_index: z.number().int().nonnegative(), doubt: z.string().nullable(), at: PlaceSchema })).default([]),
  /**
   * Texts printed in the table's body (its indicator rows, and a piece of it the table stitching
   * left apart) that no record, label, total or known note holds: a row or a cell the read lost.
   * `row_index` is the record read from the printed row (a cell it dropped), null for a row no
   * record was read from. Absent in datasets written before.
   */
  unplaced: z.array(z.object({ printed: z.string(), row_index: z.number().int().nonnegative().nullable(), at: PlaceSchema.nullable() })).default([]),
  /**
   * Evaluation tables printed beside this report (it is the nearest one found) from which no report
   * was read: an indicator header with no row read under it, with the form's title and project
   * name where printed, at the header. Part of the document's tables went unread. Absent in
   * datasets written before.
   */
  unread_tables: z.array(z.object({ printed: z.string(), at: PlaceSchema.nullable() })).default([]),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** A finding's location columns for a place (`bbox` as `x0 y0 x1 y1`, to the hundredth). */
export function findingPlace(place: Place | null): Pick<Finding, 'page' | 'table_index' | 'source_row' | 'source_column' | 'bbox'> {
  return {
    page: place?.page ?? null,
    table_index: place?.table_index ?? null,
    source_row: place?.row ?? null,
    source_column: place?.column ?? null,
    bbox: showBbox(place?.bbox ?? null),
  };
}

/** A box as the CSVs print it: `x0 y0 x1 y1`, to the hundredth. */
export const showBbox = (bbox: Place['bbox']) => (bbox ? bbox.map((n) => Number(n.toFixed(2))).join(' ') : null);

export const EMPTY_EVIDENCE: Evidence = {
  table_indexes: [],
  columns: [],
  weight_total: null,
  levels_printed: [],
  grade_bands: null,
  qualitative_bands: null,
  negative_form: null,
  statements: [],
  stated_total: null,
  budget_sources: [],
  number_texts: [],
  cells: [],
  merged_blocks: [],
  past_page_edge: [],
  unruled: [],
  unplaced: [],
  unread_tables: [],
};

/** One report with its rows, findings and the evidence they were checked against. */
export const ReportResultSchema = z.object({
  report: ReportSchema,
  indicators: z.array(IndicatorSchema),
  findings: z.array(FindingSchema),
  evidence: EvidenceSchema,
});
export type ReportResult = z.infer<typeof ReportResultSchema>;

/** The same report under another id (and document): its rows and findings follow it. */
export const relabelReport = (r: ReportResult, reportId: string, docId = r.report.doc_id): ReportResult => ({
  ...r,
  report: { ...r.report, doc_id: docId, report_id: reportId },
  indicators: r.indicators.map((i) => ({ ...i, report_id: reportId })),
  findings: r.findings.map((f) => ({ ...f, report_id: reportId })),
});

/** A report as a dataset on disk may hold it: one written before evidence was recorded has none. */
export const StoredReportSchema = ReportResultSchema.extend({ evidence: EvidenceSchema.optional() });
export type StoredReport = z.infer<typeof StoredReportSchema>;

/** Everything extracted from one document: the unit a run saves, resumes and merges. */
export const DocumentResultSchema = z.object({
  document: DocumentRecordSchema,
  reports: z.array(ReportResultSchema),
});
export type DocumentResult = z.infer<typeof DocumentResultSchema>;

/** dataset.json: documents → reports → indicators and findings. */
export const DatasetSchema = z.object({
  generator: z.string(),
  documents: z.array(DocumentResultSchema),
});
export type Dataset = z.infer<typeof DatasetSchema>;

/** dataset.json as `jixiao check` reads it, from this jixiao or an older one. */
export const StoredDatasetSchema = DatasetSchema.extend({
  documents: z.array(DocumentResultSchema.extend({ reports: z.array(StoredReportSchema) })),
});
export type StoredDataset = z.infer<typeof StoredDatasetSchema>;
