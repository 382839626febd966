import Decimal from 'decimal.js';
import type { DocumentResult, Indicator, Report } from '../../schemas/dataset';
import type { GoldenDocument, GoldenIndicator, GoldenReport } from '../../schemas/golden';
import { compact, foldWidth } from '../text';
import { doubtedRead, extractionFlags, missedReportSaid, reportFieldFlags, reportMisses, type Miss } from './unflagged';

/** How one document's extraction compares with its golden records. */
export interface DocumentScore {
  reportsExpected: number;
  reportsFound: number;
  reportsExtra: number;
  rowsExpected: number;
  rowsExact: number;
  /**
   * Rows whose numbers are all right (weights, scores, and every number printed in the target
   * and the actual, with its sign and `%`), their words aside: what a prose misread leaves intact.
   */
  rowsNumbersRight: number;
  rowsExtra: number;
  /**
   * Rows not read right (golden rows misread or lost, extra rows) in found reports that the
   * dataset does not warn of: no doubt on the report, no extraction finding on the row (see
   * `unflagged.ts`). The worst case for a user: a wrong value that looks sound.
   */
  rowsUnflagged: number;
  /**
   * Rows read exactly that the dataset warns of all the same (report doubted, an extraction finding
   * on the row): a flag that cries wolf. Counted so that flagging more can be seen to cost something.
   */
  rowsExactFlagged: number;
  /**
   * Rows not read right that the dataset does warn of (the misses `rowsUnflagged` leaves out):
   * with `rowsExactFlagged`, how much a flag means (of the rows flagged, the share truly wrong).
   */
  rowsMissedFlagged: number;
  /** Golden reports not found, of which the document's output says nothing (`missedReportSaid`). */
  reportsMissedSilent: number;
  /** Extracted reports paired with no golden report, read with `high` confidence. */
  reportsExtraUnflagged: number;
  /** Every unflagged miss, as `report#: kind where`. */
  unflagged: string[];
  /** Report fields the golden records have (budget, rate, total, grade, project, department…) read wrong in found reports. */
  reportFieldsWrong: number;
  /** Of those, the ones the dataset does not warn of (`reportFieldFlags`): a wrong value that looks sound. */
  reportFieldsUnflagged: number;
  /** Of the unflagged, those left empty: a value not read (missing), not a wrong one. */
  reportFieldsUnflaggedEmpty: number;
  /** Every unflagged wrong report field, as `report#: field expected ≠ got`. */
  unflaggedFields: string[];
  /** `report#: field expected ≠ got`, for every report field and row that differs. */
  differences: string[];
}

const sameText = (a: string | null | undefined, b: string | null | undefined) => compact(a ?? '') === compact(b ?? '');
const sameDecimal = (a: string | null | undefined, b: string | null | undefined) =>
  a == null || b == null ? a == null && b == null : new Decimal(a).equals(b);

/** Fields compared for every row; optional golden fields only where the golden file has them. */
const ROW_TEXT: ReadonlyArray<[keyof GoldenIndicator, keyof Indicator]> = [
  ['level1', 'level1'],
  ['level2', 'level2'],
  ['level3', 'level3'],
  ['target_raw', 'target_raw'],
  ['actual_raw', 'actual_raw'],
  ['scoring_rule', 'scoring_rule'],
  ['description', 'description'],
  ['note', 'note'],
];
const ROW_DECIMAL: ReadonlyArray<[keyof GoldenIndicator, keyof Indicator]> = [
  ['level1_weight', 'level1_weight'],
  ['level2_weight', 'level2_weight'],
  ['weight', 'weight'],
  ['score', 'score'],
  ['review_score', 'review_score'],
  ['deduction', 'deduction'],
];

function rowDifferences(g: GoldenIndicator, x: Indicator): string[] {
  const out: string[] = [];
  for (const [gf, xf] of ROW_TEXT) {
    if (g[gf] === undefined) continue;
    if (!sameText(g[gf] as string | null, x[xf] as string | null)) out.push(`${gf}: ${JSON.stringify(g[gf])} ≠ ${JSON.stringify(x[xf])}`);
  }
  for (const [gf, xf] of ROW_DECIMAL) {
    if (g[gf] === undefined) continue;
    if (!sameDecimal(g[gf] as string | null, x[xf] as string | null)) out.push(`${gf}: ${g[gf]} ≠ ${x[xf]}`);
  }
  return out;
}

/**
 * The numbers printed in a text, in order, each with its comparison sign and `%`; white space
 * dropped first, as `sameText` drops it, so an exact row always has its numbers right (`≥ 95 %`).
 */
const numbersIn = (s: string | null | undefined) => (foldWidth(s ?? '').replace(/\s+/g, '').match(/[≥≤<>]?\d+(?:\.\d+)?%?/g) ?? []).join(' ');

