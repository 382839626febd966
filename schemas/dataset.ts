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
});
export type Indicator = z.infer<typeof IndicatorSchema>;

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
  page: z.number().int().positive().nullable(),
  table_index: z.number().int().nonnegative().nullable(),
  source_row: z.number().int().nonnegative().nullable(),
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

/** Everything extracted from one document: the unit a run saves, resumes and merges. */
export const DocumentResultSchema = z.object({
  document: DocumentRecordSchema,
  reports: z.array(
    z.object({
      report: ReportSchema,
      indicators: z.array(IndicatorSchema),
      findings: z.array(FindingSchema),
    }),
  ),
});
export type DocumentResult = z.infer<typeof DocumentResultSchema>;

/** dataset.json: documents → reports → indicators and findings. */
export const DatasetSchema = z.object({
  generator: z.string(),
  documents: z.array(DocumentResultSchema),
});
export type Dataset = z.infer<typeof DatasetSchema>;
