// Builds the fax test picture (test/fixtures/fax/): the header row of the first table on page 2
// of corpus/pdf/003 (一级指标 | 分值 | 二级指标 | 分值 | 三级指标 …, the level names wrapped in
// narrow cells), rendered at 200 dpi and faxed as the scan grid's `fax` family does
// (corpus/build/degrade-ops.ts: tilt 0.6°, blur 0.7 px, 100 lines per inch, threshold 165, pixels
// flipped): the thin strokes of the numerals 一 二 三 thin out or vanish. Seeded; needs pdftoppm
// (building only).
// Run: npx tsx corpus/build/fax-fixture.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { blur, fax, helpIfAsked, pageStrip, random, tilt } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/fax-fixture.ts\nRewrites test/fixtures/fax/ (a faxed header strip of corpus/pdf/003, seeded; needs pdftoppm).');

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test', 'fixtures', 'fax');
const DPI = 200;
/** The strip kept, in pixels at 200 dpi: the header row and the two rows under it (its borders long enough to be a table's). */
const TOP = 236;
const BOTTOM = 680;

const strip = pageStrip(join(ROOT, 'corpus/pdf/003-jinfeng-evaluation-report.pdf'), 2, DPI, TOP, BOTTOM);
const faxed = fax(blur(tilt(strip, 0.6), 0.7), random(1108), 100, 165).planes[0]!;
const canvas = createCanvas(strip.width, strip.height);
const context = canvas.getContext('2d');
const pixels = context.createImageData(strip.width, strip.height);
faxed.forEach((v, i) => pixels.data.set([v, v, v, 255], 4 * i));
context.putImageData(pixels, 0, 0);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'header-fax.png'), canvas.encodeSync('png'));
