// jixiao's own share of reading a PDF page (a script, not a test): the runs, rules and clips of
// readPageContent and the font check of the text layer, timed by CPU on pdf.js's text content
// and operator list read once per page and handed back from a cache, so that pdf.js's own parsing
// (most of a page's time, `pdf-stages.ts`) is left out. Prints a hash of what was read, to compare
// two versions' outputs.
// Usage: npx tsx test/bench/pdf-own-reading.ts [--reps N] [pdf files or folders...]
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { withPdf, type PdfPage } from '../../parsers/pdf/open';
import { readPageContent } from '../../parsers/pdf/page-content';
import { judgeFonts, pageGlyphs, type DistrustedFont } from '../../parsers/pdf/text-layer-trust';
import { collectInputs } from '../../pipeline/run-batch';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { reps: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help || positionals.length === 0) {
  process.stdout.write(`Usage: npx tsx test/bench/pdf-own-reading.ts [--reps N] [pdf files or folders...]
Times jixiao's own page reading (runs, rules, clips of readPageContent; the text layer's font check)
in CPU ms per page, on pdf.js's text content and operator list read once per page and served from a
cache, each page read N times (default 5); prints a hash of what was read to compare two versions.
`);
  process.exit(values.help ? 0 : 2);
}
const reps = Number(values.reps ?? 5);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const files = (await collectInputs(positionals)).map((i) => i.source).filter((f) => f.endsWith('.pdf'));
const read: string[] = [];
let pages = 0;
let contentMs = 0;
let fontsMs = 0;
for (const file of files) {
  await withPdf(await readFile(file), file, async (doc) => {
    const known = new Map<string, DistrustedFont>();
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const text = await page.getTextContent();
      const list = await page.getOperatorList();
      const cached = Object.create(page, { getTextContent: { value: async () => text }, getOperatorList: { value: async () => list } }) as PdfPage;
      let start = cpu();
      for (let r = 0; r < reps; r++) read.push(JSON.stringify(await readPageContent(cached, file)));
      contentMs += cpu() - start;
      start = cpu();
      for (let r = 0; r < reps; r++) read.push(JSON.stringify(judgeFonts(await pageGlyphs(cached), r === 0 ? known : new Map()), (_, v: unknown) => (v instanceof Set ? [...v] : v)));
      fontsMs += cpu() - start;
      pages++;
      page.cleanup();
    }
  });
}
const perPage = (ms: number) => (ms / pages / reps).toFixed(3);
process.stdout.write(`${files.length} PDFs, ${pages} pages, ${reps} times each: page content ${perPage(contentMs)} ms CPU/page, font check ${perPage(fontsMs)} ms CPU/page; read ${createHash('sha256').update(read.join('\n')).digest('hex').slice(0, 16)}\n`);
