import Decimal from 'decimal.js';
import { cleanText, compact, foldWidth } from './text';
import { PLACEHOLDER } from './vocabulary/lexicon';
import { parseQuantity } from './vocabulary/quantity';

/** A weight, score or money cell: `10分`, `8.7`, `1,320`. Null when blank or not a number. */
export function parseDecimal(raw: string | null): string | null {
  if (raw === null) return null;
  const s = compact(foldWidth(raw)).replace(/分$/, '').replace(/,/g, '');
  if (PLACEHOLDER.test(s)) return null;
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return new Decimal(s).toString();
}

/** True when a cell reads as a number (with an optional 分), the content of score columns. */
export function isNumberCell(raw: string): boolean {
  return parseDecimal(raw) !== null;
}

/** True when a cell reads as a measured value: an operator, a number with a unit, a date. */
export function isValueCell(raw: string): boolean {
  const v = parseQuantity(raw);
  return v.value !== null || (v.unit?.startsWith('date:') ?? false);
}

/** A percentage as printed (`79.74%`) → its number (`79.74`). */
export function parsePercent(raw: string | null): string | null {
  if (raw === null) return null;
  const m = /^(-?\d+(?:\.\d+)?)%$/.exec(compact(foldWidth(raw)));
  return m ? new Decimal(m[1]!).toString() : null;
}

/** A printed date (`2024年2月26日`, `2024/02/05`) → ISO `YYYY-MM-DD`, or null. */
export function parseDate(raw: string): string | null {
  const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(foldWidth(raw));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/** A year printed as `(2023年度)`, `（2,023年度）`, `2022年度`: the digits, commas and spaces removed. */
export function parseYear(raw: string): number | null {
  const m = /(\d[\d,，\s]{3,6})\s*年度/.exec(foldWidth(raw));
  if (!m) return null;
  const digits = m[1]!.replace(/[,，\s]/g, '');
  return /^(19|20)\d\d$/.test(digits) ? Number(digits) : null;
}

/** Text normalised for a raw column, or null when the cell is blank. */
export function rawText(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  const t = cleanText(s);
  return PLACEHOLDER.test(t) ? null : t;
}
