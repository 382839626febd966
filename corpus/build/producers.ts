// The producer matrix (corpus/producers/, see its README): every seed document printed to PDF by
// producers other than corpus/pdf's — LibreOffice Writer with narrow and with wide columns, in
// Noto Serif CJK and in AR PL UMing, portrait and landscape; Chromium, wkhtmltopdf and WeasyPrint
// printing the disclosure pages with their portal chrome (Chromium also on A3 landscape, zoomed);
// Ghostscript re-distilling three of them; Poppler's pdftocairo re-rendering a US Letter Writer
// export in Noto Sans CJK; WeasyPrint on B5 in AR PL UMing; Writer's HTML import of the pages;
// Calc printing the spreadsheet forms, bare and with every used cell bordered; Chromium and
// wkhtmltopdf (A4 landscape) printing the HTML Writer exports from the .docx; Chromium (A4) and
// WeasyPrint (A4 landscape) printing the provincial layout pages corpus/layouts/L01–L16
// (`chromium-layouts`, `weasyprint-layouts`, named `L01-….pdf`), and Writer's HTML import laying
// them out (`libreoffice-writer-html-layouts`); Writer exporting the Word 97 and WPS files of
// corpus/doc in AR PL UKai CN (`libreoffice-doc-ukai`); a Writer export on ISO B5 in WenQuanYi
// Micro Hei sent through a printer driver's round trip, Poppler's `pdftops -level2` to PostScript
// and Ghostscript's `ps2pdf` back (`pdftops-ps2pdf-libreoffice-b5-microhei`); wkhtmltopdf (A4
// portrait, its default margins) printing the layout pages (`wkhtmltopdf-layouts`); Chromium's
// prints of the disclosure pages sent through the same round trip (`pdftops-ps2pdf-chromium`);
// WeasyPrint's layout prints through another driver's round trip, Poppler's cairo backend
// `pdftocairo -ps` then `ps2pdf` (`pdftocairo-ps-ps2pdf-weasyprint-layouts`); the landscape UMing
// Writer exports with every glyph turned to an outline by Ghostscript's pdfwrite -dNoOutputFonts
// (`gs-outlines-libreoffice-landscape-uming`: no font, no text); the Kai Writer exports of the Word 97
// and WPS files re-written by MuPDF's PDF writer (`mutool-libreoffice-doc-ukai`); Chromium (A4)
// printing the workbooks as LibreOffice Calc saves them as HTML (`chromium-calc-html-export`); the
// wkhtmltopdf layout prints re-written by MuPDF's PDF writer (`mutool-wkhtmltopdf-layouts`); the
// WeasyPrint prints of the disclosure pages with every glyph turned to an outline (`gs-outlines-weasyprint`);
// the Chromium prints of the disclosure pages re-drawn by Poppler's cairo backend (`pdftocairo-chromium`);
// WeasyPrint (A4) printing the workbooks as Calc saves them as HTML (`weasyprint-calc-html-export`);
// the wkhtmltopdf prints of the disclosure pages re-drawn by cairo (`pdftocairo-wkhtmltopdf`); WeasyPrint (A4)
// printing the .docx documents as Writer saves them as HTML (`weasyprint-writer-html-export`); the Chromium
// prints of the disclosure pages with every glyph turned to an outline (`gs-outlines-chromium`); wkhtmltopdf
// (A4 portrait) printing the workbooks as Calc saves them as HTML (`wkhtmltopdf-calc-html-export`); WeasyPrint (A4)
// with its presentational hints printing the .docx documents as Writer saves them as HTML (`weasyprint-hints-writer-html-export`);
// the WeasyPrint prints of the disclosure pages re-written by MuPDF's PDF writer (`mutool-weasyprint`); the
// wkhtmltopdf prints of the disclosure pages with every glyph turned to an outline (`gs-outlines-wkhtmltopdf`);
// WeasyPrint (A4) with its presentational hints printing the workbooks as Calc saves them as HTML
// (`weasyprint-hints-calc-html-export`); the narrow Writer exports with every glyph turned to an outline
// (`gs-outlines-libreoffice-narrow`); the WeasyPrint B5 UMing prints re-drawn by cairo (`pdftocairo-weasyprint-b5-uming`);
// Writer exporting the .docx (A4 portrait, fitted tables) in AR PL UKai CN 10 pt as tagged PDF/A-1b
// (`libreoffice-tagged-pdfa-ukai`); the Chromium layout prints re-drawn by cairo (`pdftocairo-chromium-layouts`);
// Calc printing the spreadsheet forms bare on A4 portrait, one page wide, every row as tall as its wrapped text
// (`calc-xlsx-portrait`); the bordered Calc prints with every glyph turned to an outline (`gs-outlines-calc-xlsx-bordered`);
// Calc printing the spreadsheet forms bare on US Letter landscape, one page wide, rows fitted, every font WenQuanYi Zen Hei
// (`calc-xlsx-letter-zenhei`); the Kai Writer exports of the Word 97 and WPS files with every glyph turned to an outline
// (`gs-outlines-libreoffice-doc-ukai`); Calc printing the spreadsheet forms bare on ISO B5 portrait, one page wide, rows
// fitted, every font Noto Serif CJK SC (`calc-xlsx-b5-serif`); the WeasyPrint layout prints with every glyph turned to an
// outline (`gs-outlines-weasyprint-layouts`).
// Usage: npx tsx corpus/build/producers.ts [producer ...]   (all when none is named)
//        npx tsx corpus/build/producers.ts --fixtures [name ...]   (small browser prints for test/fixtures/pdf, Chromium and WeasyPrint; all when none is named)
//        npx tsx corpus/build/producers.ts --cuts [name ...]   (pages of producer files cut for test/fixtures/pdf: qpdf; all when none is named)
// Needs soffice, chromium, wkhtmltopdf, weasyprint, ps2pdf, gs, pdftocairo, pdftops, mutool, qpdf and the CJK fonts (Debian packages).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumLayoutPdf, chromiumPdf, withStyle } from './browser-print';
import { cairoRewrite, mupdfRewrite, printerRoundTrip, run, textToOutlines } from './printer-round-trip';
import JSZip from 'jszip';
import { landscape, repeatHeaderRows } from './pdf';
import { fittedRowsPdf, type SheetPrint, sheetsForPrint } from './producers-sheets';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(CORPUS, 'producers');

/** Text widths (twips) for the page margins LibreOffice wrote into the Word files (left 1134, right 567): A4 portrait and landscape, ISO B5 portrait. */
const PORTRAIT_TEXT = 11906 - 1134 - 567;
const LANDSCAPE_TEXT = 16838 - 1134 - 567;
const B5_TEXT = 9978 - 1134 - 567;

/**
 * Gives a table new column widths: its grid, its own width and every cell's width (the sum of
 * the grid columns it spans), so Writer lays it out as drawn.
 */
function setColumns(table: string, widthsOf: (grid: number[]) => number[]): string {
  const grid = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
  if (grid.length === 0) return table;
  const widths = widthsOf(grid).map(Math.round);
  const total = widths.reduce((a, b) => a + b, 0);
  let out = table.replace(/<w:tblGrid>[\s\S]*?<\/w:tblGrid>/, `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`);
  out = out.replace(/<w:tblW [^>]*\/>/, `<w:tblW w:w="${total}" w:type="dxa"/>`);
  return out.replace(/<w:tr[ >][\s\S]*?<\/w:tr>/g, (row) => {
    let col = 0;
    return row.replace(/<w:tc>([\s\S]*?)<\/w:tc>/g, (cell, inner: string) => {
      const span = Number(/<w:gridSpan w:val="(\d+)"\/>/.exec(inner)?.[1] ?? 1);
      const width = widths.slice(col, col + span).reduce((a, b) => a + b, 0);
      col += span;
      return `<w:tc>${inner.replace(/<w:tcW [^>]*\/>/, `<w:tcW w:w="${width}" w:type="dxa"/>`)}</w:tc>`;
    });
  });
}

const eachTable = (xml: string, edit: (table: string) => string) => xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, edit);

/**
 * Narrow columns: the wide text columns give up width and every column is squeezed to a few
 * characters, so label cells such as `项目决策 (18分)` and long numbers wrap inside themselves.
 */
const narrow = (grid: number[]) => {
  const total = grid.reduce((a, b) => a + b, 0);
  const squeezed = grid.map((w) => Math.max(620, Math.min(w * 0.75, total / grid.length)));
  const sum = squeezed.reduce((a, b) => a + b, 0);
  return squeezed.map((w) => (w * Math.min(PORTRAIT_TEXT * 0.92, sum)) / sum);
};
/** The table scaled to a page's text width (twips), its columns in proportion. */
const fittedTo = (text: number) => (grid: number[]) => {
  const total = grid.reduce((a, b) => a + b, 0);
  return grid.map((w) => (w * text) / total);
};
/** Fitted columns: the table scaled to the A4 portrait text width. */
const fitted = fittedTo(PORTRAIT_TEXT);
/** Wide columns: the table stretched to the landscape page. */
const wide = fittedTo(LANDSCAPE_TEXT);

/** One font for every script and a body size (half-points) in the document's styles. */
function setFont(styles: string, font: string, halfPoints: number | null): string {
  let out = styles.replace(/<w:rFonts [^>]*\/>/g, `<w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:eastAsia="${font}" w:cs="${font}"/>`);
  if (halfPoints !== null) out = out.replace(/(<w:rPrDefault>[\s\S]*?)<w:sz w:val="\d+"\/><w:szCs w:val="\d+"\/>/, `$1<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/>`);
  return out;
}

