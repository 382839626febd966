import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASET_FILES, writeDataset } from '../pipeline/output/write-dataset';
import { DatasetSchema } from '../schemas/dataset';
import { corpusFile, readCsv, ROOT } from './helpers';

/** The generations (`g<k>-` marks) each of the five files holds, read as a user would. */
function generationsOnDisk(out: string): Record<string, Set<string>> {
  const marks = (ids: string[]) => new Set(ids.map((id) => /^g(\d+)-/.exec(id)?.[1] ?? `unmarked ${id}`));
  const csv = (name: string, column: string) => marks(readCsv(readFileSync(join(out, name), 'utf8').slice(1)).rows.map((r) => r[column] ?? ''));
  const dataset = DatasetSchema.parse(JSON.parse(readFileSync(join(out, 'dataset.json'), 'utf8')));
  return {
    'documents.csv': csv('documents.csv', 'doc_id'),
    'reports.csv': csv('reports.csv', 'report_id'),
    'indicators.csv': csv('indicators.csv', 'report_id'),
    'findings.csv': csv('findings.csv', 'report_id'),
    'dataset.json': marks(dataset.documents.map((d) => d.document.doc_id)),
  };
}

/** Starts the rewriting child, lets it run `ms` after it is ready, then kills it with SIGKILL. */
function rewriteThenKill(out: string, ms: number, first: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/hostile/rewrite-dataset.ts'), out, corpusFile('seeds', '004'), '40', String(first)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
    child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the writer stopped by itself (${signal})`))));
  });
}

describe('the dataset is committed as a whole', () => {
  it('after kill -9 at any moment of the writing, the five files are one generation; a rerun completes it', async () => {
    // An output folder of the earlier layout (five plain files) is taken over, not mixed.
    const earlier = mkdtempSync(join(tmpdir(), 'jixiao-commit-'));
    while (!existsSync(join(earlier, '.jixiao', 'current'))) await rewriteThenKill(earlier, 1500, 0);
    const out = mkdtempSync(join(tmpdir(), 'jixiao-commit-'));
    for (const name of DATASET_FILES) copyFileSync(join(earlier, name), join(out, name));
    expect(lstatSync(join(out, 'dataset.json')).isFile()).toBe(true);
    const seen = new Set<string>();
    let interrupted = 0;
    for (const [i, ms] of [200, 700, 1200, 1800, 2500].entries()) {
      await rewriteThenKill(out, ms, 1000 * (i + 1));
      // A dataset folder beside the current one: the kill came in the middle of a write.
      const datasets = join(out, '.jixiao', 'datasets');
      if (existsSync(datasets) && readdirSync(datasets).length > 1) interrupted++;
      const generations = generationsOnDisk(out);
      const all = new Set(Object.values(generations).flatMap((g) => [...g]));
      expect(all.size, JSON.stringify(Object.fromEntries(Object.entries(generations).map(([f, g]) => [f, [...g]])))).toBe(1);
      seen.add([...all][0]!);
    }
    // The kills came mid-write, and between them new generations were committed.
    expect(interrupted).toBeGreaterThan(0);
    expect(seen.size).toBeGreaterThan(1);
    const dataset = DatasetSchema.parse(JSON.parse(readFileSync(join(out, 'dataset.json'), 'utf8')));
    await writeDataset(out, dataset.documents);
    expect(readdirSync(join(out, '.jixiao', 'datasets'))).toHaveLength(1);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const name of ['reports.csv', 'documents.csv', 'dataset.json']) expect(lstatSync(join(out, name)).isSymbolicLink()).toBe(true);
  }, 300_000);
});
