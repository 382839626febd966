// Builds test/fixtures/scan-pages/cut-prose-table.pdf: a two-page scan of seed 001's indicator
// table (its second report) going on over a page break, as WeasyPrint prints it on B5 in AR PL
// UMing (producers/weasyprint-b5-uming, a non-held-out document): page 1 is page 2 of the print
// from the report's title lines to the page's foot (the header and three rows, the label 决策过程
// cut after 决策), page 2 is page 3 from its top down through 资金分配规范性 (过程 at its top).
// WeasyPrint rules neither side of the break: the table is open at the foot of page 1 and at the
// head of page 2, while its rows are ruled, and its tall prose cells (评分标准, 实际完成值) leave
// gaps as tall as a lost rule's. Rendered at 200 dpi, blurred a little and JPEG-coded as the
// grid's `portal` family.
// Needs pdftoppm (building only).
// Run: npx tsx corpus/build/cut-prose-table-fixture.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blur, helpIfAsked, imagePdf, pageStrip, pdfImage } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/cut-prose-table-fixture.ts\nRewrites test/fixtures/scan-pages/cut-prose-table.pdf (two scanned pieces of seed 001\'s indicator table as WeasyPrint prints it on B5, going on over a page break with no rule on either side; needs pdftoppm).');

const ROOT = join(import.meta.dirname, '..', '..');
/**
 * The two pieces (pixels at 200 dpi): page 2 from the report's title lines above the table to the
 * page's foot, and page 3 from its top (the rows going on) down through the row 资金分配规范性.
 */
const PIECES = [
  { page: 2, top: 1100, bottom: 1968 },
  { page: 3, top: 0, bottom: 760 },
];

const print = join(ROOT, 'corpus/producers/weasyprint-b5-uming/001-jiange-department.pdf');
const scans = PIECES.map(({ page, top, bottom }) => pdfImage(blur(pageStrip(print, page, 200, top, bottom), 0.5), 60));
mkdirSync(join(ROOT, 'test/fixtures/scan-pages'), { recursive: true });
writeFileSync(join(ROOT, 'test/fixtures/scan-pages/cut-prose-table.pdf'), imagePdf(scans));
