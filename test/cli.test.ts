import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetSchema } from '../schemas/dataset';
import { corpusFile, readCsv, ROOT } from './helpers';

const run = promisify(execFile);
const jixiao = (...args: string[]) => run(process.execPath, [join(ROOT, 'bin/jixiao.mjs'), ...args], { cwd: ROOT });

// The public contract of DATASET.md: these columns, in this order, come first.
const CONTRACT = {
  'reports.csv':
    'report_id, doc_id, source, page_start, report_kind, title, project_name, department, implementing_unit, province, prefecture, county, admin_code, region_name, year, budget_unit, budget_initial, budget_annual, budget_executed, execution_rate_printed, execution_rate_computed, execution_weight, execution_score, execution_rescore, total_printed, total_computed, grade_printed, grade_computed, filled_date, indicator_count, finding_count, extraction_method',
  'indicators.csv':
    'report_id, row_index, page, level1, level1_weight, level2, level3, indicator_key, target_raw, target_op, target_value, target_unit, actual_raw, actual_op, actual_value, actual_unit, scoring_rule, weight, score, review_score, rescore, rescore_method, note',
  'findings.csv': 'report_id, row_index, code, severity, field, printed, expected, message',
  'documents.csv': 'doc_id, source, sha256, bytes, format, pages, status, error, report_count, ocr_pages, fetched_at',
};

describe('jixiao extract, end to end', () => {
  const input = mkdtempSync(join(tmpdir(), 'jixiao-in-'));
  const out = mkdtempSync(join(tmpdir(), 'jixiao-out-'));
  let first: { stdout: string; stderr: string };

  beforeAll(async () => {
    copyFileSync(corpusFile('seeds', '002'), join(input, '002.txt'));
    copyFileSync(corpusFile('seeds', '004'), join(input, '004.txt'));
    copyFileSync(join(ROOT, 'test/fixtures/budget-table.html'), join(input, 'budget.html'));
    writeFileSync(join(input, 'broken.docx'), 'this is not a word file');
    first = await jixiao('extract', input, '--out', out);
  }, 120_000);

  it('prints one summary line and no progress when not on a terminal', () => {
    expect(first.stdout).toMatch(/^jixiao: 4 documents \(2 ok, 1 no_report, 1 failed\), 17 reports, 166 indicator rows, \d+ findings → /);
    expect(first.stderr).toBe('');
  });

  it('writes the five files with the contract columns first, BOM-prefixed, atomically', () => {
    expect(readdirSync(out).sort()).toEqual(['.jixiao', 'dataset.json', 'documents.csv', 'findings.csv', 'indicators.csv', 'reports.csv']);
    for (const [file, columns] of Object.entries(CONTRACT)) {
      const text = readFileSync(join(out, file), 'utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const expected = columns.split(', ');
      expect(readCsv(text.slice(1)).header.slice(0, expected.length)).toEqual(expected);
    }
    expect(readdirSync(out).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('records the failed and the empty documents with reasons', () => {
    const docs = readCsv(readFileSync(join(out, 'documents.csv'), 'utf8').slice(1)).rows;
    const bySource = new Map(docs.map((d) => [(d.source ?? '').split('/').pop(), d]));
    expect(bySource.get('broken.docx')).toMatchObject({ status: 'failed', report_count: '0' });
    expect(bySource.get('broken.docx')!.error).toMatch(/not a \.docx file/);
    expect(bySource.get('budget.html')).toMatchObject({ status: 'no_report', report_count: '0' });
    expect(bySource.get('004.txt')).toMatchObject({ status: 'ok', report_count: '16', format: 'text' });
  });

  it('keeps CSV and JSON in step: same rows, decimals as printed, formula-like cells defused only in CSV', () => {
    const dataset = DatasetSchema.parse(JSON.parse(readFileSync(join(out, 'dataset.json'), 'utf8')));
    const jsonRows = dataset.documents.flatMap((d) => d.reports.flatMap((r) => r.indicators));
    const csvRows = readCsv(readFileSync(join(out, 'indicators.csv'), 'utf8').slice(1)).rows;
    expect(csvRows).toHaveLength(jsonRows.length);
    const i = jsonRows.findIndex((r) => r.target_raw === '=100%');
    expect(i).toBeGreaterThan(-1);
    expect(csvRows[i]!.target_raw).toBe("'=100%");
    const reports = readCsv(readFileSync(join(out, 'reports.csv'), 'utf8').slice(1)).rows;
    const first = reports.find((r) => r.project_name === '离休伤残干部单独统筹医疗款')!;
    expect(first).toMatchObject({ budget_executed: '282.14', execution_rate_printed: '56.43%', execution_score: '5.64', total_printed: '95.6', admin_code: '522700' });
  });

  it('reuses the saved results of an earlier run into the same folder', async () => {
    const before = readFileSync(join(out, 'dataset.json'), 'utf8');
    writeFileSync(join(out, 'dataset.json'), 'left by a killed run');
    const again = await jixiao('extract', input, '--out', out);
    expect(again.stdout).toMatch(/4 reused from an earlier run/);
    expect(readFileSync(join(out, 'dataset.json'), 'utf8')).toBe(before);
  });
});

describe('jixiao usage', () => {
  it('explains every command with --help', async () => {
    expect((await jixiao('--help')).stdout).toMatch(/jixiao extract <files \| folders>\.\.\. --out <dir>/);
    expect((await jixiao('extract', '--help')).stdout).toMatch(/--concurrency/);
    expect((await jixiao('eval', '--help')).stdout).toMatch(/--min-rows/);
  });
  it('says what to do when the arguments are wrong, with exit code 2', async () => {
    const err = await jixiao('extract', 'corpus/seeds').catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toMatch(/--out <dir> is required.*\n.*--help/);
  });
});
