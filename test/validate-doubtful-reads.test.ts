import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, ReportResult } from '../schemas/dataset';
import { validateReport } from '../pipeline/validate';
import { corpusFile, extractFile, ROOT } from './helpers';

// A finding computed from a cell whose read is doubtful says so and is no `error` of the document
// (pipeline/validate/doubtful-reads.ts). The reports are real seed tables with one value changed
// (test/fixtures/injected/), read by the real parser; a cell's read is then rated as a scan's
// would be (Place.confidence, the contract OCR and glyph re-reads fill), and the dataset is
// checked again, as `jixiao check` does.
const report = async (name: string) => (await extractFile(join(ROOT, 'test/fixtures/injected', name))).reports[0]!;

/** The report with one cell's read rated `confidence`. */
function rated(r: ReportResult, rowIndex: number | null, field: string, confidence: number): ReportResult {
  const cells = r.evidence.cells.map((c) => (c.row_index === rowIndex && c.field === field ? { ...c, confidence } : c));
  expect(cells).not.toEqual(r.evidence.cells);
  return { ...r, evidence: { ...r.evidence, cells } };
}

const finding = (r: ReportResult, code: string, rowIndex: number | null = null): Finding => validateReport(r).findings.find((f) => f.code === code && f.row_index === rowIndex)!;

