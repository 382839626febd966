import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifyIdeographs } from '../parsers/ideographs';
import { RADICALS_SUPPLEMENT } from '../parsers/ideographs/radicals-supplement';
import { pdfParser } from '../parsers/pdf';
import type { ParsedDocument } from '../schemas/document';
import { corpusFile, extractFile, ROOT } from './helpers';

// Browser prints made by `npx tsx corpus/build/producers.ts --fixtures` (Chromium headless
// print-to-pdf of small disclosure pages with their portal chrome; Type 3 fonts).
const fixture = (name: string) => join(ROOT, 'test/fixtures/pdf', name);
const RADICAL_OR_COMPATIBILITY = /[\u2e80-\u2fdf\uf900-\ufaff]/u;

const tableCells = (doc: ParsedDocument) => doc.blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.flat().map((c) => c.text) : []));

describe('a level-1 weight wrapped inside its number', () => {
  it('reads the cell printed `项目决策（1` / `8分）` as one label with its weight, on every row of its block', async () => {
    const doc = await pdfParser.parse(readFileSync(fixture('browser-wrapped-weight.pdf')), { name: 'browser-wrapped-weight.pdf' });
    // The page engine joins the two lines where they broke: no space inside the number.
    expect(tableCells(doc).map((t) => unifyIdeographs(t))).toContain('项目决策（18分）');
    const result = await extractFile(fixture('browser-wrapped-weight.pdf'));
    const rows = result.reports.flatMap((r) => r.indicators);
    expect(rows.map((r) => [r.level1, r.level1_weight])).toEqual([
      ['项目决策', '18'],
      ['项目决策', '18'],
      ['项目决策', '18'],
      ['产出指标', '12'],
      ['产出指标', '12'],
    ]);
  });
});

describe('a browser print of a disclosure page', () => {
  it('holds radicals in its text layer, and the extracted records hold the unified ideographs', async () => {
    const doc = await pdfParser.parse(readFileSync(fixture('browser-wrapped-weight.pdf')), { name: 'browser-wrapped-weight.pdf' });
    // What makes the fixture worth testing: the browser's fonts map 民, 长, 目 to radicals.
    expect(tableCells(doc).join('')).toMatch(RADICAL_OR_COMPATIBILITY);
    const result = await extractFile(fixture('browser-wrapped-weight.pdf'));
    const rows = result.reports.flatMap((r) => r.indicators);
    expect(JSON.stringify(result)).not.toMatch(RADICAL_OR_COMPATIBILITY);
    expect(rows.map((r) => r.level3)).toEqual(['目标设定依据充分', '绩效目标明确', '民生项目立项程序规范', '长期护理保险覆盖人数', '改革任务完成率']);
  });

  it('fills level-1 and level-2 on every row, and keeps the portal chrome out of the table', async () => {
    const result = await extractFile(fixture('browser-wrapped-weight.pdf'));
    const rows = result.reports.flatMap((r) => r.indicators);
    expect(rows.every((r) => r.level1 && r.level2)).toBe(true);
    expect(rows.map((r) => [r.level2, r.target_raw, r.actual_raw, r.weight, r.score])).toEqual([
      ['决策依据', '充分', '充分', '6', '6'],
      ['决策依据', '明确', '明确', '6', '5'],
      ['决策过程', '规范', '规范', '6', '6'],
      ['数量指标', '≥1200人', '1260人', '6', '6'],
      ['数量指标', '100%', '100%', '6', '6'],
    ]);
  });
});

describe('a merged block cut by a page break', () => {
  it('gives the label printed once, on the first page, to the rows of the block on the next page', async () => {
    const result = await extractFile(fixture('browser-merged-break.pdf'));
    const rows = result.reports.flatMap((r) => r.indicators);
    expect(rows).toHaveLength(11);
    const block = rows.slice(0, 10);
    // The block really is cut: some of its rows are on each page.
    expect(new Set(block.map((r) => r.page)).size).toBe(2);
    for (const [i, r] of block.entries()) {
      expect([r.level1, r.level1_weight, r.level2, r.level3, r.actual_raw]).toEqual(['产出指标', '50', '数量指标', `第${i + 1}项任务按期完成情况（按季度统计上报）`, `${91 + i}%`]);
    }
    expect([rows[10]!.level1, rows[10]!.level1_weight, rows[10]!.level3]).toEqual(['满意度指标', '10', '群众满意度']);
  });
});

