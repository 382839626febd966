import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetSchema, type Dataset, type Finding } from '../schemas/dataset';
import { VALIDATOR_CODES } from '../pipeline/validate/checks';
import { ROOT } from './helpers';

// Real seed tables with one value changed each (test/fixtures/injected/README.md): `jixiao
// extract` must report every injected error, with its row, printed and expected values.
const run = promisify(execFile);
const FOLDER = join(ROOT, 'test/fixtures/injected');

type Expected = [code: string, row: number | null, printed: string | null, expected: string | null];
const INJECTED: Record<string, Expected[]> = {
  'score-exceeds-weight.txt': [
    ['SCORE_EXCEEDS_WEIGHT', 5, '12', '≤ 10'],
    ['TOTAL_MISMATCH', null, '94', '96'],
    ['RESCORE_MISMATCH', 5, '12', '10'],
  ],
  'wrong-total.txt': [['TOTAL_MISMATCH', null, '95', '94']],
  'wrong-exec-score.txt': [
    ['EXEC_SCORE_MISMATCH', null, '5', '4'],
    ['TOTAL_MISMATCH', null, '94', '95'],
  ],
  'wrong-exec-rate.txt': [['EXEC_RATE_MISMATCH', null, '45%', '40%']],
  'weights-not-100.txt': [
    ['LEVEL1_WEIGHT_MISMATCH', 4, '30', '35'],
    ['WEIGHTS_NOT_100', null, '105', '100'],
  ],
  'level1-weight.txt': [['LEVEL1_WEIGHT_MISMATCH', 0, '55', '50']],
  'rescore-differs.txt': [['RESCORE_MISMATCH', 5, '10', '8']],
  'negative-rescore.txt': [['RESCORE_MISMATCH', 3, '10', '8.5']],
  'grade-mismatch.txt': [['GRADE_MISMATCH', null, '良', '优']],
  'unit-suspect.txt': [['UNIT_SUSPECT', null, '元', '万元']],
  'itemised-unreachable.txt': [['RESCORE_MISMATCH', 6, '2.5', '0 | 1 | 2 | 3']],
  'tier-rescore.txt': [['RESCORE_MISMATCH', 27, '10', '0']],
  'formula-rescore.txt': [['RESCORE_MISMATCH', 11, '5', '4']],
  'narrative-score.txt': [
    ['WEIGHTS_NOT_100', null, '20', '100'],
    ['NARRATIVE_SCORE_MISMATCH', 2, '3', '2'],
  ],
  'narrative-weight.txt': [
    ['WEIGHTS_NOT_100', null, '20', '100'],
    ['NARRATIVE_WEIGHT_MISMATCH', 1, '4', '5'],
    ['NARRATIVE_SCORE_MISMATCH', 1, '4', '5'],
  ],
};
const CLEAN: Record<string, Expected[]> = {
  'clean.txt': [],
  'rules-clean.txt': [],
  'narrative-clean.txt': [['WEIGHTS_NOT_100', null, '20', '100']],
};

/** The validator's findings that are not info, as [code, row, printed, expected]. */
const checked = (findings: Finding[]): Expected[] =>
  findings.filter((f) => f.severity !== 'info').map((f) => [f.code, f.row_index, f.printed, f.expected]);

describe('documents with injected errors', () => {
  let dataset: Dataset;
  let stdout: string;
  const byFile = (name: string) => {
    const doc = dataset.documents.find((d) => basename(d.document.source) === name);
    if (!doc) throw new Error(`no document ${name}`);
    return doc;
  };

  beforeAll(async () => {
    const out = mkdtempSync(join(tmpdir(), 'jixiao-injected-'));
    ({ stdout } = await run(process.execPath, [join(ROOT, 'bin/jixiao.mjs'), 'extract', FOLDER, '--out', out], { cwd: ROOT }));
    dataset = DatasetSchema.parse(JSON.parse(readFileSync(join(out, 'dataset.json'), 'utf8')));
  }, 120_000);

  it('reads every fixture as one report (the README is not a document)', () => {
    expect(dataset.documents.map((d) => basename(d.document.source)).sort()).toEqual([...Object.keys(INJECTED), ...Object.keys(CLEAN)].sort());
    for (const doc of dataset.documents) expect(doc.reports).toHaveLength(1);
  });

  it.each(Object.entries(INJECTED))('catches what %s holds', (name, expected) => {
    const found = checked(byFile(name).reports[0]!.findings);
    expect(found).toEqual(expect.arrayContaining(expected));
    expect(found).toHaveLength(expected.length);
  });

  it.each(Object.entries(CLEAN))('finds nothing wrong in the unchanged copy %s', (name, expected) => {
    expect(checked(byFile(name).reports[0]!.findings)).toEqual(expected);
  });

  it('gives every finding its provenance: document, table and printed row', () => {
    const f = byFile('rescore-differs.txt').reports[0]!.findings.find((x) => x.code === 'RESCORE_MISMATCH')!;
    expect(f).toMatchObject({ table_index: 0, source_row: 14, field: 'score' }); // grid row 14: the 满意度 row
    expect(f.message).toMatch(/min\(B\/A, 1\) × weight gives 8 of 10; printed 10/);
    const rate = byFile('wrong-exec-rate.txt').reports[0]!.findings.find((x) => x.code === 'EXEC_RATE_MISMATCH')!;
    expect(rate).toMatchObject({ row_index: null, table_index: 0, field: 'execution_rate_printed' });
    expect(rate.source_row).not.toBeNull();
  });

  it('prints the validation summary line after the extract summary', () => {
    const all = dataset.documents.flatMap((d) => d.reports[0]!.findings);
    const count = (severity: Finding['severity']) => all.filter((f) => f.severity === severity && VALIDATOR_CODES.has(f.code)).length;
    expect(stdout.split('\n')[1]).toBe(`validation: 18 reports, ${count('error')} errors, ${count('warning')} warnings, ${count('info')} info`);
    expect(count('error')).toBe(9);
  });
});
