// Reads each page's text both ways — pdf.js's `getTextContent` and jixiao's reading of the
// operator list (`parsers/pdf/operator-text.ts`) — and diffs the items and the runs the page
// engine gets from them (a script, not a test). Prints per folder how many pages differ and why,
// and the CPU each way takes (each page's operator list is built once, as the PDF path builds it).
// Never give it a held-out folder: the two named below are refused.
// Usage: npx tsx test/bench/operator-text-diff.ts [--show N] [pdf files or folders...]
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { withPdf } from '../../parsers/pdf/open';
import { operatorTextItems, type OperatorTextItem } from '../../parsers/pdf/operator-text';
import { contentOfItems } from '../../parsers/pdf/page-content';
import { collectInputs } from '../../pipeline/run-batch';

const HELD_OUT = /libreoffice-tagged-pdfa-ukai|pdftocairo-chromium-layouts|heldout/;
const { values, positionals } = parseArgs({ allowPositionals: true, options: { show: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help || positionals.length === 0) {
  process.stdout.write('Usage: npx tsx test/bench/operator-text-diff.ts [--show N] [pdf files or folders...]\n');
  process.exit(values.help ? 0 : 2);
}
const show = Number(values.show ?? 5);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

type Item = Pick<OperatorTextItem, 'str' | 'transform' | 'width' | 'height' | 'hasEOL'>;
/** Why a page's items differ: the first difference found, by kind. */
function compare(a: Item[], b: Item[]): string | null {
  let float = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y) return `count ${a.length} vs ${b.length}; first extra ${JSON.stringify((x ?? y)!.str)} at ${i}`;
    if (x.str !== y.str) return `text at ${i}: ${JSON.stringify(x.str)} vs ${JSON.stringify(y.str)}`;
    if (x.hasEOL !== y.hasEOL) return `hasEOL at ${i} (${JSON.stringify(x.str)})`;
    const xs = [...x.transform, x.width, x.height];
    const ys = [...y.transform, y.width, y.height];
    for (let k = 0; k < xs.length; k++) {
      const d = Math.abs(xs[k]! - ys[k]!);
      if (d === 0) continue;
      if (d > 1e-6 * Math.max(1, Math.abs(xs[k]!))) return `geometry at ${i} (${JSON.stringify(x.str)}) field ${k}: ${xs[k]} vs ${ys[k]}`;
      float++;
    }
  }
  return float > 0 ? 'float' : null;
}

const files = (await collectInputs(positionals)).map((i) => i.source).filter((f) => f.endsWith('.pdf') && !HELD_OUT.test(f));
const folders = new Map<string, { pages: number; items: number; runs: number; fallback: number; reasons: string[] }>();
let textMs = 0;
let ownMs = 0;
for (const file of files) {
  const folder = dirname(file);
  let row = folders.get(folder);
  if (!row) folders.set(folder, (row = { pages: 0, items: 0, runs: 0, fallback: 0, reasons: [] }));
  await withPdf(await readFile(file), file, async (doc) => {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      await page.getOperatorList();
      let start = cpu();
      const text = await page.getTextContent();
      textMs += cpu() - start;
      start = cpu();
      const own = await operatorTextItems(page);
      ownMs += cpu() - start;
      row.pages++;
      if (!own) row.fallback++;
      else {
        const theirs = text.items.filter((i) => 'str' in i);
        const why = compare(theirs, own);
        if (why) {
          row.items++;
          row.reasons.push(`${file} p${n}: ${why}`);
        }
        const a = JSON.stringify(await contentOfItems(page, text.items, file));
        const b = JSON.stringify(await contentOfItems(page, own, file));
        if (a !== b) {
          row.runs++;
          row.reasons.push(`${file} p${n}: page content differs`);
        }
      }
      page.cleanup();
    }
  });
}
let total = { pages: 0, items: 0, runs: 0, fallback: 0 };
for (const [folder, row] of folders) {
  total = { pages: total.pages + row.pages, items: total.items + row.items, runs: total.runs + row.runs, fallback: total.fallback + row.fallback };
  process.stdout.write(`${folder}: ${row.pages} pages, items differ on ${row.items}, runs differ on ${row.runs}, left to pdf.js ${row.fallback}\n`);
  const kinds = new Map<string, number>();
  for (const r of row.reasons) {
    const kind = r.replace(/^.*?: /, '').replace(/ at \d+.*| \d+ vs.*|: .*/, '');
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  if (kinds.size > 0) process.stdout.write(`  ${[...kinds].map(([k, c]) => `${k} ×${c}`).join(', ')}\n`);
  for (const r of row.reasons.slice(0, show)) process.stdout.write(`  ${r}\n`);
}
process.stdout.write(
  `all: ${total.pages} pages, items differ on ${total.items}, runs differ on ${total.runs}, left to pdf.js ${total.fallback}; getTextContent ${(textMs / total.pages).toFixed(2)} ms CPU/page, operator-list text ${(ownMs / total.pages).toFixed(2)} ms CPU/page\n`,
);
