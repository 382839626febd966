// Builds test/fixtures/scan-unruled/unruled-portal.pdf: the 效益指标 table of page 4 of
// corpus/producers/calc-xlsx/003 (Calc's print of the sheet without gridlines: no rule anywhere;
// its title, header 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 得分 | 扣分总计, five
// indicator rows wrapped over two and three lines, and 合计), rendered at 200 dpi and degraded as
// the scan grid's `portal` family draws a page (corpus/build/degrade.ts: a slight tilt and blur,
// paper grain, a JPEG of low quality), into a one-page image PDF. Seeded; needs pdftoppm (building only).
// Run: npx tsx corpus/build/unruled-scan-fixture.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blur, grain, helpIfAsked, imagePdf, pageStrip, pdfImage, random, tilt } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/unruled-scan-fixture.ts\nRewrites test/fixtures/scan-unruled/unruled-portal.pdf (the unruled 效益指标 table of corpus/producers/calc-xlsx/003 page 4, scanned as the grid\'s portal family; seeded; needs pdftoppm).');

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test', 'fixtures', 'scan-unruled');
const DPI = 200;
/** The strip kept, in pixels at 200 dpi: from over the table's title to under its 合计 row. */
const TOP = 530;
const BOTTOM = 1120;

const strip = pageStrip(join(ROOT, 'corpus/producers/calc-xlsx/003-jinfeng-evaluation-report.pdf'), 4, DPI, TOP, BOTTOM);
const scanned = grain(blur(tilt(strip, 0.6), 0.5), random(1403), 6);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'unruled-portal.pdf'), imagePdf([pdfImage(scanned, 35)]));