describe('a finding computed from a doubtful read', () => {
  it('stays an error of the document on a clean read', async () => {
    const r = await report('wrong-exec-rate.txt');
    expect(finding(r, 'EXEC_RATE_MISMATCH')).toMatchObject({ severity: 'error', origin: 'document' });
    expect(finding(r, 'EXEC_RATE_MISMATCH').message).not.toMatch(/doubtful/);
  });

  it('is a warning naming the doubtful cell when a report cell it computes from was read low', async () => {
    const r = await report('wrong-exec-rate.txt');
    const cell = r.evidence.cells.find((c) => c.row_index === null && c.field === 'budget_annual')!;
    const f = finding(rated(r, null, 'budget_annual', 62), 'EXEC_RATE_MISMATCH');
    expect(f).toMatchObject({ severity: 'warning', origin: 'document', printed: '45%', expected: '40%' });
    expect(f.message).toContain(`(the read of budget_annual at line ${cell.line}, table ${cell.table_index}, row ${cell.row}, column ${cell.column} is doubtful (OCR confidence 62, below 80)`);
    // The threshold: a read at 80 is not doubted.
    expect(finding(rated(r, null, 'budget_annual', 80), 'EXEC_RATE_MISMATCH').severity).toBe('error');
  });

  it('is left as it is by a doubtful cell it does not compute from', async () => {
    const r = await report('wrong-exec-rate.txt');
    // The rate is B / A against the printed rate: the execution score is not read.
    expect(finding(rated(r, null, 'execution_score', 40), 'EXEC_RATE_MISMATCH')).toMatchObject({ severity: 'error' });
  });

  it("weighs a column's own cells for a finding on that column", async () => {
    // Seed 004 医疗保障工作督查经费（州本级）: 年度资金总额 prints B = 15, its source rows 0 (a real inconsistency).
    const r = (await extractFile(corpusFile('seeds', '004'))).reports.find((x) => x.report.project_name === '医疗保障工作督查经费（州本级）')!;
    const onB = (x: ReportResult) => validateReport(x).findings.find((f) => f.code === 'BUDGET_BREAKDOWN_MISMATCH' && f.field === 'budget_executed')!;
    expect(onB(r).severity).toBe('error');
    expect(onB(rated(r, null, 'budget_initial', 50)).severity).toBe('error');
    expect(onB(rated(r, null, 'budget_executed', 50))).toMatchObject({ severity: 'warning', origin: 'document' });
  });

  it('weighs a row cell for the findings on that row and for the sums over every row', async () => {
    const r = await report('score-exceeds-weight.txt');
    expect(finding(r, 'SCORE_EXCEEDS_WEIGHT', 5).severity).toBe('error');
    expect(finding(r, 'TOTAL_MISMATCH').severity).toBe('error');
    const other = rated(r, 4, 'score', 55);
    // Row 4's score is no input of row 5's check, but is one of the total.
    expect(finding(other, 'SCORE_EXCEEDS_WEIGHT', 5).severity).toBe('error');
    expect(finding(other, 'TOTAL_MISMATCH')).toMatchObject({ severity: 'warning', origin: 'document' });
    expect(finding(other, 'TOTAL_MISMATCH').message).toMatch(/the read of row 4's score at .* is doubtful \(OCR confidence 55, below 80\)/);
    expect(finding(rated(r, 5, 'score', 55), 'SCORE_EXCEEDS_WEIGHT', 5)).toMatchObject({ severity: 'warning' });
  });

  it("weighs a level's rows for its printed weight, not the rows of other levels", async () => {
    const r = await report('level1-weight.txt');
    const f = finding(r, 'LEVEL1_WEIGHT_MISMATCH', 0);
    expect(f.severity).toBe('error');
    const rows = r.indicators;
    const inside = rows.filter((i) => i.level1 === rows[0]!.level1).pop()!.row_index;
    const outside = rows.find((i) => i.level1 !== rows[0]!.level1 && i.weight !== null)!.row_index;
    expect(inside).toBeGreaterThan(0);
    expect(finding(rated(r, inside, 'weight', 30), 'LEVEL1_WEIGHT_MISMATCH', 0).severity).toBe('warning');
    expect(finding(rated(r, outside, 'weight', 30), 'LEVEL1_WEIGHT_MISMATCH', 0).severity).toBe('error');
  });

  it('takes a warning of extraction on the cell (an OCR doubt) as a doubtful read too, not its info decisions', async () => {
    const r = await report('wrong-exec-rate.txt');
    const cell = r.evidence.cells.find((c) => c.row_index === null && c.field === 'budget_executed')!;
    const doubt = (severity: Finding['severity']): ReportResult => ({
      ...r,
      findings: [
        ...r.findings,
        { report_id: r.report.report_id, row_index: null, code: 'OCR_SUSPECT_TEXT', severity, field: 'budget_executed', printed: r.report.budget_executed, expected: null, message: 'x', origin: 'extraction', page: null, table_index: cell.table_index, source_row: cell.row, source_column: cell.column, bbox: null },
      ],
    });
    const f = finding(doubt('warning'), 'EXEC_RATE_MISMATCH');
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('the read of budget_executed');
    expect(f.message).toContain('is doubtful (OCR_SUSPECT_TEXT)');
    expect(finding(doubt('info'), 'EXEC_RATE_MISMATCH').severity).toBe('error');
  });
  it('says once that a misread may cause it when both a cell it computes from and the whole table are doubted', async () => {
    const r = rated(await report('wrong-exec-rate.txt'), null, 'budget_annual', 62);
    // A table printed beside the report that no report holds: the self-checks doubt the whole read
    // (as they do budget figures failing B / A where one was read low, this same cell).
    const doubted: ReportResult = { ...r, evidence: { ...r.evidence, unread_tables: [{ printed: '三级指标 指标值', at: null }] } };
    const f = finding(doubted, 'EXEC_RATE_MISMATCH');
    expect(validateReport(doubted).report.extraction_confidence).toBe('low');
    expect(f.severity).toBe('warning');
    expect(f.message).toMatch(/is doubtful \(OCR confidence 62, below 80\), and so is the read of this table, see EXTRACTION_SUSPECT: a misread may cause this\)$/);
    expect(f.message.match(/a misread may cause this/g)).toHaveLength(1);
    // The whole table doubted alone says so, and leaves an error of the document an error.
    const alone: ReportResult = { ...doubted, evidence: { ...doubted.evidence, cells: r.evidence.cells.map((c) => ({ ...c, confidence: null })) } };
    expect(finding(alone, 'EXEC_RATE_MISMATCH')).toMatchObject({ severity: 'error' });
    expect(finding(alone, 'EXEC_RATE_MISMATCH').message).toMatch(/ \(the read of this table is doubtful, see EXTRACTION_SUSPECT: a misread may cause this\)$/);
  });
});
