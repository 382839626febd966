// Builds test/fixtures/scan-doubt/faint-budget.pdf: pages 1–2 of corpus/pdf/004 (the first project
// form: its budget block 年度资金总额 228 | 228 | 181.82 | 10 分 | 79.74% | 8, then its indicator
// table) scanned in gray at 150 dpi, with the budget block's 全年预算数(A) printed faint: its
// first digit almost gone, the other two pale. A scan where the read of one report-level cell is
// doubtful (read low, or a glyph lost), the kind of read that once made a 1000 % execution-rate
// "error" of the document. Also unit-erased.pdf: the same pages, the budget block's `(万元)` wiped
// white and nothing faint: a block OCR reads whole but for its money unit. Deterministic; needs
// pdftoppm and pdfseparate (building only).
// Run: npx tsx corpus/build/doubt-fixture.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helpIfAsked, imagePdf, pageStrip, pdfImage, run, type Page } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/doubt-fixture.ts\nRewrites test/fixtures/scan-doubt/faint-budget.pdf (pages 1–2 of corpus/pdf/004 at 150 dpi, the budget block’s A printed faint) and unit-erased.pdf (the same, its (万元) wiped); needs pdftoppm and pdfseparate.');

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE = join(ROOT, 'corpus/pdf/004-qiannan-project-tables.pdf');
const OUT = join(ROOT, 'test', 'fixtures', 'scan-doubt');
const DPI = 150;
/** Page height in pixels at 150 dpi (A4: 297 mm). */
const HEIGHT = 1754;
/** The glyphs of A's `228` on page 1 at 150 dpi (x0, y0, x1, y1): the first digit, then the other two. */
const FIRST_DIGIT = [776, 590, 790, 618] as const;
const OTHER_DIGITS = [790, 590, 818, 618] as const;
/** The budget block's `(万元)` under 项目资金 on page 1 at 150 dpi, inside its merged label cell. */
const UNIT = [120, 722, 196, 762] as const;

/** Ink inside a box raised towards white: a gray level g becomes 255 − (255 − g) × keep. */
function fade(page: Page, [x0, y0, x1, y1]: readonly [number, number, number, number], keep: number): void {
  const plane = page.planes[0]!;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) plane[y * page.width + x] = Math.round(255 - (255 - plane[y * page.width + x]!) * keep);
  }
}

// The pages are cut out first: pdftoppm numbers the pages of a longer document with more digits.
const work = mkdtempSync(join(tmpdir(), 'jixiao-doubt-'));
try {
  run('pdfseparate', ['-f', '1', '-l', '2', SOURCE, join(work, 'page%d.pdf')]);
  const first = pageStrip(join(work, 'page1.pdf'), 1, DPI, 0, HEIGHT);
  const unitless = pageStrip(join(work, 'page1.pdf'), 1, DPI, 0, HEIGHT);
  fade(first, FIRST_DIGIT, 0.3);
  fade(first, OTHER_DIGITS, 0.5);
  fade(unitless, UNIT, 0);
  const second = pageStrip(join(work, 'page2.pdf'), 1, DPI, 0, HEIGHT);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'faint-budget.pdf'), imagePdf([pdfImage(first, null), pdfImage(second, null)]));
  writeFileSync(join(OUT, 'unit-erased.pdf'), imagePdf([pdfImage(unitless, null), pdfImage(second, null)]));
} finally {
  rmSync(work, { recursive: true, force: true });
}
