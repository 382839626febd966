import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../pipeline/extract';
import { DatasetSchema } from '../schemas/dataset';
import { makeHostileCases, ORDINARY, type HostileCase } from './hostile/make-cases';
import { corpusFile, readCsv, ROOT } from './helpers';

const run = promisify(execFile);

/**
 * Root reads mode-000 files anyway: as root the batch is run as `nobody` (setpriv), as a user
 * without privileges would run it. Null when neither is possible (root without setpriv).
 */
function unprivileged(): string[] | null {
  if (process.getuid?.() !== 0) return [];
  try {
    execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']);
    return ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'env', `HOME=${tmpdir()}`, 'JIXIAO_OCR_CACHE=off'];
  } catch {
    return null;
  }
}

/** A folder anyone may enter and read (mkdtemp makes it private), or write to. */
function openFolder(prefix: string, mode = 0o755): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, mode);
  return dir;
}

async function extract(asUser: string[], args: string[]) {
  const [command, ...rest] = [...asUser, process.execPath, join(ROOT, 'bin/jixiao.mjs'), 'extract', ...args];
  const result = await run(command!, rest, { cwd: ROOT, maxBuffer: 64 * 2 ** 20 }).then(
    (r) => ({ ...r, code: 0 }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  return result;
}

const rowsOf = (out: string) => new Map(readCsv(readFileSync(join(out, 'documents.csv'), 'utf8').slice(1)).rows.map((r) => [basename(r.source ?? ''), r]));

describe('a batch of hostile and broken files mixed with ordinary documents', () => {
  const asUser = unprivileged();
  const base = openFolder('jixiao-hostile-');
  const input = join(base, 'in');
  const outside = join(base, 'outside');
  const out = openFolder('jixiao-hostile-out-', 0o777);
  let cases: HostileCase[] = [];
  let batch: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    mkdirSync(input, { mode: 0o755 });
    mkdirSync(outside, { mode: 0o755 });
    cases = await makeHostileCases(input, outside, 'test');
    // Unreadable files cannot be made for root without another user to run as.
    if (asUser === null) cases = cases.filter((c) => !c.name.startsWith('locked'));
    batch = await extract(asUser ?? [], [input, '--out', out, '--max-decoded', '64']);
  }, 600_000);

  it('finishes with exit code 0 and one documents.csv row for every file, link and unreadable folder', () => {
    expect(batch.code, batch.stderr).toBe(0);
    const names = [...rowsOf(out).keys()].sort();
    expect(names).toEqual([...cases.map((c) => c.name), ...ORDINARY.map((o) => o.name)].sort());
    expect(batch.stdout).toMatch(new RegExp(`^jixiao: ${names.length} documents `));
  });

  it('gives each hostile or broken file its status and a reason that names the real problem', () => {
    const rows = rowsOf(out);
    for (const c of cases) {
      const row = rows.get(c.name);
      expect(row?.status, c.name).toBe(c.status);
      expect(row?.error ?? '', c.name).toMatch(c.reason);
    }
  });

  it('keeps the reports of the ordinary documents, as when each is read alone', async () => {
    const reports = readCsv(readFileSync(join(out, 'reports.csv'), 'utf8').slice(1)).rows;
    for (const o of ORDINARY) {
      const alone = await extractDocument(readFileSync(o.from()), o.name);
      expect(alone.reports.length, o.name).toBeGreaterThan(0);
      const inBatch = reports.filter((r) => basename(r.source ?? '') === o.name).map((r) => r.report_id);
      expect(inBatch, o.name).toEqual(alone.reports.map((r) => r.report.report_id));
    }
  });

  it('reads nothing outside the folder given', () => {
    const dataset = readFileSync(join(out, 'dataset.json'), 'utf8');
    expect(dataset).not.toContain('outside the inputs');
    const sources = DatasetSchema.parse(JSON.parse(dataset)).documents.filter((d) => d.document.sha256 !== '').map((d) => d.document.source);
    expect(sources.filter((s) => s.includes('outside'))).toEqual([]);
  });

  it('applies the limits it can in this thread with --workers 0', async () => {
    const limited = ['deep.html', 'spans.html', 'rules.pdf', 'huge-image.pdf', 'blank-5000.pdf', 'bomb-lying.docx', 'nested-tables.docx'];
    const out0 = openFolder('jixiao-hostile-w0-', 0o777);
    const r = await extract([], [...limited.map((n) => join(input, n)), join(input, 'ordinary-004.txt'), '--out', out0, '--max-decoded', '64', '--workers', '0']);
    expect(r.code, r.stderr).toBe(0);
    const rows = rowsOf(out0);
    for (const name of limited) {
      const c = cases.find((x) => x.name === name)!;
      expect(rows.get(name)?.status, name).toBe('failed');
      expect(rows.get(name)?.error, name).toMatch(c.reason);
    }
    expect(rows.get('ordinary-004.txt')?.status).toBe('ok');
  }, 300_000);
});

describe('a document over its heap or its time', () => {
  const input = openFolder('jixiao-budget-');
  beforeAll(() => {
    // A genuine-looking page with one enormous cell: fine with the default heap, not with 64 MB.
    writeFileSync(join(input, 'big-cell.html'), `<html><body><table><tr><td>一级指标</td><td>${'数据'.repeat(10_000_000)}</td></tr></table></body></html>`);
    writeFileSync(join(input, 'ordinary-002.txt'), readFileSync(corpusFile('seeds', '002')));
  });

  it('fails the document that runs out of heap, naming --doc-memory; the worker is replaced and the next document read', async () => {
    const out = openFolder('jixiao-budget-out-');
    const r = await extract([], [join(input, 'big-cell.html'), join(input, 'ordinary-002.txt'), '--out', out, '--workers', '1', '--concurrency', '1', '--doc-memory', '64']);
    expect(r.code).toBe(0);
    const rows = rowsOf(out);
    expect(rows.get('big-cell.html')).toMatchObject({ status: 'failed' });
    expect(rows.get('big-cell.html')!.error).toMatch(/more than the 64 MB of memory a document may use.*raise --doc-memory/);
    expect(rows.get('ordinary-002.txt')).toMatchObject({ status: 'ok', report_count: '1' });
  }, 300_000);

  it('fails the document that takes too long, naming --doc-timeout', async () => {
    const out = openFolder('jixiao-budget-out-');
    const r = await extract([], [join(input, 'big-cell.html'), join(input, 'ordinary-002.txt'), '--out', out, '--workers', '1', '--concurrency', '1', '--doc-timeout', '1']);
    expect(r.code).toBe(0);
    const rows = rowsOf(out);
    expect(rows.get('big-cell.html')!.error).toMatch(/took longer than 1 s, the time a document may take: raise --doc-timeout/);
    expect(rows.get('ordinary-002.txt')).toMatchObject({ status: 'ok' });
  }, 300_000);
});
