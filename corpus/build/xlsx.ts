// Makes the spreadsheet corpus (corpus/xlsx) from the rendered web pages (corpus/html) with
// LibreOffice Calc, as an office that keeps its forms in Excel would publish them: the article
// of each page (no site chrome) imported into one sheet, its tables with their merged cells, the
// paragraphs around them as one-cell rows. Rates and numbers printed with decimals are stored
// as numbers with a number format (`98.22%` is 0.9822 shown `0.00%`, `10.00` is 10 shown
// `0.00`), so the parser has to give what the sheet displays, not what it stores; text Calc would
// take for a formula (`=100%`) is typed as text. Each page
// gives `NNN-….xlsx` and `NNN-….xls` (Excel 97 BIFF8); `003-…-wps.et` is the BIFF8 file again
// under the WPS spreadsheet extension (WPS saves .et as BIFF8 with its own name).
//
// It also writes the spreadsheet fixtures of the tests (test/fixtures/formats/): `forms.xlsx` and
// `forms.xls` (and `forms-2003-xml.xls`: Excel 2003 XML, which some systems export as .xls and
// jixiao refuses), two small self-evaluation forms on two sheets and a hidden third, made by Calc from
// a flat ODS written here (a rate stored 0.9822 shown `0.00%`, a number stored as text, a date
// shown `yyyy年m月d日`, merged title, level and notes cells, a hidden column and a hidden row), and two bombs made from it with
// JSZip: `bomb-inflate.xlsx` (a sheet entry inflating to 64 MiB) and `bomb-range.xlsx` (cells
// and a merge at the far corners of the sheet).
// Usage: npx tsx corpus/build/xlsx.ts   (needs LibreOffice `soffice`)
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import Decimal from 'decimal.js';
import iconv from 'iconv-lite';
import JSZip from 'jszip';

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

// ---------------------------------------------------------------- test fixtures

/** A cell of the fixture forms: text, or a typed value shown through a number format. */
type FixtureCell =
  | string
  | { text: string; cols?: number; rows?: number }
  | { percent: string }
  | { date: string }
  | { number: string }
  | null;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One sheet of flat ODS: rows of cells, merged cells followed by the covered cells ODS wants. */
function odsTable(name: string, rows: FixtureCell[][], options: { hidden?: boolean; hiddenColumn?: number; hiddenRow?: number } = {}): string {
  const coveredBelow = new Map<string, number>();
  const out = rows.map((row, r) => {
    let col = 0;
    const cells: string[] = [];
    const coverUntil = () => {
      while ((coveredBelow.get(`${r},${col}`) ?? 0) > 0) {
        cells.push('<table:covered-table-cell/>');
        col++;
      }
    };
    for (const cell of row) {
      coverUntil();
      if (cell === null) cells.push('<table:table-cell/>');
      else if (typeof cell === 'string') cells.push(`<table:table-cell office:value-type="string"><text:p>${esc(cell)}</text:p></table:table-cell>`);
      else if ('percent' in cell) cells.push(`<table:table-cell table:style-name="pct" office:value-type="percentage" office:value="${cell.percent}"/>`);
      else if ('date' in cell) cells.push(`<table:table-cell table:style-name="date" office:value-type="date" office:date-value="${cell.date}"/>`);
      else if ('number' in cell) cells.push(`<table:table-cell office:value-type="float" office:value="${cell.number}"/>`);
      else {
        const cols = cell.cols ?? 1;
        const rowsSpanned = cell.rows ?? 1;
        cells.push(`<table:table-cell office:value-type="string" table:number-columns-spanned="${cols}" table:number-rows-spanned="${rowsSpanned}"><text:p>${esc(cell.text)}</text:p></table:table-cell>`);
        for (let i = 1; i < cols; i++) cells.push('<table:covered-table-cell/>');
        for (let below = 1; below < rowsSpanned; below++) for (let i = 0; i < cols; i++) coveredBelow.set(`${r + below},${col + i}`, 1);
        col += cols;
        continue;
      }
      col++;
    }
    coverUntil();
    return `<table:table-row${r === options.hiddenRow ? ' table:visibility="collapse"' : ''}>${cells.join('')}</table:table-row>`;
  });
  const columns = Array.from({ length: 9 }, (_, c) => `<table:table-column${c === options.hiddenColumn ? ' table:visibility="collapse"' : ''}/>`).join('');
  return `<table:table table:name="${esc(name)}"${options.hidden ? ' table:style-name="hidden"' : ''}>${columns}${out.join('\n')}</table:table>`;
}

/**
 * A form: title and year rows merged across it, the header, the indicator rows under a level-1
 * cell merged down, a date line and a note. With `codes`, a column of indicator codes after
 * 三级指标 (hidden in the sheet, as offices hide helper columns) and a hidden internal remark row.
 */
