import Decimal from 'decimal.js';
import type { Evidence } from '../../schemas/dataset';
import { GRADE_WORD } from '../vocabulary/grades';
import { plainText } from '../vocabulary/quantity';
import { ACTUAL_WORD, TARGET_WORD } from '../vocabulary/scoring';
import type { TextLine } from './assemble';
import { placeOf } from './places';

/**
 * Rules a document states in its own words (notes under a form, a report's method section),
 * which take precedence over the national defaults: recorded with their words and line.
 */

/** `90（含）-100分为优、80（含）-90分为良…` or `90分以上为优秀，80分以上为良好…`. */
export function readGradeBands(lines: TextLine[]): Evidence['grade_bands'] {
  for (const line of lines) {
    const text = plainText(line.text);
    const bands: Array<{ grade: string; from: Decimal; quote: string }> = [];
    const ranged = new RegExp(`(\\d+)(?:\\(含\\))?[-—~至到](\\d+)分?(?:\\(含\\))?为${GRADE_WORD}`, 'g');
    const above = new RegExp(`(\\d+)分(?:\\(含\\))?(?:及)?以上(?:\\(含\\))?为${GRADE_WORD}`, 'g');
    for (const m of text.matchAll(ranged)) bands.push({ grade: m[3]!, from: new Decimal(m[1]!), quote: m[0] });
    if (bands.length === 0) for (const m of text.matchAll(above)) bands.push({ grade: m[2]!, from: new Decimal(m[1]!), quote: m[0] });
    const bottom = new RegExp(`(\\d+)分以下为${GRADE_WORD}`).exec(text);
    if (bottom) bands.push({ grade: bottom[2]!, from: new Decimal(0), quote: bottom[0] });
    if (bands.length < 3) continue;
    const quote = bands.map((b) => b.quote).join('、');
    bands.sort((a, b) => b.from.comparedTo(a.from));
    return { bands: bands.map((b) => ({ grade: b.grade, from: b.from.toString() })), quote, at: placeOf(line.prov) };
  }
  return null;
}

/** Note 4 of seed 004: `分值权重区间100-80%(含80%)、80-50%(含50%)、50-0%`. */
export function readQualitativeBands(lines: TextLine[]): Evidence['qualitative_bands'] {
  const range = '(\\d+)-(\\d+)%(?:\\(含\\d+%\\))?';
  const pattern = new RegExp(`区间${range}[、,]${range}[、,]${range}`);
  for (const line of lines) {
    const m = pattern.exec(plainText(line.text));
    if (!m) continue;
    const band = (a: string, b: string): [string, string] => {
      const [x, y] = [new Decimal(a).div(100), new Decimal(b).div(100)];
      return (x.lt(y) ? [x, y] : [y, x]).map((d) => d.toString()) as [string, string];
    };
    return { achieved: band(m[1]!, m[2]!), partly: band(m[3]!, m[4]!), missed: band(m[5]!, m[6]!), quote: m[0], at: placeOf(line.prov) };
  }
  return null;
}

/** Note 3 of seed 004: `反向指标…年度指标值(A)/实际完成值(B)*该指标分值`. */
export function readNegativeForm(lines: TextLine[]): Evidence['negative_form'] {
  const forms = [
    ['A/B', new RegExp(`反向指标.*?${TARGET_WORD}(\\(A\\))?\\/${ACTUAL_WORD}(\\(B\\))?\\*`)],
    ['deviation', new RegExp(`反向指标.*?1-\\(${ACTUAL_WORD}(\\(B\\))?-${TARGET_WORD}(\\(A\\))?\\)\\/`)],
  ] as const;
  for (const line of lines) {
    const text = plainText(line.text);
    for (const [form, pattern] of forms) {
      const m = pattern.exec(text);
      if (m) return { form, quote: m[0], at: placeOf(line.prov) };
    }
  }
  return null;
}