describe('a level-2 block whose label prints after the page break', () => {
  // wkhtmltopdf cuts the 质量指标 block under an empty label cell at the foot of page 1 (a rule over
  // it closes the 数量指标 block) and prints its label once, centred, on page 2.
  it('gives the block’s rows on the first page the label printed on the next, with no doubt left', async () => {
    const result = await extractFile(fixture('wkhtmltopdf-label-after-break.pdf'));
    const rows = result.reports.flatMap((r) => r.indicators);
    expect(rows.map((r) => r.level3)).toEqual([
      ...Array.from({ length: 14 }, (_, i) => `第${i + 1}项任务按期完成情况`),
      ...Array.from({ length: 8 }, (_, i) => `第${i + 1}项质量检查合格情况`),
      '群众满意度',
    ]);
    const quality = rows.slice(14, 22);
    // The block really is cut: some of its rows are on each page.
    expect(new Set(quality.map((r) => r.page))).toEqual(new Set([1, 2]));
    expect(rows.slice(0, 14).every((r) => r.level1 === '产出指标' && r.level2 === '数量指标')).toBe(true);
    expect(quality.every((r) => r.level1 === '产出指标' && r.level2 === '质量指标')).toBe(true);
    expect(result.reports.flatMap((r) => r.findings).filter((f) => f.code === 'LEVEL_CARRIED_PAST_RULE')).toEqual([]);
  });
});

describe('a continuation whose first row prints no labels', () => {
  // Chromium rules the cut on neither side and prints no labels below it; WeasyPrint also prints the cut row's text on below the cut.
  it.each(['browser-continuation.pdf', 'weasyprint-continuation.pdf'])('keeps a row cut by the page as one row, its values in their columns, and the labels on the rows after it (%s)', async (file) => {
    const result = await extractFile(fixture(file));
    const rows = result.reports.flatMap((r) => r.indicators);
    expect(rows.map((r) => r.level3)).toEqual(['资金拨付及时率', '基金监管检查覆盖率', '符合资助条件的农村低收入人口资助参保政策覆盖率', '政策知晓率']);
    const cut = rows[2]!;
    expect([cut.target_raw, cut.weight, cut.score]).toEqual(['≥99%', '10', '9']);
    expect(cut.actual_raw).toMatch(/^按规定落实资助参保政策，/);
    expect(cut.actual_raw).toMatch(/覆盖率达到99\.5%$/);
    expect(rows.every((r) => r.level1 === '产出指标' && r.level2 === '质量指标' && r.level1_weight === '40')).toBe(true);
  });
});

describe('an operator column (指标性质) whose header spans two columns of the grid', () => {
  // The project row above has an edge inside the operator column: the grid splits it in two.
  it.each(['browser-operator-column.pdf', 'weasyprint-operator-column.pdf'])('joins the operator to the value and unit after it (%s)', async (file) => {
    const rows = (await extractFile(fixture(file))).reports.flatMap((r) => r.indicators);
    expect(rows.map((r) => [r.level3, r.target_raw, r.target_op, r.target_value, r.target_unit])).toEqual([
      ['救助对象覆盖率', '≥90%', '>=', '90', '%'],
      ['成本控制数', '≤30万元', '<=', '30', '万元'],
    ]);
  });
});

