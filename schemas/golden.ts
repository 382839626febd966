import { z } from 'zod';

/**
 * Expected records for one corpus document, written by hand from the seed text (never generated
 * by jixiao). Text fields are compared with all whitespace removed; numbers are compared as
 * decimals. `null` means "not printed".
 */
const text = z.string().nullable();
/** A decimal as printed, without its unit (`"10分"` is written `"10"`). */
const decimalText = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'a plain decimal such as "8.7"')
  .nullable();

export const GoldenIndicatorSchema = z.object({
  level1: text,
  level1_weight: decimalText,
  level2: text,
  level2_weight: decimalText.optional(),
  level3: text,
  target_raw: text,
  actual_raw: text,
  scoring_rule: text.optional(),
  description: text.optional(),
  weight: decimalText,
  score: decimalText,
  review_score: decimalText.optional(),
  deduction: decimalText.optional(),
  note: text.optional(),
});

export const GoldenBudgetSchema = z.object({
  unit: text,
  initial: decimalText,
  annual: decimalText,
  executed: decimalText,
  rate_printed: text,
  weight: decimalText,
  score: decimalText,
});

export const GoldenReportSchema = z.object({
  report_kind: z.enum(['project', 'department', 'transfer_region', 'evaluation_report', 'indicator_system', 'summary']),
  title: text,
  project_name: text,
  department: text,
  implementing_unit: text,
  region_name: text,
  province: text,
  prefecture: text,
  county: text,
  admin_code: z.string().regex(/^\d{6}$/).nullable(),
  year: z.number().int().nullable(),
  filled_date: text,
  budget: GoldenBudgetSchema.nullable(),
  total_printed: decimalText,
  grade_printed: text,
  /** Lines printed around the table (title, year line, 单位(盖章), notes): used to render the corpus. */
  preamble: z.array(z.string()).default([]),
  postamble: z.array(z.string()).default([]),
  goal_expected: text.optional(),
  goal_actual: text.optional(),
  indicators: z.array(GoldenIndicatorSchema),
  /**
   * A `summary` report (one row of a 绩效自评结果公开汇总表): 预算数 by level of government, 结余数,
   * 结余交回财政数 and 自评结果应用意见, where printed. Absent on other kinds.
   */
  budget_central: decimalText.optional(),
  budget_provincial: decimalText.optional(),
  budget_municipal: decimalText.optional(),
  budget_county: decimalText.optional(),
  budget_balance: decimalText.optional(),
  budget_balance_returned: decimalText.optional(),
  result_application: text.optional(),
  /** Anything the transcriber found ambiguous in the seed, and how it was read. */
  notes: z.array(z.string()).default([]),
});

export const GoldenDocumentSchema = z.object({
  source: z.string(),
  preamble: z.array(z.string()).default([]),
  reports: z.array(GoldenReportSchema),
});

export type GoldenIndicator = z.infer<typeof GoldenIndicatorSchema>;
export type GoldenReport = z.infer<typeof GoldenReportSchema>;
export type GoldenDocument = z.infer<typeof GoldenDocumentSchema>;
