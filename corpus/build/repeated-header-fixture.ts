// Builds test/fixtures/scan-pages/repeated-header.pdf: a two-page scan of one evaluation table
// whose header is printed again at the top of its second page, as a form that repeats its header
// rows on every page prints it. From WeasyPrint's B5 print of seed 000
// (producers/weasyprint-b5-uming), its third table: page 1 is page 9 from the title down (the
// header, the first three rows, 项目决策 going on), with the 分 of the header's 得分 gone (a faint
// stroke the scan lost: the cell reads 得, which names no column), so that the score column is
// named on page 2 only; page 2 is the header as page 11 prints it again, over page 10's rows
// (项目决策's 绩效目标 rows going on). Both at 200 dpi, blurred a little and JPEG-coded as the
// grid's `portal` family. And test/fixtures/scan-pages/header-mid-page.pdf: the same page 1 over
// page 11 down to the second row under the header it prints again in the middle of the page. And
// test/fixtures/scan-pages/continued-under-line.pdf: the same page 1 over page 10's rows with the
// portal's breadcrumb line (page 1's 当前位置：首页…) printed above them, a line that opens no
// report between the table and its headerless continuation.
// Needs pdftoppm (building only).
// Run: npx tsx corpus/build/repeated-header-fixture.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blur, helpIfAsked, imagePdf, pageStrip, pdfImage, type Page } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/repeated-header-fixture.ts\nRewrites test/fixtures/scan-pages/repeated-header.pdf, header-mid-page.pdf and continued-under-line.pdf (two scanned pieces of seed 000\'s third table, its header printed again on the second at its top or in its middle, or a line above the second; needs pdftoppm).');

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE = join(ROOT, 'corpus/producers/weasyprint-b5-uming/000-transfer-selfeval-indicators.pdf');
const OUT = join(ROOT, 'test', 'fixtures', 'scan-pages');
const DPI = 200;
/** Page 9 (pixels at 200 dpi): from above the title to the page's foot. */
const FIRST = { page: 9, top: 1060, bottom: 1969 };
/** The 分 under 得 in page 9's header cell 得分 (pixels at 200 dpi, inside the cell's rules). */
const LOST = { x0: 1097, x1: 1122, y0: 1205, y1: 1236 };
/** Page 11's header printed again, its rules above and below included. */
const HEADER = { page: 11, top: 636, bottom: 752 };
/** Page 11 from its top (rows going on from page 10) to the rule under the second row below its header. */
const MID = { page: 11, top: 0, bottom: 978 };
/** Page 1's breadcrumb line (当前位置：首页 > …), its own white above and below. */
const LINE = { page: 1, top: 330, bottom: 385 };
/** Page 10's rows under their top rule (the header's bottom rule stands for it), to the rule under the second. */
const ROWS = { page: 10, top: 97, bottom: 636 };

/** `page` with the box (page pixels; the strip starts at `top`) made paper-white. */
function whiteOut(page: Page, top: number, box: typeof LOST): Page {
  const plane = page.planes[0]!.slice();
  for (let y = box.y0 - top; y < box.y1 - top; y++) plane.fill(255, y * page.width + box.x0, y * page.width + box.x1);
  return { ...page, planes: [plane] };
}

/** Two strips of one width, one above the other: one page. */
function stacked(top: Page, bottom: Page): Page {
  const plane = new Uint8Array(top.planes[0]!.length + bottom.planes[0]!.length);
  plane.set(top.planes[0]!);
  plane.set(bottom.planes[0]!, top.planes[0]!.length);
  return { ...top, height: top.height + bottom.height, planes: [plane] };
}

const strip = (part: typeof FIRST) => pageStrip(SOURCE, part.page, DPI, part.top, part.bottom);
const first = blur(whiteOut(strip(FIRST), FIRST.top, LOST), 0.5);
const [header, rows] = [strip(HEADER), strip(ROWS)];
const second = blur(stacked(header, rows), 0.5);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'repeated-header.pdf'), imagePdf([pdfImage(first, 60), pdfImage(second, 60)]));
const line = strip(LINE);
const underLine = blur(stacked(line, rows), 0.5);
writeFileSync(join(OUT, 'continued-under-line.pdf'), imagePdf([pdfImage(first, 60), pdfImage(underLine, 60)]));
writeFileSync(join(OUT, 'header-mid-page.pdf'), imagePdf([pdfImage(first, 60), pdfImage(blur(strip(MID), 0.5), 60)]));