describe("a table's border drawn on past its last row to the page's foot", () => {
  // Rows kept whole: the row that does not fit goes to the next page, and the table's sides run
  // on under the last row printed, with no cell between them.
  it('is no row: the rows on the next page continue the table under its header', async () => {
    const doc = await pdfParser.parse(readFileSync(fixture('browser-table-foot.pdf')), { name: 'browser-table-foot.pdf' });
    const tables = doc.blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const rows = (await extractFile(fixture('browser-table-foot.pdf'))).reports.flatMap((r) => r.indicators);
    expect(rows.map((r) => r.level3)).toEqual(Array.from({ length: 14 }, (_, i) => `第${i + 1}项重点工作完成率`));
    // The table really is cut by the page.
    expect(new Set(rows.map((r) => r.page)).size).toBe(2);
    expect(rows.every((r) => r.weight === '5' && r.score === '5')).toBe(true);
  });

  it('reads them after a cairo printer round trip, which ends each frame fill with a moveTo that draws nothing', async () => {
    // test/fixtures/pdf-roundtrip: the print above through `pdftocairo -ps` and `ps2pdf` (corpus/build/roundtrip-fixtures.ts).
    const tripped = join(ROOT, 'test/fixtures/pdf-roundtrip/weasyprint-table-foot-pdftocairo-ps-ps2pdf.pdf');
    const rows = async (path: string) =>
      (await extractFile(path)).reports.flatMap((r) => r.indicators.map((i) => [i.level1, i.level1_weight, i.level2, i.level3, i.target_raw, i.actual_raw, i.weight, i.score]));
    const read = await extractFile(tripped);
    expect(read.document.status).toBe('ok');
    expect(read.reports.every((r) => r.report.extraction_confidence === 'high')).toBe(true);
    const tripRows = await rows(tripped);
    expect(tripRows.length).toBeGreaterThan(0);
    expect(tripRows).toEqual(await rows(fixture('weasyprint-table-foot.pdf')));
  });
});

// WeasyPrint draws each side of an inset/outset border (HTML's border="1") as two nested rectangles
// filled between them, clipped to that side: no stroke and no thin rectangle anywhere.
describe('borders drawn as filled frames (WeasyPrint, border="1")', () => {
  it('takes each frame side its clip shows as a rule, and reads the table', async () => {
    const doc = await pdfParser.parse(readFileSync(fixture('weasyprint-table-foot.pdf')), { name: 'weasyprint-table-foot.pdf' });
    expect(doc.blocks.filter((b) => b.kind === 'table').length).toBeGreaterThan(0);
    const rows = (await extractFile(fixture('weasyprint-table-foot.pdf'))).reports.flatMap((r) => r.indicators);
    expect(rows.map((r) => r.level3)).toEqual(Array.from({ length: 14 }, (_, i) => `第${i + 1}项重点工作完成率`));
    expect(rows.every((r) => r.weight === '5' && r.score === '5')).toBe(true);
  });
});

// Past a page break WeasyPrint draws no border for the merged cells it continues (separate
// borders, border="1" cellspacing="0"): the stretch without rules wraps round the blocks under it.
describe('merged cells continued with no border round ruled blocks (WeasyPrint)', () => {
  it('keeps each level-2 block its own label', async () => {
    const rows = (await extractFile(fixture('weasyprint-bordered-blocks.pdf'))).reports.flatMap((r) => r.indicators);
    const blocks = new Map<string, number>();
    for (const r of rows) blocks.set(`${r.level1}/${r.level2}`, (blocks.get(`${r.level1}/${r.level2}`) ?? 0) + 1);
    expect(Object.fromEntries(blocks)).toEqual({ '产出指标/数量指标': 14, '产出指标/质量指标': 24, '产出指标/时效指标': 3, '产出指标/成本指标': 3, '效益指标/社会效益指标': 2 });
  });
});

describe('a merged block cut by the page (WeasyPrint)', () => {
  it('gives a merged block cut by the page its label on both sides of the cut', async () => {
    const result = await extractFile(fixture('weasyprint-merged-break.pdf'));
    const rows = result.reports.flatMap((r) => r.indicators);
    expect(rows.map((r) => r.level3?.replace(/\s/g, ''))).toEqual([...Array.from({ length: 10 }, (_, i) => `第${i + 1}项任务按期完成情况（按季度统计上报）`), '群众满意度']);
    expect(rows.slice(0, 10).every((r) => r.level1 === '产出指标' && r.level2 === '数量指标' && r.level1_weight === '50')).toBe(true);
  });
});

