// Where a PDF page's CPU time goes (a script, not a test): every file read in this one process,
// one at a time, with pdf.js's page calls and the parse timed by CPU time (user+sys of this
// process, which runs pdf.js's worker side too).
// Usage: npx tsx test/bench/pdf-stages.ts [pdf files or folders...]
import { readFile } from 'node:fs/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import { pdfParser } from '../../parsers/pdf';
import { withPdf } from '../../parsers/pdf/open';
import { readPageContent } from '../../parsers/pdf/page-content';
import { pagesToBlocks } from '../../parsers/page/layout';
import type { PageContent } from '../../schemas/page';
import { extractDocument } from '../../pipeline/extract';
import { collectInputs } from '../../pipeline/run-batch';

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const stages = new Map<string, number>();
const add = (name: string, ms: number) => stages.set(name, (stages.get(name) ?? 0) + ms);
let timing = true;
const timed = <A extends unknown[], R>(name: string, fn: (...args: A) => R, settled: (out: R) => Promise<unknown>) =>
  function (this: unknown, ...args: A): R {
    const start = cpu();
    const out = fn.apply(this, args);
    const done = () => timing && add(name, cpu() - start);
    settled(out).then(done, done);
    return out;
  };

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs += entry.duration;
}).observe({ entryTypes: ['gc'] });
const t0 = cpu();
const files = (await collectInputs(process.argv.slice(2))).map((i) => i.source).filter((f) => f.endsWith('.pdf'));
// The page proxy's class is not exported: its methods are wrapped through the first page's prototype.
await withPdf(await readFile(files[0]!), files[0]!, async (doc) => {
  const proto = Object.getPrototypeOf(await doc.getPage(1)) as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ['getTextContent', 'getOperatorList'] as const) proto[method] = timed(`pdf.js ${method}`, proto[method]!, (out) => out as Promise<unknown>);
  proto.render = timed('pdf.js render (pages for OCR)', proto.render!, (out) => (out as { promise: Promise<unknown> }).promise);
});
pdfParser.parse = timed('parse', pdfParser.parse.bind(pdfParser), (out) => out);
const startup = cpu() - t0;

let pages = 0;
for (const file of files) {
  const bytes = await readFile(file);
  const start = cpu();
  const result = await extractDocument(bytes, file);
  add('document', cpu() - start);
  pages += result.document.pages ?? 0;
  // The page engine again on the same contents, alone, to split it from the rest of the parse.
  timing = false;
  const contents: PageContent[] = [];
  await withPdf(bytes, file, async (doc) => {
    for (let n = 1; n <= doc.numPages; n++) contents.push(await readPageContent(await doc.getPage(n), file));
  });
  timing = true;
  const engineStart = cpu();
  pagesToBlocks(contents);
  add('page engine', cpu() - engineStart);
}
const get = (k: string) => stages.get(k) ?? 0;
const rows: Array<[string, number]> = [
  ['pdf.js getTextContent', get('pdf.js getTextContent')],
  ['pdf.js getOperatorList', get('pdf.js getOperatorList')],
  ['pdf.js render (pages for OCR)', get('pdf.js render (pages for OCR)')],
  ['page engine (pagesToBlocks, timed apart)', get('page engine')],
  ['rest of the parse (open, runs, rules, OCR)', get('parse') - get('pdf.js getTextContent') - get('pdf.js getOperatorList') - get('pdf.js render (pages for OCR)') - get('page engine')],
  ['extraction + validation', get('document') - get('parse')],
];
const total = get('document');
process.stdout.write(`${files.length} PDFs, ${pages} pages; start-up ${(startup / 1000).toFixed(2)} s CPU; documents ${(total / 1000).toFixed(2)} s CPU, ${(total / pages).toFixed(1)} ms/page\n`);
process.stdout.write(`garbage collection (wall time of its pauses, all stages): ${(gcMs / 1000).toFixed(2)} s\n`);
for (const [k, v] of rows) process.stdout.write(`${k.padEnd(44)} ${(v / 1000).toFixed(2).padStart(7)} s  ${(v / pages).toFixed(1).padStart(6)} ms/page  ${((100 * v) / total).toFixed(1).padStart(5)} %\n`);
