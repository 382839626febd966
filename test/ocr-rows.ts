import { compareDocument } from '../pipeline/evaluate/compare';
import type { DocumentResult, Indicator } from '../schemas/dataset';
import type { GoldenDocument, GoldenIndicator } from '../schemas/golden';

/** Whether an extracted row equals a golden row on every compared field (the harness's test). */
function sameRow(g: GoldenDocument, gRow: GoldenIndicator, result: DocumentResult, report: number, row: Indicator): boolean {
  const one = { ...g, reports: [{ ...g.reports[0]!, indicators: [gRow] }] };
  const mine = { ...result, reports: [{ ...result.reports[report]!, indicators: [row] }] };
  return compareDocument(one, mine).rowsExact === 1;
}

/** Extracted rows that match no golden row exactly, as `report:row`, and whether each has a finding. */
export function inexactRows(g: GoldenDocument, result: DocumentResult): Array<{ where: string; flagged: boolean }> {
  const goldenRows = g.reports.flatMap((r) => r.indicators);
  return result.reports.flatMap((r, ri) =>
    r.indicators
      .filter((row) => !goldenRows.some((gRow) => sameRow(g, gRow, result, ri, row)))
      .map((row) => ({ where: `${ri}:${row.row_index} ${row.level3}`, flagged: r.findings.some((f) => f.row_index === row.row_index) })),
  );
}

