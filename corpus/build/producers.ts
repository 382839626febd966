// The producer matrix (corpus/producers/, see its README): every seed document printed to PDF by
// producers other than corpus/pdf's — LibreOffice Writer with narrow and with wide columns, in
// Noto Serif CJK and in AR PL UMing, portrait and landscape; Chromium, wkhtmltopdf and WeasyPrint
// printing the disclosure pages with their portal chrome; Ghostscript re-distilling two of them.
// Usage: npx tsx corpus/build/producers.ts [producer ...]   (all when none is named)
// Needs soffice, chromium, wkhtmltopdf, weasyprint, ps2pdf and the CJK fonts (Debian packages).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { landscape, repeatHeaderRows } from './pdf';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(CORPUS, 'producers');

/** A4 text widths (twips) for the page margins LibreOffice wrote into the Word files. */
const PORTRAIT_TEXT = 11906 - 1134 - 567;
const LANDSCAPE_TEXT = 16838 - 1134 - 567;

function run(command: string, args: string[], what: string): void {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`${command} failed on ${what}: ${r.stderr || r.error?.message}`);
}

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
/** Wide columns: the table stretched to the landscape page. */
const wide = (grid: number[]) => {
  const total = grid.reduce((a, b) => a + b, 0);
  return grid.map((w) => (w * LANDSCAPE_TEXT) / total);
};

/** One font for every script and a body size (half-points) in the document's styles. */
function setFont(styles: string, font: string, halfPoints: number | null): string {
  let out = styles.replace(/<w:rFonts [^>]*\/>/g, `<w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:eastAsia="${font}" w:cs="${font}"/>`);
  if (halfPoints !== null) out = out.replace(/(<w:rPrDefault>[\s\S]*?)<w:sz w:val="\d+"\/><w:szCs w:val="\d+"\/>/, `$1<w:sz w:val="${halfPoints}"/><w:szCs w:val="${halfPoints}"/>`);
  return out;
}

interface WriterVariant {
  columns: (grid: number[]) => number[];
  landscape: boolean;
  font: string;
  halfPoints: number | null;
  repeatHeader: boolean;
}

async function writerPdf(docx: string, variant: WriterVariant, outFile: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(docx));
  let xml = await zip.file('word/document.xml')!.async('string');
  xml = eachTable(xml, (t) => setColumns(t, variant.columns));
  if (variant.repeatHeader) xml = repeatHeaderRows(xml);
  if (variant.landscape) xml = landscape(xml);
  // Runs may name their own fonts: the style's font is the one that prints.
  xml = xml.replace(/<w:rFonts [^>]*\/>/g, '');
  zip.file('word/document.xml', xml);
  zip.file('word/styles.xml', setFont(await zip.file('word/styles.xml')!.async('string'), variant.font, variant.halfPoints));
  const work = mkdtempSync(join(tmpdir(), 'jixiao-producers-'));
  const edited = join(work, basename(docx));
  writeFileSync(edited, await zip.generateAsync({ type: 'nodebuffer' }));
  run('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, edited], docx);
  renameSync(edited.replace(/\.docx$/, '.pdf'), outFile);
  rmSync(work, { recursive: true, force: true });
}

/** Chromium's print of the page as a reader's browser prints it (its date/title/URL margins included). */
function chromiumPdf(html: string, outFile: string): void {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-chromium-'));
  const page = join(work, basename(html));
  copyFileSync(html, page);
  run(
    'chromium',
    ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${work}/profile`, `--print-to-pdf=${outFile}`, `file://${page}`],
    html,
  );
  rmSync(work, { recursive: true, force: true });
}

const producers: Record<string, (name: string) => Promise<void> | void> = {
  'libreoffice-narrow': (name) =>
    writerPdf(join(CORPUS, 'docx', `${name}.docx`), { columns: narrow, landscape: false, font: 'Noto Serif CJK SC', halfPoints: 21, repeatHeader: true }, target('libreoffice-narrow', name)),
  'libreoffice-landscape-uming': (name) =>
    writerPdf(join(CORPUS, 'docx', `${name}.docx`), { columns: wide, landscape: true, font: 'AR PL UMing CN', halfPoints: null, repeatHeader: false }, target('libreoffice-landscape-uming', name)),
  chromium: (name) => chromiumPdf(join(CORPUS, 'html', `${name}.html`), target('chromium', name)),
  wkhtmltopdf: (name) => run('wkhtmltopdf', ['--quiet', '--enable-local-file-access', join(CORPUS, 'html', `${name}.html`), target('wkhtmltopdf', name)], name),
  weasyprint: (name) => run('weasyprint', ['--quiet', join(CORPUS, 'html', `${name}.html`), target('weasyprint', name)], name),
  'ps2pdf-libreoffice-narrow': (name) => run('ps2pdf', [target('libreoffice-narrow', name), target('ps2pdf-libreoffice-narrow', name)], name),
  'ps2pdf-chromium': (name) => run('ps2pdf', [target('chromium', name), target('ps2pdf-chromium', name)], name),
};

function target(producer: string, name: string): string {
  mkdirSync(join(OUT, producer), { recursive: true });
  return join(OUT, producer, `${name}.pdf`);
}

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`Usage: npx tsx corpus/build/producers.ts [producer ...]\nProducers: ${Object.keys(producers).join(', ')}\n`);
} else {
  const chosen = args.length > 0 ? args : Object.keys(producers);
  const names = readdirSync(join(CORPUS, 'docx'))
    .filter((f) => /^\d{3}-.*\.docx$/.test(f))
    .map((f) => f.replace(/\.docx$/, ''))
    .sort();
  for (const producer of chosen) {
    const make = producers[producer];
    if (!make) throw new Error(`unknown producer ${producer}; known: ${Object.keys(producers).join(', ')}`);
    for (const name of names) {
      await make(name);
      const file = target(producer, name);
      process.stdout.write(`${producer}/${basename(file)}  ${(statSync(file).size / 1024).toFixed(0)} KB\n`);
    }
  }
}
