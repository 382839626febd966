import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { withPdf } from '../parsers/pdf/open';
import { operatorTextItems } from '../parsers/pdf/operator-text';
import { readPageContent } from '../parsers/pdf/page-content';
import { corpusFile, ROOT } from './helpers';

const fixture = (name: string) => join(ROOT, 'test/fixtures/pdf', name);

/**
 * Each page's text items both ways: pdf.js's text content and jixiao's reading of the operator
 * list. Texts (with the spaces pdf.js inserts and where it splits runs) must be the same; the
 * geometry within a thousandth of a point, as the operator list keeps text matrices in single
 * precision where the text content reads the written numbers.
 */
async function bothWays(file: string) {
  return withPdf(new Uint8Array(readFileSync(file)), file, async (doc) => {
    const pages: Array<{ theirs: Array<{ str: string; transform: number[]; width: number; height: number; hasEOL: boolean }>; ours: Awaited<ReturnType<typeof operatorTextItems>> }> = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const theirs = (await page.getTextContent()).items.flatMap((i) => ('str' in i ? [i] : []));
      pages.push({ theirs, ours: await operatorTextItems(page) });
    }
    return pages;
  });
}

function expectSame(pages: Awaited<ReturnType<typeof bothWays>>): void {
  for (const { theirs, ours } of pages) {
    expect(ours).not.toBeNull();
    expect(ours!.map((i) => [i.str, i.hasEOL])).toEqual(theirs.map((i) => [i.str, i.hasEOL]));
    ours!.forEach((item, k) => {
      const want = [...theirs[k]!.transform, theirs[k]!.width, theirs[k]!.height];
      [...item.transform, item.width, item.height].forEach((v, f) => expect(Math.abs(v - want[f]!)).toBeLessThan(1e-3));
    });
  }
}

describe('text read from the operator list', () => {
  it("reads Writer's print as pdf.js's text content does: runs split at gaps and ended at line ends", async () => {
    const pages = await bothWays(corpusFile('pdf', '001'));
    expect(pages.some((p) => p.theirs.some((i) => i.hasEOL))).toBe(true);
    expectSame(pages);
  });

  it('puts a space in a run where pdf.js does (`值 指标说明`, two runs closer than a gap), and space items between runs', async () => {
    const pages = await bothWays(fixture('weasyprint-hints-calc-narrow-header.pdf'));
    expect(pages[0]!.theirs.some((i) => i.str.startsWith('值 指标说明'))).toBe(true);
    expect(pages[0]!.theirs.some((i) => i.str === ' ')).toBe(true);
    expectSame(pages);
  });

  it('reads a form XObject with its own runs, and a page turned a quarter', async () => {
    expectSame(await bothWays(fixture('budget-jszwfw-03.pdf')));
    expectSame(await bothWays(fixture('002-rotated.pdf')));
  });

  it("gives cairo's Type 3 fonts (size 1, empty FontBBox) the height pdf.js measures from their glyphs' boxes", async () => {
    const pages = await bothWays(fixture('pdftocairo-chromium-type3-marks.pdf'));
    // pdf.js scales the run's height by the glyph box (the main thread is sent it rounded to whole units: 0).
    expect(pages[0]!.theirs.some((i) => Math.abs(i.transform[3]!) < 12 && Math.abs(i.transform[3]!) > 1)).toBe(true);
    expectSame(pages);
  });

  it("leaves to pdf.js a page whose Type 3 fonts, set above size 1, may have had their box measured (Chromium's; Ghostscript's re-distilled)", async () => {
    // Both send the main thread a box that is the glyphs' box: pdf.js scales Ghostscript's runs by it and not Chromium's.
    for (const file of [fixture('chromium-calc-cut-row.pdf'), fixture('pdftops-ps2pdf-chromium-type3.pdf')]) {
      const pages = await bothWays(file);
      expect(pages.every((p) => p.ours === null)).toBe(true);
    }
  });

  it('reads a text page without asking pdf.js for its text content', async () => {
    const file = corpusFile('pdf', '001');
    await withPdf(new Uint8Array(readFileSync(file)), file, async (doc) => {
      const page = await doc.getPage(1);
      const textContent = vi.spyOn(page, 'getTextContent');
      const content = await readPageContent(page, file);
      expect(textContent).not.toHaveBeenCalled();
      expect(content.runs.map((r) => r.text).join('')).toContain('绩效');
    });
  });
});
