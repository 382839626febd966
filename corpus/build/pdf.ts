// Exports the Word versions of the corpus (corpus/docx) to PDF with LibreOffice, as publishers
// export their Word forms: tables whose first row is an indicator header get that row marked
// "repeat as header row" (so it is printed again on every page the table continues onto), and
// seed 004's forms are laid out on landscape pages. 002 and 004 are exported a second time with
// no cell borders at all (`-unruled.pdf`), as forms printed without rules are.
// Usage: npx tsx corpus/build/pdf.ts   (needs LibreOffice `soffice` and CJK fonts)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import JSZip from 'jszip';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LANDSCAPE = new Set(['004']);
/** Documents also exported without any cell borders, for the unruled-table path. */
const UNRULED = new Set(['002', '004']);

/** Marks each table's first row as a repeating header when it is an indicator header. */
export function repeatHeaderRows(xml: string): string {
  return xml.replace(/<w:tbl>([\s\S]*?)<w:tr( [^>]*)?>([\s\S]*?)<\/w:tr>/g, (table, before: string, attrs: string | undefined, row: string) => {
    const text = [...row.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    if (!/一级指标|三级指标/.test(text)) return table;
    const marked = row.includes('<w:trPr>') ? row.replace('<w:trPr>', '<w:trPr><w:tblHeader/>') : `<w:trPr><w:tblHeader/></w:trPr>${row}`;
    return `<w:tbl>${before}<w:tr${attrs ?? ''}>${marked}</w:tr>`;
  });
}

/** No cell borders at all: the table is laid out by alignment only. */
function removeBorders(xml: string): string {
  return xml.replace(/<w:tcBorders>[\s\S]*?<\/w:tcBorders>/g, '').replace(/<w:tblBorders>[\s\S]*?<\/w:tblBorders>/g, '');
}

/** A4 landscape for every section of the document. */
export function landscape(xml: string): string {
  return xml.replace(/<w:pgSz[^>]*\/>/g, '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
}

async function exportPdf(docx: string, outDir: string, unruled = false): Promise<string> {
  const id = basename(docx).slice(0, 3);
  const zip = await JSZip.loadAsync(readFileSync(docx));
  let xml = await zip.file('word/document.xml')!.async('string');
  xml = repeatHeaderRows(xml);
  if (LANDSCAPE.has(id)) xml = landscape(xml);
  if (unruled) xml = removeBorders(xml);
  zip.file('word/document.xml', xml);
  const work = mkdtempSync(join(tmpdir(), 'jixiao-pdf-'));
  const edited = join(work, basename(docx).replace(/\.docx$/, unruled ? '-unruled.docx' : '.docx'));
  writeFileSync(edited, await zip.generateAsync({ type: 'nodebuffer' }));
  const run = spawnSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, edited], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`soffice failed on ${docx}: ${run.stderr}`);
  const pdf = join(outDir, basename(edited).replace(/\.docx$/, '.pdf'));
  renameSync(join(work, basename(edited).replace(/\.docx$/, '.pdf')), pdf);
  rmSync(work, { recursive: true, force: true });
  return pdf;
}

// Run as a script (corpus/build/producers.ts imports its Word edits).
const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
if (isMain && (process.argv.includes('--help') || process.argv.includes('-h'))) {
  process.stdout.write('Usage: npx tsx corpus/build/pdf.ts\nRewrites corpus/pdf from corpus/docx with LibreOffice (repeated header rows; 004 landscape).\n');
} else if (isMain) {
  const outDir = join(CORPUS, 'pdf');
  for (const file of readdirSync(join(CORPUS, 'docx')).filter((f) => f.endsWith('.docx')).sort()) {
    process.stdout.write(`${await exportPdf(join(CORPUS, 'docx', file), outDir)}\n`);
    if (UNRULED.has(file.slice(0, 3))) process.stdout.write(`${await exportPdf(join(CORPUS, 'docx', file), outDir, true)}\n`);
  }
}
