// Makes the spreadsheet corpus (corpus/xlsx) from the rendered web pages (corpus/html) with
// LibreOffice Calc, as an office that keeps its forms in Excel would publish them: the article
// of each page (no site chrome) imported into one sheet, its tables with their merged cells, the
// paragraphs around them as one-cell rows. Rates and numbers printed with decimals are stored
// as numbers with a number format (`98.22%` is 0.9822 shown `0.00%`, `10.00` is 10 shown
// `0.00`), so the parser has to give what the sheet displays, not what it stores; text Calc would
// take for a formula (`=100%`) is typed as text. Each page
// gives `NNN-….xlsx` and `NNN-….xls` (Excel 97 BIFF8); `003-…-wps.et` is the BIFF8 file again
// under the WPS spreadsheet extension (WPS saves .et as BIFF8 with its own name).
// Usage: npx tsx corpus/build/xlsx.ts   (needs LibreOffice `soffice`)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import Decimal from 'decimal.js';
import iconv from 'iconv-lite';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The one document also written as a WPS spreadsheet (.et). */
const WPS_COPY = '003';

/** LibreOffice's own HTML attributes for a cell's value and number format (read back by Calc). */
function typedValue(text: string): { sdval?: string; sdnum: string } | null {
  // Text that Calc would take for a formula (`=100%`, `=136个`) is typed as text, as an office types it.
  if (text.startsWith('=')) return { sdnum: '2052;0;@' };
  const percent = /^(\d+)(?:\.(\d+))?%$/.exec(text);
  if (percent) {
    const decimals = percent[2]?.length ?? 0;
    return { sdval: new Decimal(text.slice(0, -1)).div(100).toString(), sdnum: `2052;0;0${decimals ? `.${'0'.repeat(decimals)}` : ''}%` };
  }
  const decimal = /^\d+\.(\d*0)$/.exec(text);
  if (decimal) return { sdval: new Decimal(text).toString(), sdnum: `2052;0;0.${'0'.repeat(decimal[1]!.length)}` };
  return null;
}

function articleOf(path: string): string {
  const bytes = readFileSync(path);
  const latin = bytes.subarray(0, 1024).toString('latin1');
  const html = /charset=gb2312/i.test(latin) ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8');
  const $ = cheerio.load(html);
  $('table.jx td').each((_, td) => {
    const typed = typedValue($(td).text().trim());
    if (typed?.sdval !== undefined) $(td).attr('sdval', typed.sdval);
    if (typed) $(td).attr('sdnum', typed.sdnum);
  });
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n${$('div.article').html() ?? ''}\n</body></html>\n`;
}

function soffice(profile: string, args: string[]): void {
  const run = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', ...args], { encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new Error(`soffice failed: ${run.error?.message ?? run.stderr}`);
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: npx tsx corpus/build/xlsx.ts\nRewrites corpus/xlsx from corpus/html with LibreOffice Calc (.xlsx, .xls, one .et).\n');
} else {
  const outDir = join(CORPUS, 'xlsx');
  mkdirSync(outDir, { recursive: true });
  for (const old of readdirSync(outDir)) if (/^\d{3}-/.test(old)) rmSync(join(outDir, old));
  const tmp = mkdtempSync(join(tmpdir(), 'jixiao-xlsx-'));
  const sources = readdirSync(join(CORPUS, 'html'))
    .filter((f) => /^\d{3}-.*\.html$/.test(f))
    .sort()
    .map((f) => {
      const path = join(tmp, f);
      writeFileSync(path, articleOf(join(CORPUS, 'html', f)));
      return path;
    });
  const profile = join(tmp, 'profile');
  soffice(profile, ['--infilter=HTML (StarCalc)', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, ...sources]);
  const books = sources.map((s) => join(outDir, `${basename(s, '.html')}.xlsx`));
  soffice(profile, ['--convert-to', 'xls:MS Excel 97', '--outdir', outDir, ...books]);
  rmSync(tmp, { recursive: true, force: true });
  const wps = books.find((b) => basename(b).startsWith(WPS_COPY))!.replace(/\.xlsx$/, '');
  copyFileSync(`${wps}.xls`, `${wps}-wps.et`);
  for (const f of readdirSync(outDir).sort()) process.stdout.write(`corpus/xlsx/${f}: ${readFileSync(join(outDir, f)).length} bytes\n`);
}