function sameNumbers(g: GoldenIndicator, x: Indicator): boolean {
  for (const [gf, xf] of ROW_DECIMAL) {
    if (g[gf] !== undefined && !sameDecimal(g[gf] as string | null, x[xf] as string | null)) return false;
  }
  return (['target_raw', 'actual_raw'] as const).every((f) => g[f] === undefined || numbersIn(g[f]) === numbersIn(x[f]));
}

/** A row as the golden one: every compared field the same. */
export const sameRow = (g: GoldenIndicator, x: Indicator) => rowDifferences(g, x).length === 0;

/** Longest common subsequence of rows that match: the order of rows matters. */
function exactRows(golden: GoldenIndicator[], got: Indicator[], matches = sameRow): { exact: number; pairs: Array<[number, number]> } {
  const n = golden.length;
  const m = got.length;
  const match = golden.map((g) => got.map((x) => matches(g, x)));
  const dp = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i]![j] = match[i]![j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (match[i]![j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return { exact: dp[0]![0]!, pairs };
}

/** A report field that differs from the golden one: the report column, and `field: expected ≠ got`. */
interface FieldDifference {
  field: string;
  text: string;
  /** The read left it empty. */
  empty: boolean;
}

function reportDifferences(g: GoldenReport, r: Report): FieldDifference[] {
  const out: FieldDifference[] = [];
  const text: Array<[string, string | null, string | null]> = [
    ['report_kind', g.report_kind, r.report_kind],
    ['project_name', g.project_name, r.project_name],
    ['department', g.department, r.department],
    ['implementing_unit', g.implementing_unit, r.implementing_unit],
    ['region_name', g.region_name, r.region_name],
    ['province', g.province, r.province],
    ['prefecture', g.prefecture, r.prefecture],
    ['county', g.county, r.county],
    ['admin_code', g.admin_code, r.admin_code],
    ['filled_date', g.filled_date, r.filled_date],
    ['grade_printed', g.grade_printed, r.grade_printed],
    ['budget_unit', g.budget?.unit ?? null, r.budget_unit],
    ['execution_rate_printed', g.budget?.rate_printed ?? null, r.execution_rate_printed],
  ];
  for (const [f, a, b] of text) if (!sameText(a, b)) out.push({ field: f, text: `${f}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`, empty: b === null });
  if (g.year !== r.year) out.push({ field: 'year', text: `year: ${g.year} ≠ ${r.year}`, empty: r.year === null });
  const dec: Array<[string, string | null, string | null]> = [
    ['budget_initial', g.budget?.initial ?? null, r.budget_initial],
    ['budget_annual', g.budget?.annual ?? null, r.budget_annual],
    ['budget_executed', g.budget?.executed ?? null, r.budget_executed],
    ['execution_weight', g.budget?.weight ?? null, r.execution_weight],
    ['execution_score', g.budget?.score ?? null, r.execution_score],
    ['total_printed', g.total_printed, r.total_printed],
  ];
  for (const [f, a, b] of dec) if (!sameDecimal(a, b)) out.push({ field: f, text: `${f}: ${a} ≠ ${b}`, empty: b === null });
  // Columns of summary reports, where the golden record has them.
  for (const f of ['budget_central', 'budget_provincial', 'budget_municipal', 'budget_county', 'budget_balance', 'budget_balance_returned'] as const) {
    if (g[f] !== undefined && !sameDecimal(g[f], r[f] ?? null)) out.push({ field: f, text: `${f}: ${g[f]} ≠ ${r[f]}`, empty: (r[f] ?? null) === null });
  }
  if (g.result_application !== undefined && !sameText(g.result_application, r.result_application)) {
    out.push({ field: 'result_application', text: `result_application: ${JSON.stringify(g.result_application)} ≠ ${JSON.stringify(r.result_application)}`, empty: (r.result_application ?? null) === null });
  }
  return out;
}

/** The counts of a score: zero in an empty one, added up by addScore (its lists are each document's own). */
const COUNTS = [
  'reportsExpected',
  'reportsFound',
  'reportsExtra',
  'rowsExpected',
  'rowsExact',
  'rowsNumbersRight',
  'rowsExtra',
  'rowsUnflagged',
  'rowsExactFlagged',
  'rowsMissedFlagged',
  'reportsMissedSilent',
  'reportsExtraUnflagged',
  'reportFieldsWrong',
  'reportFieldsUnflagged',
  'reportFieldsUnflaggedEmpty',
] as const satisfies ReadonlyArray<keyof DocumentScore>;

/** A score of nothing: the start of one document's and of every sum of scores. */
export const emptyScore = (): DocumentScore => ({
  ...(Object.fromEntries(COUNTS.map((k) => [k, 0])) as Record<(typeof COUNTS)[number], number>),
  unflagged: [],
  unflaggedFields: [],
  differences: [],
});

/** Adds a score's counts into a sum of scores (its lists of differences are the document's alone). */
export function addScore(into: DocumentScore, s: DocumentScore): void {
  for (const k of COUNTS) into[k] += s[k];
}

/**
 * Pairs golden reports with extracted ones (`pairReports`) and counts exact, missed and extra rows.
 */
export function compareDocument(golden: GoldenDocument, result: DocumentResult): DocumentScore {
  const got = result.reports;
  const score: DocumentScore = {
    ...emptyScore(),
    reportsExpected: golden.reports.length,
    rowsExpected: golden.reports.reduce((n, r) => n + r.indicators.length, 0),
  };
  const paired = pairReports(golden.reports, result);
  const used = new Set(paired.values());
  golden.reports.forEach((g, gi) => {
    const best = paired.get(gi);
    if (best === undefined) {
      const said = missedReportSaid(result);
      score.differences.push(`report ${gi} (${g.project_name ?? g.title}): not found${said ? '' : ', and the output says nothing of it'}`);
      if (!said) score.reportsMissedSilent++;
      return;
    }
    score.reportsFound++;
    const x = got[best]!;
    const { exact, pairs } = exactRows(g.indicators, x.indicators);
    score.rowsExact += exact;
    score.rowsNumbersRight += exactRows(g.indicators, x.indicators, sameNumbers).exact;
    score.rowsExtra += x.indicators.length - exact;
    score.rowsExactFlagged += pairs.filter(([, j]) => doubtedRead(x) || extractionFlags(x, x.indicators[j]!.row_index).length > 0).length;
    for (const d of reportDifferences(g, x.report)) {
      score.differences.push(`report ${gi}: ${d.text}`);
      score.reportFieldsWrong++;
      if (reportFieldFlags(x, d.field).length > 0) continue;
      score.reportFieldsUnflagged++;
      if (d.empty) score.reportFieldsUnflaggedEmpty++;
      score.unflaggedFields.push(`report ${gi}: ${d.text}`);
    }
    const misses = reportMisses(g.indicators, x, pairs);
    score.rowsMissedFlagged += misses.filter((m: Miss) => m.flagged).length;
    const unflagged = misses.filter((m: Miss) => !m.flagged);
    score.rowsUnflagged += unflagged.length;
    for (const m of unflagged) score.unflagged.push(`report ${gi}: ${m.kind} ${m.where}`);
    const pairedGolden = new Set(pairs.map(([i]) => i));
    const pairedGot = new Set(pairs.map(([, j]) => j));
    g.indicators.forEach((row, i) => {
      if (pairedGolden.has(i)) return;
      const near = x.indicators.findIndex((r, j) => !pairedGot.has(j) && sameText(r.level3, row.level3));
      const detail = near >= 0 ? rowDifferences(row, x.indicators[near]!).join('; ') : 'no row with this level3';
      score.differences.push(`report ${gi} row ${i} (${row.level3}): ${detail}`);
    });
  });
  score.reportsExtra = got.length - used.size;
  got.forEach((x, xi) => {
    if (used.has(xi) || doubtedRead(x)) return;
    score.reportsExtraUnflagged++;
    score.unflagged.push(`extra report ${xi} (${x.report.project_name ?? x.report.title}), ${x.indicators.length} rows, read with high confidence`);
  });
  return score;
}

/**
 * Golden reports paired with extracted ones, golden index → extracted index: the pairs that
 * match best first (most exactly matching rows, half a row for the same project name), document
 * order on ties, each report once; a pair matching nothing is none. Walked in golden order
 * instead, a report whose own form was misread (its title and rows) took the next report's form
 * for a row or two in common, and each report after it another's: their rows were scored
 * against other forms' rows.
 */
function pairReports(golden: ReadonlyArray<GoldenReport>, result: DocumentResult): Map<number, number> {
  const candidates = golden
    .flatMap((g, gi) =>
      result.reports.map((x, xi) => ({ gi, xi, match: exactRows(g.indicators, x.indicators).exact + (sameText(g.project_name, x.report.project_name) ? 0.5 : 0) })),
    )
    .filter((c) => c.match > 0)
    .sort((a, b) => b.match - a.match || a.gi - b.gi || a.xi - b.xi);
  const paired = new Map<number, number>();
  const taken = new Set<number>();
  for (const { gi, xi } of candidates) {
    if (paired.has(gi) || taken.has(xi)) continue;
    paired.set(gi, xi);
    taken.add(xi);
  }
  return paired;
}
