// Builds test/fixtures/scan-flags/label-fragment-heavy.pdf: page 1 of corpus/scan-grid's tune2
// scan of layout L13 (the `heavy` family: ink spread and speckled), as it is, the page's image
// untouched. The scan breaks the merged 二级指标 cell 成本指标 beside 项目总成本 and 单项业务成本:
// PP-OCR reads it as `心 .1.` on the first row (below confidence) and `标` on the second (sure of
// itself), so the second row's 二级指标 is misread with no doubt of its own cell's confidence.
// Needs qpdf (building only).
// Run: npx tsx corpus/build/label-fragment-fixture.ts
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { helpIfAsked } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/label-fragment-fixture.ts\nRewrites test/fixtures/scan-flags/label-fragment-heavy.pdf (page 1 of the tune2 heavy scan of L13; needs qpdf).');

const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE = join(ROOT, 'corpus/scan-grid/tune2/L13-anhui-tangxi-town-national-grid-heavy.pdf');
const OUT = join(ROOT, 'test', 'fixtures', 'scan-flags');
mkdirSync(OUT, { recursive: true });
execFileSync('qpdf', ['--empty', '--deterministic-id', '--pages', SOURCE, '1', '--', join(OUT, 'label-fragment-heavy.pdf')]);
