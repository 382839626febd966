// Edits of the `xlsx/` sheet forms for the Calc producers (corpus/build/producers.ts): the page
// setup that makes Calc print each sheet one page wide on A4, US Letter or ISO B5, the thin border an office
// gives every used cell of a form made in Excel or WPS Spreadsheets (the `xlsx/` sheets carry no
// borders), and one house face for every font of the workbook.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';

export interface SheetPrint {
  orientation: 'portrait' | 'landscape';
  /** A thin border on every cell the sheet writes, and on every cell of its merged areas. */
  bordered: boolean;
  /**
   * `saved`: the row heights the sheet stores (Calc clips wrapped text to a row too low for it);
   * `fit`: every row as tall as its wrapped text (Calc's optimal height), as an office sets a form
   * before it publishes the print.
   */
  rowHeights: 'saved' | 'fit';
  /** The paper every sheet prints on. */
  paper: 'a4' | 'letter' | 'b5';
  /**
   * One face for every font of the workbook (each cell format's, each rich-text run's, the page
   * header's and footer's), as an office sets its house face before it prints; none keeps the sheets' own.
   */
  font?: string;
}

/** The page setup's `paperSize` (ECMA-376 ST_PaperSize; 34 is ISO B5, 176 × 250 mm: 13 would be JIS B5, 182 × 257 mm). */
const PAPER_SIZE = { letter: 1, a4: 9, b5: 34 } as const;

/**
 * `xml` with every font name set to `font`: the cell formats' (`<fonts>` of styles.xml), each rich-text
 * run's (`<rFont>`) and the page header's and footer's (their `&"name,style"` codes; the style kept).
 */
