// Scores the scan grid (corpus/scan-grid) against the goldens, per family and part (tuning,
// held out), with the engine asked for: reports found, rows exact, rows with every number right,
// misses the output does not warn of (pipeline/evaluate/unflagged.ts), report fields (budget, rate,
// total, grade, project…) wrong and wrong without a finding. Not a test (minutes of OCR); run by hand:
//   npx tsx test/bench/ocr-grid.ts [--ocr-engine ppocr|tesseract] [--part tune|tune2|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|heldout10|heldout11|heldout12|heldout13|heldout14|heldout15|heldout16|heldout17|heldout18] [--family NAME…] [--cache] [--out D] [--verbose]
// `--cache` keeps and reuses OCR reads (JIXIAO_OCR_CACHE or its default): for work on what is made
// of the reads (structure, flags), never for a figure on recognition. `--out D` writes each file's
// extraction to D/<file>.json, to see which doubt flags what.
// `--dir D` scores the `<golden id>-…-grid-<family>.pdf` files of another folder instead (tuning
// variety made by `corpus/build/degrade.ts --source`), as part `D`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { configureOcr, ocrConfig, shutdownOcr } from '../../parsers/ocr';
import { addScore, compareDocument, emptyScore, type DocumentScore } from '../../pipeline/evaluate/compare';
import { goldenIdOf } from '../../pipeline/evaluate/corpus';
import { doubtedRead } from '../../pipeline/evaluate/unflagged';
import { extractDocument } from '../../pipeline/extract';
import { CORPUS, golden } from '../helpers';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    'Usage: npx tsx test/bench/ocr-grid.ts [--ocr-engine ppocr|tesseract] [--part tune|tune2|heldout|heldout2|heldout3|heldout4|heldout5|heldout6|heldout7|heldout8|heldout9|heldout10|heldout11|heldout12|heldout13|heldout14|heldout15|heldout16|heldout17|heldout18] [--family NAME…] [--dir D…] [--cache] [--out D] [--verbose]\n' +
      'Scores corpus/scan-grid (tune and heldout unless --part; tune2, heldout2, heldout3, heldout4, heldout5, heldout6, heldout7, heldout8, heldout9, heldout10, heldout11, heldout12, heldout13, heldout14, heldout15, heldout16, heldout17 and heldout18 only when named; while tuning, give --part tune --part tune2: the held-out parts are scored, never inspected)\n' +
      'against the goldens, per file: reports found, rows exact, rows with every number right, unflagged misses (pipeline/evaluate/unflagged.ts).\n',
  );
  process.exit(0);
}
const option = (name: string) => {
  const values: string[] = [];
  args.forEach((a, i) => a === name && args[i + 1] && values.push(args[i + 1]!));
  return values;
};
const engine = option('--ocr-engine')[0] === 'tesseract' ? 'tesseract' : 'ppocr';
const parts = option('--part').length > 0 ? option('--part') : ['tune', 'heldout'];
const families = option('--family');
const verbose = args.includes('--verbose');
/** A difference in one indicator row (`report 3 row 4 (…): …`), as compareDocument words it. */
const ROW_DIFFERENCE = /^report \d+ row \d+ /;
configureOcr({ engine, cacheDir: args.includes('--cache') ? ocrConfig().cacheDir : null, progress: false });
const out = option('--out')[0];
if (out) mkdirSync(out, { recursive: true });

const dirs = option('--dir');
const GRID = join(CORPUS, 'scan-grid');
const goldenIds = readdirSync(join(CORPUS, 'golden'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => basename(f, '.json'));
const folders = dirs.length > 0 ? dirs : parts.map((part) => join(GRID, part));
process.stdout.write(`engine ${engine}\npart\tfamily\tfile\treports\trows exact\tnumbers right\tunflagged\texact flagged\tlow reports\tfields wrong/unflagged\ts/page\n`);
// Per part: the sum of its files' scores, of their misses the output does not warn of (rows and reports alike), and of
// the reports read and those whose read is doubted as a whole (`low`: a doubt on every row, which says least of where).
const totals = new Map<string, { score: DocumentScore; unflagged: number; reports: number; low: number }>();
for (const folder of folders) {
  const part = dirs.length > 0 ? folder : basename(folder);
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.pdf')).sort()) {
    const family = /-grid-([a-z0-9]+)\.pdf$/.exec(file)?.[1] ?? '?';
    if (families.length > 0 && !families.includes(family)) continue;
    const id = goldenIdOf(file, goldenIds) ?? file.split('-')[0]!;
    const started = Date.now();
    const result = await extractDocument(readFileSync(join(folder, file)), file);
    const seconds = (Date.now() - started) / 1000;
    if (out) writeFileSync(join(out, `${file}.json`), JSON.stringify(result));
    const g = golden(id);
    const score = compareDocument(g, result);
    const t = totals.get(part) ?? { score: emptyScore(), unflagged: 0, reports: 0, low: 0 };
    addScore(t.score, score);
    t.unflagged += score.unflagged.length;
    const low = result.reports.filter(doubtedRead).length;
    t.reports += result.reports.length;
    t.low += low;
    totals.set(part, t);
    const pages = result.document.ocr_pages || 1;
    process.stdout.write(
      `${part}\t${family}\t${file}\t${score.reportsFound}/${score.reportsExpected}\t${score.rowsExact}/${score.rowsExpected}\t${score.rowsNumbersRight}/${score.rowsExpected}\t${score.unflagged.length}\t${score.rowsExactFlagged}\t${low}/${result.reports.length}\t${score.reportFieldsWrong}/${score.reportFieldsUnflagged}\t${(seconds / pages).toFixed(2)}\n`,
    );
    // Every row's difference, then the first 40 of the report-level ones: a long document's report
    // fields (a date, a unit missed on each of 16 forms) otherwise fill the list before any row.
    const rowDifferences = score.differences.filter((d) => ROW_DIFFERENCE.test(d));
    const reportDifferences = score.differences.filter((d) => !ROW_DIFFERENCE.test(d)).slice(0, 40);
    if (verbose) for (const d of [...rowDifferences, ...reportDifferences]) process.stdout.write(`    ${JSON.stringify(d)}\n`);
    if (verbose) for (const u of score.unflagged) process.stdout.write(`    unflagged ${u}\n`);
    if (verbose) for (const u of score.unflaggedFields) process.stdout.write(`    unflagged field ${u}\n`);
    if (verbose && result.document.status !== 'ok') process.stdout.write(`    ${result.document.status} ${JSON.stringify(result.document)}\n`);
  }
}
for (const [part, { score: t, unflagged, reports, low }] of totals) {
  process.stdout.write(
    `TOTAL ${part}: reports ${t.reportsFound}/${t.reportsExpected}, rows exact ${t.rowsExact}/${t.rowsExpected} (${((100 * t.rowsExact) / Math.max(1, t.rowsExpected)).toFixed(1)} %), numbers right ${t.rowsNumbersRight}/${t.rowsExpected}, unflagged ${unflagged}, exact but flagged ${t.rowsExactFlagged}, missed and flagged ${t.rowsMissedFlagged} (a flag is right ${((100 * t.rowsMissedFlagged) / Math.max(1, t.rowsMissedFlagged + t.rowsExactFlagged)).toFixed(1)} % of the time), ${low}/${reports} reports read low; report fields wrong ${t.reportFieldsWrong}, ${t.reportFieldsUnflagged} without a finding (${t.reportFieldsUnflaggedEmpty} of them left empty)\n`,
  );
}
await shutdownOcr();
