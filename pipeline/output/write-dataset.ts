import { randomBytes } from 'node:crypto';
import { copyFile, lstat, mkdir, open, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DocumentRecordSchema,
  FindingSchema,
  IndicatorSchema,
  ReportSchema,
  type Dataset,
  type DocumentResult,
} from '../../schemas/dataset';
import { GENERATOR } from '../extract';
import { toCsv } from './csv';

const tmpName = (path: string) => `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;

/** Writes a file so that readers see the old or the new content, never half of it. */
export async function writeAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const tmp = tmpName(path);
  await writeFile(tmp, content);
  await rename(tmp, path);
}

/** Column order: the public contract of DATASET.md first, added columns after. */
const columnsOf = <T extends { shape: Record<string, unknown> }>(schema: T) => Object.keys(schema.shape) as Array<keyof T['shape'] & string>;

export const REPORT_COLUMNS = columnsOf(ReportSchema);
export const INDICATOR_COLUMNS = columnsOf(IndicatorSchema);
export const FINDING_COLUMNS = columnsOf(FindingSchema);
export const DOCUMENT_COLUMNS = columnsOf(DocumentRecordSchema);

export const DATASET_FILES = ['reports.csv', 'indicators.csv', 'findings.csv', 'documents.csv', 'dataset.json'] as const;

/**
 * Where the five files really are. `<out>/reports.csv` and the others are symlinks to
 * `.jixiao/current/<file>`, and `.jixiao/current` is a symlink to one complete dataset folder
 * under `.jixiao/datasets/`. A new dataset is written whole into a folder of its own, then
 * `current` is switched to it by one rename, the commit point: a kill at any moment leaves the
 * old five files or the new five, never a mix.
 */
const STATE = '.jixiao';
const CURRENT = 'current';
const DATASETS = 'datasets';

/** reports.csv, indicators.csv, findings.csv, documents.csv and dataset.json into `outDir`, committed as a whole. */
export async function writeDataset(outDir: string, results: DocumentResult[]): Promise<Dataset> {
  const reports = results.flatMap((d) => d.reports);
  const dataset: Dataset = { generator: GENERATOR, documents: results };
  const contents: Record<(typeof DATASET_FILES)[number], string> = {
    'reports.csv': toCsv(REPORT_COLUMNS, reports.map((r) => r.report)),
    'indicators.csv': toCsv(INDICATOR_COLUMNS, reports.flatMap((r) => r.indicators)),
    'findings.csv': toCsv(FINDING_COLUMNS, reports.flatMap((r) => r.findings)),
    'documents.csv': toCsv(DOCUMENT_COLUMNS, results.map((d) => d.document)),
    'dataset.json': `${JSON.stringify(dataset, null, 2)}\n`,
  };
  await commitFiles(outDir, contents);
  return dataset;
}

async function commitFiles(outDir: string, contents: Record<string, string>): Promise<void> {
  const state = join(outDir, STATE);
  const datasets = join(state, DATASETS);
  await mkdir(datasets, { recursive: true });
  await adoptPlainFiles(outDir);
  const id = `${Date.now().toString(36)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const folder = join(datasets, id);
  await mkdir(folder);
  for (const [name, content] of Object.entries(contents)) {
    const file = await open(join(folder, name), 'wx');
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
  }
  await linkTopLevel(outDir);
  await replaceLink(join(state, CURRENT), join(DATASETS, id));
  // Older datasets, and folders a killed run left half-written, go once the switch is made.
  for (const other of await readdir(datasets)) {
    if (other !== id) await rm(join(datasets, other), { recursive: true, force: true });
  }
}

/** Points `path` at `target` in one rename (a symlink is replaced atomically, a file too). */
async function replaceLink(path: string, target: string): Promise<void> {
  const tmp = tmpName(path);
  await symlink(target, tmp);
  await rename(tmp, path);
}

/** The five names in the output folder point through `current`. */
async function linkTopLevel(outDir: string): Promise<void> {
  for (const name of DATASET_FILES) {
    const target = join(STATE, CURRENT, name);
    const link = await readlink(join(outDir, name)).catch(() => null);
    if (link !== target) await replaceLink(join(outDir, name), target);
  }
}

/**
 * A folder written by an earlier version holds the five as plain files: they become the
 * current dataset first (copied, then each name swapped for a link to identical content), so
 * readers see the old dataset until the new one is committed.
 */
async function adoptPlainFiles(outDir: string): Promise<void> {
  const plain: string[] = [];
  for (const name of DATASET_FILES) {
    const info = await lstat(join(outDir, name)).catch(() => null);
    if (info?.isFile()) plain.push(name);
  }
  if (plain.length === 0) return;
  const current = join(outDir, STATE, CURRENT);
  if (!(await lstat(current).catch(() => null))) {
    const id = `adopted-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
    const folder = join(outDir, STATE, DATASETS, id);
    await mkdir(folder);
    for (const name of plain) await copyFile(join(outDir, name), join(folder, name));
    await replaceLink(current, join(DATASETS, id));
  }
  await linkTopLevel(outDir);
}
