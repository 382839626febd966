// Writes the national self-evaluation form of L04 (稷山县, published as a WPS spreadsheet) back
// as the .xlsx it was published as: one sheet, the title and year rows inside it, every label
// merged as on the form (rowspan / colspan → merges), line breaks inside a cell kept as the
// Alt+Enter breaks an office types, amounts stored as numbers and `99%` as 0.99 shown `0%`, the
// placeholders (`—`, `/`, `*`, `……`) as text. The golden records are L04's: the same form.
// Usage: npx tsx corpus/build/layout-xlsx.ts   (no office needed: SheetJS writes the file)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as XLSX from '@e965/xlsx';
import * as cheerio from 'cheerio';

const LAYOUTS = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'layouts');
const SOURCE = 'L04-shanxi-jishan-ybj-national-sheet';

/** A cell as a spreadsheet stores it: numbers as numbers, percentages as fractions with a format. */
function cellOf(text: string): XLSX.CellObject {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (percent) return { t: 'n', v: Number(percent[1]) / 100, z: '0%' };
  if (/^\d+(\.\d+)?$/.test(text)) return { t: 'n', v: Number(text) };
  return { t: 's', v: text };
}

const $ = cheerio.load(readFileSync(join(LAYOUTS, `${SOURCE}.html`), 'utf8'));
const sheet: XLSX.WorkSheet = {};
const merges: XLSX.Range[] = [];
const taken = new Set<string>();
let width = 0;
$('table tr').each((r, tr) => {
  let c = 0;
  $(tr)
    .children('td')
    .each((_, td) => {
      while (taken.has(`${r},${c}`)) c++;
      const rows = Number($(td).attr('rowspan') ?? 1);
      const cols = Number($(td).attr('colspan') ?? 1);
      $(td).find('br').replaceWith('\n');
      const text = $(td).text().trim();
      if (text !== '') sheet[XLSX.utils.encode_cell({ r, c })] = cellOf(text);
      if (rows > 1 || cols > 1) merges.push({ s: { r, c }, e: { r: r + rows - 1, c: c + cols - 1 } });
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) taken.add(`${r + i},${c + j}`);
      c += cols;
      width = Math.max(width, c);
    });
});
const height = $('table tr').length;
sheet['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: height - 1, c: width - 1 } });
sheet['!merges'] = merges;
sheet['!cols'] = Array.from({ length: width }, (_, i) => ({ wch: i === 3 ? 30 : 10 }));
const book = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(book, sheet, '自评表');
const out = join(LAYOUTS, `${SOURCE}.xlsx`);
writeFileSync(out, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
console.log(`${out}: ${height} rows × ${width} columns, ${merges.length} merges`);