describe('a text layer whose Unicode map is wrong', () => {
  const producerFile = (producer: string) => join(ROOT, 'corpus/producers', producer, '002-guangxi-transfer-region.pdf');
  const mapWarnings = async (producer: string) =>
    (await pdfParser.parse(readFileSync(producerFile(producer)), { name: `${producer}.pdf` })).warnings?.filter((w) => w.includes('Unicode map is wrong')) ?? [];

  it('is said when full-width glyphs read as accented Latin letters (Ghostscript re-distilling a browser print), and not on the print it was made from', async () => {
    expect(await mapWarnings('ps2pdf-chromium')).toHaveLength(1);
    expect(await mapWarnings('chromium')).toEqual([]);
  });
});

describe('radicals and compatibility ideographs', () => {
  it('maps Kangxi Radicals, CJK Radicals Supplement and compatibility ideographs to the unified ideographs', () => {
    expect(unifyIdeographs('改⾰')).toBe('改革');
    expect(unifyIdeographs('项⽬')).toBe('项目');
    expect(unifyIdeographs('⼈⺠')).toBe('人民');
    expect(unifyIdeographs('⻓期')).toBe('长期');
    expect(unifyIdeographs('\uf900\u{2f800}')).toBe('\u8c48\u4e3d');
  });

  it('reads the door radical as 户, the ideograph simplified-Chinese fonts draw with its glyph (Chromium prints 专户 as 专⼾)', () => {
    expect(unifyIdeographs('财政专\u2f3e')).toBe('财政专户');
    // The traditional ideograph itself, printed as such, stays.
    expect(unifyIdeographs('\u6236')).toBe('\u6236');
  });

  it('changes nothing else: full-width forms, punctuation, circled numbers and the unified ideographs in the compatibility block stay', () => {
    const text = 'ＡＢ１２（３分）％①；“一站式”〔2022〕12号 ≥95% \ufa0e\ufa0f';
    expect(unifyIdeographs(text)).toBe(text);
  });

  it('maps every radical of the supplement table to a unified ideograph', () => {
    const unified = (cp: number) => (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x20000 && cp <= 0x323af);
    expect(RADICALS_SUPPLEMENT.size).toBeGreaterThan(100);
    for (const [radical, ideograph] of RADICALS_SUPPLEMENT) {
      expect(radical >= 0x2e80 && radical <= 0x2ef3).toBe(true);
      expect(unified(ideograph)).toBe(true);
    }
  });
});

