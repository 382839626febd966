import Decimal from 'decimal.js';
import { plainText } from './quantities';
import { canonicalGrade, GRADE_WORD } from '../vocabulary/grades';

/**
 * Rules a document states in its own words (notes under a form, a report's method section),
 * which take precedence over the national defaults. They are kept on the report as short text
 * (`grade_bands`, `qualitative_bands`, `negative_form`) so that `jixiao check` can apply them
 * again without the source document.
 */

/** A grade and the lowest total that earns it (`优 90`), best first; the last band starts at 0. */
export interface GradeBand {
  grade: string;
  from: Decimal;
}

/** 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60 (DOMAIN.md), when a document states none. */
export const NATIONAL_GRADES: ReadonlyArray<GradeBand> = [
  { grade: '优', from: new Decimal(90) },
  { grade: '良', from: new Decimal(80) },
  { grade: '中', from: new Decimal(60) },
  { grade: '差', from: new Decimal(0) },
];

/** Shares of the weight a qualitative score may take, by stated completion. */
export interface QualitativeBands {
  achieved: [Decimal, Decimal];
  partly: [Decimal, Decimal];
  missed: [Decimal, Decimal];
}

/** National template: achieved 80–100 %, partly 60–80 %, not achieved 0–60 %. */
export const NATIONAL_QUALITATIVE: QualitativeBands = {
  achieved: [new Decimal('0.8'), new Decimal(1)],
  partly: [new Decimal('0.6'), new Decimal('0.8')],
  missed: [new Decimal(0), new Decimal('0.6')],
};

export type NegativeForm = 'A/B' | 'deviation';


/** `90（含）-100分为优、80（含）-90分为良…` or `90分以上为优秀，80分以上为良好…`. */
export function readGradeBands(texts: string[]): GradeBand[] | null {
  for (const raw of texts) {
    const text = plainText(raw);
    const bands: GradeBand[] = [];
    const ranged = new RegExp(`(\\d+)(?:\\(含\\))?[-—~至到](\\d+)分?(?:\\(含\\))?为${GRADE_WORD}`, 'g');
    const above = new RegExp(`(\\d+)分(?:\\(含\\))?(?:及)?以上(?:\\(含\\))?为${GRADE_WORD}`, 'g');
    for (const m of text.matchAll(ranged)) bands.push({ grade: m[3]!, from: new Decimal(m[1]!) });
    if (bands.length === 0) for (const m of text.matchAll(above)) bands.push({ grade: m[2]!, from: new Decimal(m[1]!) });
    const bottom = new RegExp(`(\\d+)分以下为${GRADE_WORD}`).exec(text);
    if (bottom) bands.push({ grade: bottom[2]!, from: new Decimal(0) });
    if (bands.length >= 3) return bands.sort((a, b) => b.from.comparedTo(a.from));
  }
  return null;
}

/** Note 4 of seed 004: `分值权重区间100-80%(含80%)、80-50%(含50%)、50-0%`. */
export function readQualitativeBands(texts: string[]): QualitativeBands | null {
  const range = '(\\d+)-(\\d+)%(?:\\(含\\d+%\\))?';
  const pattern = new RegExp(`区间${range}[、,]${range}[、,]${range}`);
  for (const raw of texts) {
    const m = pattern.exec(plainText(raw));
    if (!m) continue;
    const band = (a: string, b: string): [Decimal, Decimal] => {
      const [x, y] = [new Decimal(a).div(100), new Decimal(b).div(100)];
      return x.lt(y) ? [x, y] : [y, x];
    };
    return { achieved: band(m[1]!, m[2]!), partly: band(m[3]!, m[4]!), missed: band(m[5]!, m[6]!) };
  }
  return null;
}

/** Note 3 of seed 004: `反向指标…年度指标值(A)/实际完成值(B)*该指标分值`. */
export function readNegativeForm(texts: string[]): NegativeForm | null {
  for (const raw of texts) {
    const text = plainText(raw);
    if (/反向指标.*?(年度指标值|指标值|目标值)(\(A\))?\/(实际完成值|实际值)(\(B\))?\*/.test(text)) return 'A/B';
    if (/反向指标.*?1-\((实际完成值|实际值)(\(B\))?-(年度指标值|指标值)(\(A\))?\)\//.test(text)) return 'deviation';
  }
  return null;
}

export const showGradeBands = (bands: ReadonlyArray<GradeBand>) => bands.map((b) => `${b.grade} ${b.from}`).join('; ');
export function parseGradeBands(text: string | null | undefined): GradeBand[] | null {
  if (!text) return null;
  const bands = text.split(';').map((part) => /^\s*(\S+)\s+(\d+(?:\.\d+)?)\s*$/.exec(part));
  return bands.every((m) => m !== null) ? bands.map((m) => ({ grade: m![1]!, from: new Decimal(m![2]!) })) : null;
}

const pct = (d: Decimal) => d.times(100).toString();
export const showQualitativeBands = (b: QualitativeBands) =>
  [b.achieved, b.partly, b.missed].map(([lo, hi]) => `${pct(lo)}-${pct(hi)}`).join('; ');
export function parseQualitativeBands(text: string | null | undefined): QualitativeBands | null {
  if (!text) return null;
  const parts = text.split(';').map((p) => /^\s*(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)\s*$/.exec(p));
  if (parts.length !== 3 || parts.some((m) => m === null)) return null;
  const [a, p, m] = parts.map((x) => [new Decimal(x![1]!).div(100), new Decimal(x![2]!).div(100)] as [Decimal, Decimal]);
  return { achieved: a!, partly: p!, missed: m! };
}

/** Printed grades name the same band in several ways (优 / 优秀, 中 / 合格). */
export function sameGrade(a: string, b: string): boolean {
  const canon = (g: string) => canonicalGrade(g) ?? g.replace(/\s/g, '');
  return canon(a) === canon(b);
}

/** The band a total falls in. */
export function gradeOf(total: Decimal, bands: ReadonlyArray<GradeBand>): string | null {
  return bands.find((b) => total.gte(b.from))?.grade ?? null;
}