/** US Letter portrait for every section of the document. */
const letter = (xml: string) => xml.replace(/<w:pgSz[^>]*\/>/g, '<w:pgSz w:w="12240" w:h="15840"/>');
/** ISO B5 portrait (176 × 250 mm) for every section, the document's own margins kept. */
const b5 = (xml: string) => xml.replace(/<w:pgSz[^>]*\/>/g, '<w:pgSz w:w="9978" w:h="14173"/>');

interface WriterVariant {
  /**
   * New column widths; none keeps the table as the document has it (its width a share of the
   * text area: written out as the grid's sum, it ran past a narrower page's edge and lost text).
   */
  columns?: (grid: number[]) => number[];
  /** Rewrites the sections' paper size; none keeps A4 portrait. */
  paper?: (xml: string) => string;
  font: string;
  halfPoints: number | null;
  repeatHeader: boolean;
  /** The `--convert-to` target (format, filter and its options); none is Writer's default PDF export. */
  convertTo?: string;
}

/**
 * A LibreOffice conversion in a profile of its own (so parallel builds do not share one), to the
 * format `outFile` is named for (its extension: .pdf, .docx).
 */
function sofficeConvert(file: string, args: string[], outFile: string): void {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-soffice-'));
  run('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', ...args, '--outdir', work, file], file);
  renameSync(join(work, basename(file).replace(/\.[^.]+$/, extname(outFile))), outFile);
  rmSync(work, { recursive: true, force: true });
}

async function writerPdf(docx: string, variant: WriterVariant, outFile: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(docx));
  let xml = await zip.file('word/document.xml')!.async('string');
  const columns = variant.columns;
  if (columns) xml = eachTable(xml, (t) => setColumns(t, columns));
  if (variant.repeatHeader) xml = repeatHeaderRows(xml);
  if (variant.paper) xml = variant.paper(xml);
  // Runs may name their own fonts: the style's font is the one that prints.
  xml = xml.replace(/<w:rFonts [^>]*\/>/g, '');
  zip.file('word/document.xml', xml);
  zip.file('word/styles.xml', setFont(await zip.file('word/styles.xml')!.async('string'), variant.font, variant.halfPoints));
  const work = mkdtempSync(join(tmpdir(), 'jixiao-producers-'));
  const edited = join(work, basename(docx));
  writeFileSync(edited, await zip.generateAsync({ type: 'nodebuffer' }));
  sofficeConvert(edited, ['--convert-to', variant.convertTo ?? 'pdf'], outFile);
  rmSync(work, { recursive: true, force: true });
}

/**
 * Writer's PDF export as tagged PDF/A-1b, as offices that archive to PDF/A publish: `SelectPdfVersion` 1
 * (PDF/A-1b) and `UseTaggedPDF` (a structure tree, marked content around every run), given as the
 * export filter's JSON options (LibreOffice 7.4 reads them on the command line).
 */
const TAGGED_PDFA1B =
  'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"1"},"UseTaggedPDF":{"type":"boolean","value":"true"}}';

