/**
 * The worst miss a read can make, counted: rows of a `high` report with no warning or error on
 * them that match no golden row of their document exactly (a wrong value nobody is told of).
 * Beside it, what eval counts: reports found, rows exact. Files are scored against the golden
 * file their name starts with, as `jixiao eval` does.
 *
 *   npx tsx test/bench/unflagged-rows.ts corpus/producers/calc-xlsx corpus/pdf/002-…-unruled.pdf …
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { GoldenDocumentSchema } from '../../schemas/golden';
import { extractDocument } from '../../pipeline/extract';
import { compareDocument, sameRow } from '../../pipeline/evaluate/compare';

const GOLDEN = join(import.meta.dirname, '../../corpus/golden');

async function files(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    if ((await stat(p)).isDirectory()) out.push(...(await readdir(p)).filter((f) => f.endsWith('.pdf')).sort().map((f) => join(p, f)));
    else out.push(p);
  }
  return out;
}

const ids = (await readdir(GOLDEN)).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json'));
const total = { reports: 0, expected: 0, exact: 0, rows: 0, low: 0, extraReports: 0, unflagged: 0 };
for (const path of await files(process.argv.slice(2))) {
  const id = ids.find((k) => basename(path).startsWith(k));
  if (!id) continue;
  const golden = GoldenDocumentSchema.parse(JSON.parse(await readFile(join(GOLDEN, `${id}.json`), 'utf8')));
  const result = await extractDocument(await readFile(path), basename(path), { path });
  const score = compareDocument(golden, result);
  const goldenRows = golden.reports.flatMap((r) => r.indicators);
  let unflagged = 0;
  let rows = 0;
  let low = 0;
  for (const r of result.reports) {
    rows += r.indicators.length;
    if (r.report.extraction_confidence === 'low') {
      low++;
      continue;
    }
    const flagged = new Set(r.findings.filter((f) => f.severity !== 'info' && f.row_index !== null).map((f) => f.row_index));
    unflagged += r.indicators.filter((x) => !flagged.has(x.row_index) && !goldenRows.some((g) => sameRow(g, x))).length;
  }
  console.log(`${path}: reports ${score.reportsFound}/${score.reportsExpected} (+${score.reportsExtra} extra, ${low} low), rows exact ${score.rowsExact}/${score.rowsExpected}, rows read ${rows}, non-exact rows without a finding ${unflagged}`);
  Object.assign(total, {
    reports: total.reports + score.reportsFound,
    expected: total.expected + score.rowsExpected,
    exact: total.exact + score.rowsExact,
    rows: total.rows + rows,
    low: total.low + low,
    extraReports: total.extraReports + score.reportsExtra,
    unflagged: total.unflagged + unflagged,
  });
}
console.log(`total: reports found ${total.reports} (+${total.extraReports} extra, ${total.low} low), rows exact ${total.exact}/${total.expected}, rows read ${total.rows}, non-exact rows without a finding ${total.unflagged}`);
