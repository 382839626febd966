import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ocrPageImage, shutdownOcr } from '../parsers/ocr';
import { withPdf } from '../parsers/pdf/open';
import { renderPdfPage } from '../parsers/pdf/render-page';

// Page 4 of heldout7's hires scan of seed 000 as WeasyPrint prints it on B5 in AR PL UMing
// (corpus/build/scan-page-cuts.ts). The thin face draws `、` as a faint tick, which the
// recogniser's best path dropped (`婴幼儿青少年`), and its `<` as tall as the digits, standing on
// their baseline, which was taken for a `≤` whose bar the reader missed (`零分：≤80%`).
const PAGE = join(import.meta.dirname, 'fixtures', 'scan-flags', 'thin-marks-hires.pdf');

afterAll(() => shutdownOcr());

describe('marks a thin face draws small or tall', () => {
  let lines: string[] = [];
  beforeAll(async () => {
    const image = await withPdf(new Uint8Array(readFileSync(PAGE)), 'page.pdf', async (doc) => renderPdfPage(await doc.getPage(1)));
    lines = (await ocrPageImage(image, 1)).content.runs.map((r) => r.text);
  }, 300_000);

  it('keeps the faint enumeration comma the best path drops', () => {
    // The 实际完成值 and 指标说明 cells print 婴幼儿、青少年 (golden 000, report 1).
    expect(lines.join('\n')).toContain('幼儿、青少年允许在常');
  });

  it('leaves a `<` whose strokes draw no bar as it is', () => {
    // 零分: < 80%: a chevron alone, as tall as the digits.
    expect(lines.find((l) => l.includes('零分') && l.includes('80%'))).toMatch(/<80%/);
    expect(lines.join('\n')).not.toMatch(/≤80%/);
  });
});
