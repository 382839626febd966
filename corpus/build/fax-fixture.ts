// Builds the fax test pictures (test/fixtures/fax/). header-fax.png: the header row of the first table on page 2
// of corpus/pdf/003 (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 …, the level names wrapped in
// narrow cells), rendered at 200 dpi and faxed as the scan grid's `fax` family does
// (corpus/build/degrade-ops.ts: tilt 0.6°, blur 0.7 px, 100 lines per inch, threshold 165, pixels
// flipped): the thin strokes of the numerals 一 二 三 thin out or vanish. Seeded; needs pdftoppm
// (building only).
// Run: npx tsx corpus/build/fax-fixture.ts
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { blur, fax, helpIfAsked, imagePdf, pageStrip, pdfImage, random, run, tilt, type Page } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/fax-fixture.ts\nRewrites test/fixtures/fax/ (a faxed header strip of corpus/pdf/003, faxed rows of corpus/pdf/001, a faxed table of corpus/pdf/001 going on over a page break; seeded; needs pdftoppm and pdfseparate).');

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test', 'fixtures', 'fax');
const DPI = 200;
/** The strip kept, in pixels at 200 dpi: the header row and the two rows under it (its borders long enough to be a table's). */
const TOP = 236;
const BOTTOM = 680;
/** The rows strip of corpus/pdf/001's page 2, in pixels at 200 dpi: three indicator rows. */
const ROWS_TOP = 200;
const ROWS_BOTTOM = 900;

/** The foot of corpus/pdf/001's page 1 (pixels at 200 dpi, to the page's bottom) and the head of its page 2, for continued-fax.pdf. */
const CUT_FOOT_TOP = 1680;
const CUT_FOOT_BOTTOM = 2339;
const CUT_HEAD_BOTTOM = 1000;

/** The strip faxed: tilt, blur, lines per inch and threshold as the grid's `fax` family draws them. */
const faxed = (strip: Page, degrees: number, sigma: number, seed: number, lines: number, threshold: number): Page => fax(blur(tilt(strip, degrees), sigma), random(seed), lines, threshold);

/** The strip faxed and written as `name`. */
function writeFaxed(name: string, strip: Page, degrees: number, sigma: number, seed: number, lines: number, threshold: number, statesDpi = false): void {
  const faxedPlane = faxed(strip, degrees, sigma, seed, lines, threshold).planes[0]!;
  const canvas = createCanvas(strip.width, strip.height);
  const context = canvas.getContext('2d');
  const pixels = context.createImageData(strip.width, strip.height);
  faxedPlane.forEach((v, i) => pixels.data.set([v, v, v, 255], 4 * i));
  context.putImageData(pixels, 0, 0);
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, name), statesDpi ? withDpi(canvas.encodeSync('png'), strip.dpi) : canvas.encodeSync('png'));
}

/**
 * The PNG with its resolution stated (a pHYs chunk after the header): a reader assumes 96 dpi
 * for a picture that states none, as for a web image, and the page was drawn at `dpi`.
 */
function withDpi(png: Buffer, dpi: number): Buffer {
  const data = Buffer.alloc(9);
  const perMetre = Math.round(dpi / 0.0254);
  data.writeUInt32BE(perMetre, 0);
  data.writeUInt32BE(perMetre, 4);
  data.writeUInt8(1, 8);
  const body = Buffer.concat([Buffer.from('pHYs'), data]);
  const chunk = Buffer.alloc(4 + body.length + 4);
  chunk.writeUInt32BE(data.length, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), 4 + body.length);
  // The signature (8 bytes) and the header chunk (25) come first.
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

writeFaxed('header-fax.png', pageStrip(join(ROOT, 'corpus/pdf/003-jinfeng-evaluation-report.pdf'), 2, DPI, TOP, BOTTOM), 0.6, 0.7, 1108, 100, 165);
// Three indicator rows at the top of page 2 of corpus/pdf/001 (the department form's table going
// on from page 1: no header), faxed at 200 lines per inch with a threshold that loses every
// hairline rule (as the grid's s001 fax page 2): the columns must come from the text's gutters.
// The page is cut out first: pdftoppm numbers the pages of a longer document with more digits.
const work = mkdtempSync(join(tmpdir(), 'jixiao-fax-'));
try {
  run('pdfseparate', ['-f', '2', '-l', '2', join(ROOT, 'corpus/pdf/001-jiange-department.pdf'), join(work, 'page2.pdf')]);
  writeFaxed('rows-fax.png', pageStrip(join(work, 'page2.pdf'), 1, DPI, ROWS_TOP, ROWS_BOTTOM), -0.8, 0.7, 1208, 200, 150, true);
  // A faxed table going on over a page break (continued-fax.pdf): the foot of corpus/pdf/001's
  // page 1 (its indicator header and first two rows, the second cut by the page) and the head of
  // its page 2, each a page of a scan, tilted, at 200 lines per inch with thresholds that lose
  // the horizontal hairlines of the first and every rule of the second (as the grid's s001 fax).
  run('pdfseparate', ['-f', '1', '-l', '1', join(ROOT, 'corpus/pdf/001-jiange-department.pdf'), join(work, 'page1.pdf')]);
  const foot = faxed(pageStrip(join(work, 'page1.pdf'), 1, DPI, CUT_FOOT_TOP, CUT_FOOT_BOTTOM), -0.9, 0.5, 1301, 200, 146);
  const head = faxed(pageStrip(join(work, 'page2.pdf'), 1, DPI, 0, CUT_HEAD_BOTTOM), 0.5, 0.8, 1302, 200, 140);
  writeFileSync(join(OUT, 'continued-fax.pdf'), imagePdf([pdfImage(foot, null), pdfImage(head, null)]));
} finally {
  rmSync(work, { recursive: true, force: true });
}
