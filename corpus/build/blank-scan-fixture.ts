// Builds test/fixtures/scan-doubt/blank-form-portal.pdf: the blank template
// test/fixtures/layouts/blank-form.html (a form's header and level labels, every value cell empty or
// a placeholder: `指标2： | / | /`, `……`) as Chromium prints it (corpus/build/browser-print.ts, the
// print the scan grid's layout pages get), scanned as the grid's `portal` family scans (200 dpi, JPEG
// 20–50, slight blur and tilt; corpus/build/degrade.ts --source, seed 6900). A scanned form with no
// value in it: PP-OCR reads its slashes `!` and its dots `000000`, unsure of both. Needs chromium,
// pdftoppm (building only). Run: npx tsx corpus/build/blank-scan-fixture.ts
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLayoutPdf } from './browser-print';
import { helpIfAsked } from './degrade-ops';

helpIfAsked('Usage: npx tsx corpus/build/blank-scan-fixture.ts\nRewrites test/fixtures/scan-doubt/blank-form-portal.pdf (test/fixtures/layouts/blank-form.html printed by Chromium, scanned as the grid’s portal family, seed 6900); needs chromium and pdftoppm.');

const ROOT = join(import.meta.dirname, '..', '..');
const OUT = join(ROOT, 'test', 'fixtures', 'scan-doubt');
const SEED = 6900;

const work = mkdtempSync(join(tmpdir(), 'jixiao-blank-scan-'));
try {
  // degrade.ts names its output after the source: `<golden id>-<slug>-grid-<family>.pdf`.
  const printed = join(work, 'blank-form.pdf');
  chromiumLayoutPdf(join(ROOT, 'test', 'fixtures', 'layouts', 'blank-form.html'), printed);
  execFileSync('npx', ['tsx', join(ROOT, 'corpus', 'build', 'degrade.ts'), '--source', printed, '--out', work, '--seed', String(SEED), 'portal'], { cwd: ROOT, stdio: 'inherit' });
  mkdirSync(OUT, { recursive: true });
  copyFileSync(join(work, 'blank-form-grid-portal.pdf'), join(OUT, 'blank-form-portal.pdf'));
} finally {
  rmSync(work, { recursive: true, force: true });
}
