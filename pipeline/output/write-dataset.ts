import { mkdir, rename, writeFile } from 'node:fs/promises';
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

/** Writes a file so that readers see the old or the new content, never half of it. */
export async function writeAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(tmp, content);
  await rename(tmp, path);
}

/** Column order: the public contract of DATASET.md first, added columns after. */
const columnsOf = <T extends { shape: Record<string, unknown> }>(schema: T) => Object.keys(schema.shape) as Array<keyof T['shape'] & string>;

export const REPORT_COLUMNS = columnsOf(ReportSchema);
export const INDICATOR_COLUMNS = columnsOf(IndicatorSchema);
export const FINDING_COLUMNS = columnsOf(FindingSchema);
export const DOCUMENT_COLUMNS = columnsOf(DocumentRecordSchema);

/** reports.csv, indicators.csv, findings.csv, documents.csv and dataset.json into `outDir`. */
export async function writeDataset(outDir: string, results: DocumentResult[]): Promise<Dataset> {
  await mkdir(outDir, { recursive: true });
  const reports = results.flatMap((d) => d.reports);
  const dataset: Dataset = { generator: GENERATOR, documents: results };
  await writeAtomic(join(outDir, 'reports.csv'), toCsv(REPORT_COLUMNS, reports.map((r) => r.report)));
  await writeAtomic(join(outDir, 'indicators.csv'), toCsv(INDICATOR_COLUMNS, reports.flatMap((r) => r.indicators)));
  await writeAtomic(join(outDir, 'findings.csv'), toCsv(FINDING_COLUMNS, reports.flatMap((r) => r.findings)));
  await writeAtomic(join(outDir, 'documents.csv'), toCsv(DOCUMENT_COLUMNS, results.map((d) => d.document)));
  await writeAtomic(join(outDir, 'dataset.json'), `${JSON.stringify(dataset, null, 2)}\n`);
  return dataset;
}
