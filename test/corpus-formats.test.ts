import { describe, expect, it } from 'vitest';
import { compareDocument } from '../pipeline/evaluate/compare';
import { corpusFile, extractFile, golden } from './helpers';

// The same golden records, read back from web pages (one of them GBK) and Word files with
// merged cells: the HTML and Word parsers must give exactly what the text seed gives.
describe.each(['html', 'docx', 'pdf'])('%s corpus', (folder) => {
  it.each(['000', '001', '002', '003', '004'])('document %s gives every report and row exactly', async (id) => {
    const result = await extractFile(corpusFile(folder, id));
    expect(result.document).toMatchObject({ status: 'ok', format: folder });
    const score = compareDocument(golden(id), result);
    expect(score.differences).toEqual([]);
    expect(score.rowsExact).toBe(score.rowsExpected);
    expect(score.reportsExtra + score.rowsExtra).toBe(0);
  });
});

describe('merged cells', () => {
  it('gives each row of a merged level-1 cell the level and weight printed once', async () => {
    const result = await extractFile(corpusFile('docx', '004'));
    const rows = result.reports[0]!.indicators.filter((i) => i.level1 === '产出指标');
    expect(rows).toHaveLength(14);
    expect(new Set(rows.map((r) => r.level1_weight))).toEqual(new Set(['60']));
    expect(result.reports[0]!.findings.filter((f) => f.code === 'ROW_REALIGNED')).toEqual([]);
  });
});
