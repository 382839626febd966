import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ocrConfig } from '../parsers/ocr/config';
import { pdfParser } from '../parsers/pdf';
import { ROOT } from './helpers';

/** The table cells of a fixture page whose text is outlines (test/fixtures/pdf/README.md). */
async function cells(name: string) {
  const path = join(ROOT, 'test/fixtures/pdf', `${name}.pdf`);
  const doc = await pdfParser.parse(readFileSync(path), { name: path, ocr: ocrConfig() });
  return doc.blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.flat() : []));
}

describe('a mark whose full-width and ASCII forms are one outline', () => {
  it('is read right or doubted where an instance between two ideographs has an em: `合格：个别` beside `零分:综合`', async () => {
    // WeasyPrint's print of seed 000 turned into outlines by Ghostscript, page 19 (test/fixtures/pdf/README.md):
    // Noto Serif CJK draws `:` and `：` with the same two dots; the page prints both.
    const rule = (await cells('gs-outlines-colon-forms')).find((c) => c.text.includes('全部地市实行'));
    expect(rule).toBeDefined();
    // The colons after 合格 and 零分 are printed full width, the shape's other instances ASCII.
    const text = rule!.text.replace(/\s/g, '');
    if (!text.includes('合格：个别地方实行') || !text.includes('零分：个别地方实行')) expect(rule!.prov.confidence ?? 100).toBeLessThanOrEqual(50);
  }, 120_000);
});

describe('a closing mark drawn as its opener turned half round', () => {
  it('is the opener’s other half whatever the reader made of it: `“15分钟服务圈”`, not `“15分钟服务圈"`', async () => {
    // wkhtmltopdf's print of seed 004 in WenQuanYi Zen Hei turned into outlines, page 1 (test/fixtures/pdf/README.md):
    // the face's `”` is its `“` turned, which the reader reads surely; it reads the `”` as the straight `"`.
    const texts = (await cells('gs-outlines-turned-quote')).map((c) => c.text.replace(/\s/g, ''));
    expect(texts).toContain('打造医保经办“15分钟服务圈”');
  }, 120_000);
});

describe('a mark drawn with its full-width form’s outline, set narrower than an em', () => {
  it('is ASCII where its ink comes nearer a digit’s than a centred full-width form’s could: `>95%`, `零分:<85%`', async () => {
    // wkhtmltopdf's print of seed 000 turned into outlines, page 10 (test/fixtures/pdf/README.md): the face draws `<`
    // and `＜` with one outline; every instance has an em of room or more (a space or a colon's white beside it).
    const texts = (await cells('gs-outlines-snug-comparison')).map((c) => c.text.replace(/\s/g, ''));
    expect(texts).toContain('>95%');
    expect(texts.find((t) => t.startsWith('满分') && t.includes('合格(6分)'))).toContain('零分:<85%');
  }, 120_000);
});

describe('a mark that begins or ends a wrapped line', () => {
  it('is read once, where it prints: a line Calc begins with `，` (`一站式结算，出院时直接在`)', async () => {
    // Calc's bordered print of seed 000 turned into outlines, page 25 (test/fixtures/pdf/README.md): the comma's ink sits
    // at the left of its em, most of an em from the 出 after it.
    const texts = (await cells('gs-outlines-line-start-comma')).map((c) => c.text.replace(/\s/g, ''));
    expect(texts).toContain('参保人员可在就诊医院一站式结算，出院时直接在医院的结算窗口办理完所有报销手续');
  }, 120_000);

  it('stays on its line where the cell beside sets its lines higher: `时间表,增加20%;有部分`', async () => {
    // The same print, page 35: DejaVu's `,` hangs below the ideographs' ink; `;` and the digits lie lower than the line
    // of the cell beside, which began the page's line.
    const rule = (await cells('gs-outlines-low-cell-lines')).find((c) => c.text.includes('时间表'));
    expect(rule?.text.replace(/\s/g, '')).toContain('时间表,增加20%;有部分统筹区');
  }, 120_000);
});

describe('a narrow mark on a line whose run sets one ideograph', () => {
  it('is told by the pitch of the ideographs beside it on the line: `零` / `分:<85%` is ASCII', async () => {
    // Calc's bordered print of seed 000 turned into outlines, page 26 (test/fixtures/pdf/README.md): DejaVu's `<` sets its ink
    // nearer the `8` than a full-width form centred in an em could; its run (`分:<85%`) has no two ideographs to give the em.
    const rule = (await cells('gs-outlines-lone-comparison')).find((c) => c.text.replace(/\s/g, '').includes('合格(6分):85%'));
    expect(rule?.text.replace(/\s/g, '')).toContain('零分:<85%');
  }, 120_000);
});