const producers: Record<string, (name: string) => Promise<void> | void> = {
  'libreoffice-narrow': (name) =>
    writerPdf(join(CORPUS, 'docx', `${name}.docx`), { columns: narrow, font: 'Noto Serif CJK SC', halfPoints: 21, repeatHeader: true }, target('libreoffice-narrow', name)),
  'libreoffice-landscape-uming': (name) =>
    writerPdf(join(CORPUS, 'docx', `${name}.docx`), { columns: wide, paper: landscape, font: 'AR PL UMing CN', halfPoints: null, repeatHeader: false }, target('libreoffice-landscape-uming', name)),
  chromium: (name) => chromiumPdf(join(CORPUS, 'html', `${name}.html`), target('chromium', name)),
  wkhtmltopdf: (name) => wkhtmltopdfPdf(join(CORPUS, 'html', `${name}.html`), target('wkhtmltopdf', name)),
  weasyprint: (name) => run('weasyprint', ['--quiet', join(CORPUS, 'html', `${name}.html`), target('weasyprint', name)], name),
  'ps2pdf-libreoffice-narrow': (name) => run('ps2pdf', [target('libreoffice-narrow', name), target('ps2pdf-libreoffice-narrow', name)], name),
  'ps2pdf-chromium': (name) => run('ps2pdf', [target('chromium', name), target('ps2pdf-chromium', name)], name),
  'chromium-a3-landscape': (name) =>
    chromiumPdf(join(CORPUS, 'html', `${name}.html`), target('chromium-a3-landscape', name), '@page { size: A3 landscape; margin: 8mm } body { zoom: 0.8 }'),
  'ps2pdf-libreoffice-wide-zenhei': async (name) => {
    const work = mkdtempSync(join(tmpdir(), 'jixiao-zenhei-'));
    const writer = join(work, `${name}.pdf`);
    await writerPdf(join(CORPUS, 'docx', `${name}.docx`), { columns: wide, paper: landscape, font: 'WenQuanYi Zen Hei', halfPoints: 18, repeatHeader: true }, writer);
    run('ps2pdf', [writer, target('ps2pdf-libreoffice-wide-zenhei', name)], name);
    rmSync(work, { recursive: true, force: true });
  },
  'pdftocairo-libreoffice-letter-sans': async (name) => {
    const work = mkdtempSync(join(tmpdir(), 'jixiao-cairo-'));
    const writer = join(work, `${name}.pdf`);
    await writerPdf(join(CORPUS, 'docx', `${name}.docx`), { paper: letter, font: 'Noto Sans CJK SC', halfPoints: 20, repeatHeader: false }, writer);
    cairoRewrite(writer, target('pdftocairo-libreoffice-letter-sans', name));
    rmSync(work, { recursive: true, force: true });
  },
  'weasyprint-b5-uming': (name) =>
    weasyprintPdf(
      join(CORPUS, 'html', `${name}.html`),
      target('weasyprint-b5-uming', name),
      '@page { size: B5; margin: 12mm } body, table, td, th { font-family: "AR PL UMing CN" !important; font-size: 12px !important }',
    ),
  'libreoffice-writer-html': (name) => writerHtmlImport(join(CORPUS, 'html', `${name}.html`), target('libreoffice-writer-html', name)),
  'calc-xlsx': (name) => calcPdf(name, { orientation: 'landscape', bordered: false, rowHeights: 'saved', paper: 'a4' }, target('calc-xlsx', name)),
  'calc-xlsx-bordered': (name) => calcPdf(name, { orientation: 'portrait', bordered: true, rowHeights: 'fit', paper: 'a4' }, target('calc-xlsx-bordered', name)),
  'chromium-writer-html-export': (name) =>
    htmlExport(join(CORPUS, 'docx', `${name}.docx`), 'HTML (StarWriter)', (html) => chromiumPdf(html, target('chromium-writer-html-export', name), '@page { size: A4 }')),
  'wkhtmltopdf-writer-html-export': (name) =>
    htmlExport(join(CORPUS, 'docx', `${name}.docx`), 'HTML (StarWriter)', (html) =>
      wkhtmltopdfPdf(html, target('wkhtmltopdf-writer-html-export', name), ['--page-size', 'A4', '--orientation', 'Landscape']),
    ),
  'chromium-layouts': (name) => chromiumLayoutPdf(join(CORPUS, 'layouts', `${name}.html`), target('chromium-layouts', name)),
  // The layout pages draw their rules with HTML's `border="1"`, which WeasyPrint honours only with --presentational-hints (as browsers always do).
  'weasyprint-layouts': (name) =>
    weasyprintPdf(join(CORPUS, 'layouts', `${name}.html`), target('weasyprint-layouts', name), '@page { size: A4 landscape; margin: 10mm }', ['--presentational-hints']),
  // The page as published: nothing injected, so its bytes and charset meta reach Writer's import untouched.
  'libreoffice-writer-html-layouts': (name) => writerHtmlImport(join(CORPUS, 'layouts', `${name}.html`), target('libreoffice-writer-html-layouts', name)),
  // The Word 97 / WPS file through Writer's own import (saved as .docx to set fonts and widths), header rows as the file marks them.
  'libreoffice-doc-ukai': async (name) => {
    const work = mkdtempSync(join(tmpdir(), 'jixiao-doc-'));
    const docx = join(work, `${name}.docx`);
    sofficeConvert(docFile(name), ['--convert-to', 'docx'], docx);
    await writerPdf(docx, { columns: fitted, font: 'AR PL UKai CN', halfPoints: null, repeatHeader: false }, target('libreoffice-doc-ukai', name));
    rmSync(work, { recursive: true, force: true });
  },
  'pdftops-ps2pdf-libreoffice-b5-microhei': async (name) => {
    const work = mkdtempSync(join(tmpdir(), 'jixiao-b5-'));
    const writer = join(work, `${name}.pdf`);
    await writerPdf(join(CORPUS, 'docx', `${name}.docx`), { columns: fittedTo(B5_TEXT), paper: b5, font: 'WenQuanYi Micro Hei', halfPoints: 20, repeatHeader: true }, writer);
    printerRoundTrip(writer, target('pdftops-ps2pdf-libreoffice-b5-microhei', name), 'pdftops');
    rmSync(work, { recursive: true, force: true });
  },
  // The page as published, on wkhtmltopdf's own page (A4 portrait, named for clarity) and margins: nothing injected.
  'wkhtmltopdf-layouts': (name) =>
    wkhtmltopdfPdf(join(CORPUS, 'layouts', `${name}.html`), target('wkhtmltopdf-layouts', name), ['--page-size', 'A4', '--orientation', 'Portrait']),
  // The committed `chromium/` prints (as `ps2pdf-chromium` takes them) through the printer driver's round trip.
  'pdftops-ps2pdf-chromium': (name) => printerRoundTrip(target('chromium', name), target('pdftops-ps2pdf-chromium', name), 'pdftops'),
  // The committed `weasyprint-layouts/` prints through another driver's round trip (cairo's PostScript, then ps2pdf).
  'pdftocairo-ps-ps2pdf-weasyprint-layouts': (name) =>
    printerRoundTrip(target('weasyprint-layouts', name), target('pdftocairo-ps-ps2pdf-weasyprint-layouts', name), 'pdftocairo-ps'),
  // The committed `libreoffice-landscape-uming/` exports with their text turned to outlines.
  'gs-outlines-libreoffice-landscape-uming': (name) =>
    textToOutlines(target('libreoffice-landscape-uming', name), target('gs-outlines-libreoffice-landscape-uming', name)),
  // The committed `libreoffice-doc-ukai/` exports, every page re-written by MuPDF.
  'mutool-libreoffice-doc-ukai': (name) => mupdfRewrite(target('libreoffice-doc-ukai', name), target('mutool-libreoffice-doc-ukai', name)),
  // The committed `wkhtmltopdf-layouts/` prints, every page re-written by MuPDF.
  'mutool-wkhtmltopdf-layouts': (name) => mupdfRewrite(target('wkhtmltopdf-layouts', name), target('mutool-wkhtmltopdf-layouts', name)),
  // The committed `weasyprint/` prints, every page re-written by MuPDF (Chromium's Type 3 fonts it refuses).
  'mutool-weasyprint': (name) => mupdfRewrite(target('weasyprint', name), target('mutool-weasyprint', name)),
  // The committed `weasyprint/` prints with their text turned to outlines.
  'gs-outlines-weasyprint': (name) => textToOutlines(target('weasyprint', name), target('gs-outlines-weasyprint', name)),
  // The .xlsx (not the .xls or .et) saved by Calc as one HTML page, every sheet in turn, printed on A4 portrait.
  'chromium-calc-html-export': (name) =>
    htmlExport(join(CORPUS, 'xlsx', `${name}.xlsx`), 'HTML (StarCalc)', (html) => chromiumPdf(html, target('chromium-calc-html-export', name), '@page { size: A4 }')),
  // The committed `chromium/` prints, every page re-drawn by Poppler's cairo backend.
  'pdftocairo-chromium': (name) => cairoRewrite(target('chromium', name), target('pdftocairo-chromium', name)),
  // The same Calc HTML export as `chromium-calc-html-export`, printed by WeasyPrint on A4 portrait (no presentational hints: WeasyPrint's default).
  'weasyprint-calc-html-export': (name) =>
    htmlExport(join(CORPUS, 'xlsx', `${name}.xlsx`), 'HTML (StarCalc)', (html) => weasyprintPdf(html, target('weasyprint-calc-html-export', name), '@page { size: A4 }')),
  // The committed `wkhtmltopdf/` prints, every page re-drawn by Poppler's cairo backend.
  'pdftocairo-wkhtmltopdf': (name) => cairoRewrite(target('wkhtmltopdf', name), target('pdftocairo-wkhtmltopdf', name)),
  // The same Writer HTML export as `chromium-writer-html-export`, printed by WeasyPrint on A4 portrait (no presentational hints: WeasyPrint's default).
  'weasyprint-writer-html-export': (name) =>
    htmlExport(join(CORPUS, 'docx', `${name}.docx`), 'HTML (StarWriter)', (html) => weasyprintPdf(html, target('weasyprint-writer-html-export', name), '@page { size: A4 }')),
  // The committed `chromium/` prints with their text turned to outlines.
  'gs-outlines-chromium': (name) => textToOutlines(target('chromium', name), target('gs-outlines-chromium', name)),
  // The same Calc HTML export as `chromium-calc-html-export`, printed by wkhtmltopdf on A4 portrait (as `wkhtmltopdf-layouts`: no other flag).
  'wkhtmltopdf-calc-html-export': (name) =>
    htmlExport(join(CORPUS, 'xlsx', `${name}.xlsx`), 'HTML (StarCalc)', (html) =>
      wkhtmltopdfPdf(html, target('wkhtmltopdf-calc-html-export', name), ['--page-size', 'A4', '--orientation', 'Portrait']),
    ),
  // The same Writer HTML export as `weasyprint-writer-html-export`, printed with --presentational-hints (the export's width, border, cellpadding, bgcolor … as style).
  'weasyprint-hints-writer-html-export': (name) =>
    htmlExport(join(CORPUS, 'docx', `${name}.docx`), 'HTML (StarWriter)', (html) =>
      weasyprintPdf(html, target('weasyprint-hints-writer-html-export', name), '@page { size: A4 }', ['--presentational-hints']),
    ),
  // The committed `wkhtmltopdf/` prints with their text turned to outlines.
  'gs-outlines-wkhtmltopdf': (name) => textToOutlines(target('wkhtmltopdf', name), target('gs-outlines-wkhtmltopdf', name)),
  // The same Calc HTML export as `weasyprint-calc-html-export`, printed with --presentational-hints (the export's width, height, align, valign, bgcolor, border … as style).
  'weasyprint-hints-calc-html-export': (name) =>
    htmlExport(join(CORPUS, 'xlsx', `${name}.xlsx`), 'HTML (StarCalc)', (html) =>
      weasyprintPdf(html, target('weasyprint-hints-calc-html-export', name), '@page { size: A4 }', ['--presentational-hints']),
    ),
  // The committed `libreoffice-narrow/` exports with their text turned to outlines.
  'gs-outlines-libreoffice-narrow': (name) => textToOutlines(target('libreoffice-narrow', name), target('gs-outlines-libreoffice-narrow', name)),
  // The committed `weasyprint-b5-uming/` prints, every page re-drawn by Poppler's cairo backend.
  'pdftocairo-weasyprint-b5-uming': (name) => cairoRewrite(target('weasyprint-b5-uming', name), target('pdftocairo-weasyprint-b5-uming', name)),
  // The .docx on A4 portrait, tables fitted to the text width, every font AR PL UKai CN 10 pt, exported as tagged PDF/A-1b.
  'libreoffice-tagged-pdfa-ukai': (name) =>
    writerPdf(
      join(CORPUS, 'docx', `${name}.docx`),
      { columns: fitted, font: 'AR PL UKai CN', halfPoints: 20, repeatHeader: false, convertTo: TAGGED_PDFA1B },
      target('libreoffice-tagged-pdfa-ukai', name),
    ),
  // The committed `chromium-layouts/` prints, every page re-drawn by Poppler's cairo backend.
  'pdftocairo-chromium-layouts': (name) => cairoRewrite(target('chromium-layouts', name), target('pdftocairo-chromium-layouts', name)),
  // The sheet forms bare (as `calc-xlsx`) on A4 portrait, one page wide, every row as tall as its wrapped text (as `calc-xlsx-bordered`).
  'calc-xlsx-portrait': (name) => calcPdf(name, { orientation: 'portrait', bordered: false, rowHeights: 'fit', paper: 'a4' }, target('calc-xlsx-portrait', name)),
  // The committed `calc-xlsx-bordered/` prints with their text turned to outlines.
  'gs-outlines-calc-xlsx-bordered': (name) => textToOutlines(target('calc-xlsx-bordered', name), target('gs-outlines-calc-xlsx-bordered', name)),
  // The sheet forms bare on US Letter landscape, one page wide, rows fitted, every font of the workbook WenQuanYi Zen Hei.
  'calc-xlsx-letter-zenhei': (name) =>
    calcPdf(name, { orientation: 'landscape', bordered: false, rowHeights: 'fit', paper: 'letter', font: 'WenQuanYi Zen Hei' }, target('calc-xlsx-letter-zenhei', name)),
  // The committed `libreoffice-doc-ukai/` exports (the Word 97 and WPS files in AR PL UKai CN) with their text turned to outlines.
  'gs-outlines-libreoffice-doc-ukai': (name) => textToOutlines(target('libreoffice-doc-ukai', name), target('gs-outlines-libreoffice-doc-ukai', name)),
  // The sheet forms bare on ISO B5 portrait, one page wide, rows fitted, every font of the workbook Noto Serif CJK SC.
  'calc-xlsx-b5-serif': (name) =>
    calcPdf(name, { orientation: 'portrait', bordered: false, rowHeights: 'fit', paper: 'b5', font: 'Noto Serif CJK SC' }, target('calc-xlsx-b5-serif', name)),
  // The committed `weasyprint-layouts/` prints (the layout pages L01–L16, A4 landscape) with their text turned to outlines.
  'gs-outlines-weasyprint-layouts': (name) => textToOutlines(target('weasyprint-layouts', name), target('gs-outlines-weasyprint-layouts', name)),
};

/**
 * wkhtmltopdf's print of a page, allowed to load the files beside it (a local page's own
 * resources; wkhtmltopdf 0.12.6 refuses them otherwise); `flags` set the paper.
 */
function wkhtmltopdfPdf(html: string, outFile: string, flags: string[] = []): void {
  run('wkhtmltopdf', ['--quiet', '--enable-local-file-access', ...flags, html, outFile], html);
}

/** The page laid out by LibreOffice Writer's HTML import (`HTML (StarWriter)`) on its default page, exported to PDF. */
function writerHtmlImport(html: string, outFile: string): void {
  sofficeConvert(html, ['--infilter=HTML (StarWriter)', '--convert-to', 'pdf:writer_pdf_Export'], outFile);
}

/** WeasyPrint's print of the page with `style` added to its head. */
function weasyprintPdf(html: string, outFile: string, style: string, flags: string[] = []): void {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-weasy-'));
  const page = join(work, basename(html));
  writeFileSync(page, withStyle(html, style));
  run('weasyprint', ['--quiet', ...flags, page, outFile], html);
  rmSync(work, { recursive: true, force: true });
}