function withFont(xml: string, font: string): string {
  return xml
    .replace(/<fonts [^>]*>[\s\S]*?<\/fonts>/, (fonts) => fonts.replace(/<name val="[^"]*"\/>/g, `<name val="${font}"/>`))
    .replace(/<rFont val="[^"]*"\/>/g, `<rFont val="${font}"/>`)
    .replace(/<headerFooter[\s\S]*?<\/headerFooter>/, (codes) => codes.replace(/(&amp;(?:&quot;|"))[^,"&]+,/g, `$1${font},`));
}

const THIN_BORDER =
  '<border diagonalUp="false" diagonalDown="false"><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>';

const columnIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
function columnName(index: number): string {
  let name = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * The styles with a bordered copy of every cell format appended; `borderedStyle(s)` is the copy
 * of format `s` (cells keep their fonts, alignment and number formats).
 */
function addBorderedFormats(styles: string): { styles: string; borderedStyle: (s: number) => number } {
  const borders = /<borders count="(\d+)">([\s\S]*?)<\/borders>/.exec(styles);
  const formats = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(styles);
  if (!borders || !formats) throw new Error('styles.xml: no borders or cell formats to extend');
  const borderId = Number(borders[1]);
  const xfs = [...formats[2]!.matchAll(/<xf [^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => m[0]);
  if (xfs.length !== Number(formats[1])) throw new Error(`styles.xml: ${xfs.length} cell formats, count says ${formats[1]}`);
  const copies = xfs.map((xf) => xf.replace(/borderId="\d+"/, `borderId="${borderId}"`).replace(/applyBorder="[^"]*"/, 'applyBorder="true"'));
  const out = styles
    .replace(borders[0], `<borders count="${borderId + 1}">${borders[2]}${THIN_BORDER}</borders>`)
    .replace(formats[0], `<cellXfs count="${xfs.length * 2}">${formats[2]}${copies.join('')}</cellXfs>`);
  return { styles: out, borderedStyle: (s) => xfs.length + s };
}

/** Every written cell, and every cell of a merged area, given the bordered copy of its format. */
function borderUsedCells(sheet: string, borderedStyle: (s: number) => number): string {
  const merged = new Map<number, Set<number>>();
  for (const m of sheet.matchAll(/<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"\/>/g)) {
    for (let r = Number(m[2]); r <= Number(m[4]); r++) {
      const cols = merged.get(r) ?? new Set<number>();
      for (let c = columnIndex(m[1]!); c <= columnIndex(m[3]!); c++) cols.add(c);
      merged.set(r, cols);
    }
  }
  return sheet.replace(/<row r="(\d+)"([^>]*?)(\/>|>([\s\S]*?)<\/row>)/g, (_all, r: string, attrs: string, _end: string, inner: string | undefined) => {
    const cells = new Map<number, string>();
    for (const c of (inner ?? '').matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(\/>|>[\s\S]*?<\/c>)/g)) {
      const style = Number(/ s="(\d+)"/.exec(c[2]!)?.[1] ?? 0);
      cells.set(columnIndex(c[1]!), `<c r="${c[1]}${r}" s="${borderedStyle(style)}"${c[2]!.replace(/ s="\d+"/, '')}${c[3]}`);
    }
    for (const col of merged.get(Number(r)) ?? []) if (!cells.has(col)) cells.set(col, `<c r="${columnName(col)}${r}" s="${borderedStyle(0)}"/>`);
    const row = [...cells.entries()].sort((a, b) => a[0] - b[0]).map(([, cell]) => cell).join('');
    return `<row r="${r}"${attrs}>${row}</row>`;
  });
}

/**
 * The workbook with every sheet set to print on `print.paper` in `print.orientation`, scaled to one
 * page wide and as many pages tall as it needs (as an office prints a long form), bordered and in
 * one face when asked.
 */
export async function sheetsForPrint(xlsx: string, print: SheetPrint): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(xlsx));
  let borderedStyle: ((s: number) => number) | null = null;
  if (print.bordered) {
    const edited = addBorderedFormats(await zip.file('xl/styles.xml')!.async('string'));
    zip.file('xl/styles.xml', edited.styles);
    borderedStyle = edited.borderedStyle;
  }
  if (print.font) {
    const font = print.font;
    for (const name of Object.keys(zip.files).filter((f) => /^xl\/(styles|sharedStrings|worksheets\/sheet\d+)\.xml$/.test(f))) {
      zip.file(name, withFont(await zip.file(name)!.async('string'), font));
    }
  }
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))) {
    let xml = await zip.file(name)!.async('string');
    if (!/<pageSetUpPr [^>]*\/>/.test(xml) || !/<pageSetup [^>]*\/>/.test(xml)) throw new Error(`${xlsx} ${name}: no page setup to rewrite`);
    xml = xml
      .replace(/<pageSetUpPr [^>]*\/>/, '<pageSetUpPr fitToPage="true"/>')
      .replace(/<pageSetup [^>]*\/>/, `<pageSetup paperSize="${PAPER_SIZE[print.paper]}" fitToWidth="1" fitToHeight="0" orientation="${print.orientation}"/>`);
    if (borderedStyle) xml = borderUsedCells(xml, borderedStyle);
    zip.file(name, xml);
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}

/**
 * Calc's "optimal row height" on every row of every sheet, then its PDF export: a Basic macro in a
 * fresh LibreOffice profile (Calc keeps the heights an xlsx stores, even rows it marks as not
 * custom, and Debian's soffice has no Python UNO bridge).
 */
const FIT_ROWS_MODULE = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub FitRowsToPdf(sIn As String, sOut As String)
  Dim load(0) As New com.sun.star.beans.PropertyValue
  load(0).Name = &quot;Hidden&quot; : load(0).Value = True
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), &quot;_blank&quot;, 0, load())
  For i = 0 To oDoc.Sheets.Count - 1
    oSheet = oDoc.Sheets.getByIndex(i)
    oCursor = oSheet.createCursor()
    oCursor.gotoEndOfUsedArea(False)
    oSheet.getCellRangeByPosition(0, 0, 0, oCursor.RangeAddress.EndRow).Rows.OptimalHeight = True
  Next
  Dim store(0) As New com.sun.star.beans.PropertyValue
  store(0).Name = &quot;FilterName&quot; : store(0).Value = &quot;calc_pdf_Export&quot;
  oDoc.storeToURL(ConvertToURL(sOut), store())
  oDoc.close(True)
  StarDesktop.terminate()
End Sub
</script:module>
`;

/** `sheet` printed to `outFile` by Calc with every row as tall as its wrapped text. */
export function fittedRowsPdf(sheet: string, outFile: string): void {
  const work = mkdtempSync(join(tmpdir(), 'jixiao-calc-fit-'));
  const soffice = (args: string[]) => {
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', ...args], { encoding: 'utf8', timeout: 300_000 });
    if (r.status !== 0) throw new Error(`soffice failed on ${sheet}: ${r.stderr || r.error?.message}`);
  };
  // The first start writes the profile's Basic library; the module goes in after it.
  soffice(['--terminate_after_init']);
  writeFileSync(join(work, 'profile', 'user', 'basic', 'Standard', 'Module1.xba'), FIT_ROWS_MODULE);
  rmSync(outFile, { force: true });
  soffice([`macro:///Standard.Module1.FitRowsToPdf("${sheet}","${outFile}")`]);
  rmSync(work, { recursive: true, force: true });
  if (!existsSync(outFile)) throw new Error(`soffice printed no PDF of ${sheet} (the row-fitting macro did not run)`);
}