describe('page breaks in Writer exports and WeasyPrint prints (corpus/producers)', () => {
  const producerFile = (producer: string, id: string) => corpusFile(join('producers', producer), id);
  const indicators = async (producer: string, id: string) => (await extractFile(producerFile(producer, id))).reports.flatMap((r) => r.indicators);

  it("keeps the labels of the rows under the table's header printed again at a page break (Writer)", async () => {
    const rows = await indicators('libreoffice-landscape-uming', '000');
    // The header is printed again mid-table: what it says is no label of the rows below it.
    expect(rows.filter((r) => r.level1 === '一级指标' || r.level2 === '二级指标')).toEqual([]);
    const below = rows.find((r) => r.level3 === '医保信息系统正常运行率')!;
    expect([below.level1, below.level2, below.level1_weight]).toEqual(['产出指标', '数量指标', '50']);
  });

  it('joins a label whose second line Writer printed on the next page (`完成指` / `标`) and gives it to every row of its block', async () => {
    const rows = (await extractFile(producerFile('libreoffice-landscape-uming', '001'))).reports[0]!.indicators;
    const block = rows.filter((r) => r.level1 === '完成指标');
    expect(new Set(block.map((r) => r.page)).size).toBe(2);
    expect(rows.filter((r) => r.level1 === '完成指' || r.level1 === '标')).toEqual([]);
  });

  it('keeps a short one-line row at the foot of a page and the row at the top of the next apart (Writer)', async () => {
    const rows = await indicators('libreoffice-landscape-uming', '003');
    const pair = ['资金使用合规性', '资金监管有效性'].map((name) => rows.find((r) => r.level3 === name));
    expect(pair.map((r) => [r?.weight, r?.score])).toEqual([
      ['6', '6'],
      ['4', '4'],
    ]);
  });

  it('joins a row whose first line Writer printed at the foot of a page and the rest on the next (cairo re-render)', async () => {
    const rows = (await extractFile(producerFile('pdftocairo-libreoffice-letter-sans', '000'))).reports[1]!.indicators;
    const cut = rows.find((r) => r.level3 === '农村易返贫致贫人口医保帮扶措施');
    expect([cut?.target_raw, cut?.weight, cut?.score, cut?.actual_raw]).toEqual(['不断完善', '4', '4', '医疗救助政策已将农村易返贫致贫人口纳入救助政策']);
    // The page really cuts it, and no piece of it is a row of its own.
    expect(rows.filter((r) => r.level3?.startsWith('返贫') || r.level3 === '农村易')).toEqual([]);
  });

  it('reads a label the page cut inside its brackets (`项目资金（万` / `元）`) as one, and the budget unit from it (cairo re-render)', async () => {
    const result = await extractFile(producerFile('pdftocairo-libreoffice-letter-sans', '004'));
    const report = result.reports.find((r) => r.report.project_name === '黔南州DIP支付方式改革第三方服务采购项目');
    expect([report?.report.budget_unit, report?.report.budget_annual]).toEqual(['万元', '62.81']);
  });

  it('starts a row of its own for a header row under a goal row that spans its columns, across the page break (WeasyPrint)', async () => {
    const result = await extractFile(producerFile('weasyprint', '004'));
    const report = result.reports.find((r) => r.report.project_name === '医疗保障工作督查经费（州本级）');
    expect(report?.indicators.map((r) => r.level3)).toContain('开展各项医保工作检查');
  });

  it("keeps a one-line row WeasyPrint printed at the foot of a page apart from the next page's first row, which prints its own weights", async () => {
    const rows = (await extractFile(producerFile('weasyprint', '003'))).reports[0]!.indicators;
    const pair = ['困难群众就医负担减轻程度', '对健全社会救助体系的影响'].map((name) => rows.find((r) => r.level3 === name));
    expect(pair.map((r) => [r?.level2, r?.level2_weight, r?.weight])).toEqual([
      ['社会效益指标', '9', '3'],
      ['可持续影响指标', '4', '2'],
    ]);
    expect(new Set(pair.map((r) => r?.page)).size).toBe(2);
  });

  it('cuts no row at a page break WeasyPrint ruled on both sides', async () => {
    // The second report: its 组织管理 block is cut between these two rows.
    const rows = (await extractFile(producerFile('weasyprint', '000'))).reports[1]!.indicators;
    const pair = ['管理制度健全有效性', '绩效评价机制健全性'].map((name) => rows.find((r) => r.level3 === name));
    expect(pair.map((r) => [r?.level2, r?.weight])).toEqual([
      ['组织管理', '4'],
      ['组织管理', '6'],
    ]);
    expect(new Set(pair.map((r) => r?.page)).size).toBe(2);
  });
});

describe("page breaks in Writer's HTML import, ruled on both sides (two pages cut from corpus/producers/libreoffice-writer-html)", () => {
  it('keeps the header row printed alone at the foot of a page apart from the labels under it on the next', async () => {
    const rows = (await extractFile(fixture('writer-html-header-at-foot.pdf'))).reports.flatMap((r) => r.indicators);
    // The header's texts are centred in their row: it ended there, nothing of it goes on.
    expect(rows.map((r) => [r.level1, r.level2, r.level3])).toEqual([
      ['项目决策', '决策依据', '贯彻中央对医疗保障制度改革中有关医疗救助决策部署'],
      ['项目决策', '决策依据', '执行预算绩效管理和资金管理办法'],
      ['项目决策', '决策过程', '决策程序规范'],
      ['项目决策', '绩效目标', '绩效目标设置科学'],
    ]);
  });

  it('starts a new level-2 block at the top of the next page when the last row ended with room under its short texts', async () => {
    // The last row's name runs to the page's foot (it looks cut); its target, actual and note end
    // with lines to spare, and the next page prints new texts under them.
    const rows = (await extractFile(fixture('writer-html-label-after-break.pdf'))).reports.flatMap((r) => r.indicators);
    expect(rows.map((r) => [r.level2, r.level3, r.target_raw])).toEqual([
      ['数量指标', '医疗救助对象人次规模', '符合救助条件的对象按规定纳入救助范围'],
      ['数量指标', '重点救助对象政策范围内个人自付费用年度限额内住院救助比例', '≥70%'],
      ['数量指标', '符合资助条件的农村低收入人口资助参保政策覆盖率', '≥99%'],
      ['质量指标', '医保综合监管能力', '有所提升'],
      ['时效指标', '市域内“一站式”即时结算覆盖率', '不低于上年'],
      ['社会效益指标', '城乡医疗救助政策知晓率', '≥80%'],
      ['社会效益指标', '困难群众看病就医方便程度', '明显提高'],
    ]);
  });
});