/** The Word 97 (.doc) or WPS (.wps) file of corpus/doc named `name` without its extension. */
function docFile(name: string): string {
  const file = readdirSync(join(CORPUS, 'doc')).find((f) => f.replace(/\.(doc|wps)$/, '') === name);
  if (!file) throw new Error(`no corpus/doc/${name}.doc or .wps`);
  return join(CORPUS, 'doc', file);
}

/** The provincial layout pages, named as their goldens (golden/L01 … L16) so eval scores them; the HTML as published. */
const layoutPages = () =>
  readdirSync(join(CORPUS, 'layouts'))
    .filter((f) => /^L\d{2}-.*\.html$/.test(f))
    .map((f) => f.replace(/\.html$/, ''));

/** The Word 97 / WPS files of corpus/doc, named NNN-… after the seed they hold (the .wps as `001-jiange-department-wps`), scored against golden/NNN. */
const docFiles = () =>
  readdirSync(join(CORPUS, 'doc'))
    .filter((f) => /^\d{3}-.*\.(doc|wps)$/.test(f))
    .map((f) => f.replace(/\.(doc|wps)$/, ''));

/** The documents a producer prints when it does not print the seed documents (000–004). */
const documentsOf: Partial<Record<string, () => string[]>> = {
  'chromium-layouts': layoutPages,
  'weasyprint-layouts': layoutPages,
  'wkhtmltopdf-layouts': layoutPages,
  'libreoffice-writer-html-layouts': layoutPages,
  'pdftocairo-ps-ps2pdf-weasyprint-layouts': layoutPages,
  'mutool-wkhtmltopdf-layouts': layoutPages,
  'pdftocairo-chromium-layouts': layoutPages,
  'libreoffice-doc-ukai': docFiles,
  'mutool-libreoffice-doc-ukai': docFiles,
  'gs-outlines-libreoffice-doc-ukai': docFiles,
  'gs-outlines-weasyprint-layouts': layoutPages,
};

/**
 * A file saved as HTML by LibreOffice, `filter` its export (`HTML (StarWriter)`, `HTML (StarCalc)`:
 * each its own table markup), handed to `print`; any images it writes stay beside the page, out of the corpus.
 */
function htmlExport(file: string, filter: string, print: (html: string) => void): void {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-html-export-'));
  run('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', `html:${filter}`, '--outdir', work, file], file);
  print(join(work, `${basename(file, extname(file))}.html`));
  rmSync(work, { recursive: true, force: true });
}

/** A disclosure page with the portal's chrome above the article, as the corpus pages have it. */
const page = (style: string, article: string) => `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>绩效自评情况公告 - 某市医疗保障局</title>
<style>body{font-family:"Noto Sans CJK SC";font-size:14px}table.jx{border-collapse:collapse}table.jx td{border:1px solid #000;vertical-align:middle;padding:2px}${style}</style></head><body>
<div class="header">某市医疗保障局 政府信息公开专栏</div><nav>首页 | 政务公开 | 绩效信息 | 互动交流</nav><div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 绩效信息</div>
<h1>关于公开2023年度项目支出绩效自评情况的公告</h1>${article}<footer>版权所有：某市医疗保障局</footer></body></html>`;

const HEADER = '<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td><td>实际完成值</td><td>分值</td><td>得分</td></tr>';
const row = (cells: string[]) => `<tr>${cells.map((c) => (c.startsWith('<td') ? c : `<td>${c}</td>`)).join('')}</tr>`;

/**
 * The rows of one level-1/level-2 block of `count` tasks, its two labels merged over all of them;
 * `tr` opens each row.
 */
const taskBlock = (count: number, level1: string, level2: string, name: (i: number) => string, tr = (_i: number) => '<tr>') =>
  Array.from({ length: count }, (_, i) =>
    row([...(i === 0 ? [`<td rowspan="${count}">${level1}</td>`, `<td rowspan="${count}">${level2}</td>`] : []), name(i), '≥90%', `${91 + i}%`, '5', '5']).replace('<tr>', tr(i)),
  ).join('\n');

/**
 * Rows under one level-1 label merged over them all: a level-2 block per entry, its label merged
 * over its rows, one line of text in each cell.
 */
const levelBlocks = (level1: string, blocks: Array<{ level2: string; count: number; task: string }>) => {
  const total = blocks.reduce((n, b) => n + b.count, 0);
  return blocks
    .flatMap((b, j) =>
      Array.from({ length: b.count }, (_, i) =>
        row([
          ...(j === 0 && i === 0 ? [`<td rowspan="${total}">${level1}</td>`] : []),
          ...(i === 0 ? [`<td rowspan="${b.count}">${b.level2}</td>`] : []),
          `第${i + 1}项${b.task}情况`,
          '≥90%',
          `${91 + i}%`,
          '5',
          '5',
        ]),
      ),
    )
    .join('\n');
};

/**
 * A Sichuan 部门预算项目支出绩效自评表 (`border="1" cellspacing="0"`, as the layout pages print it):
 * project rows, a goal cell of `goal` clauses, then 绩效指标 merged down beside a two-row header
 * (`年度指标值（A）` over `符号 | 值 | 单位`) and four rows. `body` prints its indicator rows in a
 * table of their own without borders, under the ruled header.
 */
const sichuanForm = (project: string, goal: number, body: 'ruled' | 'unruled' = 'ruled') => {
  const rows = [
    '<td rowspan="3">产出指标</td><td>数量指标</td><td>参保人数</td><td>≥</td><td>58.6</td><td>万人</td><td>59.12万人</td><td>30</td><td>30</td>',
    '<td>质量指标</td><td>待遇发放准确率</td><td>=</td><td>100</td><td>%</td><td>100%</td><td>30</td><td>30</td>',
    '<td>时效指标</td><td>待遇发放及时率</td><td>=</td><td>100</td><td>%</td><td>100%</td><td>20</td><td>20</td>',
    '<td>满意度指标</td><td>服务对象满意度指标</td><td>参保群众满意度</td><td>≥</td><td>90</td><td>%</td><td>95%</td><td>20</td><td>20</td>',
  ].map((cells) => `<tr>${cells}</tr>`);
  const total = '<tr><td colspan="7">合计</td><td>100</td><td>100</td></tr>';
  const section = body === 'ruled' ? '<td rowspan="7">绩效指标（100分）</td>' : '<td rowspan="2">绩效指标（100分）</td>';
  const head = `<table border="1" cellspacing="0" cellpadding="3">
<tr><td colspan="10">部门预算项目支出绩效自评表（2023年度）</td></tr>
<tr><td>项目名称</td><td colspan="9">${project}</td></tr>
<tr><td>主管部门</td><td colspan="4">某市医疗保障局</td><td colspan="2">实施单位</td><td colspan="3">某市医疗保障事务中心</td></tr>
<tr><td rowspan="2">项目基本情况</td><td colspan="5">项目年度目标</td><td colspan="4">年度目标完成情况</td></tr>
<tr><td colspan="5">${'完成年度参保扩面和待遇保障任务，'.repeat(goal)}</td><td colspan="4">已完成。</td></tr>
<tr>${section}<td rowspan="2">一级指标</td><td rowspan="2">二级指标</td><td rowspan="2">三级指标</td><td colspan="3">年度指标值（A）</td><td rowspan="2">实际完成值</td><td rowspan="2">权重</td><td rowspan="2">得分</td></tr>
<tr><td>符号</td><td>值</td><td>单位</td></tr>`;
  return body === 'ruled' ? `${head}\n${rows.join('\n')}\n${total}\n</table>` : `${head}\n</table><table>${rows.map((r) => r.replace('<tr>', '<tr><td></td>')).join('\n')}\n${total}</table>`;
};

/**
 * Small browser prints for the tests (test/fixtures/pdf/): a level-1 weight wrapped inside its
 * number, a merged block cut by a page break, a row cut by a page break under merged labels.
 */
