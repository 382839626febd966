import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../pipeline/extract';
import { unifyIdeographs } from '../parsers/ideographs';
import { configureOcr, ocrConfig, shutdownOcr } from '../parsers/ocr';
import { pdfParser } from '../parsers/pdf';
import { withPdf } from '../parsers/pdf/open';
import { settleGlyphReads, type RecoveredPage } from '../parsers/pdf/text-layer-recover';
import { judgeFonts, pageGlyphs, type GlyphUse } from '../parsers/pdf/text-layer-trust';
import type { ParsedDocument } from '../schemas/document';
import { ROOT } from './helpers';

// `*-ps2pdf.pdf`: Chromium prints of test/fixtures/pdf re-distilled by Ghostscript (see the
// folder's README): its Type 3 fonts come out with wrong ToUnicode maps (`（` as `ÿ`, `助` as `û`).
const broken = (name: string) => join(ROOT, 'test/fixtures/pdf-textlayer', `${name}-ps2pdf.pdf`);
const clean = (name: string) => join(ROOT, 'test/fixtures/pdf', `${name}.pdf`);
const PRINTS = ['browser-wrapped-weight', 'browser-continuation'];
// A Chromium print sent through `pdftops -level2` + `ps2pdf` (test/fixtures/pdf-roundtrip/README.md): no ToUnicode, glyphs named by number.
const ROUNDTRIP = join(ROOT, 'test/fixtures/pdf-roundtrip/browser-wrapped-weight-pdftops-ps2pdf.pdf');
// Chromium's and WeasyPrint's prints of a form naming people with rare characters (堃 喆 镕 昇, and 䶮 in a font of its own).
const RARE_NAMES = ['browser-rare-names', 'weasyprint-rare-names'].map((name) => join(ROOT, 'test/fixtures/pdf', `${name}.pdf`));

const tableCells = (doc: ParsedDocument) => doc.blocks.flatMap((b) => (b.kind === 'table' ? b.table.rows.flat() : []));
const parse = (path: string, ocr = ocrConfig()) => pdfParser.parse(readFileSync(path), { name: path, ocr });
const mapWarnings = (doc: ParsedDocument) => (doc.warnings ?? []).filter((w) => w.includes('Unicode map is wrong'));

beforeAll(() => {
  configureOcr({ cacheDir: null, engine: 'ppocr', progress: false });
});
afterAll(async () => {
  await shutdownOcr();
});

describe('the text layer trust check, per font', () => {
  const distrustedOnPages = (path: string) =>
    withPdf(readFileSync(path), path, async (doc) => {
      const out: Array<{ fonts: number; distrusted: ReturnType<typeof judgeFonts> }> = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const glyphs = await pageGlyphs(await doc.getPage(n));
        out.push({ fonts: glyphs.size, distrusted: judgeFonts(glyphs) });
      }
      return out;
    });

  it.each(PRINTS)('distrusts some fonts of the re-distilled %s, not all, and none of the print it was made from', async (name) => {
    const pages = await distrustedOnPages(broken(name));
    const first = pages[0]!;
    expect(first.distrusted.length).toBeGreaterThan(0);
    // Judged font by font: the page's well-mapped fonts stay trusted.
    expect(first.distrusted.length).toBeLessThan(first.fonts);
    for (const font of first.distrusted) {
      expect(font.wrong.size).toBeGreaterThan(0);
      expect(font.reasons.length).toBeGreaterThan(0);
    }
    for (const page of await distrustedOnPages(clean(name))) expect(page.distrusted).toEqual([]);
  });

  const use = (code: number, unicode: string, em = 1): GlyphUse => ({ code, unicode, em, isSpace: false });
  it('distrusts a subset font that maps many glyphs to one character, and glyphs decoding to controls', () => {
    const lumped = judgeFonts(new Map([['F1', [use(1, '的'), use(2, '的'), use(3, '的'), use(4, '是')]]]));
    expect(lumped.map((f) => [f.font, [...f.wrong]])).toEqual([['F1', ['的']]]);
    expect(judgeFonts(new Map([['F2', [use(1, '\u0003'), use(2, '目')]]])).map((f) => f.font)).toEqual(['F2']);
  });

  it('adds to a font found wrong on an earlier page the wrong glyphs a later page shows', () => {
    const known = new Map<string, ReturnType<typeof judgeFonts>[number]>();
    judgeFonts(new Map([['F3', [use(1, '\u0080'), use(2, '目')]]]), known);
    // The next page prints another glyph of the font, decoded to a control character of its own.
    const [later] = judgeFonts(new Map([['F3', [use(3, '\u007f'), use(2, '目')]]]), known);
    expect([...later!.wrong].sort()).toEqual(['\u007f', '\u0080']);
    expect(known.get('F3')).toBe(later);
  });

  it('trusts what a page honestly prints: an icon font in private use, one missing-glyph box, full-width symbols and digits', () => {
    const fonts = new Map<string, GlyphUse[]>([
      ['icons', [use(1, '\ue001'), use(2, '\ue002', 0.8)]],
      ['notdef', [use(0, '\u0000'), use(5, '愎')]],
      ['symbols', [use(1, '×'), use(2, '·'), use(3, '2'), use(4, '项'), use(5, '目')]],
      ['latin', [use(1, 'é', 0.55), use(2, 'a', 0.5)]],
    ]);
    expect(judgeFonts(fonts)).toEqual([]);
  });

  it('distrusts whole the fonts of a Chromium print sent through pdftops and ps2pdf, whose glyph numbers decode to CJK Extension A, Yi, Hangul and symbols', async () => {
    const [page] = await distrustedOnPages(ROUNDTRIP);
    // Nearly every font on the page is a slice of a few ideographs: all but its Latin fonts are noise.
    expect(page!.distrusted.filter((f) => f.whole).length).toBeGreaterThan(page!.fonts / 2);
    expect(page!.distrusted.some((f) => f.reasons.some((r) => r.includes('no Chinese form prints')))).toBe(true);
  });

  it.each(RARE_NAMES)('trusts real text that prints rare characters of names (outside GB2312, one in a font of its own): %s', async (path) => {
    for (const page of await distrustedOnPages(path)) expect(page.distrusted).toEqual([]);
  });

  it('judges a small font by the page: alone, a font of one rare character would be noise', () => {
    const page = new Map<string, GlyphUse[]>([
      ['body', [...'项目名称主管部门实施单位年度预算执行率得分'].map((c, i) => use(i + 1, c))],
      ['fallback', [use(1, '䶮')]],
    ]);
    expect(judgeFonts(page)).toEqual([]);
    // The same small font among fonts whose glyphs are mostly noise takes their verdict.
    const noisy = new Map<string, GlyphUse[]>([
      ['a', [use(1, '䈢'), use(2, '건')]],
      ['b', [use(1, 'ꡭ'), use(2, '⟊'), use(3, '注')]],
      ['fallback', [use(1, '䶮')]],
    ]);
    expect(judgeFonts(noisy).map((f) => [f.font, f.whole])).toEqual([
      ['a', true],
      ['b', true],
      ['fallback', true],
    ]);
  });
});

