import { parseArgs } from 'node:util';
import { evaluateCorpus, type CorpusDocumentScore } from './evaluate/corpus';
import type { DocumentScore } from './evaluate/compare';
import { GENERATOR } from './extract';
import { collectInputs, runBatch } from './run-batch';

const USAGE = `${GENERATOR}: Chinese performance self-evaluation reports (绩效自评表) into a checked dataset

Usage:
  jixiao extract <files | folders>... --out <dir>   read documents, write the dataset
  jixiao eval [corpus-dir]                          accuracy against the golden records
  jixiao <command> --help                           options of a command
`;

const EXTRACT_HELP = `Usage: jixiao extract <files | folders>... --out <dir> [options]

Reads every document named (folders: every .html .htm .docx .txt .md file in them), finds every
performance-evaluation table and writes reports.csv, indicators.csv, findings.csv, documents.csv
and dataset.json into <dir>. A document that cannot be read gets a row in documents.csv with
status "failed" and the reason; the others go on.

Options:
  --out <dir>          where to write the dataset (required)
  --concurrency <n>    documents read at once (default 4)
  --max-bytes <n>      refuse larger files (default 209715200)
  --no-resume          re-read every document even if a killed run saved its result
  --quiet              no progress line even on a terminal
  -h, --help           this text
`;

const EVAL_HELP = `Usage: jixiao eval [corpus-dir] [options]

Extracts every document in the corpus that has golden records (golden/NNN.json matches files
named NNN…) and prints, per document, per format and overall, how many expected reports and
indicator rows were found exactly, missed, or extra.

Options:
  --verbose            list every differing field and row
  --min-rows <ratio>   exit 1 when the share of exact rows is below this (e.g. 0.995)
  -h, --help           this text
`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'extract':
        return await extract(rest);
      case 'eval':
        return await evaluate(rest);
      case undefined:
      case 'help':
      case '-h':
      case '--help':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`jixiao: ${err.message}\nRun "jixiao ${command ?? ''} --help" for the options.\n`);
      return 2;
    }
    throw err;
  }
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a whole number ≥ 1, got "${value}"`);
  return n;
}

async function extract(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      concurrency: { type: 'string' },
      'max-bytes': { type: 'string' },
      'no-resume': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(EXTRACT_HELP);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('name at least one file or folder to read');
  if (!values.out) throw new UsageError('--out <dir> is required: the folder to write the dataset into');
  const inputs = await collectInputs(positionals);
  if (inputs.length === 0) throw new UsageError(`no documents found in ${positionals.join(', ')}`);
  const showProgress = process.stderr.isTTY && !values.quiet;
  const summary = await runBatch(inputs, {
    outDir: values.out,
    concurrency: positiveInt(values.concurrency, 'concurrency'),
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
  return 0;
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
const line = (name: string, s: DocumentScore) =>
  `${name.padEnd(44)} reports ${s.reportsFound}/${s.reportsExpected} found, ${s.reportsExtra} extra; ` +
  `rows ${s.rowsExact}/${s.rowsExpected} exact (${pct(s.rowsExact, s.rowsExpected)}), ` +
  `${s.rowsExpected - s.rowsExact} missed, ${s.rowsExtra} extra`;

async function evaluate(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      verbose: { type: 'boolean' },
      'min-rows': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(EVAL_HELP);
    return 0;
  }
  const minRows = values['min-rows'] === undefined ? undefined : Number(values['min-rows']);
  if (minRows !== undefined && !(minRows >= 0 && minRows <= 1)) throw new UsageError('--min-rows takes a ratio between 0 and 1');
  const score = await evaluateCorpus(positionals[0] ?? 'corpus', (doc: CorpusDocumentScore) => {
    process.stdout.write(`${line(doc.path, doc)}\n`);
    if (values.verbose) for (const d of doc.differences) process.stdout.write(`    ${d}\n`);
  });
  process.stdout.write('\n');
  for (const [format, s] of score.byFormat) process.stdout.write(`${line(`format ${format}`, s)}\n`);
  process.stdout.write(`${line('overall', score.total)}\n`);
  const ratio = score.total.rowsExpected === 0 ? 0 : score.total.rowsExact / score.total.rowsExpected;
  if (minRows !== undefined && ratio < minRows) {
    process.stderr.write(`jixiao: ${pct(score.total.rowsExact, score.total.rowsExpected)} of rows exact, below --min-rows ${minRows}\n`);
    return 1;
  }
  return 0;
}
