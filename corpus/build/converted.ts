// Converts the ruled corpus PDFs (corpus/pdf/00N-*.pdf, not the -unruled ones) to HTML as sites
// publish "online versions" of their PDFs: poppler's `pdftohtml -c -s -noframes` (every text line
// an absolutely placed <p>, fonts in CSS classes, the rules drawn in a background image per page).
// Pages embed their background images as data: URIs (-dataurls), except 001, whose images are
// saved beside the page (in `img-001/`, named so that eval does not take them for documents), as
// a site serving the files would. pdf2htmlEX is used too when it is installed (Debian no longer
// ships it: `apt-cache policy pdf2htmlex`).
// Usage: npx tsx corpus/build/converted.ts   (needs poppler-utils)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'corpus/converted');
/** Documents whose page images are files beside the page rather than data: URIs. */
const IMAGES_BESIDE = new Set(['001']);

function run(cmd: string, args: string[]): void {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${cmd} failed: ${result.stderr || result.error?.message}`);
}

function pdftohtml(pdf: string): string {
  const id = pdf.replace(/^.*\//, '').slice(0, 3);
  const base = pdf.replace(/^.*\//, '').replace(/\.pdf$/, '');
  const work = mkdtempSync(join(tmpdir(), 'jixiao-converted-'));
  const beside = IMAGES_BESIDE.has(id);
  run('pdftohtml', ['-q', '-c', '-s', '-noframes', ...(beside ? [] : ['-dataurls']), pdf, join(work, 'page')]);
  let html = readFileSync(join(work, 'page.html'), 'utf8');
  if (beside) {
    const folder = join(OUT, `img-${id}`);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    for (const file of readdirSync(work).filter((f) => /\.(png|jpe?g)$/.test(f))) {
      renameSync(join(work, file), join(folder, file));
      html = html.split(`src="${file}"`).join(`src="img-${id}/${file}"`);
    }
  }
  const out = join(OUT, `${base}.html`);
  writeFileSync(out, html);
  rmSync(work, { recursive: true, force: true });
  return out;
}

function pdf2htmlEX(pdf: string): string | undefined {
  if (spawnSync('pdf2htmlEX', ['--version']).status !== 0) return undefined;
  const base = pdf.replace(/^.*\//, '').replace(/\.pdf$/, '');
  run('pdf2htmlEX', ['--embed', 'cfijo', '--dest-dir', OUT, pdf, `${base}-pdf2htmlex.html`]);
  return join(OUT, `${base}-pdf2htmlex.html`);
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: npx tsx corpus/build/converted.ts\nRewrites corpus/converted from the ruled corpus PDFs with pdftohtml (and pdf2htmlEX when installed).\n');
} else {
  mkdirSync(OUT, { recursive: true });
  for (const file of readdirSync(join(ROOT, 'corpus/pdf')).filter((f) => /^\d{3}-.*\.pdf$/.test(f) && !f.includes('-unruled')).sort()) {
    const pdf = join(ROOT, 'corpus/pdf', file);
    for (const out of [pdftohtml(pdf), pdf2htmlEX(pdf)]) if (out) process.stdout.write(`${out}\n`);
  }
}
