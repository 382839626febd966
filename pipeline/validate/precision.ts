import Decimal from 'decimal.js';

/**
 * Comparing a computed value with a printed one. Forms print scores and rates rounded to one or
 * two decimals (5.64 for 5.6428, 98.5 for 98.54), so a computed value is compared at the
 * printed value's own precision, never with a fixed tolerance: a printed 8.1 matches 8.076, a
 * printed 8.7 does not.
 */

/** Decimal places a printed number shows: `"5.64"` → 2, `"10"` → 0. */
export function decimalsOf(printed: string): number {
  const dot = printed.indexOf('.');
  return dot < 0 ? 0 : printed.length - dot - 1;
}

export interface PrecisionOptions {
  /**
   * Also accept the computed value cut (not rounded) to the printed decimals. Some forms print
   * rates truncated (seed 004 prints 79.74% for 181.82/228 = 79.7456%); scores are rounded.
   */
  truncated?: boolean;
}

/**
 * True when `computed` shows as `printed` at the printed precision. Both ways: a computed value
 * with fewer decimals than printed (8 against a printed 8.00) is compared as it is.
 */
export function matchesAtPrecision(printed: string | Decimal, computed: Decimal, options: PrecisionOptions = {}): boolean {
  const shown = new Decimal(printed);
  const places = decimalsOf(printed.toString());
  if (computed.decimalPlaces() <= places) return computed.equals(shown);
  if (computed.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).equals(shown)) return true;
  return options.truncated === true && computed.toDecimalPlaces(places, Decimal.ROUND_DOWN).equals(shown);
}

/** True when `printed` lies in [low, high] once both ends are shown at the printed precision. */
export function withinAtPrecision(printed: string, low: Decimal, high: Decimal): boolean {
  const half = new Decimal(10).pow(-decimalsOf(printed)).div(2);
  const shown = new Decimal(printed);
  return shown.gte(low.minus(half)) && shown.lte(high.plus(half));
}

/** A computed value kept to 4 decimals, as a plain decimal string for the dataset. */
export function formatComputed(value: Decimal): string {
  return value.toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toString();
}