function formRows(title: string, level1: string, rows: Array<[string, string, FixtureCell, FixtureCell, FixtureCell, FixtureCell]>, codes = false): FixtureCell[][] {
  const width = codes ? 8 : 7;
  const code = (text: string): FixtureCell[] => (codes ? [text] : []);
  return [
    [{ text: title, cols: width }],
    [{ text: '（2023年度）', cols: width }],
    [],
    ['一级指标', '二级指标', '三级指标', ...code('指标编码'), '年度指标值', '实际完成值', '分值', '得分'],
    ...rows.map(([level2, level3, target, actual, weight, score], i) => [
      ...(i === 0 ? [{ text: level1, rows: rows.length }] : []),
      level2,
      level3,
      ...code(`ZB-00${i + 1}`),
      target,
      actual,
      weight,
      score,
    ]),
    [],
    ...(codes ? [['内部备注：勿公开']] : []),
    ['填报日期：', { date: '2024-03-01' }],
    [{ text: '注：本表由项目实施单位填报。', cols: width }],
  ];
}

const FIXTURE_ODS = `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
<number:percentage-style style:name="N1"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"/><number:text>%</number:text></number:percentage-style>
<number:date-style style:name="N2"><number:year number:style="long"/><number:text>年</number:text><number:month/><number:text>月</number:text><number:day/><number:text>日</number:text></number:date-style>
<style:style style:name="pct" style:family="table-cell" style:data-style-name="N1"/>
<style:style style:name="date" style:family="table-cell" style:data-style-name="N2"/>
<style:style style:name="hidden" style:family="table"><style:table-properties table:display="false"/></style:style>
</office:automatic-styles>
<office:body><office:spreadsheet>
${odsTable(
  '项目A',
  formRows('2023年度医疗救助项目支出绩效自评表', '产出指标', [
    ['数量指标', '救助人次', '≥5000人次', '5210人次', { number: '20' }, { number: '20' }],
    ['质量指标', '救助资金到位率', '≥95%', { percent: '0.9822' }, { number: '20' }, { number: '19.5' }],
    ['时效指标', '资金拨付编号', '按时', '0095', { number: '10' }, { number: '10' }],
  ], true),
  { hiddenColumn: 3, hiddenRow: 8 },
)}
${odsTable(
  '项目B',
  formRows('2023年度医保经办项目支出绩效自评表', '效益指标', [
    ['社会效益指标', '政策知晓率', '≥80%', { percent: '0.8177' }, { number: '15' }, { number: '15' }],
    ['满意度指标', '服务对象满意度', '≥85%', { percent: '0.8515' }, { number: '15' }, { number: '14' }],
  ]),
)}
${odsTable('lookup', [['隐藏的辅助表'], ['一级指标', '三级指标', '分值', '得分'], ['产出指标', '隐藏指标', '1', '1']], { hidden: true })}
</office:spreadsheet></office:body></office:document>
`;

async function writeFixtures(): Promise<void> {
  const fixtures = join(CORPUS, '..', 'test', 'fixtures', 'formats');
  mkdirSync(fixtures, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'jixiao-fixtures-'));
  const source = join(tmp, 'forms.fods');
  writeFileSync(source, FIXTURE_ODS);
  const profile = join(tmp, 'profile');
  soffice(profile, ['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', fixtures, source]);
  soffice(profile, ['--convert-to', 'xls:MS Excel 97', '--outdir', fixtures, source]);
  soffice(profile, ['--convert-to', 'xml:MS Excel 2003 XML', '--outdir', tmp, source]);
  copyFileSync(join(tmp, 'forms.xml'), join(fixtures, 'forms-2003-xml.xls'));
  rmSync(tmp, { recursive: true, force: true });
  const forms = readFileSync(join(fixtures, 'forms.xlsx'));

  const inflating = await JSZip.loadAsync(forms);
  const sheet = await inflating.file('xl/worksheets/sheet1.xml')!.async('string');
  inflating.file('xl/worksheets/sheet1.xml', sheet.replace('<sheetData>', `<sheetData>${' '.repeat(64 * 1024 * 1024)}`));
  writeFileSync(join(fixtures, 'bomb-inflate.xlsx'), await inflating.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }));

  const ranged = await JSZip.loadAsync(forms);
  ranged.file(
    'xl/worksheets/sheet1.xml',
    sheet
      .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')
      .replace('</sheetData>', '<row r="9999"><c r="XFD9999" t="inlineStr"><is><t>远角</t></is></c></row></sheetData>')
      .replace(/<mergeCells count="(\d+)">/, (_m, n: string) => `<mergeCells count="${Number(n) + 1}"><mergeCell ref="H1:XFD9999"/>`),
  );
  writeFileSync(join(fixtures, 'bomb-range.xlsx'), await ranged.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  for (const f of readdirSync(fixtures).sort()) process.stdout.write(`test/fixtures/formats/${f}: ${readFileSync(join(fixtures, f)).length} bytes\n`);
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: npx tsx corpus/build/xlsx.ts [--fixtures-only]\nRewrites corpus/xlsx from corpus/html with LibreOffice Calc (.xlsx, .xls, one .et), and test/fixtures/formats.\n');
} else if (process.argv.includes('--fixtures-only')) {
  await writeFixtures();
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
  await writeFixtures();
}
