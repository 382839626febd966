import { describe, expect, it } from 'vitest';
import { compareDocument } from '../pipeline/evaluate/compare';
import { corpusFile, extractFile, golden } from './helpers';

// Every layout of the five real seed extractions, against records transcribed by hand.
describe.each(['000', '001', '002', '003', '004'])('seed %s as text', (id) => {
  it('gives every expected report and every indicator row exactly', async () => {
    const result = await extractFile(corpusFile('seeds', id));
    const score = compareDocument(golden(id), result);
    expect(score.differences).toEqual([]);
    expect(score.reportsFound).toBe(golden(id).reports.length);
    expect(score.rowsExact).toBe(score.rowsExpected);
    expect(score.rowsExtra).toBe(0);
    expect(result.document.status).toBe('ok');
  });
});

describe('the score of a row whose words are misread but whose numbers are right', () => {
  it('counts it as not exact, yet with its numbers right; a changed number counts as neither', async () => {
    const result = structuredClone(await extractFile(corpusFile('seeds', '002')));
    const rows = result.reports[0]!.indicators;
    const expected = golden('002').reports[0]!.indicators.length;
    expect(compareDocument(golden('002'), result).rowsNumbersRight).toBe(expected);
    // A prose misread seen in the scans (孤儿 read as 扳儿): words wrong, numbers intact.
    rows[7] = { ...rows[7]!, actual_raw: rows[7]!.actual_raw!.replace('孤儿', '扳儿') };
    // A number misread: the first digit of another row’s actual read one higher.
    rows[1] = { ...rows[1]!, actual_raw: `${rows[1]!.actual_raw}`.replace(/\d/, (d) => String((Number(d) + 1) % 10)) };
    const score = compareDocument(golden('002'), result);
    expect(score.rowsExact).toBe(expected - 2);
    expect(score.rowsNumbersRight).toBe(expected - 1);
  });

  it('counts an exact row whose numbers a producer spaced out (`≥ 95 %`) as numbers right too', async () => {
    const result = structuredClone(await extractFile(corpusFile('seeds', '002')));
    const rows = result.reports[0]!.indicators;
    const i = rows.findIndex((r) => /[≥≤]\d/.test(r.target_raw ?? ''));
    expect(i).toBeGreaterThanOrEqual(0);
    rows[i] = { ...rows[i]!, target_raw: rows[i]!.target_raw!.replace(/([≥≤])(\d+(?:\.\d+)?)/, '$1 $2 ') };
    const score = compareDocument(golden('002'), result);
    expect(score.rowsExact).toBe(rows.length);
    expect(score.rowsNumbersRight).toBe(score.rowsExact);
  });
});
