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
});
