import { findingPlace, type Evidence, type FieldCell, type Finding, type FindingOrigin, type Indicator, type Place, type Report, type Severity } from '../../schemas/dataset';

/**
 * What a check observes: the code, what was printed, what the rule expects, the rule and the
 * arithmetic in words, and the row and field it is about. The runner (index.ts) turns it into a
 * finding that points at the cell.
 */
export interface Observation {
  row_index: number | null;
  code: string;
  severity: Severity;
  field: string | null;
  printed: string | null;
  expected: string | null;
  /** The rule and the arithmetic, in words a reader can check by hand. */
  message: string;
  /** Where the observed text was printed, when that is no field's cell (a text the read lost). */
  at?: Place | null;
  /** The rows whose cells it is computed from, when not only its own (a level's rows for its printed weight). */
  from_rows?: number[];
  /** The columns it is computed from, when fewer than its code reads (`report.budget_annual` for that column's total). */
  reads?: string[];
}

/** What a check says of an observation beyond its row, code and severity. */
export type ObservationDetail = Omit<Observation, 'row_index' | 'code' | 'severity'>;

/** An observation on a row, or on the report when `row` is null. */
export function observe(row: Indicator | null, code: string, severity: Severity, detail: ObservationDetail): Observation {
  return { row_index: row?.row_index ?? null, code, severity, ...detail };
}

/** Report-level fields whose value another cell holds: the level's label prints its weight. */
const HELD_IN: Readonly<Record<string, string>> = { level1_weight: 'level1', level2_weight: 'level2', weight: 'weight_total_printed' };

/**
 * The cell an observation is about: the field's own cell, else the cell that prints it (a level
 * weight inside its label), else the row's first cell, else the report's first table.
 */
export function placeOf(o: Pick<Observation, 'row_index' | 'field'>, report: Report, evidence: Evidence): Place | null {
  const at = (cell: FieldCell | undefined): Place | null => (cell ? { ...cell } : null);
  const cells = evidence.cells.filter((c) => c.row_index === o.row_index);
  const byField = (field: string | null | undefined) => (field ? cells.find((c) => c.field === field) : undefined);
  const own = byField(o.field) ?? byField(HELD_IN[o.field ?? '']);
  if (own) return at(own);
  if (o.row_index !== null) {
    // The row's own cells (the latest grid row; merged labels start above it), first column first.
    const first = [...cells].sort((a, b) => (b.row ?? 0) - (a.row ?? 0) || (a.column ?? 0) - (b.column ?? 0))[0];
    if (first) return at(first);
  }
  const table = evidence.table_indexes[0];
  return table === undefined && report.page_start === null
    ? null
    : { page: report.page_start, line: null, table_index: table ?? null, row: null, column: null, bbox: null, confidence: null };
}

/** The finding for an observation, at its cell. */
export function toFinding(o: Observation, origin: FindingOrigin, report: Report, evidence: Evidence): Finding {
  return {
    report_id: report.report_id,
    row_index: o.row_index,
    code: o.code,
    severity: o.severity,
    field: o.field,
    printed: o.printed,
    expected: o.expected,
    message: o.message,
    origin,
    ...findingPlace(o.at !== undefined ? o.at : placeOf(o, report, evidence)),
  };
}

export interface FindingCounts {
  reports: number;
  errors: number;
  warnings: number;
  info: number;
}

export const showCounts = (c: FindingCounts) => `${c.reports} reports, ${c.errors} errors, ${c.warnings} warnings, ${c.info} info`;
