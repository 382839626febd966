import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateReport } from '../pipeline/validate';
import type { Finding } from '../schemas/dataset';
import { extractFile, extractText, ROOT } from './helpers';
import { X01_VARIANTS } from './x01-variants';

// Issue 10 item 5 / issue 11 item 4: a row or a cell the read loses is flagged, never silent. The
// fixtures are one small form (序号 column, merged level labels, a wrapped name, total, grade, a
// note and the sign-off inside the table) read whole, and read with a loss built in (test/x01-variants.ts).
const fixture = (name: 'exact.html' | keyof typeof X01_VARIANTS) => (name === 'exact.html' ? extractFile(join(ROOT, 'test/fixtures/unplaced', name)) : extractText(X01_VARIANTS[name], name));
const lostTexts = (findings: Finding[]) =>
  findings.filter((f) => f.code === 'EXTRACTION_SUSPECT' && /in no record|in none of its fields/.test(f.message));

describe('text the read placed in no record', () => {
  it('finds nothing on a whole read: wrapped cell, 序号, total, grade, note and sign-off are all accounted for', async () => {
    const [report] = (await fixture('exact.html')).reports;
    expect(report!.indicators.map((i) => i.level3)).toContain('受益人口（农村常住）');
    expect(report!.evidence.unplaced).toEqual([]);
    expect(report!.report.extraction_confidence).toBe('high');
    expect(lostTexts(report!.findings)).toEqual([]);
  });

  it('flags the rows of a table piece no header was carried to, at the printed rows', async () => {
    const [report] = (await fixture('split-piece.html')).reports;
    const names = report!.indicators.map((i) => i.level3);
    // The piece's rows are not read: that is the loss the check must not let pass.
    expect(names).not.toContain('完工及时率');
    expect(report!.report.extraction_confidence).toBe('low');
    // Where, in the one form the validator says a place (pipeline/validate/show-place.ts): an HTML table has lines, no pages.
    expect(report!.report.extraction_confidence_reasons).toMatch(/printed in the table on 3 rows are in no record \(line \d+, table 1, row 0, column \d+: 「/);
    const lost = lostTexts(report!.findings).filter((f) => f.printed !== null);
    expect(lost.map((f) => [f.row_index, f.table_index, f.source_row])).toEqual([
      [null, 1, 0],
      [null, 1, 1],
      [null, 1, 2],
    ]);
    expect(lost.map((f) => f.printed)).toEqual([expect.stringContaining('完工及时率'), expect.stringContaining('供水保证率'), expect.stringContaining('群众满意度')]);
    // The piece's 序号 (a column the header names and jixiao does not read) is not a loss.
    for (const f of lost) expect(f.printed).not.toMatch(/^\d+ \|/);
  });

  it('flags the rows of a piece in other columns than the table above (a continuation the stitching did not join)', async () => {
    // The piece lost the 序号 column (on a scan: the frame's outer line binarised away), so it
    // is one column narrower than the report's table; its rows are lost all the same.
    const [report] = (await fixture('narrow-piece.html')).reports;
    expect(report!.indicators.map((i) => i.level3)).not.toContain('完工及时率');
    expect(report!.report.extraction_confidence).toBe('low');
    const lost = lostTexts(report!.findings).filter((f) => f.printed !== null);
    expect(lost.map((f) => [f.table_index, f.source_row])).toEqual([
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect(lost.map((f) => f.printed)).toEqual([expect.stringContaining('完工及时率'), expect.stringContaining('供水保证率'), expect.stringContaining('群众满意度')]);
  });

  it('flags a cell printed outside every column on the record read from its row', async () => {
    const [report] = (await fixture('cell-outside-columns.html')).reports;
    const row = report!.indicators.find((i) => i.level3 === '受益人口（农村常住）')!;
    expect(row.score).toBeNull();
    const lost = lostTexts(report!.findings).filter((f) => f.printed !== null);
    expect(lost).toEqual([expect.objectContaining({ row_index: row.row_index, printed: '14', source_row: row.source_row, source_column: 8 })]);
    expect(report!.report.extraction_confidence).toBe('low');
  });

  it('gives the same findings when revalidated from the stored evidence (jixiao check)', async () => {
    const [report] = (await fixture('split-piece.html')).reports;
    expect(validateReport(report!).findings).toEqual(report!.findings);
  });
});
