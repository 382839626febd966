import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ppocrStats, shutdownOcr } from '../parsers/ocr';
import { flattenPaper } from '../parsers/ocr/flatten-paper';
import { turnImage, uprightTurns } from '../parsers/ocr/orientation';
import { withPdf } from '../parsers/pdf/open';
import { renderPdfPage } from '../parsers/pdf/render-page';
import { CORPUS } from './helpers';

// A page the orientation sampler reads badly every way must not be turned: page 2 of the tuning
// grid's bleed-through scan (a dense table, the back page showing through, tilted 0.67°) read
// 0 sure characters upright and 2 turned a quarter back, and was turned sideways.
const BLEED = join(CORPUS, 'scan-grid', 'tune', '003-jinfeng-evaluation-report-grid-bleed.pdf');

// Page 4 of the corpus scan of seed 003: upright, a few lines of text under a ruled table whose
// rules the sampler's long-run cut leaves in pieces a few pixels high.
const SPARSE = join(CORPUS, 'scan', '003-jinfeng-evaluation-report-scan.pdf');

// Pages 3 and 5 of heldout7's turned scan of seed 000 (WeasyPrint's B5 print in AR PL UMing: small
// type set 2–3 px apart at 200 dpi), fed a quarter anticlockwise and a quarter clockwise.
const TIGHT = join(import.meta.dirname, 'fixtures', 'scan-flags', 'tight-lines-turned.pdf');

afterAll(() => shutdownOcr());

describe('choosing a page’s turn', () => {
  it('leaves a page upright when no turn reads clearly surer, and still turns a page fed sideways', async () => {
    const page = await withPdf(new Uint8Array(readFileSync(BLEED)), 'bleed.pdf', async (doc) => renderPdfPage(await doc.getPage(2), 200));
    const flat = flattenPaper(page);
    expect(await uprightTurns(flat, 1)).toBe(0);
    const first = flattenPaper(await withPdf(new Uint8Array(readFileSync(BLEED)), 'bleed.pdf', async (doc) => renderPdfPage(await doc.getPage(1), 200)));
    expect(await uprightTurns(turnImage(first, 1), 1)).toBe(3);
  }, 300_000);

  it('samples text lines, not pieces of rules: an upright ruled page with little text is called upright without trying turns', async () => {
    const page = flattenPaper(await withPdf(new Uint8Array(readFileSync(SPARSE)), 'sparse.pdf', async (doc) => renderPdfPage(await doc.getPage(4), 200)));
    const runs = ppocrStats.runs;
    expect(await uprightTurns(page, 1)).toBe(0);
    // The upright trial reads at most 10 strips × 2 lines; trying the turns would read up to 60 more.
    expect(ppocrStats.runs - runs).toBeLessThanOrEqual(20);
  }, 300_000);

  it('samples lines set tighter than the smear, and tells a page upright from one a quarter short of it', async () => {
    const page = (n: number) => withPdf(new Uint8Array(readFileSync(TIGHT)), 'tight.pdf', async (doc) => flattenPaper(await renderPdfPage(await doc.getPage(n), 200)));
    // Smeared 2 px, every cell's lines were one band and no line was sampled at any turn: the page stayed sideways.
    expect(await uprightTurns(await page(2), 1)).toBe(3);
    // As fed, its glyphs lie a quarter anticlockwise, which PP-OCR reads nearly as sure as upright:
    // it was kept as it is, sideways.
    expect(await uprightTurns(await page(1), 1)).toBe(1);
  }, 300_000);
});
