// Build checks of producer folders, not reads: for each PDF its page count and size (`pdfinfo`),
// U+FFFD characters in Poppler's text (`pdftotext`: mojibake from the build), words set past the
// page edge as the page shows after its /Rotate (`pdftotext -bbox`: text the producer cut off), and
// the rules drawn on each page (a count of long dark pixel runs in a 100-dpi gray render, thin browser borders included: a bordered print has them, and
// a sheet fitted to one page wide has them spanning the same width on every page). With `--sheets
// <dir>`, also the CJK characters the sheets of the same name in <dir> hold that the PDF does not
// print (text Calc clipped to a row too low for it).
// Usage: npx tsx corpus/build/producers-check.ts [--sheets corpus/xlsx] <producer folder> ...   (needs Poppler's tools)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import JSZip from 'jszip';

const DPI = 100;
/** A horizontal rule runs at least this share of the page width, a vertical one this share of its height. */
const RULE_SHARE = { horizontal: 0.2, vertical: 0.05 };
const DARK = 160;

function run(command: string, args: string[]): string {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

interface PageRules {
  horizontal: number;
  vertical: number;
  /** Left and right ends of the horizontal rules, as shares of the page width; null without rules. */
  span: [number, number] | null;
}

/** Long dark runs in one gray page image (binary PGM, as `pdftoppm -gray` writes it). */
function pageRules(pgm: Buffer): PageRules {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  const dark = (x: number, y: number) => pixels[y * width + x]! < DARK;
  const longestRun = (length: number, at: (i: number) => boolean): [number, number, number] => {
    let best: [number, number, number] = [0, 0, 0];
    for (let i = 0, start = 0; i <= length; i++) {
      if (i < length && at(i)) continue;
      if (i - start > best[0]) best = [i - start, start, i];
      start = i + 1;
    }
    return best;
  };
  let horizontal = 0;
  let span: [number, number] | null = null;
  for (let y = 0; y < height; y++) {
    const [run, from, to] = longestRun(width, (x) => dark(x, y));
    if (run < width * RULE_SHARE.horizontal) continue;
    horizontal++;
    span = span ? [Math.min(span[0], from / width), Math.max(span[1], to / width)] : [from / width, to / width];
  }
  let vertical = 0;
  for (let x = 0; x < width; x++) if (longestRun(height, (y) => dark(x, y))[0] >= height * RULE_SHARE.vertical) vertical++;
  return { horizontal, vertical, span };
}

/** How often each Han character occurs in `text` (NFKC, so compatibility forms count as their ideograph). */
function hanCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ch of text.normalize('NFKC').match(/\p{Script=Han}/gu) ?? []) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return counts;
}

const xmlText = (xml: string) =>
  [...xml.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')).join('');

/** The text of every cell the workbook's sheets write (shared strings they use, inline strings). */
async function sheetText(xlsx: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(xlsx));
  const shared = [...((await zip.file('xl/sharedStrings.xml')?.async('string')) ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => xmlText(m[1]!));
  const texts: string[] = [];
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))) {
    for (const cell of (await zip.file(name)!.async('string')).matchAll(/<c [^>]*?t="(s|inlineStr)"[^>]*>([\s\S]*?)<\/c>/g)) {
      texts.push(cell[1] === 's' ? (shared[Number(/<v>(\d+)<\/v>/.exec(cell[2]!)?.[1])] ?? '') : xmlText(cell[2]!));
    }
  }
  return texts.join('\n');
}

/** Han characters of the sheet missing from the PDF's text, against all the sheet holds. */
async function lostCharacters(pdf: string, sheetsDir: string): Promise<string> {
  const held = hanCounts(await sheetText(join(sheetsDir, basename(pdf).replace(/\.pdf$/, '.xlsx'))));
  const printed = hanCounts(run('pdftotext', [pdf, '-']));
  let total = 0;
  let lost = 0;
  for (const [ch, n] of held) {
    total += n;
    lost += Math.max(0, n - (printed.get(ch) ?? 0));
  }
  return `, Han characters not printed ${lost}/${total} (${((lost / total) * 100).toFixed(1)}%)`;
}

function checkPdf(file: string): string {
  const info = run('pdfinfo', [file]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '?';
  const replacement = [...run('pdftotext', [file, '-']).matchAll(/\uFFFD/g)].length;
  // A page turned by its /Rotate (as ps2pdf turns landscape PostScript pages): `pdftotext -bbox` gives
  // the unturned page's width and height but places words on the page as shown.
  const turned = new Set(
    [...run('pdfinfo', ['-f', '1', '-l', String(pages), file]).matchAll(/^Page\s+(\d+) rot:\s+(\d+)/gm)].filter((m) => Number(m[2]) % 180 === 90).map((m) => Number(m[1])),
  );
  let pastEdge = 0;
  for (const [i, page] of run('pdftotext', ['-bbox', file, '-']).split('<page ').slice(1).entries()) {
    const [pw, ph] = [Number(/width="([\d.]+)"/.exec(page)?.[1]), Number(/height="([\d.]+)"/.exec(page)?.[1])];
    const [w, h] = turned.has(i + 1) ? [ph, pw] : [pw, ph];
    for (const word of page.matchAll(/xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)"/g)) {
      const [x0, y0, x1, y1] = word.slice(1, 5).map(Number) as [number, number, number, number];
      if (x0 < 0 || y0 < 0 || x1 > w || y1 > h) pastEdge++;
    }
  }
  const work = mkdtempSync(join(tmpdir(), 'jixiao-check-'));
  run('pdftoppm', ['-r', String(DPI), '-gray', file, join(work, 'p')]);
  const rules = readdirSync(work)
    .sort()
    .map((f) => pageRules(readFileSync(join(work, f))));
  rmSync(work, { recursive: true, force: true });
  const spans = rules.flatMap((r) => (r.span ? [r.span] : []));
  const pct = (v: number) => `${(v * 100).toFixed(0)}%`;
  const spanText = spans.length
    ? `rules span left ${pct(Math.min(...spans.map((s) => s[0])))}–${pct(Math.max(...spans.map((s) => s[0])))}, right ${pct(Math.min(...spans.map((s) => s[1])))}–${pct(Math.max(...spans.map((s) => s[1])))} of the width`
    : 'no horizontal rules';
  const ruled = rules.filter((r) => r.horizontal > 0 && r.vertical > 0).length;
  const rotation = turned.size > 0 ? `, turned a quarter by /Rotate on ${turned.size}/${pages} pages` : '';
  return `${pages} pages (${size}${rotation}), U+FFFD ${replacement}, words past the edge ${pastEdge}, pages with both rule directions ${ruled}/${rules.length}, ${spanText}`;
}

const args = process.argv.slice(2);
const sheetsAt = args.indexOf('--sheets');
const sheetsDir = sheetsAt >= 0 ? args[sheetsAt + 1] : undefined;
const folders = args.filter((_a, i) => sheetsAt < 0 || (i !== sheetsAt && i !== sheetsAt + 1));
if (folders.length === 0 || folders.includes('--help') || (sheetsAt >= 0 && !sheetsDir)) {
  process.stdout.write('Usage: npx tsx corpus/build/producers-check.ts [--sheets corpus/xlsx] <producer folder> ...\n');
} else {
  for (const folder of folders) {
    for (const f of readdirSync(folder).filter((n) => n.endsWith('.pdf')).sort()) {
      const file = join(folder, f);
      process.stdout.write(`${file}: ${checkPdf(file)}${sheetsDir ? await lostCharacters(file, sheetsDir) : ''}\n`);
    }
  }
}
