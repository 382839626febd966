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