describe('text of distrusted fonts re-read by OCR', () => {
  it.each(PRINTS)('reads every table cell of the re-distilled %s as the clean print has it, each recovered cell marked as read by OCR', async (name) => {
    const [fixed, reference] = await Promise.all([parse(broken(name)), parse(clean(name))]);
    const cells = tableCells(fixed);
    expect(cells.map((c) => unifyIdeographs(c.text))).toEqual(tableCells(reference).map((c) => unifyIdeographs(c.text)));
    // Before recovery these cells held `ÿ`/`Ā` for the brackets: now they are OCR reads.
    const weights = cells.filter((c) => /（\d+分）/.test(c.text));
    expect(weights.length).toBeGreaterThan(0);
    for (const cell of weights) expect(cell.prov.confidence).toBeDefined();
    expect(fixed.ocrPages).toBeGreaterThan(0);
    expect(mapWarnings(fixed)).toHaveLength(1);
    expect(mapWarnings(fixed)[0]).toContain('re-read by OCR');
  });

  it('extracts the same indicator rows from the re-distilled print as from the clean one', async () => {
    const rows = async (path: string) =>
      (await extractDocument(readFileSync(path), path)).reports.flatMap((r) => r.indicators.map((i) => [i.level1, i.level1_weight, i.level2, i.level3, i.weight, i.score]));
    const fixed = await rows(broken('browser-wrapped-weight'));
    expect(fixed.length).toBeGreaterThan(0);
    expect(fixed).toEqual(await rows(clean('browser-wrapped-weight')));
  });

  it('reads the round-tripped Chromium print as the clean print has it: every glyph re-read, the page said to be re-read', async () => {
    const rows = async (path: string) =>
      (await extractDocument(readFileSync(path), path)).reports.flatMap((r) => r.indicators.map((i) => [i.level1, i.level1_weight, i.level2, i.level3, i.target_raw, i.actual_raw, i.weight, i.score]));
    const fixed = await rows(ROUNDTRIP);
    expect(fixed.length).toBeGreaterThan(0);
    expect(fixed).toEqual(await rows(clean('browser-wrapped-weight')));
    expect(mapWarnings(await parse(ROUNDTRIP))[0]).toContain('re-read by OCR');
  });

  it.each(RARE_NAMES)('keeps the rare characters of a real print as printed, nothing read by OCR: %s', async (path) => {
    const doc = await parse(path);
    expect(mapWarnings(doc)).toEqual([]);
    expect(doc.ocrPages).toBeUndefined();
    const names = tableCells(doc).map((c) => unifyIdeographs(c.text));
    expect(names).toContain('堃园社区道路改造长度');
    expect(names).toContain('喆园小区管网更新户数');
  });

  it('keeps brackets the text layer prints as they are: a recovered cell is not re-paired like a scan', async () => {
    // The cell prints `(1分）` (a half-width opener before a full-width closer) and `（1分）`; only
    // the closers' glyphs are distrusted and re-read.
    const cells = tableCells(await parse(join(ROOT, 'test/fixtures/pdf-textlayer/browser-stacked-header-ps2pdf.pdf')));
    const rule = cells.find((c) => c.text.includes('管理制度'));
    expect(rule?.prov.confidence).toBeDefined();
    expect(rule?.text).toContain('管理制度(1分）');
    expect(rule?.text).toContain('（1分）');
  });

  it('with OCR off keeps the text layer as it is and says it may be misread', async () => {
    const doc = await parse(broken('browser-wrapped-weight'), { ...ocrConfig(), enabled: false });
    expect(doc.ocrPages).toBeUndefined();
    expect(tableCells(doc).some((c) => /[ÿĀ]/.test(c.text))).toBe(true);
    expect(mapWarnings(doc)).toHaveLength(1);
    expect(mapWarnings(doc)[0]).toContain('may be misread');
  });

  it('leaves a clean print alone: no warning, nothing read by OCR', async () => {
    const doc = await parse(clean('browser-wrapped-weight'));
    expect(mapWarnings(doc)).toEqual([]);
    expect(doc.ocrPages).toBeUndefined();
    expect(tableCells(doc).every((c) => c.prov.confidence === undefined)).toBe(true);
  });
});

