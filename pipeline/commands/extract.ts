import { collectInputs, runBatch } from '../run-batch';
import { positiveInt, readArgs, selectOcrEngine, UsageError, type Command } from './command';
import { showCounts } from '../validate';

const HELP = `Usage: jixiao extract <files | folders>... --out <dir> [options]

Reads every document named (folders: every .html .htm .docx .txt .md file in them), finds every
performance-evaluation table and writes reports.csv, indicators.csv, findings.csv, documents.csv
and dataset.json into <dir>. A document that cannot be read gets a row in documents.csv with
status "failed" and the reason; the others go on.

Options:
  --out <dir>          where to write the dataset (required)
  --concurrency <n>    documents read at once (default 4)
  --workers <n>        worker threads parsing documents (default: one per core; 0 = none)
  --max-bytes <n>      refuse larger files (default 209715200)
  --no-resume          re-read every document even if a killed run saved its result
  --quiet              no progress line even on a terminal
  --ocr-engine <name>  OCR engine for scans: ppocr (default) or tesseract
  -h, --help           this text
`;

export const extractCommand: Command = {
  name: 'extract',
  summary: 'jixiao extract <files | folders>... --out <dir>   read documents, write the dataset',
  help: HELP,
  async run(args) {
    const parsed = readArgs(args, HELP, {
      out: { type: 'string' },
      concurrency: { type: 'string' },
      workers: { type: 'string' },
      'max-bytes': { type: 'string' },
      'no-resume': { type: 'boolean' },
      quiet: { type: 'boolean' },
      'ocr-engine': { type: 'string' },
    });
    if (!parsed) return 0;
    const { values, positionals } = parsed;
    if (values['ocr-engine']) selectOcrEngine(values['ocr-engine']);
    if (positionals.length === 0) throw new UsageError('name at least one file or folder to read');
    if (!values.out) throw new UsageError('--out <dir> is required: the folder to write the dataset into');
    const inputs = await collectInputs(positionals);
    if (inputs.length === 0) throw new UsageError(`no documents found in ${positionals.join(', ')}`);
    const showProgress = process.stderr.isTTY && !values.quiet;
    const summary = await runBatch(inputs, {
      outDir: values.out,
      concurrency: positiveInt(values.concurrency, 'concurrency'),
      workers: values.workers === '0' ? 0 : positiveInt(values.workers, 'workers'),
      maxBytes: positiveInt(values['max-bytes'], 'max-bytes'),
      resume: !values['no-resume'],
      onDocument: (done, total, result) => {
        if (showProgress) process.stderr.write(`\r\x1b[K[${done}/${total}] ${result.document.status.padEnd(9)} ${result.document.source.slice(-60)}`);
      },
    });
    if (showProgress) process.stderr.write('\r\x1b[K');
    process.stdout.write(
      `jixiao: ${summary.documents} documents (${summary.ok} ok, ${summary.noReport} no_report, ${summary.failed} failed` +
        `${summary.reused ? `, ${summary.reused} reused from an earlier run` : ''}), ${summary.reports} reports, ` +
        `${summary.indicators} indicator rows, ${summary.findings} findings → ${values.out}\n`,
    );
    process.stdout.write(`validation: ${showCounts(summary.validation)}\n`);
    return 0;
  },
};