const FIXTURES: Record<string, string> = {
  // The level-1 column holds `项目决策（1` on its first line and `8分）` on its second.
  'browser-wrapped-weight': page(
    'td.l1{width:5.6em;word-break:break-all}',
    `<h2>项目支出绩效目标自评表</h2><table class="jx">${HEADER}
${row(['<td class="l1" rowspan="3">项目决策（18分）</td>', '<td rowspan="2">决策依据</td>', '目标设定依据充分', '充分', '充分', '6', '6'])}
${row(['绩效目标明确', '明确', '明确', '6', '5'])}
${row(['决策过程', '民生项目立项程序规范', '规范', '规范', '6', '6'])}
${row(['<td class="l1" rowspan="2">产出指标（12分）</td>', '<td rowspan="2">数量指标</td>', '长期护理保险覆盖人数', '≥1200人', '1260人', '6', '6'])}
${row(['改革任务完成率', '100%', '100%', '6', '6'])}
</table>`,
  ),
  // Ten rows of the level-1 block, six lines each: the page breaks inside the block.
  'browser-merged-break': page(
    '',
    `<h2>项目支出绩效目标自评表</h2><table class="jx">${HEADER}
${taskBlock(10, '产出指标（50分）', '数量指标', (i) => `第${i + 1}项任务<br>按期完成<br>情况<br>（按季度<br>统计<br>上报）`)}
${row(['满意度指标（10分）', '服务对象满意度', '群众满意度', '≥85%', '90%', '10', '10'])}
</table>`,
  ),
  // The third row's long actual value makes Chromium cut the row at the page break: its
  // level-3 name goes on at the top of the next page, its merged labels print nothing there.
  'browser-continuation': page(
    'td{max-width:12em}',
    `<h2>项目支出绩效目标自评表</h2><table class="jx">${HEADER}
${row(['<td rowspan="4">产出指标（40分）</td>', '<td rowspan="4">质量指标</td>', '资金拨付及时率', '100%', '100%', '10', '10'])}
${row(['基金监管检查覆盖率', '≥90%', '95%', '10', '10'])}
${row([
  '符合资助条件的农村低收入人口资助参保政策覆盖率',
  '≥99%',
  `${'按规定落实资助参保政策，'.repeat(70)}覆盖率达到99.5%`,
  '10',
  '9',
])}
${row(['政策知晓率', '≥80%', '81.77%', '10', '10'])}
</table>`,
  ),
  // Cells that draw their own borders (Writer's HTML export: separate borders, no top rule, each
  // cell its sides and bottom), top-aligned rows kept whole: Chromium paints the merged block
  // the pages cut short of its last row, which prints with no label cells and no side rules, and
  // the next block's top is only where its side rules start.
  'browser-separate-borders': page(
    'table.jx{border-collapse:separate;border-spacing:0}table.jx td{border:1px solid #808080;border-top:none;vertical-align:top}table.jx tr:first-child td{border-top:1px solid #808080}tr.whole{break-inside:avoid}',
    `<h2>项目支出绩效目标自评表</h2><table class="jx">${HEADER}
${taskBlock(8, '产出指标（40分）', '数量指标', (i) => `第${i + 1}项任务${'<br>按期完成'.repeat(9)}`, (i) => (i === 0 ? '<tr>' : '<tr class="whole">'))}
${row(['<td rowspan="2">效益指标（20分）</td>', '<td rowspan="2">社会效益指标</td>', '政策知晓率', '≥80%', '85%', '10', '10'])}
${row(['群众满意度', '≥85%', '90%', '10', '10'])}
</table>`,
  ),
  // The operator column's header spans two columns of the table's grid (the project row above
  // has an edge inside it, between 主管部门 and its name): 指标性质 still joins the value after it, as `≥` + `90` + `%`.
  'browser-operator-column': page(
    '',
    `<h2>项目支出绩效自评表</h2><table class="jx">
<tr><td>项目名称</td><td colspan="2">2023年城乡医疗救助项目</td><td>主管部门</td><td>某市医疗保障局</td><td colspan="2">实施单位</td><td colspan="3">某市医疗保障事务中心</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td colspan="2">指标性质</td><td>指标值</td><td>度量单位</td><td>完成值</td><td>权重</td><td>得分</td></tr>
<tr><td rowspan="2">产出指标</td><td>数量指标</td><td>救助对象覆盖率</td><td colspan="2">≥</td><td>90</td><td>%</td><td>95%</td><td>50</td><td>50</td></tr>
<tr><td>成本指标</td><td>成本控制数</td><td colspan="2">≤</td><td>30</td><td>万元</td><td>28万元</td><td>50</td><td>48</td></tr>
<tr><td colspan="8">合计</td><td>100</td><td>98</td></tr>
</table>`,
  ),
  // Level-2 blocks under one level-1 label, every cell drawing its own border (border="1",
  // cellspacing="0"): the page breaks inside the 质量指标 block, and on the next page WeasyPrint
  // draws no border for the merged cells it continues, so the stretch without rules wraps round
  // the 时效指标 and 成本指标 blocks, which have their own (the 效益指标 block under them draws
  // the level-1 column's right side, beside their left sides).
  'browser-bordered-blocks': page(
    '',
    `<h2>项目支出绩效目标自评表</h2><table border="1" cellspacing="0">${HEADER}
${levelBlocks('产出指标（40分）', [
  { level2: '数量指标', count: 14, task: '任务完成' },
  { level2: '质量指标', count: 24, task: '验收合格' },
  { level2: '时效指标', count: 3, task: '按期完成' },
  { level2: '成本指标', count: 3, task: '成本控制' },
])}
${levelBlocks('效益指标（20分）', [{ level2: '社会效益指标', count: 2, task: '政策宣传' }])}
</table>`,
  ),
  // Two Sichuan forms; the first's goal fills page 1 down to its indicator header, which the page
  // cuts: WeasyPrint prints 一级指标 … 年度指标值（A） at the foot of page 1 and the texts of the
  // header cells merged over both header rows (实际完成值, 权重, 得分) on page 2, beside 符号 | 值 | 单位.
  'browser-header-break': page('', `${sichuanForm('2023年城乡居民医保参保工作经费', 60)}<p>　</p>${sichuanForm('2023年医保基金监管工作经费', 2)}`),
  // Two Sichuan forms on one page; the first prints its indicator rows in a table without borders
  // under its ruled header, which the PDF reader reads as lines of text: that form is lost.
  'browser-lost-form': page('', `${sichuanForm('2023年城乡居民医保参保工作经费', 2, 'unruled')}<p>　</p>${sichuanForm('2023年医保基金监管工作经费', 2)}`),
  // A table drawing its own border (border="1", cellspacing="0") whose rows are kept whole:
  // Chromium moves the row that does not fit to the next page and draws the table's sides on
  // down to the page's foot under the last row it printed, a strip with nothing in it.
  'browser-table-foot': page(
    'tr{break-inside:avoid}',
    `<h2>部门整体支出绩效自评表</h2><table border="1" cellspacing="0">
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标分值</td><td>评分标准</td><td>自评得分</td></tr>
${Array.from({ length: 14 }, (_, i) => row([`${i < 7 ? '产出' : '效益'}`, `${i < 7 ? '数量指标' : '社会效益'}`, `第${i + 1}项重点工作完成率`, '5', `${'完成率=实际完成数/计划数×100%，'.repeat(4)}得分=完成率×5分`, '5'])).join('\n')}
</table>`,
  ),
  // Real text with rare characters of names, as forms print them: hanzi outside GB2312 (堃 喆 镕 昇)
  // in the page's font, and 䶮 (CJK Extension A) set in a font of its own that holds it alone.
  'browser-rare-names': page(
    '',
    `<h2>项目支出绩效目标自评表</h2><p>项目负责人：王堃　填报人：李喆　审核人：刘<span style="font-family:'AR PL UMing CN'">䶮</span>　联系人：张镕昇</p><table class="jx">${HEADER}
${row(['<td rowspan="3">产出指标（60分）</td>', '<td rowspan="2">数量指标</td>', '堃园社区道路改造长度', '≥12公里', '12.6公里', '20', '20'])}
${row(['喆园小区管网更新户数', '≥800户', '826户', '20', '20'])}
${row(['质量指标', '工程验收合格率', '100%', '100%', '20', '20'])}
${row(['效益指标（30分）', '社会效益指标', '居民出行时间缩短', '≥10%', '12%', '30', '28'])}
${row(['满意度指标（10分）', '服务对象满意度', '居民满意度', '≥90%', '95%', '10', '10'])}
</table>`,
  ),
};

/**
 * Small wkhtmltopdf prints for the tests (test/fixtures/pdf/), A4 landscape: wkhtmltopdf draws the
 * whole table on each page and lets the page's edge cut it (no rule on either side of the cut),
 * moves a row's lines that the edge would cut to the next page, and centres a merged cell's text
 * in the whole cell, on whichever page that falls.
 */
const WKHTMLTOPDF_FIXTURES: Record<string, string> = {
  // Tall padding puts the page's edge inside a row's padding, above its text. The 质量指标 block's
  // first two rows end page 1 under an empty label cell (a rule over it closes the 数量指标 block):
  // its label prints once, on page 2, where six of its eight rows are.
  'wkhtmltopdf-label-after-break': page(
    'table.jx td{padding:12px 4px}',
    `<h2>项目支出绩效目标自评表</h2><table class="jx">${HEADER}
${levelBlocks('产出指标（110分）', [
  { level2: '数量指标', count: 14, task: '任务按期完成' },
  { level2: '质量指标', count: 8, task: '质量检查合格' },
])}
${row(['满意度指标（10分）', '服务对象满意度', '群众满意度', '≥85%', '90%', '10', '10'])}
</table>`,
  ),
};

async function buildFixtures(only: string[]): Promise<void> {
  const dir = resolve(CORPUS, '..', 'test', 'fixtures', 'pdf');
  const work = mkdtempSync(join(tmpdir(), 'jixiao-fixtures-'));
  for (const [name, html] of Object.entries(FIXTURES).filter(([name]) => only.length === 0 || only.includes(name))) {
    const file = join(work, `${name}.html`);
    writeFileSync(file, html);
    chromiumPdf(file, join(dir, `${name}.pdf`));
    // WeasyPrint cuts rows otherwise: no rule on either side of the cut, the cut row's text printed on below it.
    // With the HTML attributes' styles (`border="1"`), as a browser prints them.
    const weasy = name.replace(/^browser-/, 'weasyprint-');
    run('weasyprint', ['--quiet', '--presentational-hints', file, join(dir, `${weasy}.pdf`)], name);
    for (const made of [name, weasy]) process.stdout.write(`test/fixtures/pdf/${made}.pdf  ${(statSync(join(dir, `${made}.pdf`)).size / 1024).toFixed(0)} KB\n`);
  }
  for (const [name, html] of Object.entries(WKHTMLTOPDF_FIXTURES).filter(([name]) => only.length === 0 || only.includes(name))) {
    const file = join(work, `${name}.html`);
    writeFileSync(file, html);
    wkhtmltopdfPdf(file, join(dir, `${name}.pdf`), ['--page-size', 'A4', '--orientation', 'Landscape']);
    process.stdout.write(`test/fixtures/pdf/${name}.pdf  ${(statSync(join(dir, `${name}.pdf`)).size / 1024).toFixed(0)} KB\n`);
  }
  rmSync(work, { recursive: true, force: true });
}

