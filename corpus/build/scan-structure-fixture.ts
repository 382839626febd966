// Builds test/fixtures/scan-pages/shadow-continued.pdf: a two-page scan of one evaluation form
// going on over a page break, cut from the scan grid's `shadow` page of seed 004 as wkhtmltopdf
// prints it (corpus/scan-grid/heldout8, tuning data): page 1 is its page 1 from the goal rows to
// the page's foot (the indicator header, four rows), page 2 its page 2 from the top to the rule
// under 绩效结论 (the form's thirteen other rows). The binding's shadow darkens the left edge of
// both: page 1 loses the frame's left line and with it the label column; page 2 keeps it, its
// columns set a few points off page 1's. Re-rendered at the scan's 200 dpi and JPEG-coded again.
// Needs pdftoppm (building only).
// Run: npx tsx corpus/build/scan-structure-fixture.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpIfAsked, imagePdf, pageStrip, pdfImage } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/scan-structure-fixture.ts\nRewrites test/fixtures/scan-pages/shadow-continued.pdf (two pieces of the scan grid\'s shadow page of seed 004, one form going on over the page break; needs pdftoppm).');

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE = join(ROOT, 'corpus/scan-grid/heldout8/004-qiannan-project-tables-grid-shadow.pdf');
const OUT = join(ROOT, 'test', 'fixtures', 'scan-pages');
/** The scan's resolution: re-rendered at it, the page's pixels are its own. */
const DPI = 200;
/** Rows of page 1 (pixels at 200 dpi): from the rule over the goal rows' header to the page's foot. */
const FOOT = { top: 1440, bottom: 2339 };
/** Rows of page 2: from its top to below the rule under 绩效结论. */
const HEAD = { top: 0, bottom: 1340 };
/** JPEG quality: the shadow's gradient costs bytes at the grid's own. */
const QUALITY = 45;

mkdirSync(OUT, { recursive: true });
const foot = pageStrip(SOURCE, 1, DPI, FOOT.top, FOOT.bottom);
const head = pageStrip(SOURCE, 2, DPI, HEAD.top, HEAD.bottom);
writeFileSync(join(OUT, 'shadow-continued.pdf'), imagePdf([pdfImage(foot, QUALITY), pdfImage(head, QUALITY)]));
