import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withPdf } from '../parsers/pdf/open';
import { readPageContent, textView } from '../parsers/pdf/page-content';
import { outlinedGlyphs, outlinedRuns, ShapeBook } from '../parsers/pdf/outlined-glyphs';
import { CORPUS, extractFile, ROOT } from './helpers';

const producer = (folder: string, file: string) => join(CORPUS, 'producers', folder, file);

// WeasyPrint fills each side of each cell's border as its own thin rectangle, a cell high or wide;
// Ghostscript's `-dNoOutputFonts` keeps them as fills beside the glyphs' outlines (issue 10).
describe("a WeasyPrint table's border pieces among outlined glyphs", () => {
  it('are rules, not glyphs: no glyph is a bar a cell high, and the text is still glyphs', async () => {
    const path = producer('gs-outlines-weasyprint', '003-jinfeng-evaluation-report.pdf');
    const glyphs = await withPdf(readFileSync(path), path, async (doc) => {
      const page = await doc.getPage(2);
      return outlinedGlyphs(page, textView(page, []).view, new ShapeBook());
    });
    // The cells' sides are 0.75 pt wide and 19.5 pt high; no glyph of the 10.5 pt text is so.
    expect(glyphs.filter((g) => g.x1 - g.x0 < 1 && g.y1 - g.y0 > 15)).toEqual([]);
    expect(glyphs.filter((g) => g.y1 - g.y0 < 1 && g.x1 - g.x0 > 15)).toEqual([]);
    expect(glyphs.length).toBeGreaterThan(500);
  });
});

// A narrow header cell set a character a line (一/级/指/标): `一` is a line of its own, its ink a
// stroke a point and a half high, which the reader cannot read at that height.
describe('a line of one flat outlined glyph', () => {
  it('is a run an em high about its ink, as wide as the glyph', async () => {
    const path = producer('gs-outlines-weasyprint', '000-transfer-selfeval-indicators.pdf');
    const { glyphs, segments } = await withPdf(readFileSync(path), path, async (doc) => {
      const page = await doc.getPage(1);
      return { glyphs: await outlinedGlyphs(page, textView(page, []).view, new ShapeBook()), segments: (await readPageContent(page, path)).segments };
    });
    const one = glyphs.find((g) => g.x0 > 60 && g.x1 < 80 && g.y0 > 575 && g.y1 < 595 && g.y1 - g.y0 < 3)!;
    expect(one.x1 - one.x0).toBeGreaterThan(9);
    const { runs } = outlinedRuns(glyphs, segments, () => true);
    const run = runs.find((r) => r.x0 <= one.x0 && r.x1 >= one.x1 && r.y0 <= one.y0 && r.y1 >= one.y1)!;
    expect(run.text.length).toBe(1);
    expect(run.size).toBeCloseTo(one.x1 - one.x0, 1);
    expect((run.y0 + run.y1) / 2).toBeCloseTo((one.y0 + one.y1) / 2, 1);
  });
});

// Outlines have no font: each line's size is its glyphs' ink, which a quote mark, a bracket or a
// stop makes taller or shorter than the line above (`…补助资金绩效` 18.2, `评价报告` 17.0).
describe('lines wrapped in a paragraph of outlined text (pages 1-2 cut from corpus/producers/gs-outlines-weasyprint/003)', () => {
  it("joins the report's heading and the grade's sentence across their wraps: the project and the grade are read", async () => {
    const [report, ...others] = (await extractFile(join(ROOT, 'test/fixtures/pdf/gs-outlines-wrapped-lines.pdf'))).reports;
    expect(others).toEqual([]);
    expect([report!.report.title, report!.report.project_name, report!.report.grade_printed]).toEqual(['金凤区医疗保障局2023年城乡居民医疗救助补助资金绩效评价报告', '城乡居民医疗救助补助资金', '优']);
  });
});
