import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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

const datasetsOf = (out: string) => join(out, '.jixiao', 'datasets');
const currentOf = (out: string) => join(out, '.jixiao', 'current');
/** More than one dataset folder: a write had begun and its commit had not cleaned up yet. */
const midWrite = (out: string) => existsSync(datasetsOf(out)) && readdirSync(datasetsOf(out)).length > 1;
/** The dataset folder `current` points at, if any. */
const committed = (out: string) => (existsSync(currentOf(out)) ? readlinkSync(currentOf(out)) : null);

/** No writer outlives this, whatever happens to the test: it is killed, and kills itself (see rewrite-dataset.ts). */
const WRITER_LIMIT_MS = 90_000;
const writers = new Set<ChildProcess>();
afterAll(() => {
  for (const child of writers) child.kill('SIGKILL');
});

/**
 * Starts the rewriting child and kills it with SIGKILL: `after` ms after it is ready; with
 * 'mid-write', as soon as a new dataset folder is seen beside the current one; with 'committed',
 * as soon as `current` points at a dataset it wrote. A kill at a set time mostly lands while the
 * child builds its next dataset in memory (on a fast disk the writing is a small part of each
 * loop), so the kills that test the commit itself are aimed. Its output is piped, never
 * inherited: a writer left running must not hold the test run's own output open.
 */
function rewriteThenKill(out: string, after: number | 'mid-write' | 'committed', first: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/hostile/rewrite-dataset.ts'), out, corpusFile('seeds', '004'), '40', String(first), String(WRITER_LIMIT_MS)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    writers.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const limit = setTimeout(() => child.kill('SIGKILL'), WRITER_LIMIT_MS);
    let poll: NodeJS.Timeout | undefined;
    child.stdout.once('data', () => {
      const before = committed(out);
      const aimed = after === 'mid-write' ? () => midWrite(out) : () => committed(out) !== before && committed(out) !== null;
      if (typeof after === 'number') setTimeout(() => child.kill('SIGKILL'), after);
      else poll = setInterval(() => aimed() && child.kill('SIGKILL'), 1);
    });
    child.once('exit', (_code, signal) => {
      clearTimeout(limit);
      clearInterval(poll);
      writers.delete(child);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the writer stopped by itself (${signal}): ${stderr}`));
    });
  });
}

/** All five files hold one generation; returns it. */
function oneGeneration(out: string): string {
  const generations = generationsOnDisk(out);
  const all = new Set(Object.values(generations).flatMap((g) => [...g]));
  expect(all.size, JSON.stringify(Object.fromEntries(Object.entries(generations).map(([f, g]) => [f, [...g]])))).toBe(1);
  return [...all][0]!;
}

describe('the dataset is committed as a whole', () => {
  it('after kill -9 at any moment of the writing, the five files are one generation; a rerun completes it', async () => {
    // An output folder of the earlier layout (five plain files) is taken over, not mixed.
    const earlier = mkdtempSync(join(tmpdir(), 'jixiao-commit-'));
    await rewriteThenKill(earlier, 'committed', 0);
    expect(committed(earlier)).not.toBeNull();
    const out = mkdtempSync(join(tmpdir(), 'jixiao-commit-'));
    for (const name of DATASET_FILES) copyFileSync(join(earlier, name), join(out, name));
    expect(lstatSync(join(out, 'dataset.json')).isFile()).toBe(true);
    const seen = new Set<string>();
    // Kills at set moments: wherever they land, the files stay one generation.
    for (const [i, ms] of [200, 700, 1200, 1800, 2500].entries()) {
      await rewriteThenKill(out, ms, 1000 * (i + 1));
      seen.add(oneGeneration(out));
    }
    // Kills aimed at a write in progress leave a half-written folder beside the current one, and
    // the five files still the earlier generation. A kill that came only after the commit had
    // cleaned up (the child outran the poll) proves nothing and is tried again.
    let interrupted = 0;
    for (let k = 0; interrupted < 3 && k < 10; k++) {
      await rewriteThenKill(out, 'mid-write', 10_000 + 1000 * k);
      if (midWrite(out)) interrupted++;
      seen.add(oneGeneration(out));
    }
    expect(interrupted).toBe(3);
    // A kill just after a commit: the files are the new generation, whole.
    await rewriteThenKill(out, 'committed', 20_000);
    seen.add(oneGeneration(out));
    expect(seen.size).toBeGreaterThan(1);
    const dataset = DatasetSchema.parse(JSON.parse(readFileSync(join(out, 'dataset.json'), 'utf8')));
    await writeDataset(out, dataset.documents);
    expect(readdirSync(join(out, '.jixiao', 'datasets'))).toHaveLength(1);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const name of ['reports.csv', 'documents.csv', 'dataset.json']) expect(lstatSync(join(out, name)).isSymbolicLink()).toBe(true);
  }, 300_000);
});
