import Decimal from 'decimal.js';
import type { Evidence, Report } from '../../schemas/dataset';

export type { NegativeForm } from '../../schemas/dataset';
import { canonicalGrade, NATIONAL_GRADE_BANDS } from '../vocabulary/grades';
import { NATIONAL_QUALITATIVE_SHARES } from '../vocabulary/scoring';

/**
 * Rules a document states in its own words (notes under a form, a report's method section),
 * recorded by extraction as evidence, take precedence over the national defaults here.
 */

/** A grade and the lowest total that earns it (`优 90`), best first; the last band starts at 0. */
export interface GradeBand {
  grade: string;
  from: Decimal;
}

/** The national bands when a document states none. */
export const NATIONAL_GRADES: ReadonlyArray<GradeBand> = NATIONAL_GRADE_BANDS.map((b) => ({ grade: b.grade, from: new Decimal(b.from) }));

/** Shares of the weight a qualitative score may take, by stated completion. */
export interface QualitativeBands {
  achieved: [Decimal, Decimal];
  partly: [Decimal, Decimal];
  missed: [Decimal, Decimal];
}

/** The national template's bands when a document states none. */
const share = ([lo, hi]: readonly [string, string]): [Decimal, Decimal] => [new Decimal(lo), new Decimal(hi)];
export const NATIONAL_QUALITATIVE: QualitativeBands = {
  achieved: share(NATIONAL_QUALITATIVE_SHARES.achieved),
  partly: share(NATIONAL_QUALITATIVE_SHARES.partly),
  missed: share(NATIONAL_QUALITATIVE_SHARES.missed),
};

/** The rules the document states, as the checks use them (null: not stated). */
export function statedRules(evidence: Evidence) {
  const d = (s: string) => new Decimal(s);
  const q = evidence.qualitative_bands;
  return {
    gradeBands: evidence.grade_bands ? evidence.grade_bands.bands.map((b) => ({ grade: b.grade, from: d(b.from) })) : null,
    qualitativeBands: q ? { achieved: q.achieved.map(d) as [Decimal, Decimal], partly: q.partly.map(d) as [Decimal, Decimal], missed: q.missed.map(d) as [Decimal, Decimal] } : null,
    negativeForm: evidence.negative_form?.form ?? null,
  };
}

/** The stated rules as the report's columns show them (`优 90; 良 80`, `80-100; 50-80; 0-50`). */
export function showStatedRules(evidence: Evidence): Pick<Report, 'grade_bands' | 'qualitative_bands' | 'negative_form'> {
  const pct = (s: string) => new Decimal(s).times(100).toString();
  const q = evidence.qualitative_bands;
  return {
    grade_bands: evidence.grade_bands ? evidence.grade_bands.bands.map((b) => `${b.grade} ${b.from}`).join('; ') : null,
    qualitative_bands: q ? [q.achieved, q.partly, q.missed].map(([lo, hi]) => `${pct(lo)}-${pct(hi)}`).join('; ') : null,
    negative_form: evidence.negative_form?.form ?? null,
  };
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
