import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetSchema } from '../schemas/dataset';
import { corpusFile, readCsv, ROOT } from './helpers';

// `jixiao check <dataset.json>`: the same validation on records alone, no source documents.
const run = promisify(execFile);
const jixiao = (...args: string[]) => run(process.execPath, [join(ROOT, 'bin/jixiao.mjs'), ...args], { cwd: ROOT });

describe('jixiao check', () => {
  const input = mkdtempSync(join(tmpdir(), 'jixiao-check-in-'));
  const out = mkdtempSync(join(tmpdir(), 'jixiao-check-out-'));
  let extracted: string;

  beforeAll(async () => {
    copyFileSync(corpusFile('seeds', '003'), join(input, '003.txt'));
    copyFileSync(corpusFile('seeds', '004'), join(input, '004.txt'));
    copyFileSync(join(ROOT, 'test/fixtures/injected/narrative-score.txt'), join(input, 'narrative-score.txt'));
    extracted = (await jixiao('extract', input, '--out', out)).stdout;
  }, 120_000);

  it('gives the counts extract gave', async () => {
    const counts = /^validation: (.*)$/m.exec(extracted)![1]!;
    expect(counts).toBe('18 reports, 9 errors, 8 warnings, 0 info');
    const { stdout } = await jixiao('check', join(out, 'dataset.json'));
    expect(stdout).toBe(`jixiao check: ${counts}\n`);
  });

  it('reproduces extract\'s findings exactly, the prose checks included, from the records and evidence alone', async () => {
    const again = mkdtempSync(join(tmpdir(), 'jixiao-check-again-'));
    const { stdout } = await jixiao('check', join(out, 'dataset.json'), '--out', again);
    expect(stdout).toMatch(new RegExp(`→ ${again}\\n$`));
    for (const file of ['findings.csv', 'indicators.csv', 'reports.csv', 'dataset.json']) {
      expect(readFileSync(join(again, file), 'utf8'), file).toBe(readFileSync(join(out, file), 'utf8'));
    }
    const findings = readCsv(readFileSync(join(out, 'findings.csv'), 'utf8').slice(1)).rows;
    // The injected prose contradiction is among them: rerun by check, not carried over.
    expect(findings.filter((r) => r.code === 'NARRATIVE_SCORE_MISMATCH')).toHaveLength(1);
  });

  it('reruns the prose checks on the recorded statements: a statement edited to the table\'s score loses its finding', async () => {
    const dataset = DatasetSchema.parse(JSON.parse(readFileSync(join(out, 'dataset.json'), 'utf8')));
    const report = dataset.documents.find((d) => d.document.source.endsWith('narrative-score.txt'))!.reports[0]!;
    const prose = report.findings.find((f) => f.code === 'NARRATIVE_SCORE_MISMATCH')!;
    const statement = report.evidence.statements.find((s) => prose.message.includes(`「${s.quote}」`))!;
    expect(statement.score).toBe(prose.expected);
    statement.score = prose.printed;
    const edited = join(out, 'edited-prose.json');
    writeFileSync(edited, JSON.stringify(dataset));
    const again = mkdtempSync(join(tmpdir(), 'jixiao-check-prose-'));
    await jixiao('check', edited, '--out', again);
    const rows = readCsv(readFileSync(join(again, 'findings.csv'), 'utf8').slice(1)).rows;
    expect(rows.filter((r) => r.code === 'NARRATIVE_SCORE_MISMATCH')).toEqual([]);
  });

  it('checks a dataset written before evidence was recorded on its records alone', async () => {
    type Old = { evidence?: unknown; indicators: Array<{ bbox?: unknown }>; findings: Array<{ origin?: unknown; source_column?: unknown; bbox?: unknown }> };
    const dataset = JSON.parse(readFileSync(join(out, 'dataset.json'), 'utf8')) as { documents: Array<{ reports: Old[] }> };
    // As an older jixiao wrote it: no evidence, no origin, column or boxes.
    for (const r of dataset.documents.flatMap((d) => d.reports)) {
      delete r.evidence;
      for (const i of r.indicators) delete i.bbox;
      for (const f of r.findings) {
        delete f.origin;
        delete f.source_column;
        delete f.bbox;
      }
    }
    const old = join(out, 'old.json');
    writeFileSync(old, JSON.stringify(dataset));
    const again = mkdtempSync(join(tmpdir(), 'jixiao-check-old-'));
    await jixiao('check', old, '--out', again);
    const key = (dir: string) =>
      readCsv(readFileSync(join(dir, 'findings.csv'), 'utf8').slice(1))
        .rows.map((r) => [r.report_id, r.row_index, r.code, r.severity, r.printed, r.expected].join('|'))
        .sort();
    // The stated rules and printed subtotals come back from the report's columns, so the checks
    // on records give what extract gave; only what needs prose or source rows has nothing to run on.
    expect(key(again)).toEqual(key(out).filter((k) => !/\|(NARRATIVE_SCORE_MISMATCH|BUDGET_BREAKDOWN_MISMATCH)\|/.test(k)));
  });

  it('checks records edited by hand', async () => {
    const dataset = DatasetSchema.parse(JSON.parse(readFileSync(join(out, 'dataset.json'), 'utf8')));
    const doc = dataset.documents.find((d) => d.document.source.endsWith('004.txt'))!;
    const report = doc.reports[0]!;
    report.report.total_printed = '97';
    report.indicators[0]!.score = '5'; // 打造医保经办“15分钟服务圈”: weight 4
    const edited = join(out, 'edited.json');
    writeFileSync(edited, JSON.stringify(dataset));
    const again = mkdtempSync(join(tmpdir(), 'jixiao-check-edited-'));
    const { stdout } = await jixiao('check', edited, '--out', again);
    expect(stdout).toMatch(/^jixiao check: 18 reports, 11 errors, 9 warnings, 0 info → /);
    const rows = readCsv(readFileSync(join(again, 'findings.csv'), 'utf8').slice(1)).rows.filter((r) => r.report_id === report.report.report_id);
    expect(rows.filter((r) => r.severity !== 'info').map((r) => [r.code, r.row_index, r.printed, r.expected])).toEqual([
      ['SCORE_EXCEEDS_WEIGHT', '0', '5', '≤ 4'],
      ['LEVEL1_WEIGHT_MISMATCH', '0', '60', '50'],
      ['TOTAL_MISMATCH', '', '97', '99'],
      ['RESCORE_MISMATCH', '0', '5', '4'],
    ]);
  });

  it('refuses a file that is not a dataset, with exit code 2', async () => {
    const bad = join(out, 'bad.json');
    writeFileSync(bad, '{"generator": "x"}');
    const err = await jixiao('check', bad).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toMatch(/is not a jixiao dataset \(documents: /);
    const missing = await jixiao('check', join(out, 'nope.json')).catch((e: { code: number; stderr: string }) => e);
    expect((missing as { stderr: string }).stderr).toMatch(/no such file/);
  });
});
