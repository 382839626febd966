// Builds test/fixtures/scan-pages/shadow-continued.pdf: a two-page scan of one evaluation form
// going on over a page break, cut from the scan grid's `shadow` page of seed 004 as wkhtmltopdf
// prints it (corpus/scan-grid/heldout8, tuning data): page 1 is its page 1 from the goal rows to
// the page's foot (the indicator header, four rows, the next cut by the page), page 2 its page 2
// from the top to the rule under 绩效结论 (the form's thirteen other rows). The binding's shadow
// darkens the left edge of both: page 1 loses the frame's left line and reads the level labels'
// characters there as lines beside the table; page 2 keeps it. Re-rendered at the scan's 200 dpi
// and JPEG-coded again.
// Needs pdftoppm and pdfseparate (building only).
// Run: npx tsx corpus/build/scan-structure-fixture.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helpIfAsked, imagePdf, pageStrip, pdfImage, run } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/scan-structure-fixture.ts\nRewrites test/fixtures/scan-pages/shadow-continued.pdf (two pieces of the scan grid\'s shadow page of seed 004, one form going on over the page break; needs pdftoppm and pdfseparate).');

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE = join(ROOT, 'corpus/scan-grid/heldout8/004-qiannan-project-tables-grid-shadow.pdf');
const OUT = join(ROOT, 'test', 'fixtures', 'scan-pages');
const DPI = 200;
/** Page 1 (pixels at 200 dpi): from the rule over the goal rows' header to the page's foot. */
const FOOT = { page: 1, top: 1440, bottom: 2339 };
/** Page 2: from its top to below the rule under 绩效结论. */
const HEAD = { page: 2, top: 0, bottom: 1340 };

const work = mkdtempSync(join(tmpdir(), 'jixiao-scan-structure-'));
try {
  // Cut out first: pdftoppm numbers the pages of a longer document with more digits.
  const strip = (part: typeof FOOT) => {
    const file = join(work, `page${part.page}.pdf`);
    run('pdfseparate', ['-f', String(part.page), '-l', String(part.page), SOURCE, file]);
    return pageStrip(file, 1, DPI, part.top, part.bottom);
  };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'shadow-continued.pdf'), imagePdf([pdfImage(strip(FOOT), 45), pdfImage(strip(HEAD), 45)]));
} finally {
  rmSync(work, { recursive: true, force: true });
}
