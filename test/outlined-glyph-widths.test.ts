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
});