describe("a level-1 block cut by a page break in Writer's import of a Word 97 file (pages 11-12 cut from corpus/producers/libreoffice-doc-ukai/004)", () => {
  it('gives the label printed on one page and the weight printed on the next to every row of the block', async () => {
    // `产出指标` fills the block's one row on page 11; its weight `（50分）` prints in the block's
    // part on page 12. Writer rules both sides of the break and the row under it starts afresh
    // (its weights printed again): neither says the label goes on; a weight alone is no label.
    const [report, ...others] = (await extractFile(fixture('writer-doc-level1-split.pdf'))).reports;
    expect(others).toEqual([]);
    const rows = report!.indicators;
    expect(rows.map((r) => [r.level1, r.level1_weight, r.level2])).toEqual([
      ...[...Array(2).fill('数量指标'), ...Array(2).fill('质量指标'), ...Array(2).fill('时效指标'), ...Array(2).fill('成本指标')].map((l2) => ['产出指标', '50', l2]),
      ['效益指标', '30', '社会效益指标'],
      ['满意度指标', '10', '满意度指标'],
    ]);
    expect(new Set(rows.slice(0, 8).map((r) => r.page))).toEqual(new Set([1, 2]));
    expect(report!.report.extraction_confidence).toBe('high');
  });
});

describe("a level-1 label the page cut inside its name in Writer's HTML import (corpus/producers/libreoffice-writer-html-layouts/L05)", () => {
  it('joins 产/出 at the foot of page 1 and 指/标 at the head of page 2 into one label over the block', async () => {
    // Writer rules both sides of the break: the rules say nothing of the label cell. `指标` names
    // no level of its own; with `产出` before it, it does.
    const [report, ...others] = (await extractFile(fixture('writer-html-level1-cut-in-name.pdf'))).reports;
    expect(others).toEqual([]);
    expect(report!.indicators.map((r) => [r.level1, r.level2])).toEqual([
      ['产出指标', '数量指标'],
      ['产出指标', '数量指标'],
      ['产出指标', '质量指标'],
      ['产出指标', '时效指标'],
      ['效益指标', '社会效益指标'],
      ['效益指标', '可持续影响指标'],
      ['满意度指标', '服务对象满意度指标'],
    ]);
    expect(new Set(report!.indicators.slice(0, 4).map((r) => r.page))).toEqual(new Set([1, 2]));
  });
});

describe('an indicator header alone at the foot of a page, its rows on the next (pages 20-21 cut from corpus/producers/weasyprint-hints-writer-html-export/004)', () => {
  it("starts the body on the next page: no row takes a header cell's words (`未完成原因分析`) for its own", async () => {
    // The header's cells reach down a sliver row that the section label's block opens under them;
    // nothing rules over the next page's part. An empty cell there is the first row's, not the
    // rest of a column's name.
    const [report, ...others] = (await extractFile(fixture('weasyprint-hints-header-at-foot.pdf'))).reports;
    expect(others).toEqual([]);
    const rows = report!.indicators;
    expect(rows.map((r) => [r.level3, r.note])).toEqual([
      ['医保专线网络使用乡镇数', null],
      ['医保网络稳定性', null],
      ['完成时间', null],
      ['项目或定额成本控制率', null],
      ['资金使用', '该费用已从我单位专项资金支付'],
      ['提升群众办事效益', null],
      ['群众对医保办事人员服务满意度', null],
    ]);
    expect(rows[0]!.page).toBe(2);
    expect(report!.findings.filter((f) => f.code === 'HEADER_WORD_IN_ROW')).toEqual([]);
  });
});
