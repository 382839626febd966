// "Print to PDF" through a PostScript printer driver, for the producer matrix and the round-trip
// test fixtures alike, and the re-writers that leave a PDF's text otherwise than its producer did.
// Needs poppler-utils (pdftops, pdftocairo), Ghostscript (ps2pdf, gs) and MuPDF (mutool).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

export function run(command: string, args: string[], what: string): void {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${command} failed on ${what}: ${r.stderr || r.error?.message}`);
}

/**
 * The PostScript a printer driver writes from a PDF: Poppler's own PostScript output (`pdftops
 * -level2`: TrueType subsets as Type 42, glyphs named /c00, /c01, …, no Unicode) or its cairo
 * backend (`pdftocairo -ps`: cairo re-embeds every font as a subset of its own, renamed f-0-0, …;
 * with Poppler 22.12 and Ghostscript 10.00 the distilled fonts kept a Unicode map).
 */
const POSTSCRIPT_WRITERS = {
  pdftops: (pdf: string, ps: string) => run('pdftops', ['-level2', pdf, ps], pdf),
  'pdftocairo-ps': (pdf: string, ps: string) => run('pdftocairo', ['-ps', pdf, ps], pdf),
};
export type PostScriptWriter = keyof typeof POSTSCRIPT_WRITERS;

/**
 * "Print to PDF" through a PostScript printer driver: `writer` turns the PDF into PostScript and
 * Ghostscript distils it back to PDF, its fonts as the round trip leaves them (often without ToUnicode).
 */
export function printerRoundTrip(pdf: string, outFile: string, writer: PostScriptWriter): void {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-printer-'));
  const ps = join(work, `${basename(pdf, '.pdf')}.ps`);
  POSTSCRIPT_WRITERS[writer](pdf, ps);
  run('ps2pdf', [ps, outFile], pdf);
  rmSync(work, { recursive: true, force: true });
}

/**
 * "Convert text to curves" as print drivers do it: Ghostscript's pdfwrite with -dNoOutputFonts
 * writes no font and draws every glyph as a filled path, so the file holds no text at all.
 */
export function textToOutlines(pdf: string, outFile: string): void {
  run('gs', ['-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', '-sDEVICE=pdfwrite', '-dNoOutputFonts', `-sOutputFile=${outFile}`, pdf], pdf);
}

/**
 * A PDF re-written as "optimisers" and online converters built on MuPDF publish it: `mutool
 * convert -F pdf` runs every page through MuPDF's PDF writer, which draws the content in new
 * streams and embeds the fonts anew (it cannot take Type 3 fonts, so not Chromium's prints).
 */
export function mupdfRewrite(pdf: string, outFile: string): void {
  run('mutool', ['convert', '-F', 'pdf', '-o', outFile, pdf], pdf);
}

/**
 * A PDF re-drawn by Poppler's cairo backend (`pdftocairo -pdf`), as PDF tools built on Poppler
 * save it: every page through cairo's PDF surface, fonts re-embedded as cairo's own subsets.
 */
export function cairoRewrite(pdf: string, outFile: string): void {
  run('pdftocairo', ['-pdf', pdf, outFile], pdf);
}
