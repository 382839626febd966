import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { xlsxParser } from '../parsers/xlsx';
import { extractDocument } from '../pipeline/extract';
import type { Block } from '../schemas/document';
import { ROOT } from './helpers';

const fixture = (name: string) => readFileSync(join(ROOT, 'test/fixtures/formats', name));
const tables = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));

describe.each(['forms.xlsx', 'forms.xls'])('spreadsheet %s', (name) => {
  it('stores the rate as a number under a percent format, and reads it as displayed', async () => {
    // The file really holds 0.9822 with `0.00%`: the reading below is the format applied.
    const sheet = XLSX.read(fixture(name), { cellNF: true }).Sheets['项目A']!;
    const stored = Object.values(sheet).find((c) => (c as XLSX.CellObject).v === 0.9822) as XLSX.CellObject;
    expect(stored).toMatchObject({ t: 'n', z: expect.stringContaining('%') });

    const r = await extractDocument(fixture(name), name);
    expect(r.document).toMatchObject({ status: 'ok', format: 'xlsx', pages: 3, report_count: 2 });
    const rows = r.reports[0]!.indicators;
    expect(rows.map((i) => i.actual_raw)).toEqual(['5210人次', '98.22%', '0095']);
    expect(rows.map((i) => i.score)).toEqual(['20', '19.5', '10']);
    // The level-1 cell merged over three rows gives each row its level.
    expect(rows.map((i) => i.level1)).toEqual(['产出指标', '产出指标', '产出指标']);
    expect(r.reports[1]!.indicators.map((i) => i.actual_raw)).toEqual(['81.77%', '85.15%']);
  });

  it('makes each visible sheet a page, merged cells spans, title, date and note rows text', async () => {
    const parsed = await xlsxParser.parse(fixture(name), { name });
    const [first, second] = tables(parsed.blocks);
    expect(first!.prov.page).toBe(1);
    expect(second!.prov.page).toBe(2);
    expect(first!.rows[1]![0]).toMatchObject({ text: '产出指标', rowSpan: 3, colSpan: 1, prov: { page: 1, line: 5 } });
    const texts = parsed.blocks.flatMap((b) => (b.kind === 'text' ? [`${b.prov.page}:${b.text}`] : []));
    expect(texts).toEqual(expect.arrayContaining(['1:2023年度医疗救助项目支出绩效自评表', '1:（2023年度）', '1:注：本表由项目实施单位填报。', '2:2023年度医保经办项目支出绩效自评表']));
    // The date is shown through its format, on a label line outside the form (text, not a
    // two-cell table); the hidden helper sheet is not read.
    expect(texts).toContain('1:填报日期： 2024年3月1日');
    expect(tables(parsed.blocks)).toHaveLength(2);
    expect(JSON.stringify(parsed.blocks)).not.toContain('隐藏');
  });

  it('leaves out the rows and columns the sheet hides', async () => {
    // The file holds a hidden column of indicator codes inside the table and a hidden remark row.
    const sheet = XLSX.read(fixture(name), { cellStyles: true }).Sheets['项目A']!;
    expect(Object.values(sheet).some((c) => (c as XLSX.CellObject).v === 'ZB-001')).toBe(true);
    expect(sheet['!cols']?.[3]?.hidden).toBe(true);
    const parsed = await xlsxParser.parse(fixture(name), { name });
    const text = JSON.stringify(parsed.blocks);
    expect(text).not.toContain('ZB-00');
    expect(text).not.toContain('内部备注');
    const [first] = tables(parsed.blocks);
    expect(first!.rows.map((row) => row.reduce((n, c) => n + c.colSpan, 0))).toEqual([7, 7, 6, 6]);
    expect(first!.rows[0]!.map((c) => c.text)).toEqual(['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分']);
  });
});

describe('bad spreadsheets', () => {
  it('refuses a zip entry that inflates past the budget, fast', async () => {
    const started = Date.now();
    const r = await extractDocument(fixture('bomb-inflate.xlsx'), 'bomb.xlsx');
    expect(r.document).toMatchObject({ status: 'failed', format: 'xlsx' });
    expect(r.document.error).toMatch(/unpacks to more than 32 MiB.*zip bomb/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('measures what an entry inflates to when the zip declares less', async () => {
    const bytes = Buffer.from(fixture('bomb-inflate.xlsx'));
    // Every central-directory record declares a tiny uncompressed size: the lie is found by inflating.
    for (let at = bytes.indexOf('PK\x01\x02', 0, 'latin1'); at >= 0; at = bytes.indexOf('PK\x01\x02', at + 4, 'latin1')) bytes.writeUInt32LE(100, at + 24);
    const r = await extractDocument(bytes, 'lying.xlsx');
    expect(r.document.status).toBe('failed');
    expect(r.document.error).toMatch(/unpacks to more than 32 MiB/);
  });

  it('refuses a sheet whose cells spread over millions of slots, fast', async () => {
    const started = Date.now();
    const r = await extractDocument(fixture('bomb-range.xlsx'), 'range.xlsx');
    expect(r.document.status).toBe('failed');
    expect(r.document.error).toMatch(/sheet 1 spans 9999 rows × 16384 columns/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses Excel 2003 XML named .xls (not read as a web page, and not read wrongly)', async () => {
    const r = await extractDocument(fixture('forms-2003-xml.xls'), 'export.xls');
    expect(r.document).toMatchObject({ status: 'failed', format: 'xlsx' });
    expect(r.document.error).toMatch(/Excel 2003 XML spreadsheet.*save it as \.xlsx/);
  });

  it('reports a truncated .xlsx as truncated', async () => {
    const bytes = readFileSync(join(ROOT, 'corpus/xlsx/002-guangxi-transfer-region.xlsx'));
    const r = await extractDocument(bytes.subarray(0, Math.floor(bytes.length / 2)), 'cut.xlsx');
    expect(r.document).toMatchObject({ status: 'failed', format: 'xlsx' });
    expect(r.document.error).toMatch(/truncated.*download it again/);
  });

  it('reports a truncated .xls as damaged', async () => {
    const bytes = readFileSync(join(ROOT, 'corpus/xlsx/002-guangxi-transfer-region.xls'));
    const r = await extractDocument(bytes.subarray(0, 3000), 'cut.xls');
    expect(r.document.status).toBe('failed');
    expect(r.document.error).toMatch(/cut\.xls is a damaged or truncated compound file.*download it again/);
  });
});
