import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ocrPageImage, shutdownOcr } from '../parsers/ocr';
import { withPdf } from '../parsers/pdf/open';
import { renderPdfPage } from '../parsers/pdf/render-page';

// Page 2 of heldout7's hires scan of seed 000 as WeasyPrint prints it on B5 in AR PL UMing
// (corpus/build/scan-page-cuts.ts): the thin face's small `、` reads as the radical `丶`, which no
// word of a form writes (`未发生截留、挤占丶挪用`, `刊物丶资料`).
const PAGE = join(import.meta.dirname, 'fixtures', 'scan-flags', 'enumeration-comma-hires.pdf');

afterAll(() => shutdownOcr());

describe('marks read as ideographs', () => {
  it('puts the enumeration comma back where the reader gave the radical 丶', async () => {
    const image = await withPdf(new Uint8Array(readFileSync(PAGE)), 'page.pdf', async (doc) => renderPdfPage(await doc.getPage(1)));
    const text = (await ocrPageImage(image, 1)).content.runs.map((r) => r.text).join('');
    expect(text).not.toContain('丶');
    expect(text).toContain('挤占、挪用');
  }, 300_000);
});
