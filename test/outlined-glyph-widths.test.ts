import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ocrConfig } from '../parsers/ocr/config';
import { pdfParser } from '../parsers/pdf';
import { ROOT } from './helpers';

/** The table cells of a fixture page whose text is outlines (test/fixtures/pdf/README.md), white space taken out. */
async function cells(name: string): Promise<Array<{ text: string; confidence: number }>> {
  const path = join(ROOT, 'test/fixtures/pdf', `${name}.pdf`);
  const doc = await pdfParser.parse(readFileSync(path), { name: path, ocr: ocrConfig() });
  return doc.blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.flat() : [])).map((c) => ({ text: c.text.replace(/\s/g, ''), confidence: c.prov.confidence ?? 100 }));
}

/** The text blocks of a fixture page whose text is outlines, white space taken out. */
async function lines(name: string): Promise<string[]> {
  const path = join(ROOT, 'test/fixtures/pdf', `${name}.pdf`);
  const doc = await pdfParser.parse(readFileSync(path), { name: path, ocr: ocrConfig() });
  return doc.blocks.flatMap((b) => (b.kind === 'text' ? [b.text.replace(/\s/g, '')] : []));
}

describe('outlined marks’ widths and places, from their ink', () => {
  it('reads a comparison mark drawn as wide as an ideograph full width: `零分:＜10次`, the reader giving `<`', async () => {
    // Chromium's print of seed 001 turned into outlines, page 6: Noto Sans CJK's `＜` after an ASCII colon.
    const rule = (await cells('gs-outlines-wide-comparison')).find((c) => c.text.includes('零分') && c.text.includes('10次'));
    expect(rule?.text).toContain('零分:＜10次');
  }, 180_000);

  it('takes no half-width form from a bracket CJK layout set half an em before a mark: `合格（1分）：`', async () => {
    // Chromium's print of seed 000 turned into outlines, page 7: its `）` set half an em where a `：` follows (text-spacing-trim).
    const texts = (await cells('gs-outlines-compressed-brackets')).map((c) => c.text);
    expect(texts.find((t) => t.includes('医保法治建设方面'))).toContain('①制定医保法治建设方面制度措施（0.5分）②配备专职或兼职法律工作人员（0.5分）');
    expect(texts.find((t) => t.includes('基金监管综合评价'))).toContain('合格（1分）：综合评价');
  }, 180_000);

  it('keeps a decimal point on its digits’ line where a neighbouring cell’s line holds its centre: `≤2795.52万元`', async () => {
    // Chromium's print of seed 004 turned into outlines, page 13: labels beside the cell set half a line higher and lower.
    const texts = (await cells('gs-outlines-stranded-point')).map((c) => c.text);
    expect(texts).toContain('≤2795.52万元');
  }, 180_000);

  it('tells a mark in a cell of digits alone against its face’s em, not a digit’s height: `=100%` stays half-width, doubted', async () => {
    // wkhtmltopdf's print of seed 004 in WenQuanYi Zen Hei turned into outlines, page 2: the ASCII `=` as wide as a digit is tall.
    const targets = (await cells('gs-outlines-zenhei-digit-cells')).filter((c) => /^[=＝]100%$/.test(c.text));
    expect(targets.length).toBeGreaterThan(0);
    for (const cell of targets) {
      expect(cell.text).toBe('=100%');
      // Nothing on the line tells its form (no glyph before it): kept as read, and doubted.
      expect(cell.confidence).toBeLessThan(80);
    }
  }, 180_000);

  it('reads a bold drawn by filling each outline twice as one glyph a character: the form’s title has no unread glyph', async () => {
    // The same print of seed 000, page 1: the title's outlines filled again 0.3–0.5 pt to the left.
    const texts = await lines('gs-outlines-overprinted-bold');
    expect(texts).toContain('医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）绩效自评');
    expect(texts.join('')).not.toContain('\ufffd');
  }, 180_000);

  it('takes no advance from a comma joined from the line above over a character: prose keeps its full-width commas', async () => {
    // The same print of seed 001, page 4: `执行，` ends a wrapped line, its comma over the next line's `定`.
    const texts = (await cells('gs-outlines-joined-comma')).map((c) => c.text);
    expect(texts.find((t) => t.includes('医保参保人群'))).toContain('医保信息系统服务全县50多万医保参保人群，接入实时联网结算定点医药机构168余家，');
  }, 180_000);

  it('rates a cell the page break cuts by its tail’s reads on the next page too: a doubted `$` there doubts the rule', async () => {
    // The same print of seed 000, pages 2-3: 医保信息系统验收合格率's rule goes on at page 3's top.
    const rule = (await cells('gs-outlines-cut-rule')).find((c) => c.text.startsWith('满分') && c.text.includes('合格之上') && c.text.includes('80\\%)/10'));
    expect(rule).toBeDefined();
    expect(rule!.confidence).toBeLessThan(80);
  }, 180_000);
});
