// PDFium against pdf.js behind the page interface (a script, not a test).
// Usage: npx tsx test/bench/pdfium-bench.ts speed [pdf files or folders...]
//          each engine in a process of its own, reading every page's content (text runs and
//          rules): CPU time (user+sys) per page and peak RSS, and their ratio; 'chosen' judges
//          PDFium's glyphs first (./pdfium-glyphs.ts) and reads by pdf.js the documents that fail.
//        npx tsx test/bench/pdfium-bench.ts eval [jixiao eval options]
//          `jixiao eval` with each PDF read by PDFium where its glyphs pass the text-layer checks
//          on every page (./pdfium-glyphs.ts), by the PDF parser as it is (pdf.js) elsewhere.
//        npx tsx test/bench/pdfium-bench.ts extract [jixiao extract options] --workers 0
//          the same for `jixiao extract` (in this process: --workers 0).
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { pdfParser } from '../../parsers/pdf';
import { loadPdfJs, withPdf } from '../../parsers/pdf/open';
import { readPageContent } from '../../parsers/pdf/page-content';
import { pagesToBlocks, unalignedWarnings } from '../../parsers/page/layout';
import { main } from '../../pipeline/cli';
import { collectInputs } from '../../pipeline/run-batch';
import type { PageContent } from '../../schemas/page';
import { pdfiumVerdict } from './pdfium-glyphs';
import { loadPdfium, readPdfiumPages } from './pdfium-pages';

const [mode, ...rest] = process.argv.slice(2);

async function readAll(engine: string, files: string[]): Promise<number> {
  let pages = 0;
  for (const file of files) {
    const bytes = new Uint8Array(await readFile(file));
    let contents: PageContent[];
    // 'chosen': PDFium's glyphs judged first; pdf.js reads the document when they fail.
    const verdict = engine === 'chosen' ? await pdfiumVerdict(bytes) : null;
    const trusted = verdict !== null && verdict.distrusted.size === 0 && verdict.unusable.length === 0;
    if (engine === 'pdfium' || trusted) contents = await readPdfiumPages(bytes);
    else {
      contents = await withPdf(bytes, file, async (doc) => {
        const out: PageContent[] = [];
        for (let n = 1; n <= doc.numPages; n++) {
          const page = await doc.getPage(n);
          out.push(await readPageContent(page, file));
          page.cleanup();
        }
        return out;
      });
    }
    pages += contents.length;
  }
  return pages;
}

if (mode === 'engine') {
  const [engine, ...files] = rest;
  const cpu = () => (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
  const start = cpu();
  await (engine === 'pdfium' ? loadPdfium() : engine === 'chosen' ? Promise.all([loadPdfium(), loadPdfJs()]) : loadPdfJs());
  const loaded = cpu();
  const pages = await readAll(engine!, files);
  process.stdout.write(`${pages} ${loaded - start} ${cpu() - loaded}\n`);
  process.exit(0);
} else if (mode === 'speed') {
  const files = (await collectInputs(rest)).map((i) => i.source).filter((f) => f.endsWith('.pdf'));
  const results = new Map<string, { cpu: number; kb: number; pages: number; load: number; read: number }>();
  for (const engine of ['pdfjs', 'pdfium', 'chosen']) {
    const run = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, '--import', 'tsx', import.meta.filename, 'engine', engine, ...files], { encoding: 'utf8' });
    const [user, sys, kb] = run.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    const [pages, load, read] = run.stdout.trim().split(' ').map(Number);
    results.set(engine, { cpu: user! + sys!, kb: kb!, pages: pages!, load: load!, read: read! });
  }
  const js = results.get('pdfjs')!;
  const pd = results.get('pdfium')!;
  process.stdout.write(`${files.length} PDFs; page content only (text runs + rules), one process each\n`);
  for (const [name, r] of results) {
    process.stdout.write(
      `${name.padEnd(7)} ${r.pages} pages  ${((1000 * r.read) / r.pages).toFixed(1)} ms CPU/page reading, ${r.load.toFixed(2)} s CPU loading the engine, ` +
        `${r.cpu.toFixed(2)} s CPU for the process  peak RSS ${Math.round(r.kb / 1024)} MB\n`,
    );
  }
  const ch = results.get('chosen')!;
  process.stdout.write(`PDFium / pdf.js CPU per page read: ${(pd.read / pd.pages / (js.read / js.pages)).toFixed(2)}; whole process: ${(pd.cpu / js.cpu).toFixed(2)}\n`);
  process.stdout.write(`chosen per document (PDFium's glyphs judged, pdf.js where they fail) / pdf.js: ${(ch.read / ch.pages / (js.read / js.pages)).toFixed(2)}; whole process: ${(ch.cpu / js.cpu).toFixed(2)}\n`);
} else if (mode === 'eval' || mode === 'extract') {
  // Per document: PDFium reads it when its glyphs pass the text-layer checks on every page
  // (./pdfium-glyphs.ts), else the PDF parser as it is (pdf.js, with its recovery and OCR).
  const parse = pdfParser.parse.bind(pdfParser);
  const chosen = { pdfium: 0, pdfjs: 0 };
  pdfParser.parse = async (bytes, ctx) => {
    const verdict = await pdfiumVerdict(bytes);
    if (!verdict || verdict.distrusted.size > 0 || verdict.unusable.length > 0) {
      chosen.pdfjs++;
      return parse(bytes, ctx);
    }
    chosen.pdfium++;
    const contents = await readPdfiumPages(bytes);
    const { blocks, unalignedPages } = pagesToBlocks(contents);
    return { format: 'pdf', pages: contents.length, blocks, warnings: unalignedWarnings(unalignedPages) };
  };
  process.exitCode = await main([mode, ...rest]);
  process.stderr.write(`read by PDFium ${chosen.pdfium}, by pdf.js ${chosen.pdfjs}\n`);
} else {
  process.stdout.write('Usage: npx tsx test/bench/pdfium-bench.ts speed [pdf files or folders...] | eval [jixiao eval options] | extract [jixiao extract options] --workers 0\n');
}
