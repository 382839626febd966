// Edits of the `xlsx/` sheet forms for the Calc producers (corpus/build/producers.ts): the page
// setup that makes Calc print each sheet one page wide, and the thin border an office gives every
// used cell of a form made in Excel or WPS Spreadsheets (the `xlsx/` sheets carry no borders).
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';

export interface SheetPrint {
  orientation: 'portrait' | 'landscape';
  /** A thin border on every cell the sheet writes, and on every cell of its merged areas. */
  bordered: boolean;
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
 * The workbook with every sheet set to print on A4 in `print.orientation`, scaled to one page
 * wide and as many pages tall as it needs (as an office prints a long form), bordered when asked.
 */
export async function sheetsForPrint(xlsx: string, print: SheetPrint): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(xlsx));
  let borderedStyle: ((s: number) => number) | null = null;
  if (print.bordered) {
    const edited = addBorderedFormats(await zip.file('xl/styles.xml')!.async('string'));
    zip.file('xl/styles.xml', edited.styles);
    borderedStyle = edited.borderedStyle;
  }
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))) {
    let xml = await zip.file(name)!.async('string');
    if (!/<pageSetUpPr [^>]*\/>/.test(xml) || !/<pageSetup [^>]*\/>/.test(xml)) throw new Error(`${xlsx} ${name}: no page setup to rewrite`);
    xml = xml
      .replace(/<pageSetUpPr [^>]*\/>/, '<pageSetUpPr fitToPage="true"/>')
      .replace(/<pageSetup [^>]*\/>/, `<pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" orientation="${print.orientation}"/>`);
    if (borderedStyle) xml = borderUsedCells(xml, borderedStyle);
    zip.file(name, xml);
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}
