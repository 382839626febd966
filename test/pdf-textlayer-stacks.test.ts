import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unifyIdeographs } from '../parsers/ideographs';
import { configureOcr, ocrConfig, shutdownOcr } from '../parsers/ocr';
import { pdfParser } from '../parsers/pdf';
import { withPdf } from '../parsers/pdf/open';
import { readPageContent } from '../parsers/pdf/page-content';
import { recoverTextLayer } from '../parsers/pdf/text-layer-recover';
import { stackedColumns } from '../parsers/pdf/text-layer-stacks';
import { pageGlyphs } from '../parsers/pdf/text-layer-trust';
import { extractDocument } from '../pipeline/extract';
import type { ParsedDocument } from '../schemas/document';
import { ROOT } from './helpers';

// A Chromium print whose level columns are one character wide (`一级指标` set one character a
// line), and the same print re-distilled by Ghostscript, whose fonts' Unicode maps are wrong
// (see test/fixtures/pdf-textlayer/README.md).
const fixture = (name: string) => join(ROOT, 'test/fixtures/pdf-textlayer', `${name}.pdf`);
const CLEAN = fixture('browser-stacked-header');
const BROKEN = fixture('browser-stacked-header-ps2pdf');

const tables = (doc: ParsedDocument) => doc.blocks.flatMap((b) => (b.kind === 'table' ? [b.table.rows.map((row) => row.map((c) => unifyIdeographs(c.text)))] : []));

beforeAll(() => {
  configureOcr({ cacheDir: null, engine: 'ppocr', progress: false });
});
afterAll(async () => {
  await shutdownOcr();
});

describe('characters stacked one a line in a narrow cell', () => {
  it('are found as the columns they make, and nothing else on the page is', async () => {
    const stacks = await withPdf(readFileSync(CLEAN), CLEAN, async (doc) => {
      const content = await readPageContent(await doc.getPage(1), CLEAN);
      return stackedColumns(content.runs, content.segments).map((stack) => unifyIdeographs(stack.map((r) => r.text).join('')));
    });
    // The two header cells and the level labels below them; the heading, the portal lines and the
    // wide cells' text (runs of many characters, or characters with neighbours) are no stacks.
    expect(stacks).toEqual(expect.arrayContaining(['一级指标', '二级指标', '产出指标', '数量指标']));
    for (const stack of stacks) expect(stack).toMatch(/^(一级|二级|产出|数量|效益|社会效益)指标$/);
  });

  it('read by OCR alone, come out as printed: every glyph of the clean print taken for wrong and re-read', async () => {
    const { printed, read } = await withPdf(readFileSync(CLEAN), CLEAN, async (doc) => {
      const page = await doc.getPage(1);
      const content = await readPageContent(page, CLEAN);
      const glyphs = await pageGlyphs(page);
      // Every font's every character declared wrong: what the page then says is OCR's alone.
      const distrusted = [...glyphs].map(([font, uses]) => ({ font, wrong: new Set(uses.map((u) => u.unicode)), oneCodePerChar: false, whole: false, reasons: ['all'] }));
      const recovered = await recoverTextLayer(page, content, distrusted, glyphs, ocrConfig());
      const stacks = stackedColumns(content.runs, content.segments);
      const index = (run: (typeof content.runs)[number]) => content.runs.indexOf(run);
      const word = (runs: Array<{ text: string }>) => unifyIdeographs(runs.map((r) => r.text).join(''));
      return { printed: stacks.map(word), read: stacks.map((stack) => word(stack.map((run) => recovered!.content.runs[index(run)]!))) };
    });
    expect(printed.length).toBeGreaterThanOrEqual(4);
    expect(read).toEqual(printed);
  });

  it('are re-read as one line where their font lies: the level headers and labels come out as printed', async () => {
    const parse = (path: string) => pdfParser.parse(readFileSync(path), { name: path, ocr: ocrConfig() });
    const [fixed, reference] = await Promise.all([parse(BROKEN), parse(CLEAN)]);
    const [header] = tables(fixed)[0]!;
    expect(header).toEqual(tables(reference)[0]![0]);
    expect(header!.slice(0, 2)).toEqual(['一级指标', '二级指标']);
    const rows = async (path: string) =>
      (await extractDocument(readFileSync(path), path)).reports.flatMap((r) => r.indicators.map((i) => [i.level1, i.level2, i.level3, i.weight, i.score]));
    const expected = await rows(CLEAN);
    expect(expected.length).toBe(3);
    expect(await rows(BROKEN)).toEqual(expected);
  });
});
