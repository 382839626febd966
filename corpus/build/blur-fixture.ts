// Builds the heavy-blur test picture (test/fixtures/blur/): the header row of the last table on
// page 3 of corpus/pdf/003 (一级指标 | 分值 | 二级指标 …, bold, in cells a little wider than their
// words) and the row below it, rendered at 200 dpi and scanned as the scan grid's `heavy` family
// does (corpus/build/degrade-ops.ts: tilt 0.84°, blur 1.15 px, grain σ 10, JPEG quality 19). Seeded; needs
// pdftoppm (building only). Run: npx tsx corpus/build/blur-fixture.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blur, grain, helpIfAsked, pageStrip, pdfImage, random, tilt } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/blur-fixture.ts\nRewrites test/fixtures/blur/ (a heavily blurred header strip of corpus/pdf/003, seeded; needs pdftoppm).');

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test', 'fixtures', 'blur');
const DPI = 200;
/** The strip kept, in pixels at 200 dpi: from above the header's top rule to below the next row's. */
const TOP = 2010;
const BOTTOM = 2260;

const strip = pageStrip(join(ROOT, 'corpus/pdf/003-jinfeng-evaluation-report.pdf'), 3, DPI, TOP, BOTTOM);
const scanned = grain(blur(tilt(strip, 0.84), 1.15), random(1103), 10);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'header-heavy.jpg'), pdfImage(scanned, 19).jpeg!);
