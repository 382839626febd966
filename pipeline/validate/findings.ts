import type { Finding, Indicator, Report, Severity } from '../../schemas/dataset';

/**
 * Findings of the validator. Every one names what was printed, what the rule expects, the rule,
 * and where it was printed (document and table through the report, row, page when known).
 */
export const VALIDATION_CODES = [
  'SCORE_EXCEEDS_WEIGHT',
  'TOTAL_MISMATCH',
  'EXEC_RATE_MISMATCH',
  'EXEC_SCORE_MISMATCH',
  'RESCORE_MISMATCH',
  'NEGATIVE_FORM_UNDETERMINED',
  'LEVEL1_WEIGHT_MISMATCH',
  'LEVEL2_WEIGHT_MISMATCH',
  'LEVEL1_SCORE_MISMATCH',
  'WEIGHTS_NOT_100',
  'GRADE_MISMATCH',
  'UNIT_SUSPECT',
  'QUALITATIVE_BAND',
  'RULE_UNPARSED',
  'SCORE_NOT_PRINTED',
  'NARRATIVE_SCORE_MISMATCH',
  'NARRATIVE_WEIGHT_MISMATCH',
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

/** Checks of prose against tables: they need the document's text, which `check` does not have. */
export const NARRATIVE_CODES: ReadonlySet<string> = new Set(['NARRATIVE_SCORE_MISMATCH', 'NARRATIVE_WEIGHT_MISMATCH']);
const CODES: ReadonlySet<string> = new Set(VALIDATION_CODES);
export const isValidationFinding = (f: Finding) => CODES.has(f.code);

export interface FindingDetail {
  field: string | null;
  printed: string | null;
  expected: string | null;
  /** The rule and the arithmetic, in words a reader can check by hand. */
  message: string;
  /** Where a report-level value was printed (the budget block's row), when known. */
  sourceRow?: number | null;
}

/** A finding on a row (provenance from the row) or on the report (its first table). */
export function makeFinding(report: Report, row: Indicator | null, code: ValidationCode, severity: Severity, detail: FindingDetail): Finding {
  const firstTable = report.table_indexes.split(' ')[0];
  return {
    report_id: report.report_id,
    row_index: row?.row_index ?? null,
    code,
    severity,
    field: detail.field,
    printed: detail.printed,
    expected: detail.expected,
    message: detail.message,
    page: row?.page ?? report.page_start,
    table_index: row?.table_index ?? (firstTable === undefined || firstTable === '' ? null : parseInt(firstTable, 10)),
    source_row: row?.source_row ?? detail.sourceRow ?? null,
  };
}

export interface FindingCounts {
  reports: number;
  errors: number;
  warnings: number;
  info: number;
}

/** Counts of the validator's own findings (extraction decisions are counted elsewhere). */
export function countFindings(reports: ReadonlyArray<{ findings: ReadonlyArray<Finding> }>): FindingCounts {
  const counts: FindingCounts = { reports: reports.length, errors: 0, warnings: 0, info: 0 };
  for (const r of reports) {
    for (const f of r.findings) {
      if (!isValidationFinding(f)) continue;
      if (f.severity === 'error') counts.errors++;
      else if (f.severity === 'warning') counts.warnings++;
      else counts.info++;
    }
  }
  return counts;
}

export const showCounts = (c: FindingCounts) => `${c.reports} reports, ${c.errors} errors, ${c.warnings} warnings, ${c.info} info`;
