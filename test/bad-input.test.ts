import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../pipeline/extract';
import { corpusFile, ROOT } from './helpers';

// Each bad input gets a clear per-document status and a reason that says what to do.
const docx = () => readFileSync(corpusFile('docx', '004'));

describe('bad input', () => {
  it.each([
    ['empty.html', new Uint8Array(0), 'failed', /empty/],
    ['empty.docx', new Uint8Array(0), 'failed', /empty/],
    ['empty.txt', new Uint8Array(0), 'failed', /empty/],
    ['binary.docx', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256), 'failed', /not a \.docx file/],
    ['old.doc', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'failed', /damaged or truncated compound file.*download it again/],
    ['table.xyz', new TextEncoder().encode('一级指标\t二级指标'), 'failed', /unsupported file type.*convert/],
    ['binary.txt', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2]), 'failed', /binary/],
    ['no-table.html', new TextEncoder().encode('<html><body><h1>通知</h1><p>没有表格。</p></body></html>'), 'no_report', /no performance-evaluation table/],
  ])('%s → %s', async (name, bytes, status, reason) => {
    const r = await extractDocument(bytes, name);
    expect(r.document.status).toBe(status);
    expect(r.document.error).toMatch(reason);
    expect(r.reports).toEqual([]);
  });

  it('reports a truncated .docx as damaged, naming what to do', async () => {
    const bytes = docx();
    const r = await extractDocument(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.docx');
    expect(r.document.status).toBe('failed');
    expect(r.document.error).toMatch(/damaged or truncated; download it again/);
  });

  it('finds no report in a page whose tables are budget tables, not evaluation tables', async () => {
    const r = await extractDocument(readFileSync(join(ROOT, 'test/fixtures/budget-table.html')), 'budget-table.html');
    expect(r.document).toMatchObject({ status: 'no_report', report_count: 0, format: 'html' });
  });

  it('still reads a good document given a misleading extension-less name by sniffing it', async () => {
    const r = await extractDocument(docx(), 'download');
    expect(r.document).toMatchObject({ status: 'ok', format: 'docx' });
    expect(r.reports.length).toBe(16);
  });
});
