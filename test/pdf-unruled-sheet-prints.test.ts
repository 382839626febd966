import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block } from '../schemas/document';
import { unifyIdeographs } from '../parsers/ideographs';
import { pdfParser } from '../parsers/pdf';
import { extractFile, ROOT } from './helpers';

// Sheets printed without any rule by a browser (Chromium's print of Calc's HTML export,
// corpus/producers/chromium-calc-html-export; cut by `npx tsx corpus/build/producers.ts --cuts`):
// cells set to their row's foot, rows saved taller than their text, a row cut by a page break set
// to its top, one text run a glyph. Columns come from the header's words and the lines under them,
// rows from the 分值 each prints, and what the print leaves open is doubted.
const fixture = (name: string) => join(ROOT, 'test/fixtures/pdf', name);

const tables = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));

describe('sheets printed without rules by a browser', () => {
  it('reads the row a page break cuts (set to its top, its text wrapped on to the foot) whole, and goes on past a wide blank on the next page', async () => {
    const result = await extractFile(fixture('chromium-calc-cut-row.pdf'));
    expect(result.reports).toHaveLength(1);
    const [report] = result.reports;
    // Page 2's rows under no header, the first under a blank over four lines high, are the same table's.
    expect(report!.indicators.map((x) => [x.level3, x.page])).toEqual([
      ['贯彻中央对医疗保障制度改革中有关医保服务能力提升的决策部署', 1],
      ['执行预算绩效管理和资金管理办法', 1],
      ['决策程序规范', 1],
      ['绩效目标设置科学', 1],
      ['绩效目标分解细化', 2],
      ['资金分配规范性', 2],
      ['资金分配合理性', 2],
      ['预算执行率', 2],
      ['资金使用合规性', 2],
      ['资金监管有效性', 2],
    ]);
    // The cut row's cells: every wrapped line under its first, where its 分值 prints, is its own.
    const cut = report!.indicators[3]!;
    expect([cut.target_raw, cut.scoring_rule, cut.weight]).toEqual([
      '遵照财政部和国家医疗保障局下达的年度总体目标和具体绩效指标各市、县(区)遵照财政厅和自治区医疗保障局下达的年度总体目标和具体绩效指标',
      '①按照国家医疗保障局下达的绩效目标表进行细化，目标设置合理科学(1分)②明确产出指标、满意度指标等绩效指标要求(1分)',
      '2',
    ]);
    expect(report!.report.extraction_confidence).toBe('low');
  });

  it("doubts the row the page's foot cuts: whether the text under its 分值 is its own or the next row's is not printed", async () => {
    const doc = await pdfParser.parse(readFileSync(fixture('chromium-calc-cut-row.pdf')), { name: 'chromium-calc-cut-row.pdf' });
    const [table] = tables(doc.blocks);
    // The page engine's texts as printed (radicals for some ideographs: ⽬), unified as the pipeline reads them.
    const row = table!.rows.find((r) => r.some((c) => unifyIdeographs(c.text) === '绩效目标设置科学'))!;
    for (const c of row.filter((c) => c.rowSpan === 1 && c.text !== '')) expect(c.prov.unruled).toMatch(/the page's foot cuts this row's text under its 分值/);
    // The rows above it are not cut: no such doubt.
    const first = table!.rows.find((r) => r.some((c) => unifyIdeographs(c.text).startsWith('执行预算绩效管理')))!;
    for (const c of first) expect(c.prov.unruled ?? '').not.toMatch(/page's foot cuts/);
  });

  it("cuts a header chunk two columns' words run into where the lines under it start their text (page 2: 实际值(2022年)评分标准)", async () => {
    const result = await extractFile(fixture('chromium-calc-run-in-header.pdf'));
    const report = result.reports.find((r) => r.indicators.some((x) => x.page === 2 && x.level1 === '项目决策'));
    expect(report).toBeDefined();
    expect(report!.evidence.columns).toEqual(expect.arrayContaining(['actual', 'scoring_rule']));
    const [first] = report!.indicators;
    expect(first!.actual_raw).toMatch(/^深入贯彻中央医疗保障制度改革关于有关能力建设决策部署，.*有序有效推进我县医保经办服务能力提升工作。$/);
    expect(first!.scoring_rule).toBe('1、符合《中共中央国务院关于深化医疗保障制度改革的意见》（2分）2.印发《“十四五”全民医疗保障规划》2022年度任务的相关文件(2分)');
    expect([first!.weight, first!.score]).toEqual(['4', '4']);
  });

  it('reads header words printed with radicals (⼀级指标 ⼆级指标 ⾃评得分, page 1): the form is found, and doubted', async () => {
    const result = await extractFile(fixture('chromium-calc-run-in-header.pdf'));
    const report = result.reports.find((r) => r.indicators.some((x) => x.page === 1));
    expect(report).toBeDefined();
    expect(report!.report.title).toBe('2022年度部门整体支出绩效目标自评表');
    expect(report!.report.extraction_confidence).toBe('low');
    expect(report!.findings.some((f) => f.code === 'EXTRACTION_SUSPECT')).toBe(true);
  });
});
