import { readFile } from 'node:fs/promises';
import { StoredDatasetSchema, type StoredDataset } from '../../schemas/dataset';
import { writeDataset } from '../output/write-dataset';
import { countDataset, showCounts, validateDataset } from '../validate';
import { readArgs, UsageError, type Command } from './command';

const HELP = `Usage: jixiao check <dataset.json> [--out <dir>]

Revalidates an existing dataset without reading the source documents again: every check that
extract runs (rescoring, budget execution and breakdown, sums, weights, grades, units, scores
stated in prose) runs anew on the records as they are (edited by hand, say) and on the evidence
extract recorded beside them (printed subtotals, stated rules, prose statements, cells). A
dataset written before evidence was recorded is checked on its records alone. Extraction's own
findings (realigned rows, OCR doubts) are kept as they were.

Prints one summary line. With --out, rewrites reports.csv, indicators.csv, findings.csv,
documents.csv and dataset.json into <dir> (it may be the dataset's own folder).

Options:
  --out <dir>   where to write the revalidated dataset (default: print the summary only)
  -h, --help    this text
`;

export const checkCommand: Command = {
  name: 'check',
  summary: 'jixiao check <dataset.json> [--out <dir>]         revalidate a dataset without re-parsing',
  help: HELP,
  async run(args) {
    const parsed = readArgs(args, HELP, { out: { type: 'string' } });
    if (!parsed) return 0;
    const [path, ...extra] = parsed.positionals;
    if (path === undefined || extra.length > 0) throw new UsageError('name one dataset.json to check');
    const dataset = await readDataset(path);
    const checked = validateDataset(dataset);
    if (parsed.values.out) await writeDataset(parsed.values.out, checked.documents);
    process.stdout.write(`jixiao check: ${showCounts(countDataset(checked))}${parsed.values.out ? ` → ${parsed.values.out}` : ''}\n`);
    return 0;
  },
};

async function readDataset(path: string): Promise<StoredDataset> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(err.code === 'ENOENT' ? `no such file: ${path}` : `cannot read ${path}: ${err.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not JSON: name the dataset.json that jixiao extract wrote`);
  }
  const result = StoredDatasetSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UsageError(`${path} is not a jixiao dataset (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'schema mismatch'})`);
  }
  return result.data;
}
