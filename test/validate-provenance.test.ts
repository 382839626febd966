import { describe, expect, it } from 'vitest';
import type { DocumentResult, FieldCell } from '../schemas/dataset';
import { corpusFile, extractFile } from './helpers';

// Provenance down to the cell: every mapped field keeps the cell it was read from, and every
// finding points at a cell, with its page and box where the format has them.
const box = (bbox: string | null) => bbox!.split(' ').map(Number);

describe('findings point at the cell', () => {
  let pdf: DocumentResult;
  let text: DocumentResult;

  it('reads the PDF and text renderings of seed 004', async () => {
    pdf = await extractFile(corpusFile('pdf', '004'));
    text = await extractFile(corpusFile('seeds', '004'));
    expect(pdf.reports.map((r) => r.report.project_name)).toEqual(text.reports.map((r) => r.report.project_name));
  }, 120_000);

  it('every finding of the PDF carries page, table, row, column and box; of the text, the cell', () => {
    const pdfFindings = pdf.reports.flatMap((r) => r.findings);
    expect(pdfFindings.length).toBeGreaterThan(5);
    for (const f of pdfFindings) expect(f, f.code).toMatchObject({ page: expect.any(Number), table_index: expect.any(Number), source_row: expect.any(Number), source_column: expect.any(Number), bbox: expect.stringMatching(/^[\d.]+ [\d.]+ [\d.]+ [\d.]+$/) });
    for (const f of text.reports.flatMap((r) => r.findings)) expect(f, f.code).toMatchObject({ page: null, bbox: null, table_index: expect.any(Number), source_column: expect.any(Number) });
  });

  it('points a budget-block finding at the printed rate, right of A and B on the same line', () => {
    const report = pdf.reports.find((r) => r.report.project_name === '医疗保障工作督查经费（州本级）')!;
    const rate = report.findings.find((f) => f.code === 'EXEC_RATE_MISMATCH')!;
    const cell = (field: string) => report.evidence.cells.find((c) => c.row_index === null && c.field === field)!;
    const [ax0, ay0] = cell('budget_annual').bbox!;
    const [bx0] = cell('budget_executed').bbox!;
    const [x0, y0, x1, y1] = box(rate.bbox);
    expect(x0).toBeGreaterThan(bx0);
    expect(bx0).toBeGreaterThan(ax0);
    expect(Math.abs(y0! - ay0)).toBeLessThan(y1! - y0!);
    expect(x1).toBeGreaterThan(x0!);
    expect(rate.page).toBe(cell('budget_annual').page);
  });

  it("keeps the cells of the form's project, department and unit, right of their keys on the first rows", () => {
    const report = pdf.reports.find((r) => r.report.project_name === '医疗保障工作督查经费（州本级）')!;
    const cell = (field: string) => report.evidence.cells.find((c) => c.row_index === null && c.field === field);
    const [project, department, unit, annual] = ['project_name', 'department', 'implementing_unit', 'budget_annual'].map(cell);
    for (const c of [project, department, unit]) {
      expect(c).toMatchObject({ page: annual!.page, table_index: annual!.table_index, column: expect.any(Number) });
      expect(c!.row).toBeLessThan(annual!.row!);
    }
    expect(project!.row).toBeLessThan(department!.row!);
    expect(unit!.row).toBe(department!.row);
    expect(unit!.bbox![0]).toBeGreaterThan(department!.bbox![0]);
  });

  it('keeps each field its own cell: weight and score of a row are two cells, left to right as the header', () => {
    const report = pdf.reports[0]!;
    const cells = (i: number) => new Map(report.evidence.cells.filter((c) => c.row_index === i).map((c): [string, FieldCell] => [c.field, c]));
    for (const row of report.indicators) {
      const c = cells(row.row_index);
      const [weight, score] = [c.get('weight'), c.get('score')];
      expect(weight?.column, row.level3 ?? '').toBeLessThan(score!.column!);
      expect(weight!.bbox![0]).toBeLessThan(score!.bbox![0]);
      expect(weight!.page).toBe(row.page);
      // indicators.csv's row box (to the hundredth) holds the row's cells.
      const [x0, y0, x1, y1] = box(row.bbox);
      const [wx0, wy0, wx1, wy1] = weight!.bbox!;
      expect([x0! <= wx0 + 0.01, y0! <= wy0 + 0.01, x1! >= wx1 - 0.01, y1! >= wy1 - 0.01]).toEqual([true, true, true, true]);
    }
  });

  it('tells extraction\'s decisions from the document\'s inconsistencies by origin', () => {
    const all = [...pdf.reports, ...text.reports].flatMap((r) => r.findings);
    const origins = new Map(all.map((f) => [f.code, f.origin]));
    expect(origins.get('LEVEL1_WEIGHT_MISMATCH')).toBe('document');
    expect(origins.get('BUDGET_BREAKDOWN_MISMATCH')).toBe('document');
    expect(all.filter((f) => f.origin === 'extraction').map((f) => f.code)).toContain('ROW_REALIGNED');
    for (const f of all) if (/^(ROW_REALIGNED|LEVEL1_INFERRED|LEVEL_SPAN_ADJUSTED|LEVEL2_DISPLACED|LEVEL_CARRIED_PAST_RULE|LEVEL_FAMILY_MISMATCH|LEVEL_LABELS_JOINED|VALUE_NOT_NUMERIC|OCR_)/.test(f.code)) expect(f.origin, f.code).toBe('extraction');
  });
});
