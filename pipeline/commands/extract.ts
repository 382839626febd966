import { collectInputs, runBatch } from '../run-batch';
import { positiveInt, readArgs, selectOcrEngine, UsageError, type Command } from './command';
import { showCounts } from '../validate';

const HELP = `Usage: jixiao extract <files | folders>... --out <dir> [options]

Reads every document named (folders: every file in them and their subfolders, except hidden
ones and README/LICENSE; a symlink is followed only when it stays inside the folder), finds every
performance-evaluation table and writes reports.csv, indicators.csv, findings.csv, documents.csv
and dataset.json into <dir>. A document that cannot be read (unknown type, unreadable, damaged,
over a limit) gets a row in documents.csv with status "failed" and the reason; the others go on.
The five files are switched in together: a reader never sees a mix of two runs.

Options:
  --out <dir>          where to write the dataset (required)
  --concurrency <n>    documents read at once (default 4)
  --workers <n>        worker threads parsing documents (default: one per core; 0 = none)
  --max-bytes <n>      refuse larger files (default 209715200)

Limits per document (over a limit, the document fails saying which one; the batch goes on):
  --doc-timeout <s>    wall time (default 300); with --workers 0 a parser that never yields
                       cannot be stopped, only one that waits
  --doc-memory <MB>    JavaScript heap of a worker (default 768); not applied with --workers 0
  --max-pages <n>      pages (default 1000)
  --max-pixels <n>     megapixels of an image or a page rendered for OCR, checked before
                       decoding (default 64)
  --max-decoded <MB>   bytes a .docx may inflate to, declared and actual (default 512)

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
      'doc-timeout': { type: 'string' },
      'doc-memory': { type: 'string' },
      'max-pages': { type: 'string' },
      'max-pixels': { type: 'string' },
      'max-decoded': { type: 'string' },
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
      limits: definedOnly({
        timeoutSeconds: positiveInt(values['doc-timeout'], 'doc-timeout'),
        heapMb: positiveInt(values['doc-memory'], 'doc-memory'),
        maxPages: positiveInt(values['max-pages'], 'max-pages'),
        maxPixels: scaled(positiveInt(values['max-pixels'], 'max-pixels'), 1_000_000),
        maxDecodedBytes: scaled(positiveInt(values['max-decoded'], 'max-decoded'), 2 ** 20),
      }),
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

const scaled = (n: number | undefined, unit: number) => (n === undefined ? undefined : n * unit);
/** The limits given on the command line; the others keep their defaults. */
const definedOnly = <T extends Record<string, number | undefined>>(values: T) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: number };