/** A sheet form printed by Calc as `print` sets its pages. */
async function calcPdf(name: string, print: SheetPrint, outFile: string): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-calc-'));
  const sheet = join(work, `${name}.xlsx`);
  writeFileSync(sheet, await sheetsForPrint(join(CORPUS, 'xlsx', `${name}.xlsx`), print));
  if (print.rowHeights === 'fit') fittedRowsPdf(sheet, outFile);
  else sofficeConvert(sheet, ['--convert-to', 'pdf:calc_pdf_Export'], outFile);
  rmSync(work, { recursive: true, force: true });
}

/** Pages of producer files cut out for the tests (test/fixtures/pdf/), most of them two pages around a page break. */
const CUTS = [
  // The table's header row alone at the foot of page 13 (its texts centred), its rows from page 14 on.
  { from: 'libreoffice-writer-html/000-transfer-selfeval-indicators', pages: [13, 14], to: 'writer-html-header-at-foot' },
  // A top-aligned row ends page 2, its long name running to the bottom; page 3 starts a new level-2 block.
  { from: 'libreoffice-writer-html/002-guangxi-transfer-region', pages: [2, 3], to: 'writer-html-label-after-break' },
  // Calc prints a row taller than a page on one page, drawn on past the paper's bottom edge (its
  // name, centred in it, falls below the edge and prints nowhere); the next page starts a new row.
  { from: 'calc-xlsx-bordered/000-transfer-selfeval-indicators', pages: [14, 15], to: 'calc-row-past-page' },
  // Writer's import of a Word 97 file: a level-1 block cut by the page, its label 产出指标 printed
  // on page 11 and its weight (50分) on page 12, where the block's other rows are.
  { from: 'libreoffice-doc-ukai/004-qiannan-project-tables', pages: [11, 12], to: 'writer-doc-level1-split' },
  // Calc sets a cell's text at its foot: the first indicator row's actual value is taller than its
  // row, and its first line (`100%。符合`) prints over the table's top rule on page 3, the
  // indicator header at the foot of page 2.
  { from: 'calc-xlsx-bordered/002-guangxi-transfer-region', pages: [2, 3], to: 'calc-text-over-top' },
  // Page 2 of the same print alone: a ruled form's header with no row under it, in a document that
  // gives no report (the document must say the header is there, not that it found no form).
  { from: 'calc-xlsx-bordered/002-guangxi-transfer-region', pages: [2], to: 'calc-header-alone' },
  // Writer's HTML import sets a narrow level-1 label a character a line: 产/出 in the block's one
  // row at the foot of page 1, 指/标 in its three rows on page 2, both sides of the break ruled.
  { from: 'libreoffice-writer-html-layouts/L05-anhui-huoshan-transfer-selfeval', pages: [1, 2], to: 'writer-html-level1-cut-in-name' },
  // The borderless print of seed 002 (corpus/pdf, Writer's, cells set to their top): the indicator header ends
  // page 1, its last column's word wrapping on to the page's foot (`未完成` / `原因和` / `改进措` / `施`), its rows on page 2.
  { from: '../pdf/002-guangxi-transfer-region-unruled', pages: [1, 2], to: 'unruled-header-wraps-at-foot' },
  // Calc's print of a borderless sheet (a form without rules): the indicator header ends page 1,
  // its rows print on page 2 under no header.
  { from: 'calc-xlsx/004-qiannan-project-tables', pages: [1, 2], to: 'calc-unruled-header-at-foot' },
  // The same print of another sheet: the header ends page 2, and page 3 prints only the cut middle
  // of rows taller than a page (Calc ignored the one-page-wide fit): no row can be read there.
  { from: 'calc-xlsx/002-guangxi-transfer-region', pages: [2, 3], to: 'calc-unruled-header-rows-lost' },
  // The print of the 003 sheet's scoring tables (一级指标 分值 二级指标 分值 三级指标 分值 得分): each
  // level's 分值 set at the foot of its block, a 合计 row under each table; the first table's header
  // ends page 1, its rows on page 2.
  { from: 'calc-xlsx/003-jinfeng-evaluation-report', pages: [1, 2], to: 'calc-unruled-level-weights' },
  // A form of the 004 sheet on one page: each level-1 label prints its weight on the line under its
  // name (`效益指标` / `(30分)`), the next label's name on the line under that.
  { from: 'calc-xlsx/004-qiannan-project-tables', pages: [16], to: 'calc-unruled-weighed-labels' },
  // The same form with its head, printed at the foot of page 15: its key cells and their values read
  // as one text (`主管部门及代码…实施单位…` as the department), while the rows on page 16 check out.
  { from: 'calc-xlsx/004-qiannan-project-tables', pages: [15, 16], to: 'calc-unruled-head-keys-joined' },
  // The print of the 000 sheet: its first form's header on page 1, then pages 11-13, page 12 the
  // middle of a row taller than the page (its text run on past the paper's edge, under Calc's
  // `Page 12` foot; its 分值 and name printed nowhere), page 13 the rows after it.
  { from: 'calc-xlsx/000-transfer-selfeval-indicators', pages: [1, 11, 12, 13], to: 'calc-unruled-row-through-page' },
  // The print of the 000 sheet: its first form's header on page 1, then pages 6-9. Calc sets a merged
  // level label at its block's foot, and prints a block's rows on as many pages as they take: page 6
  // ends on 过程管理's last row, its label there; pages 7-8 print rows and no level label; page 9
  // prints 产出指标 / 数量指标 on its first row, the last of their blocks, which began on page 7.
  { from: 'calc-xlsx/000-transfer-selfeval-indicators', pages: [1, 6, 7, 8, 9], to: 'calc-unruled-labels-pages-below' },
  // A form of the 004 sheet over pages 9-10: the section label 绩效指标, merged down the form's left
  // side left of its header's first column, prints on the line of the form's last row.
  { from: 'calc-xlsx/004-qiannan-project-tables', pages: [9, 10], to: 'calc-unruled-section-aside' },
  // Pages 16-17 of the same print: page 16 the rows of the form whose head (项目名称, 主管部门, the budget
  // block) ends page 15, not cut; page 17 the next form, its head above its rows.
  { from: 'calc-xlsx/004-qiannan-project-tables', pages: [16, 17], to: 'calc-unruled-head-lost' },
  // Page 11 of the same print: a form whose section label 绩效指标, merged down its left side beside
  // the header and the rows, prints on its last row's line, the header printing nothing in its column.
  { from: 'calc-xlsx/004-qiannan-project-tables', pages: [11], to: 'calc-unruled-section-beside-header' },
  // The portrait print of the 004 sheet (rows as tall as their text), page 22: level-1 labels set to their blocks' foot,
  // `产出指标` on the last line of its block's last row but one and `(50分)` on the next row's one line, alone.
  { from: 'calc-xlsx-portrait/004-qiannan-project-tables', pages: [22], to: 'calc-portrait-weight-alone' },
  // The portrait print of the 002 sheet, pages 2-4: a form printing no 分值 (指标值, 全年实际完成值, 未完成原因和改进措施),
  // its header at page 2's foot, its rows set to their foot under it, each row's note `无` on its last line.
  { from: 'calc-xlsx-portrait/002-guangxi-transfer-region', pages: [2, 3, 4], to: 'calc-portrait-no-points' },
  // WeasyPrint's print of Calc's HTML export of the 002 sheet: columns so narrow that the header's
  // level words wrap a character or two a line, each cell set to its row's middle, so one column's
  // lines stand half a line off its neighbour's and no line of the page holds three header words.
  { from: 'weasyprint-calc-html-export/002-guangxi-transfer-region', pages: [1], to: 'weasyprint-calc-header-interleaved' },
  // Chromium's print of Calc's HTML export of the 000 sheet (no rules at all): page 1 ends on a row
  // the break cut, set to its top (its 分值 on its first line, its text wrapped on to the foot);
  // page 2 goes on under no header, a row saved taller than its text leaving a wide blank over it.
  { from: 'chromium-calc-html-export/000-transfer-selfeval-indicators', pages: [1, 2], to: 'chromium-calc-cut-row' },
  // The same print of the 001 sheet: page 1's header written with radicals (⼀级指标 ⼆级指标, ⾃评得分);
  // page 2's header runs two columns' words into one (`实际值(2022年)评分标准`, each filling its cell).
  { from: 'chromium-calc-html-export/001-jiange-department', pages: [1, 2], to: 'chromium-calc-run-in-header' },
  // The same print of the 000 sheet, pages 4-5: page 4 ends on a row the break cut under its first
  // line (its 分值 there), the rest of its text at page 5's top, the next row's own cells under it.
  { from: 'chromium-calc-html-export/000-transfer-selfeval-indicators', pages: [4, 5], to: 'chromium-calc-row-rest' },
  // The same print of the 003 sheet's scoring tables: page 2 goes on with page 1's last table, its
  // rows lined up as a grid at the page's top, then two tables of their own under their headers.
  { from: 'chromium-calc-html-export/003-jinfeng-evaluation-report', pages: [1, 2], to: 'chromium-calc-grid-continuation' },
  // The same print of the 004 sheet, pages 5-6: a level-2 block the break cuts, its label 质量指标
  // set to the block's top in the blank over its first row, under 数量指标 set to its block's foot.
  { from: 'chromium-calc-html-export/004-qiannan-project-tables', pages: [5, 6], to: 'chromium-calc-cut-block' },
  // The same print of the 004 sheet, page 11: a form's level labels set to their blocks' foot, `产出指标 (50` on
  // the last line of its block's last row but one, `分)` on that row's one line, the first of the next row.
  { from: 'chromium-calc-html-export/004-qiannan-project-tables', pages: [11], to: 'chromium-calc-weight-cut' },
  // The same print of the 004 sheet, pages 15-16: a form's head printed as text lines (`项目名称都匀市…`, the
  // budget block's column names over its figures) at the foot of page 15, its rows on page 16; above it a
  // whole form whose 年度资金总额 line runs two cells' figures together (`10.210分`).
  { from: 'chromium-calc-html-export/004-qiannan-project-tables', pages: [15, 16], to: 'chromium-calc-head-at-foot' },
  // A wkhtmltopdf print re-written by MuPDF (Qt's fonts have no cmap: no Unicode map left), its `≤` in Zen Hei
  // re-read from the glyph as the Cyrillic `И`.
  { from: 'mutool-wkhtmltopdf-layouts/L06-sichuan-daying-sfj-project-selfeval', pages: [1, 2], to: 'mutool-wkhtmltopdf-foreign-letter' },
  // Calc's HTML export of the 000 workbook printed by WeasyPrint: columns so narrow that the level words wrap a
  // character a line, no rules; each cell set to its row's middle (the 分值 on the middle line of the
  // row's text), one header run printing two columns' words (`分值 实际完成情况`).
  { from: 'weasyprint-calc-html-export/000-transfer-selfeval-indicators', pages: [1], to: 'weasyprint-calc-centred-rows' },
  // The same print, pages 1-2: the sheet repeats its header rows in its data (where a page of the
  // workbook's source broke), and WeasyPrint prints them again at the foot of page 2, right under the
  // table's rows, one row of the table under them; the repeat runs `分值 实际完成情况` into one run.
  { from: 'weasyprint-calc-html-export/000-transfer-selfeval-indicators', pages: [1, 2], to: 'weasyprint-calc-header-again' },
  // The same print of the 004 sheet, page 1: the section label 绩效指标, merged down the form's left
  // side in a column one character wide, prints a character a line from the header's top down into
  // its first row, whose level-1 label (`产出指` / `标` / `(60` / `分)`) stands a character right of the header's.
  { from: 'weasyprint-calc-html-export/004-qiannan-project-tables', pages: [1], to: 'weasyprint-calc-section-down' },
  // The same print of the 004 sheet, page 12: a form whose labels are set to their blocks' middle, closed by its
  // total row (`总分` in the section column, the 分值 and 得分 totals beside it), which no level block holds.
  { from: 'weasyprint-calc-html-export/004-qiannan-project-tables', pages: [12], to: 'weasyprint-calc-total-row' },
  // Chromium's print of seed 000 re-written by cairo (`pdftocairo -pdf`): every glyph in a Type 3 font of a few
  // glyphs, each font's box its glyphs' ink, which pdf.js takes for the text's height (a comma a third as tall).
  { from: 'pdftocairo-chromium/000-transfer-selfeval-indicators', pages: [1, 2], to: 'pdftocairo-chromium-type3-marks' },
  // Chromium's print of seed 000 re-distilled by Ghostscript (pdftops, ps2pdf), page 1: Type 3 fonts set at size 12 whose
  // box pdf.js measures from their glyphs (the FontBBox empty), sent to the main thread as the glyphs' box in whole units,
  // as Chromium's own Type 3 fonts send theirs (which pdf.js does not measure): text read from the operator list cannot tell them apart.
  { from: 'pdftops-ps2pdf-chromium/000-transfer-selfeval-indicators', pages: [1], to: 'pdftops-ps2pdf-chromium-type3' },
  // wkhtmltopdf's print of the 004 sheet, pages 5-7: a run of forms, each under its title, year and 填报日期 lines, a
  // form's head on every page (not at the page's edge): text repeated on every page that is no running head.
  { from: 'wkhtmltopdf/004-qiannan-project-tables', pages: [5, 6, 7], to: 'wkhtmltopdf-form-heads' },
  // WeasyPrint's print of seed 000 with its text turned into outlines by Ghostscript, page 19: Noto Serif CJK draws `:`
  // and `：` with one outline (only the advance differs), both printed here (`合格：个别地方…`, `零分:综合…`).
  { from: 'gs-outlines-weasyprint/000-transfer-selfeval-indicators', pages: [19], to: 'gs-outlines-colon-forms' },
  // Chromium's print of seed 001 turned into outlines by Ghostscript, page 6: `零分:＜10次`, Noto Sans CJK's full-width
  // `＜` (ink as wide as an ideograph's, like the `≥` above it) after an ASCII colon, read `<` by the reader.
  { from: 'gs-outlines-chromium/001-jiange-department', pages: [6], to: 'gs-outlines-wide-comparison' },
  // The same print of seed 000, page 7: `（1分）` and `（0.5分）` with full-width brackets, Chromium setting a `）` half an
  // em where a `：` follows it (`合格（1分）：`, text-spacing-trim), its other instances a whole em or ending a line.
  { from: 'gs-outlines-chromium/000-transfer-selfeval-indicators', pages: [7], to: 'gs-outlines-compressed-brackets' },
  // The same print of seed 004, page 13: `≤2795.52` over `万元` beside a level-2 label set half a line higher and a
  // level-3 label half a line lower; the digits join the line the higher label began, the decimal point's centre lying
  // below that label's ink and inside the lower one's.
  { from: 'gs-outlines-chromium/004-qiannan-project-tables', pages: [13], to: 'gs-outlines-stranded-point' },
  // WeasyPrint's print of Writer's HTML export of seed 002, pages 2-3: each cell draws its own borders (Writer's export
  // sets no border-collapse), and a merged level-1 cell the page break cuts gets its borders round its text only, so
  // the rules put 效益指标 over 产出指标's 数量/质量/时效 rows.
  { from: 'weasyprint-writer-html-export/002-guangxi-transfer-region', pages: [2, 3], to: 'weasyprint-writer-label-boxes' },
  // The same print of seed 004, pages 2-4 (the form's indicator header on page 2): the break after page 3 cuts the level-1 block 产出指标 and its level-2 block 质量指标; their
  // boxes go on past page 3's last row (定点医药机构开通医保电子凭证场景应用), under it nothing else drawn, and the
  // block's last row 检查发现违规违法行为 starts page 4.
  { from: 'weasyprint-writer-html-export/004-qiannan-project-tables', pages: [2, 3, 4], to: 'weasyprint-writer-label-past-rows' },
  // WeasyPrint's print of Writer's HTML export of seed 004 with presentational hints, pages 20-21: the 医保专线网络 form's
  // indicator header alone at page 20's foot (the note column's name wrapped `未完成` / `原因分` / `析`, the section label's
  // block opened under it by a sliver row), its rows from page 21 on, under no rule.
  { from: 'weasyprint-hints-writer-html-export/004-qiannan-project-tables', pages: [20, 21], to: 'weasyprint-hints-header-at-foot' },
  // WeasyPrint's print of Calc's HTML export of seed 000 with presentational hints, page 1: the export's column widths
  // honoured, so the weight column is a character wide, its name wrapped (`分` / `值`) and set to its middle, and on the
  // header's last line `值` and the next column's `指标说明` print as one run (`值 指标说明`).
  { from: 'weasyprint-hints-calc-html-export/000-transfer-selfeval-indicators', pages: [1], to: 'weasyprint-hints-calc-narrow-header' },
  // The same print of seed 001, page 1: the note column's name wrapped two characters a line (`未完` … `改进` / `措施`) runs
  // into the self-score column's (`自评得` / `分`), two runs closer than a space, each line one chunk.
  { from: 'weasyprint-hints-calc-html-export/001-jiange-department', pages: [1], to: 'weasyprint-hints-calc-touching-header' },
  // The same print of seed 003, page 1: a scoring table's last row under a wide blank (the export's row heights
  // honoured, the row's text set to its foot), its level-1 weight right-aligned touching the level-2 label (`20|资金分配`).
  { from: 'weasyprint-hints-calc-html-export/003-jinfeng-evaluation-report', pages: [1], to: 'weasyprint-hints-calc-row-under-blank' },
  // The same print, pages 2-3: the 产出指标 table's level-1 block runs past page 2's foot, and its label (`产出指标 37`, set to
  // the block's foot) prints alone at the foot of page 2, under a blank as tall as the rows the page's part of the cell left empty.
  { from: 'weasyprint-hints-calc-html-export/003-jinfeng-evaluation-report', pages: [2, 3], to: 'weasyprint-hints-calc-label-at-foot' },
  // The same print of the 001 sheet, pages 1-2: level labels a character a line, cells set to their rows' foot and rows
  // apart by their cells' padding; `完成指标` set to its block's top runs on at its line pitch over a row's bound (`完`
  // `成` beside the first row, `指` `标` beside the second), `效益指标` ends on its block's last line and `满意度指标`
  // starts a padding's blank under it, above its row's text.
  { from: 'weasyprint-hints-calc-html-export/001-jiange-department', pages: [1, 2], to: 'weasyprint-hints-calc-label-pitch' },
  // The same print of the 004 sheet, page 3: the text layer gives one line of a row across two cells as one run
  // (`保结算县(市)数量 12个`: the level-3 name's last line and the target beside it, a space between them).
  { from: 'weasyprint-hints-calc-html-export/004-qiannan-project-tables', pages: [3], to: 'weasyprint-hints-calc-run-across-cells' },
  // wkhtmltopdf's print of Calc's HTML export of seed 001, page 1: the indicator header's cells set to their top, the
  // target's and actual's names wrapped over three lines (`预期指标值` / `（包含数字及` / `文字描述）`), the level names on the last.
  { from: 'wkhtmltopdf-calc-html-export/001-jiange-department', pages: [1], to: 'wkhtmltopdf-calc-wrapped-header' },
  // The same print, pages 1-2: the second form's header at page 1's foot, under it the first lines of its first row's
  // tallest cell (its other cells and its 分值 set to the row's foot, on page 2), the rest of that row at page 2's top.
  { from: 'wkhtmltopdf-calc-html-export/001-jiange-department', pages: [1, 2], to: 'wkhtmltopdf-calc-row-before-mark' },
  // WeasyPrint's print of seed 003 turned to outlines by Ghostscript, pages 1-2: the report's heading wrapped
  // (`…补助资金绩效` / `评价报告`) and the grade's sentence wrapped (`…综合绩效评价等级` / `为“优”。`), each line's
  // size its glyphs' ink, the wrapped line's taller or shorter by the marks it holds.
  { from: 'gs-outlines-weasyprint/003-jinfeng-evaluation-report', pages: [1, 2], to: 'gs-outlines-wrapped-lines' },
  // wkhtmltopdf's print of seed 004 in WenQuanYi Zen Hei turned into outlines, page 2: cells of digits and marks alone
  // (`=100%`, `≥90%`), whose tallest ink is a digit's (0.78 of an ideograph's), the ASCII `=` as wide as a digit is tall.
  { from: 'gs-outlines-wkhtmltopdf/004-qiannan-project-tables', pages: [2], to: 'gs-outlines-zenhei-digit-cells' },
  // The same print of seed 000, page 1: the headings and the first form's title in a bold wkhtmltopdf makes by filling
  // each outline twice, 0.3–0.5 pt apart (`医疗服务与保障能力提升补助资金（医疗保障服务能力提升部分）绩效自评`).
  { from: 'gs-outlines-wkhtmltopdf/000-transfer-selfeval-indicators', pages: [1], to: 'gs-outlines-overprinted-bold' },
  // The same print of seed 001, page 4: prose with full-width commas, one (`执行，` ending a wrapped line) lying over a
  // character of the next line, which takes it into its own.
  { from: 'gs-outlines-wkhtmltopdf/001-jiange-department', pages: [4], to: 'gs-outlines-joined-comma' },
  // The same print of seed 000, pages 2-3: page 2 ends on a row whose 评分规则 the break cuts, its tail (`合格之上:$60+40*…$`,
  // a `$` whose form no instance decides) at page 3's top.
  { from: 'gs-outlines-wkhtmltopdf/000-transfer-selfeval-indicators', pages: [2, 3], to: 'gs-outlines-cut-rule' },
  // The same print of seed 004, page 1: a level-3 name in quotes (`打造医保经办“15分钟服务圈”`), Zen Hei's `”` the
  // outline of its `“` turned half round, which the reader reads as the straight `"`.
  { from: 'gs-outlines-wkhtmltopdf/004-qiannan-project-tables', pages: [1], to: 'gs-outlines-turned-quote' },
  // The same print of seed 000, page 10: ASCII comparison marks before digits (`>95%`, `零分: <85%`), drawn with the
  // outline of their full-width forms and set in 0.6 em, their ink a tenth of an em from the digit's.
  { from: 'gs-outlines-wkhtmltopdf/000-transfer-selfeval-indicators', pages: [10], to: 'gs-outlines-snug-comparison' },
  // Calc's bordered print of seed 000 turned into outlines by Ghostscript (Noto Sans CJK JP, DejaVu), page 25: Calc breaks
  // lines without kinsoku, so a wrapped line of 描述 begins with `，` (`…一站式结算` / `，出院时直` / `接在医院的…`), the
  // comma's ink at the left of its em, most of an em from the next character's.
  { from: 'gs-outlines-calc-xlsx-bordered/000-transfer-selfeval-indicators', pages: [25], to: 'gs-outlines-line-start-comma' },
  // The same print, page 35: a rule's wrapped lines `,增加` (DejaVu's ASCII comma hanging below the baseline) and `20%;有部`,
  // set lower than the lines of the cells beside them (Calc sets each cell's lines to its foot).
  { from: 'gs-outlines-calc-xlsx-bordered/000-transfer-selfeval-indicators', pages: [35], to: 'gs-outlines-low-cell-lines' },
  // The same print of seed 003, page 1: the level-1 summary (`一级指标 | 权重 | 评分分值 | 得分 | 绩效评价`, 合计 `100% | 100 | 96`),
  // its cells over two or three of the sheet's grid columns each (the score tables below cut them finer), read by OCR.
  { from: 'gs-outlines-calc-xlsx-bordered/003-jinfeng-evaluation-report', pages: [1], to: 'gs-outlines-summary-header' },
  // The same print of seed 002, pages 2-3 (as `calc-text-over-top`): the indicator header ends page 2, page 3's one row
  // sets its actual value at its foot, its first line `100%。符合` over the table's top rule, begun by a narrow digit.
  { from: 'gs-outlines-calc-xlsx-bordered/002-guangxi-transfer-region', pages: [2, 3], to: 'gs-outlines-text-over-top' },
  // Pages 7-8 of the same print: page 8's row has its first line `100%。有效` over the top rule too, over 26 lines of which
  // one holds digits and marks alone (`100%。2023`), its ink's top a point lower than an ideograph line's.
  { from: 'gs-outlines-calc-xlsx-bordered/002-guangxi-transfer-region', pages: [7, 8], to: 'gs-outlines-text-over-top-uneven' },
  // The print of seed 000, page 26: a scoring rule wrapped `满分:>85%` / `合格(6分):85%` / `零` / `分:<85%`, DejaVu's `<` (ink
  // 0.6 em, set in 0.84 em) a tenth of an em nearer the `8` than a centred full-width form could be, one ideograph on its line.
  { from: 'gs-outlines-calc-xlsx-bordered/000-transfer-selfeval-indicators', pages: [26], to: 'gs-outlines-lone-comparison' },
  // Calc's borderless print of the 004 sheet on US Letter in Zen Hei, pages 30-31 (the last form): its head's key
  // row set to the cells' foot, the department's value wrapping up over its key (`[187]黔南…自治州医疗` over
  // `主管部门及代码 保障局 实施单位 …`), the budget header's names wrapped inside words (`年初预算` / `数`), and
  // `自评结论 优` over `联系人: 陈胜宇` under the rows.
  { from: 'calc-xlsx-letter-zenhei/004-qiannan-project-tables', pages: [30, 31], to: 'calc-letter-head-wraps' },
  // Calc's borderless A4 portrait print of the 004 sheet, page 1: the first form's head, its 年度资金总额 line
  // printing `181.82` right-aligned against the 分值 cell's `10分` (a blank narrower than a space between them).
  { from: 'calc-xlsx-portrait/004-qiannan-project-tables', pages: [1], to: 'calc-portrait-figures-flush' },
  // WeasyPrint's print of Calc's HTML export of the 004 sheet, page 2: a form's head with its cells set to
  // their middle (`主管部门及` / `代码` around its values' one line), the budget block's label 项目资金(万元)
  // set a character a line down its rows (`目` printed into the 年度资金总额 line).
  { from: 'weasyprint-calc-html-export/004-qiannan-project-tables', pages: [2], to: 'weasyprint-calc-head-centred' },
  // Calc's borderless print of the 004 sheet (rows as tall as saved), pages 20-21: the first row's 三级指标
  // cell wraps over more lines than its row holds, and its first line (`保障建国初`) is drawn over the
  // header's last line and cut by the cell's clip: not printed.
  { from: 'calc-xlsx/004-qiannan-project-tables', pages: [20, 21], to: 'calc-text-clipped-over-header' },
];

