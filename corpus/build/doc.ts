// Makes the legacy Word corpus (corpus/doc) from the Word files (corpus/docx) with LibreOffice:
// each saved as Word 97-2003 (`.doc`, a compound file with the WordDocument stream, merged cells
// kept as the Word 97 format records them). `001-…-wps.wps` is the .doc of 001 again under the
// WPS Writer extension: WPS saves its .wps files in the same Word 97 binary format.
// Usage: npx tsx corpus/build/doc.ts   (needs LibreOffice `soffice`)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The one document also written as a WPS Writer file (.wps). */
const WPS_COPY = '001';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: npx tsx corpus/build/doc.ts\nRewrites corpus/doc from corpus/docx with LibreOffice (.doc, one .wps).\n');
} else {
  const outDir = join(CORPUS, 'doc');
  mkdirSync(outDir, { recursive: true });
  for (const old of readdirSync(outDir)) if (/^\d{3}-/.test(old)) rmSync(join(outDir, old));
  const tmp = mkdtempSync(join(tmpdir(), 'jixiao-doc-'));
  const sources = readdirSync(join(CORPUS, 'docx')).filter((f) => /^\d{3}-.*\.docx$/.test(f)).sort().map((f) => join(CORPUS, 'docx', f));
  const run = spawnSync('soffice', [`-env:UserInstallation=file://${join(tmp, 'profile')}`, '--headless', '--convert-to', 'doc:MS Word 97', '--outdir', outDir, ...sources], { encoding: 'utf8' });
  rmSync(tmp, { recursive: true, force: true });
  if (run.error || run.status !== 0) throw new Error(`soffice failed: ${run.error?.message ?? run.stderr}`);
  const wps = readdirSync(outDir).find((f) => f.startsWith(WPS_COPY) && f.endsWith('.doc'))!;
  copyFileSync(join(outDir, wps), join(outDir, wps.replace(/\.doc$/, '-wps.wps')));
  for (const f of readdirSync(outDir).sort()) process.stdout.write(`corpus/doc/${f}: ${readFileSync(join(outDir, f)).length} bytes\n`);
}
