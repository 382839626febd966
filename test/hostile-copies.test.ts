import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectInputs, runBatch } from '../pipeline/run-batch';
import { corpusFile, extractFile, readCsv } from './helpers';

const rows = (out: string, name: string) => readCsv(readFileSync(join(out, name), 'utf8').slice(1)).rows;

describe('the same bytes under several names in one folder', () => {
  it('gives every file its documents.csv row with an id of its own, and lists each report once', async () => {
    const input = mkdtempSync(join(tmpdir(), 'jixiao-copies-'));
    const out = mkdtempSync(join(tmpdir(), 'jixiao-copies-out-'));
    const seed = corpusFile('seeds', '002');
    copyFileSync(seed, join(input, 'a.txt'));
    mkdirSync(join(input, 'sub'));
    copyFileSync(seed, join(input, 'sub', 'b-copy.txt'));
    // Named to come first: the file itself, not the link, lists the reports.
    symlinkSync(join(input, 'a.txt'), join(input, '0-link.txt'));
    copyFileSync(corpusFile('seeds', '004'), join(input, 'd-other.txt'));

    const summary = await runBatch(await collectInputs([input]), { outDir: out, workers: 0, resume: false });
    const documents = rows(out, 'documents.csv');
    const reports = rows(out, 'reports.csv');
    const alone = await extractFile(seed);
    const other = await extractFile(corpusFile('seeds', '004'));
    expect(alone.reports.length).toBeGreaterThan(0);

    // A row per file, each doc_id once; the copies name the file their reports are listed under.
    expect(documents.map((d) => d.source)).toEqual(['0-link.txt', 'a.txt', 'd-other.txt', join('sub', 'b-copy.txt')].map((n) => join(input, n)));
    expect(new Set(documents.map((d) => d.doc_id)).size).toBe(4);
    const id = alone.document.doc_id;
    const bySource = new Map(documents.map((d) => [d.source!.slice(input.length + 1), d]));
    expect(bySource.get('a.txt')).toMatchObject({ doc_id: id, status: 'ok', report_count: String(alone.reports.length) });
    for (const [copy, n] of [[join('sub', 'b-copy.txt'), 2], ['0-link.txt', 3]] as const) {
      expect(bySource.get(copy)).toMatchObject({ doc_id: `${id}-${n}`, sha256: alone.document.sha256, status: 'ok', report_count: '0' });
      expect(bySource.get(copy)!.error).toContain(`the same bytes as ${join(input, 'a.txt')} (doc_id ${id}): its ${alone.reports.length} report(s) are listed once`);
    }

    // Each report once, under the first file; the other file's reports untouched.
    expect(new Set(reports.map((r) => r.report_id)).size).toBe(reports.length);
    expect(reports).toHaveLength(alone.reports.length + other.reports.length);
    expect(reports.filter((r) => r.doc_id === id).map((r) => r.report_id)).toEqual(alone.reports.map((r) => r.report.report_id));
    expect(documents.reduce((n, d) => n + Number(d.report_count), 0)).toBe(reports.length);
    expect(summary).toMatchObject({ documents: 4, reports: reports.length });
    const indicatorIds = new Set(rows(out, 'indicators.csv').map((i) => i.report_id));
    expect([...indicatorIds].every((rid) => reports.some((r) => r.report_id === rid))).toBe(true);
  }, 120_000);
});
