import type { DocumentScore } from '../evaluate/compare';
import { evaluateCorpus, type CorpusDocumentScore } from '../evaluate/corpus';
import { readArgs, selectOcrEngine, UsageError, type Command } from './command';

const HELP = `Usage: jixiao eval [corpus-dir] [options]

Extracts every document in the corpus that has golden records (golden/NNN.json matches files
named NNN…) and prints, per document, per format and overall, how many expected reports and
indicator rows were found exactly, missed, or extra (per top folder and per producer folder of
producers/ too, held-out producers marked), in how many rows every number is right (weights,
scores, the numbers in target and actual) whatever a misread word, and how many misses the
output does not warn of: rows misread, lost or extra in a report read with high confidence and
with no extraction finding on the row, golden reports missed with nothing said, extra reports
read with high confidence (pipeline/evaluate/unflagged.ts); and, apart from the rows, how many
report fields the golden records have (budget, rate, total, grade, project, department…) are
read wrong, and how many of those the output does not warn of (report fields wrong without a
finding: not doubted as a whole, no extraction finding naming the field; of those, how many
were left empty rather than read wrong).

Options:
  --verbose            list every differing field and row
  --skip-held-out      leave out the held-out producers of producers/ (while tuning)
  --only <prefix>      only files whose path in the corpus starts with it (repeatable)
  --min-rows <ratio>   exit 1 when the share of exact rows is below this (e.g. 0.995)
  --ocr-engine <name>  OCR engine for scans: ppocr (default) or tesseract
  -h, --help           this text
`;

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
const line = (name: string, s: DocumentScore) =>
  `${name.padEnd(44)} reports ${s.reportsFound}/${s.reportsExpected} found, ${s.reportsExtra} extra; ` +
  `rows ${s.rowsExact}/${s.rowsExpected} exact (${pct(s.rowsExact, s.rowsExpected)}), ` +
  `${s.rowsExpected - s.rowsExact} missed, ${s.rowsExtra} extra; numbers right ${s.rowsNumbersRight}/${s.rowsExpected}; ` +
  `unflagged ${s.rowsUnflagged} rows, ${s.reportsMissedSilent} reports missed silently, ${s.reportsExtraUnflagged} extra reports unflagged; ` +
  `report fields wrong ${s.reportFieldsWrong}, ${s.reportFieldsUnflagged} without a finding (${s.reportFieldsUnflaggedEmpty} of them left empty)`;

export const evalCommand: Command = {
  name: 'eval',
  summary: 'jixiao eval [corpus-dir]                          accuracy against the golden records',
  help: HELP,
  async run(args) {
    const parsed = readArgs(args, HELP, {
      verbose: { type: 'boolean' },
      'min-rows': { type: 'string' },
      'skip-held-out': { type: 'boolean' },
      only: { type: 'string', multiple: true },
      'ocr-engine': { type: 'string' },
    });
    if (!parsed) return 0;
    const { values, positionals } = parsed;
    if (values['ocr-engine']) selectOcrEngine(values['ocr-engine']);
    const minRows = values['min-rows'] === undefined ? undefined : Number(values['min-rows']);
    if (minRows !== undefined && !(minRows >= 0 && minRows <= 1)) throw new UsageError('--min-rows takes a ratio between 0 and 1');
    const score = await evaluateCorpus(positionals[0] ?? 'corpus', {
      skipHeldOut: values['skip-held-out'],
      only: values.only,
      onDocument: (doc: CorpusDocumentScore) => {
        process.stdout.write(`${line(doc.path, doc)}\n`);
        if (values.verbose) for (const d of doc.differences) process.stdout.write(`    ${d}\n`);
        if (values.verbose) for (const u of doc.unflagged) process.stdout.write(`    unflagged ${u}\n`);
        if (values.verbose) for (const u of doc.unflaggedFields) process.stdout.write(`    unflagged field ${u}\n`);
      },
    });
    process.stdout.write('\n');
    for (const [format, s] of score.byFormat) process.stdout.write(`${line(`format ${format}`, s)}\n`);
    for (const [folder, s] of score.byFolder) process.stdout.write(`${line(`folder ${folder}`, s)}\n`);
    for (const [producer, s] of score.byProducer) process.stdout.write(`${line(`producer ${producer}${s.heldOut ? ' (held out)' : ''}`, s)}\n`);
    process.stdout.write(`${line('overall', score.total)}\n`);
    const ratio = score.total.rowsExpected === 0 ? 0 : score.total.rowsExact / score.total.rowsExpected;
    if (minRows !== undefined && ratio < minRows) {
      process.stderr.write(`jixiao: ${pct(score.total.rowsExact, score.total.rowsExpected)} of rows exact, below --min-rows ${minRows}\n`);
      return 1;
    }
    return 0;
  },
};
