import Decimal from 'decimal.js';
import type { Indicator } from '../../schemas/dataset';
import type { QualitativeBands } from './document-rules';
import { plainText } from '../vocabulary/quantity';
import { COMPLETION_MISSED, COMPLETION_PARTLY } from '../vocabulary/scoring';

/**
 * Qualitative indicators (成效明显, 有效保障) cannot be recomputed, only checked: the completion
 * the actual states puts the score in a band of the weight. Completion is read only when the
 * text says it plainly (the actual repeats the target, or says 未完成 / 部分完成); anything else
 * is left unchecked rather than guessed.
 */
export type Completion = 'achieved' | 'partly' | 'missed';

export function readCompletion(targetRaw: string | null, actualRaw: string | null): Completion | null {
  if (targetRaw === null || actualRaw === null) return null;
  const target = plainText(targetRaw);
  const actual = plainText(actualRaw);
  if (actual === target) return 'achieved';
  if (COMPLETION_MISSED.test(actual) && !COMPLETION_MISSED.test(target)) return 'missed';
  if (COMPLETION_PARTLY.test(actual)) return 'partly';
  if (target.length >= 2 && actual.includes(target)) return 'achieved';
  return null;
}

const WORDS: Readonly<Record<Completion, string>> = { achieved: 'achieved', partly: 'partly achieved', missed: 'not achieved' };

export interface BandCheck {
  outside: boolean;
  /** The band in points: `8–10`. */
  expected: string;
  message: string;
}

/** The band the stated completion implies, and whether the printed score is in it. */
export function qualitativeBand(row: Indicator, weight: Decimal, bands: QualitativeBands, stated: boolean): BandCheck | null {
  const completion = readCompletion(row.target_raw, row.actual_raw);
  if (completion === null) return null;
  const [lo, hi] = bands[completion];
  const low = lo.times(weight);
  const high = hi.times(weight);
  const expected = `${low.toString()}–${high.toString()}`;
  const source = stated ? "the document's bands" : 'the national bands';
  const score = row.score === null ? null : new Decimal(row.score);
  const outside = score !== null && (score.lt(low) || score.gt(high));
  return {
    outside,
    expected,
    message: `target ${row.target_raw}, actual ${row.actual_raw}: ${WORDS[completion]}, so ${source} put the score at ${lo.times(100)}–${hi.times(100)}% of ${row.weight} (${expected}); printed ${row.score} (band_qualitative)`,
  };
}
