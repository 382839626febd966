import type { DocumentResult, Indicator, ReportResult } from '../../schemas/dataset';
import type { GoldenIndicator } from '../../schemas/golden';
import { saysNothingLost } from '../vocabulary/reasons';
import { compact } from '../text';

/**
 * A row the read did not get right, as the golden records see it, and whether the dataset warns
 * its user. For our users the worst case is a wrong value in a report that says `high` with no
 * finding on the row: that is an unflagged miss. The one definition the corpus eval, the scan-grid
 * bench and the OCR corpus test count.
 *
 * - `misread`: a golden row not read exactly, with the extracted row that stands in its place;
 * - `lost`: a golden row with no extracted row in its place (dropped, or joined to another);
 * - `extra`: an extracted row in no golden row's place (a split, a row read twice, not a row).
 *
 * A miss is flagged when its report's read is doubted as a whole (`extraction_confidence` low), or
 * when its extracted row carries a finding of origin `extraction` (EXTRACTION_SUSPECT on the row,
 * OCR_*, ROW_REALIGNED, LEVEL_*…: a doubt or a decision of jixiao's own reading, pointing the user
 * at this row). A document's own inconsistency (origin `document`) flags nothing: it would blame
 * the document for a misread. A lost row has no row of its own to carry a finding: only a doubt on
 * the whole report flags it (a finding on a neighbour is about the neighbour's values).
 */
export interface Miss {
  kind: 'misread' | 'lost' | 'extra';
  /** The golden row (`misread`, `lost`) or the extracted row (`extra`), as `golden row 3` / `row 7`, with its level3. */
  where: string;
  flagged: boolean;
  /** The extraction findings that flag it, or `report low` for a doubted read. */
  flaggedBy: string[];
}

/** The row's findings that are jixiao's doubts or decisions about its own read. */
export function extractionFlags(report: ReportResult, rowIndex: number): string[] {
  return [...new Set(report.findings.filter((f) => f.origin === 'extraction' && f.row_index === rowIndex).map((f) => f.code))];
}

/**
 * What warns the user of a report field read wrong (a budget figure, the rate, 总分, the grade,
 * the project…): the report's read doubted as a whole, or a finding of origin `extraction` on the
 * report (no row) naming that field (OCR_LOW_CONFIDENCE on the budget cell, REGION_SOURCE…). As for
 * rows, a document-origin finding flags nothing, even one computed from the field.
 */
export function reportFieldFlags(report: ReportResult, field: string): string[] {
  if (doubtedRead(report)) return ['report low'];
  const named = [field, ...(REGION_COLUMNS.includes(field) ? ['region_name'] : [])];
  return [...new Set(report.findings.filter((f) => f.origin === 'extraction' && f.row_index === null && named.includes(f.field ?? '')).map((f) => f.code))];
}

/**
 * The columns resolved from `region_name` (pipeline/region.ts): a finding on the printed region
 * (REGION_SOURCE, PLACE_NAME_DOUBTFUL: where it came from, why it is left unresolved) speaks for them.
 */
const REGION_COLUMNS: readonly string[] = ['province', 'prefecture', 'county', 'admin_code'];

/** A report whose read jixiao doubts as a whole (its self-checks failed). */
export const doubtedRead = (report: ReportResult) => report.report.extraction_confidence === 'low';

/**
 * The misses of one golden report against the extracted report paired with it, given the rows the
 * comparison paired exactly (golden index, extracted index; increasing). Between two exact pairs,
 * the unpaired rows on each side stand in each other's place: by the same level3 first, then in
 * order.
 */
export function reportMisses(golden: GoldenIndicator[], got: ReportResult, exactPairs: ReadonlyArray<readonly [number, number]>): Miss[] {
  const misses: Miss[] = [];
  const rows = got.indicators;
  const bounds: Array<readonly [number, number]> = [...exactPairs, [golden.length, rows.length]];
  let gFrom = 0;
  let xFrom = 0;
  for (const [gTo, xTo] of bounds) {
    misses.push(...gapMisses(golden, gFrom, gTo, rows, xFrom, xTo, got));
    gFrom = gTo + 1;
    xFrom = xTo + 1;
  }
  return misses;
}

function gapMisses(golden: GoldenIndicator[], gFrom: number, gTo: number, rows: Indicator[], xFrom: number, xTo: number, got: ReportResult): Miss[] {
  const goldenLeft = range(gFrom, gTo);
  const gotLeft = range(xFrom, xTo);
  const place = new Map<number, number>();
  for (const gi of goldenLeft) {
    const same = gotLeft.findIndex((xi) => compact(rows[xi]!.level3 ?? '') === compact(golden[gi]!.level3 ?? ''));
    if (same >= 0) place.set(gi, gotLeft.splice(same, 1)[0]!);
  }
  for (const gi of goldenLeft) if (!place.has(gi) && gotLeft.length > 0) place.set(gi, gotLeft.shift()!);
  const doubted = doubtedRead(got);
  const flagsOf = (xi: number) => (doubted ? ['report low'] : extractionFlags(got, rows[xi]!.row_index));
  const misses: Miss[] = goldenLeft.map((gi) => {
    const xi = place.get(gi);
    const flaggedBy = xi === undefined ? (doubted ? ['report low'] : []) : flagsOf(xi);
    return { kind: xi === undefined ? 'lost' : 'misread', where: `golden row ${gi} (${golden[gi]!.level3})`, flagged: flaggedBy.length > 0, flaggedBy };
  });
  for (const xi of gotLeft) {
    const flaggedBy = flagsOf(xi);
    misses.push({ kind: 'extra', where: `row ${rows[xi]!.row_index} (${rows[xi]!.level3})`, flagged: flaggedBy.length > 0, flaggedBy });
  }
  return misses;
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/**
 * A golden report that was not found, and whether the document's output says anything of it:
 * the document failed (its error says why), its parser warned of something it could not read
 * (pages laid out like a table without rules, pages without a text layer), or a report read from
 * it is doubted or carries an EXTRACTION_SUSPECT (a table or rows the read lost). A document read
 * as `ok`, or `no_report` with only "no table found" or "a blank form", and nothing doubted is
 * silent: the user cannot know a report is missing.
 */
export function missedReportSaid(result: DocumentResult): boolean {
  const { status, error } = result.document;
  return (
    status === 'failed' ||
    (error !== null && !saysNothingLost(error)) ||
    result.reports.some((r) => doubtedRead(r) || r.findings.some((f) => f.origin === 'extraction' && f.code === 'EXTRACTION_SUSPECT'))
  );
}