/**
 * The cuts, by qpdf: the pages' shared fonts are kept once (pdfseparate and pdfunite, which cut
 * the fixtures before round 10, copy them into every page: a Calc print's four pages 3 MB, not 0.2).
 */
function buildCuts(only: string[]): void {
  const dir = resolve(CORPUS, '..', 'test', 'fixtures', 'pdf');
  for (const cut of CUTS.filter((c) => only.length === 0 || only.includes(c.to))) {
    run('qpdf', ['--empty', '--pages', join(OUT, `${cut.from}.pdf`), cut.pages.join(','), '--', join(dir, `${cut.to}.pdf`)], cut.to);
    process.stdout.write(`test/fixtures/pdf/${cut.to}.pdf  ${(statSync(join(dir, `${cut.to}.pdf`)).size / 1024).toFixed(0)} KB\n`);
  }
}

function target(producer: string, name: string): string {
  mkdirSync(join(OUT, producer), { recursive: true });
  return join(OUT, producer, `${name}.pdf`);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(
    `Usage: npx tsx corpus/build/producers.ts [producer ...]   (all when none is named)\n       npx tsx corpus/build/producers.ts --fixtures [name ...]   (the small browser prints of test/fixtures/pdf)\n       npx tsx corpus/build/producers.ts --cuts [name ...]   (pages around page breaks, cut for test/fixtures/pdf)\nProducers: ${Object.keys(producers).join(', ')}\n`,
  );
} else if (args.includes('--fixtures')) {
  await buildFixtures(args.filter((a) => !a.startsWith('--')));
} else if (args.includes('--cuts')) {
  buildCuts(args.filter((a) => !a.startsWith('--')));
} else {
  const chosen = args.length > 0 ? args : Object.keys(producers);
  const seeds = readdirSync(join(CORPUS, 'docx'))
    .filter((f) => /^\d{3}-.*\.docx$/.test(f))
    .map((f) => f.replace(/\.docx$/, ''));
  for (const producer of chosen) {
    const make = producers[producer];
    if (!make) throw new Error(`unknown producer ${producer}; known: ${Object.keys(producers).join(', ')}`);
    for (const name of (documentsOf[producer]?.() ?? seeds).sort()) {
      await make(name);
      const file = target(producer, name);
      process.stdout.write(`${producer}/${basename(file)}  ${(statSync(file).size / 1024).toFixed(0)} KB\n`);
    }
  }
}
