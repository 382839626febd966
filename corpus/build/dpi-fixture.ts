// Builds the resolution test pictures (test/fixtures/dpi/): one strip of page 3 of corpus/pdf/003
// (its last table's header row, 一级指标 | 分值 | 二级指标 …, and the row under it) scanned at
// 150 and at 400 dpi with the same scan defects measured in inches (corpus/build/degrade-ops.ts:
// tilt 1.2°, blur 0.5 px at 200 dpi scaled with the resolution, grain σ 6, JPEG quality 40).
// A reader whose pixel constants follow the resolution cuts both into the same cells. Seeded;
// needs pdftoppm (building only). Run: npx tsx corpus/build/dpi-fixture.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blur, grain, helpIfAsked, pageStrip, pdfImage, random, tilt } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/dpi-fixture.ts\nRewrites test/fixtures/dpi/ (a header strip of corpus/pdf/003 at 150 and 400 dpi, seeded; needs pdftoppm).');

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test', 'fixtures', 'dpi');
/** The strip kept, in inches from the page's top: from above the header's top rule to below the next row's. */
const TOP_INCHES = 10.2;
const BOTTOM_INCHES = 11.4;

mkdirSync(OUT, { recursive: true });
for (const dpi of [150, 400]) {
  const strip = pageStrip(join(ROOT, 'corpus/pdf/003-jinfeng-evaluation-report.pdf'), 3, dpi, Math.round(TOP_INCHES * dpi), Math.round(BOTTOM_INCHES * dpi));
  const scanned = grain(blur(tilt(strip, 1.2), (0.5 * dpi) / 200), random(1300 + dpi), 6);
  writeFileSync(join(OUT, `header-${dpi}dpi.jpg`), pdfImage(scanned, 40).jpeg!);
}
