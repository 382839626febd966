// Builds the seal test pictures (test/fixtures/seal/): seed 003's 过程管理 score table as
// published in corpus/image, a red 公章 stamped over its 分值/得分 numbers with the scan grid's own
// stamp (corpus/build/degrade-ops.ts), saved as a colour JPEG at quality 45 (as a portal
// recompresses a colour scan: colour at half resolution) and as a gray JPEG of the same sheet
// (a gray scan of a stamped page). Seeded; run: npx tsx corpus/build/seal-fixture.ts
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { helpIfAsked, pdfImage, random, stamp, type Page } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/seal-fixture.ts\nRewrites test/fixtures/seal/ (a score table of seed 003 with a red seal over its numbers, in colour and in gray; seeded).');

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test', 'fixtures', 'seal');
/** The scale the table is printed at in the picture: its 10.5 pt type is some 22 px high. The seal (42 mm) is sized by it. */
const PRINT_DPI = 150;
const QUALITY = 45;

const picture = await loadImage(readFileSync(join(ROOT, 'corpus/image/images/jinfeng-table-2.png')));
const canvas = createCanvas(picture.width, picture.height);
const context = canvas.getContext('2d');
context.fillStyle = '#ffffff';
context.fillRect(0, 0, picture.width, picture.height);
context.drawImage(picture, 0, 0);
const rgba = context.getImageData(0, 0, picture.width, picture.height).data;
const gray = new Uint8Array(picture.width * picture.height);
for (let i = 0; i < gray.length; i++) gray[i] = Math.round(0.299 * rgba[4 * i]! + 0.587 * rgba[4 * i + 1]! + 0.114 * rgba[4 * i + 2]!);
const page: Page = { width: picture.width, height: picture.height, dpi: PRINT_DPI, planes: [gray] };
// Over the 分值 and 得分 columns of the 管理制度健全有效性 and 合计 rows.
const stamped = stamp(page, random(1105), 0.77 * page.width, 0.7 * page.height, '银川市金凤区财政局', '绩效评价专用章');
const [r, g, b] = stamped.planes as [Uint8Array, Uint8Array, Uint8Array];
const luma = r.map((_, i) => Math.round(0.299 * r[i]! + 0.587 * g[i]! + 0.114 * b[i]!));
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'table-seal-colour.jpg'), pdfImage(stamped, QUALITY).jpeg!);
writeFileSync(join(OUT, 'table-seal-gray.jpg'), pdfImage({ ...stamped, planes: [luma] }, QUALITY).jpeg!);
