// Small "print to PDF" round trips for test/fixtures/pdf-roundtrip (see its README): each form
// laid out by LibreOffice Writer's HTML import and exported to PDF, then sent through a PostScript
// printer driver's round trip, Poppler's `pdftops -level2` and Ghostscript's `ps2pdf`, which
// leaves its fonts without a Unicode map (codes handed out in order of use); and a committed
// Chromium print (test/fixtures/pdf/) sent through the same round trip, whose Type 3 glyphs come
// back named by glyph number (`/g48C6`), which readers take for code points (`䣆`).
// Usage: npx tsx corpus/build/roundtrip-fixtures.ts   (needs soffice, pdftops, ps2pdf and the font the HTML names)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/pdf-roundtrip');
const FORM = readFileSync(join(DIR, 'roundtrip-form.html'), 'utf8');

/** The fixtures: the form as written, and the form with the `4` of `2046人次` printed in white (drawn, not seen). */
const FIXTURES: Record<string, string> = {
  'roundtrip-form': FORM,
  'roundtrip-unprinted': FORM.replace('<td>2046人次</td>', '<td>20<span style="color:#ffffff">4</span>6人次</td>'),
};

/** Chromium prints of test/fixtures/pdf/ (made by `corpus/build/producers.ts --fixtures`) sent through the round trip. */
const CHROMIUM_PRINTS = ['browser-wrapped-weight'];

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
}

/** The printer driver's round trip: `pdftops -level2`, then `ps2pdf`. */
function roundTrip(pdf: string, outFile: string, work: string): void {
  run('pdftops', ['-level2', pdf, join(work, 'page.ps')]);
  run('ps2pdf', [join(work, 'page.ps'), outFile]);
}

for (const [name, html] of Object.entries(FIXTURES)) {
  if (html === FORM && name !== 'roundtrip-form') throw new Error(`${name}: its edit did not apply`);
  const work = mkdtempSync(join(tmpdir(), 'jixiao-roundtrip-'));
  writeFileSync(join(work, `${name}.html`), html);
  run('soffice', ['--headless', '--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', work, join(work, `${name}.html`)]);
  roundTrip(join(work, `${name}.pdf`), join(DIR, `${name}.pdf`), work);
  rmSync(work, { recursive: true, force: true });
  console.log(`${name}.pdf`);
}
for (const name of CHROMIUM_PRINTS) {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-roundtrip-'));
  roundTrip(join(DIR, '..', 'pdf', `${name}.pdf`), join(DIR, `${name}-pdftops-ps2pdf.pdf`), work);
  rmSync(work, { recursive: true, force: true });
  console.log(`${name}-pdftops-ps2pdf.pdf`);
}
