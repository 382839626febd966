// Builds test/fixtures/scan-flags/joined-blocks-lowres.pdf: page 2 of heldout17's lowres scan of layout L05
// (test/fixtures/scan-flags/tilted-blurred-rule-lowres.pdf, cut by corpus/build/scan-page-cuts.ts) with the rule
// above the form's last row wiped out, as a dry pen or a faint border leaves a printed form: the bound between the
// 效益指标 block and the 满意度指标 block is not on the page, so no reading can part them, and the last row is read
// into the one above it. The page is the cut's gray rendering at its own 150 dpi; the horizontal rules are the rows
// dark over 40 % of the width, the wiped one is the last but one; the vertical rules crossing it are kept (columns
// dark just above and below it). Stored as a JPEG at quality 40, as the grid's lowres family stores its scans.
// Needs pdftoppm (building only). Run: npx tsx corpus/build/lost-rule-fixture.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { helpIfAsked, imagePdf, pdfImage, readPgm, run } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/lost-rule-fixture.ts\nRewrites test/fixtures/scan-flags/joined-blocks-lowres.pdf (tilted-blurred-rule-lowres.pdf with the rule above its form\'s last row wiped); needs pdftoppm.');

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'scan-flags');
const DPI = 150;
const DARK = 140;
const PAPER = 249;

const work = mkdtempSync(join(tmpdir(), 'jixiao-lost-rule-'));
try {
  run('pdftoppm', ['-gray', '-r', String(DPI), '-singlefile', join(FIXTURES, 'tilted-blurred-rule-lowres.pdf'), join(work, 'page')]);
  const page = readPgm(join(work, 'page.pgm'), DPI);
  const gray = page.planes[0]!;
  const { width, height } = page;
  const dark = (x: number, y: number) => gray[y * width + x]! < DARK;
  const darkInRow = (y: number) => { let n = 0; for (let x = 0; x < width; x++) if (dark(x, y)) n++; return n; };
  // Rule bands: runs of rows dark over 40 % of the width.
  const bands: Array<[number, number]> = [];
  for (let y = 0; y < height; y++) {
    if (darkInRow(y) <= width * 0.4) continue;
    const last = bands.at(-1);
    if (last && y - last[1] <= 2) last[1] = y;
    else bands.push([y, y]);
  }
  if (bands.length < 3) throw new Error(`expected a ruled form, found ${bands.length} rule bands`);
  const [top, bottom] = bands.at(-2)!;
  // The band with its blurred skirts; a vertical rule crossing it is dark in the rows just above and below.
  const from = top - 4;
  const to = bottom + 4;
  const crossing = (x: number) => dark(x, from - 3) && dark(x, to + 3);
  for (let x = 0; x < width; x++) {
    if (crossing(x) || (x > 0 && crossing(x - 1)) || (x + 1 < width && crossing(x + 1))) continue;
    for (let y = from; y <= to; y++) gray[y * width + x] = PAPER;
  }
  writeFileSync(join(FIXTURES, 'joined-blocks-lowres.pdf'), imagePdf([pdfImage(page, 40)]));
} finally {
  rmSync(work, { recursive: true, force: true });
}
