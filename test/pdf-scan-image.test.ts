import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { withPdf } from '../parsers/pdf/open';
import { renderPdfPage } from '../parsers/pdf/render-page';
import { scanJpeg } from '../parsers/pdf/scan-image';
import { paintedImage } from '../parsers/pdf/image-page';
import { readPageContent } from '../parsers/pdf/page-content';
import { drawsNothing } from '../parsers/pdf/ink';
import { loadPdfJs } from '../parsers/pdf/open';
import { multiply, type Matrix } from '../parsers/pdf/matrix';
import { entries, RawPdf } from '../parsers/pdf/raw-objects';
import type { GrayImage } from '../parsers/ocr/gray-image';

// A 1654 × 250 colour JPEG (test/fixtures/blur/header-heavy.jpg) as four pages: alone, behind a
// white square (so pdf.js draws the page), and both again with /Rotate 90 (see the README).
const FIXTURE = join(import.meta.dirname, 'fixtures/pdf/scan-jpeg.pdf');

const differences = (a: GrayImage, b: GrayImage) => {
  let max = 0;
  let total = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i]! - b.data[i]!);
    max = Math.max(max, d);
    total += d;
  }
  return { max, mean: total / a.data.length };
};

describe('scan pages drawn from their JPEG', () => {
  it('finds the JPEG of a page that paints only it, not of a page that paints anything else', async () => {
    const found = await withPdf(new Uint8Array(readFileSync(FIXTURE)), 'scan-jpeg', async (doc) =>
      Promise.all([1, 2, 3, 4].map(async (n) => scanJpeg(await doc.getPage(n)))),
    );
    const jpeg = readFileSync(join(import.meta.dirname, 'fixtures/blur/header-heavy.jpg'));
    expect(found.map((f) => f !== null)).toEqual([true, false, true, false]);
    expect(Buffer.compare(found[0]!.jpeg, jpeg)).toBe(0);
    expect(found[0]).toMatchObject({ width: 1654, height: 250, interpolate: false });
  });

  it("renders as pdf.js does, upright and turned, to within JPEG decoders' rounding", async () => {
    const [alone, drawn, turned, turnedDrawn] = await withPdf(new Uint8Array(readFileSync(FIXTURE)), 'scan-jpeg', async (doc) => {
      const images: GrayImage[] = [];
      for (let n = 1; n <= 4; n++) images.push(await renderPdfPage(await doc.getPage(n), 200));
      return images;
    });
    expect([alone!.width, alone!.height]).toEqual([drawn!.width, drawn!.height]);
    expect([turned!.width, turned!.height]).toEqual([alone!.height, alone!.width]);
    for (const [native, pdfjs] of [[alone!, drawn!], [turned!, turnedDrawn!]] as const) {
      const { max, mean } = differences(native, pdfjs);
      expect(mean).toBeLessThan(0.1);
      expect(max).toBeLessThanOrEqual(2);
    }
  });
});

describe('pages of one image read from their content stream', () => {
  it("finds the image a page paints alone, drawn where pdf.js's operator list draws it, and no other page's", async () => {
    const { OPS } = await loadPdfJs();
    const pages = await withPdf(new Uint8Array(readFileSync(FIXTURE)), 'scan-jpeg', async (doc) => {
      const found = [];
      for (let n = 1; n <= 4; n++) {
        const page = await doc.getPage(n);
        const raw = await paintedImage(page);
        // Where pdf.js paints the image: its CTM at paintImageXObject.
        const list = await page.getOperatorList();
        const stack: Matrix[] = [];
        let ctm: Matrix = [1, 0, 0, 1, 0, 0];
        let drawn: Matrix | null = null;
        list.fnArray.forEach((fn, i) => {
          if (fn === OPS.save) stack.push(ctm);
          else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
          else if (fn === OPS.transform) ctm = multiply(ctm, list.argsArray[i] as Matrix);
          else if (fn === OPS.paintImageXObject) drawn = ctm;
        });
        found.push({ raw, drawn });
      }
      return found;
    });
    expect(pages.map((p) => p.raw !== null)).toEqual([true, false, true, false]);
    for (const n of [0, 2]) expect(pages[n]!.raw).toMatchObject({ width: 1654, height: 250, matrix: pages[n]!.drawn });
  });

  it('gives such a page no text and no rules, and takes it for drawn, without its operator list', async () => {
    // The operator list decodes the page's image, the cost these reads avoid: counted as asked for
    // through pdf.js's public call (the spy calls through), on page 1 (the image alone) and page 2
    // (the image behind a white square, which needs the list).
    const [alone, behind] = await withPdf(new Uint8Array(readFileSync(FIXTURE)), 'scan-jpeg', async (doc) => {
      const read = async (n: number) => {
        const page = await doc.getPage(n);
        const lists = vi.spyOn(page, 'getOperatorList');
        return { content: await readPageContent(page), blank: await drawsNothing(page), lists: lists.mock.calls.length };
      };
      return [await read(1), await read(2)];
    });
    expect(alone!.content).toMatchObject({ page: 1, runs: [], segments: [] });
    expect([alone!.content.width, alone!.content.height]).toEqual([595, 90]);
    expect(alone!.blank).toBe(false);
    expect(alone!.lists).toBe(0);
    expect(behind!.lists).toBeGreaterThan(0);
  });
});

describe('raw PDF objects', () => {
  it('reads dictionaries written compactly, and refuses an object the file defines twice', () => {
    const raw = new RawPdf(new Uint8Array(readFileSync(FIXTURE)));
    const page = raw.dictionary(6, 0)!.text;
    expect(entries(page)?.get('Resources')).toEqual({ kind: 'ref', num: 4, gen: 0 });
    expect(entries(raw.resolveDict({ kind: 'ref', num: 4, gen: 0 })!)?.get('XObject')).toEqual({ kind: 'dict', text: '<</Im0 3 0 R>>' });
    expect(raw.stream(3, 0)?.data.length).toBe(16764);
    const twice = Buffer.concat([readFileSync(FIXTURE), Buffer.from('\n3 0 obj\n<</Length 0>>\nstream\n\nendstream\nendobj\n')]);
    expect(new RawPdf(new Uint8Array(twice)).stream(3, 0)).toBeNull();
  });
});
