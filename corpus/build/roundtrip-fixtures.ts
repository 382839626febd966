// Small "print to PDF" round trips for test/fixtures/pdf-roundtrip (see its README): each HTML
// form there laid out by LibreOffice Writer's HTML import and exported to PDF, then sent through
// a PostScript printer driver's round trip, Poppler's `pdftops -level2` and Ghostscript's `ps2pdf`,
// which leaves its fonts without a Unicode map (codes handed out in order of use).
// Usage: npx tsx corpus/build/roundtrip-fixtures.ts   (needs soffice, pdftops, ps2pdf and the font the HTML names)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/pdf-roundtrip');

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
}

for (const html of readdirSync(DIR).filter((f) => f.endsWith('.html'))) {
  const name = basename(html, '.html');
  const work = mkdtempSync(join(tmpdir(), 'jixiao-roundtrip-'));
  run('soffice', ['--headless', '--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', work, join(DIR, html)]);
  run('pdftops', ['-level2', join(work, `${name}.pdf`), join(work, `${name}.ps`)]);
  run('ps2pdf', [join(work, `${name}.ps`), join(DIR, `${name}.pdf`)]);
  rmSync(work, { recursive: true, force: true });
  console.log(`${name}.pdf`);
}