describe('glyph reads settled across the document', () => {
  const use = (code: number, unicode: string): GlyphUse => ({ code, unicode, em: 1, isSpace: false });
  // One page of a distrusted font F whose text layer calls a full-width glyph `2`, with what OCR read there.
  const page = (n: number, text: string, read: Array<[string, number]>, codes: GlyphUse[]): RecoveredPage => {
    const run = { text, x0: 0, y0: 0, x1: 12 * [...text].length, y1: 12, size: 12 };
    return {
      content: { page: n, width: 600, height: 800, runs: [run], segments: [] },
      words: [],
      replaced: 0,
      reads: [{ index: 0, run, read: read.map(([t, confidence]) => ({ text: t, confidence })), font: { font: 'F', wrong: new Set(), whole: false } }],
      glyphs: new Map([['F', codes]]),
      unlayered: [],
      turned: new Map(),
    };
  };

  it('gives a glyph the read its instances agree on, on every page, and marks the run replaced', () => {
    const clear = page(1, '告2', [['告', 99], ['。', 99]], [use(1, '告'), use(2, '2')]);
    const misread = page(2, '2', [['o', 61]], [use(2, '2')]);
    settleGlyphReads([misread]);
    expect(misread.content.runs[0]!.text).toBe('2');
    settleGlyphReads([clear, misread]);
    expect([clear, misread].map((p) => p.content.runs[0]!.text)).toEqual(['告。', '。']);
    expect(misread.replaced).toBe(1);
    expect(misread.words[0]!.confidence).toBe(61);
  });

  it('replaces a full-width glyph the layer calls a digit where it reads as a mark, and keeps it where it reads as a digit or letter', () => {
    const pages = [page(1, '4', [['[', 42]], [use(4, '4')]), page(2, '2', [['２', 90]], [use(5, '2')]), page(3, '0', [['O', 80]], [use(6, '0')])];
    for (const p of pages) settleGlyphReads([p]);
    expect(pages.map((p) => p.content.runs[0]!.text)).toEqual(['［', '2', '0']);
  });

  it('rates 0 a glyph that cannot be right and that OCR read nothing for, without counting it replaced', () => {
    // producers/ps2pdf-chromium 000: 平 of 医保标准化水平 alone on its line, mapped to U+007F, read as nothing.
    const lost = page(1, '\u007f', [], [use(24, '\u007f')]);
    lost.reads[0]!.font.wrong.add('\u007f');
    settleGlyphReads([lost]);
    expect(lost.content.runs[0]!.text).toBe('\u007f');
    expect(lost.replaced).toBe(0);
    expect(lost.words).toEqual([expect.objectContaining({ x0: 0, x1: 12, confidence: 0 })]);
    // A glyph the layer may have right, read as nothing, is no doubt.
    const plain = page(2, '告', [], [use(1, '告')]);
    settleGlyphReads([plain]);
    expect(plain.words).toEqual([]);
  });

  it('pools nothing for a font that gives one character to two glyph codes across its pages', () => {
    const clear = page(1, '告2', [['告', 99], ['。', 99]], [use(1, '告'), use(2, '2')]);
    const digit = page(2, '2', [['o', 61]], [use(7, '2')]);
    settleGlyphReads([clear, digit]);
    expect(digit.content.runs[0]!.text).toBe('2');
  });
});

