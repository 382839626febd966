// Small "print to PDF" round trips for test/fixtures/pdf-roundtrip (see its README): each form
// laid out by LibreOffice Writer's HTML import and exported to PDF, then sent through a PostScript
// printer driver's round trip, Poppler's `pdftops -level2` and Ghostscript's `ps2pdf`, which
// leaves its fonts without a Unicode map (codes handed out in order of use); and a committed
// Chromium print (test/fixtures/pdf/) sent through the same round trip, whose Type 3 glyphs come
// back named by glyph number (`/g48C6`), which readers take for code points (`䣆`); and a committed
// WeasyPrint print sent through the cairo driver's round trip (`pdftocairo -ps`, then `ps2pdf`),
// which keeps the text but ends every border fill with a moveTo that draws nothing. The Writer
// exports are also sent through Ghostscript's `-dNoOutputFonts` ("text to curves": no font, no text),
// and a Kai-face export through MuPDF's re-writer (fonts whose Unicode map is WinAnsi read of their codes); a form
// printing marks in both forms goes through both (Kai face re-written, Ming face outlined).
// Usage: npx tsx corpus/build/roundtrip-fixtures.ts [name ...]   (all when none is named; needs soffice, pdftops, pdftocairo, ps2pdf, gs, mutool and the fonts the HTML names)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mupdfRewrite, printerRoundTrip, type PostScriptWriter, run, textToOutlines } from './printer-round-trip';

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/pdf-roundtrip');
const FORM = readFileSync(join(DIR, 'roundtrip-form.html'), 'utf8');

/** The fixtures: the form as written, and the form with the `4` of `2046人次` printed in white (drawn, not seen). */
const FIXTURES: Record<string, string> = {
  'roundtrip-form': FORM,
  'roundtrip-unprinted': FORM.replace('<td>2046人次</td>', '<td>20<span style="color:#ffffff">4</span>6人次</td>'),
};

/**
 * The form set in a Kai face with enumeration commas, exported by Writer and re-written by MuPDF
 * (`mutool convert -F pdf`: its fonts re-embedded with a Unicode map that reads the codes as
 * WinAnsi), named `<name>-mutool.pdf`: a re-read whose reader takes the Kai `、` for the radical `丶`.
 */
const REWRITES: Record<string, string> = {
  'roundtrip-form-ukai': FORM.replace('"WenQuanYi Micro Hei"', '"AR PL UKai CN"')
    .replace('<td>减轻</td><td>减轻</td>', '<td>减轻、改善</td><td>减轻、改善、好转</td>')
    .replace('<td>2023年12月底</td><td>2023年12月</td>', '<td>按时、足额</td><td>按时、足额</td>'),
};

/**
 * The form with text cells printing a colon in both its forms (`满分:`, `满分：`; `合格: ` with a
 * space after it) and an ASCII comma that a space always follows (`减轻, 改善`), set in a face
 * whose ASCII is half an em: in AR PL UKai CN re-written by MuPDF (`<name>-ukai-mutool.pdf`: each
 * glyph's advance says its form), and in AR PL UMing CN turned to outlines
 * (`<name>-uming-gs-outlines.pdf`: the colons' room says theirs, the spaced one's taking an em; the
 * comma and its space take an em, as `，` does, and no other comma says which form it is). Its
 * title is bold, which the faces have no bold of: Writer draws each glyph filled and stroked, and
 * MuPDF draws it twice, filled then stroked, at one place.
 */
const MARKS = FORM.replace('<p>项目支出绩效评价2023年度自评表</p>', '<p><b>项目支出绩效评价2023年度自评表</b></p>').replace('<td>2023年12月底</td><td>2023年12月</td>', '<td>满分:12月底</td><td>满分：12月底</td>').replace(
  '<td>减轻</td><td>减轻</td>',
  '<td>减轻, 改善</td><td>合格: 减轻</td>',
);
const MARK_FACES: Array<[string, string, (pdf: string, out: string) => void]> = [
  ['ukai-mutool', 'AR PL UKai CN', mupdfRewrite],
  ['uming-gs-outlines', 'AR PL UMing CN', textToOutlines],
];

/** Prints of test/fixtures/pdf/ (made by `corpus/build/producers.ts --fixtures`) sent through a driver's round trip, named `<print>-<writer>-ps2pdf.pdf`. */
const PRINTS: Array<[string, PostScriptWriter]> = [
  ['browser-wrapped-weight', 'pdftops'],
  ['weasyprint-table-foot', 'pdftocairo-ps'],
];
const only = process.argv.slice(2);
const wanted = (name: string) => only.length === 0 || only.includes(name);

for (const [name, html] of Object.entries(FIXTURES).filter(([name]) => wanted(name))) {
  if (html === FORM && name !== 'roundtrip-form') throw new Error(`${name}: its edit did not apply`);
  const work = mkdtempSync(join(tmpdir(), 'jixiao-roundtrip-'));
  writeFileSync(join(work, `${name}.html`), html);
  run('soffice', ['--headless', '--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', work, join(work, `${name}.html`)], name);
  printerRoundTrip(join(work, `${name}.pdf`), join(DIR, `${name}.pdf`), 'pdftops');
  // The same export with its text turned to outlines: no font, no text layer, every glyph a filled path.
  textToOutlines(join(work, `${name}.pdf`), join(DIR, `${name}-gs-outlines.pdf`));
  rmSync(work, { recursive: true, force: true });
  console.log(`${name}.pdf`, `${name}-gs-outlines.pdf`);
}
for (const [name, html] of Object.entries(REWRITES).filter(([name]) => wanted(name))) {
  if (!html.includes('AR PL UKai CN') || !html.includes('足额')) throw new Error(`${name}: its edit did not apply`);
  const work = mkdtempSync(join(tmpdir(), 'jixiao-rewrite-'));
  writeFileSync(join(work, `${name}.html`), html);
  run('soffice', ['--headless', '--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', work, join(work, `${name}.html`)], name);
  mupdfRewrite(join(work, `${name}.pdf`), join(DIR, `${name}-mutool.pdf`));
  rmSync(work, { recursive: true, force: true });
  console.log(`${name}-mutool.pdf`);
}
for (const [suffix, face, rewrite] of MARK_FACES) {
  const name = `roundtrip-marks-${suffix}`;
  if (!wanted(name)) continue;
  const html = MARKS.replace('"WenQuanYi Micro Hei"', `"${face}"`);
  if (!html.includes(face) || !html.includes('减轻, 改善') || !html.includes('满分：') || !html.includes('<b>')) throw new Error(`${name}: its edit did not apply`);
  const work = mkdtempSync(join(tmpdir(), 'jixiao-marks-'));
  writeFileSync(join(work, 'roundtrip-marks.html'), html);
  run('soffice', ['--headless', '--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export', '--outdir', work, join(work, 'roundtrip-marks.html')], name);
  rewrite(join(work, 'roundtrip-marks.pdf'), join(DIR, `${name}.pdf`));
  rmSync(work, { recursive: true, force: true });
  console.log(`${name}.pdf`);
}
for (const [print, writer] of PRINTS) {
  const name = `${print}-${writer}-ps2pdf`;
  if (!wanted(name)) continue;
  printerRoundTrip(join(DIR, '..', 'pdf', `${print}.pdf`), join(DIR, `${name}.pdf`), writer);
  console.log(`${name}.pdf`);
}
