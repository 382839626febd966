/**
 * CSV as spreadsheets on a Chinese-locale PC read it: UTF-8 with a BOM, RFC 4180 quoting,
 * CRLF line ends. A text cell starting with = + - @ (or a tab / carriage return) would run as a
 * formula, so it gets a leading apostrophe; numbers such as `-3.22` are left as they are.
 * dataset.json always keeps the value unchanged.
 */
export type CsvValue = string | number | null | undefined;

const BOM = '\ufeff';
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<T extends Record<string, CsvValue>>(columns: ReadonlyArray<keyof T & string>, rows: ReadonlyArray<T>): string {
  const lines = [columns.map(csvCell).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
