import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unifyIdeographs } from '../parsers/ideographs';
import { RADICALS_SUPPLEMENT } from '../parsers/ideographs/radicals-supplement';
import { pdfParser } from '../parsers/pdf';
import type { ParsedDocument } from '../schemas/document';
import { extractFile, ROOT } from './helpers';

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
