import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCorpus, type CorpusScore } from '../pipeline/evaluate/corpus';
import { X01_VARIANTS } from './x01-variants';

// The eval's count of unflagged misses (pipeline/evaluate/unflagged.ts) on a corpus built in a temp
// folder: one golden (the truth) and copies of its table that read wrong in known ways, each read
// by the real HTML parser and validator (test/fixtures/unflagged/README.md).
const FIXTURES = join(__dirname, 'fixtures');
const FILES: Array<[string, string]> = [
  ['unplaced/exact.html', 'x01-exact.html'],
  // A form printed without rules, declined with a warning that names its pages.
  ['../../corpus/pdf/002-guangxi-transfer-region-unruled.pdf', 'x01-unruled.pdf'],
];
/** The exact form's copies read wrong in known ways (test/x01-variants.ts), under their corpus names. */
const VARIANTS: Array<[keyof typeof X01_VARIANTS, string]> = [
  ['cell-outside-columns.html', 'x01-cell-outside-columns.html'],
  ['x01-misread.html', 'x01-misread.html'],
  ['x01-no-table.html', 'x01-no-table.html'],
  ['x01-total-misread.html', 'x01-total-misread.html'],
];

let dir: string;
let score: CorpusScore;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-unflagged-'));
  mkdirSync(join(dir, 'golden'));
  copyFileSync(join(FIXTURES, 'unflagged', 'x01.json'), join(dir, 'golden', 'x01.json'));
  mkdirSync(join(dir, 'html'));
  for (const [from, to] of FILES) copyFileSync(join(FIXTURES, from), join(dir, 'html', to));
  for (const [name, to] of VARIANTS) writeFileSync(join(dir, 'html', to), X01_VARIANTS[name]);
  score = await evaluateCorpus(dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const doc = (name: string) => score.documents.find((d) => d.path === `html/${name}`)!;

describe('unflagged misses in the corpus eval', () => {
  it('counts nothing on an exact read', () => {
    expect(doc('x01-exact.html')).toMatchObject({ rowsExact: 6, rowsUnflagged: 0, reportsMissedSilent: 0, unflagged: [] });
  });

  it('counts a report field read wrong with only document findings, apart from the rows', () => {
    // The exact read's report fields as they are (the golden's project name, printed in a line
    // above the table, is not read there), and the total once more.
    const exact = doc('x01-exact.html');
    const d = doc('x01-total-misread.html');
    expect(exact.unflaggedFields.filter((f) => f.includes('total_printed'))).toEqual([]);
    expect(d).toMatchObject({ rowsExact: 6, rowsUnflagged: 0, reportFieldsWrong: exact.reportFieldsWrong + 1, reportFieldsUnflagged: exact.reportFieldsUnflagged + 1 });
    expect(d.unflaggedFields).toEqual([...exact.unflaggedFields, 'report 0: total_printed: 97 ≠ 79']);
    // A value read wrong is no empty field; the project name not read is one.
    expect(d.reportFieldsUnflaggedEmpty).toBe(exact.reportFieldsUnflaggedEmpty);
    expect(exact.reportFieldsUnflaggedEmpty).toBe(exact.unflaggedFields.filter((f) => f.endsWith('≠ null')).length);
  });

  it('counts no misread in a report whose read is doubted', () => {
    const d = doc('x01-cell-outside-columns.html');
    expect(d.rowsExact).toBe(5);
    expect(d.rowsUnflagged).toBe(0);
    // The doubt covers the exact rows too: a flag that is right only on the missed ones.
    expect(d).toMatchObject({ rowsExactFlagged: 5, rowsMissedFlagged: 1 });
  });

  it('counts a misread with only document findings, and a lost row; not a misread flagged on its row', () => {
    const d = doc('x01-misread.html');
    expect(d.rowsExact).toBe(3);
    expect(d.unflagged).toEqual(['report 0: misread golden row 0 (维修养护工程处数)', 'report 0: lost golden row 3 (完工及时率)']);
    expect(d.rowsUnflagged).toBe(2);
    // The misses flagged are the others: how often a flag is right is counted from them.
    expect(d.rowsMissedFlagged).toBe(1);
  });

  it('counts a golden report the output says nothing of, not one the parser warns of', () => {
    expect(doc('x01-no-table.html')).toMatchObject({ reportsFound: 0, reportsMissedSilent: 1 });
    expect(doc('x01-unruled.pdf')).toMatchObject({ reportsFound: 0, reportsMissedSilent: 0 });
  });

  it('adds them up per folder and overall', () => {
    expect(score.byFolder.get('html')).toMatchObject({ rowsUnflagged: 2, reportsMissedSilent: 1, reportsExtraUnflagged: 0 });
    expect(score.total).toMatchObject({ rowsUnflagged: 2, reportsMissedSilent: 1 });
    const fields = score.documents.reduce((n, d) => n + d.reportFieldsUnflagged, 0);
    expect(fields).toBeGreaterThan(0);
    expect(score.total.reportFieldsUnflagged).toBe(fields);
  });
});
