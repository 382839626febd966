import type { DetectedRules, PixelRule } from './detect-rules';
import { median } from '../page/median';
import { splitWhere } from '../page/split-where';

/** A dash shorter than this (inches) is a flipped pixel or a speck, not a piece of a rule. */
const MIN_DASH_INCHES = 0.03;
/** Pixels above and below a dash that must be paper: a rule stands clear of the text in its cells. */
const CLEARANCE = 3;
/** Share of a dash's length that must stand clear on both sides. */
const CLEAR_SHARE = 0.8;
/** Dashes on pixel rows this close are one rule (what straightening leaves of its steps). */
const SAME_LINE = 2;
/** A rule shows at least this many dashes in a row. */
const MIN_DASHES = 4;
/**
 * Share of the spacings between a rule's dashes that must be whole periods (within
 * `PERIOD_SLACK` of one, two, … periods), and of its dashes as long as their median within
 * `LENGTH_SLACK`: the strokes of a line of text that happen to stand clear are neither.
 */
const REGULAR_SHARE = 0.75;
const PERIOD_SLACK = 0.2;
const LENGTH_SLACK = 0.5;
/** A vertical this close (pixels) to a rule's end, or its dash, crosses it. */
const CROSS_REACH = 6;

interface Dash {
  x0: number;
  x1: number;
  y: number;
}

/**
 * Horizontal hairlines that a fax broke into dashes. A hairline slightly tilted to the scan
 * lines crosses a pixel row every so many pixels; thresholded, it survives only where it lies on
 * a row, as dashes of one length at one period, on one line once the page is straightened. The
 * rows of a form whose hairlines came out so are its own, which the text's gaps (`inferRows`)
 * only guess: a tall cell of prose parts there into rows. A line of such dashes is a rule where
 * they are regular; between two column borders it runs where a dash lies, or where the period
 * puts none (a column narrower than it), and stops where one is due and none lies (a merged
 * cell, which the rule does not cross) or where text crosses its line.
 */
export function withDashedRules(mask: Uint8Array, width: number, height: number, rules: DetectedRules, dpi: number): DetectedRules {
  const minDash = Math.max(3, Math.round(dpi * MIN_DASH_INCHES));
  const inkAt = (x: number, y: number) => y >= 0 && y < height && mask[y * width + x] === 1;
  const dashes: Dash[] = [];
  for (let y = CLEARANCE; y < height - CLEARANCE; y++) {
    for (let x = 0; x < width; x++) {
      if (!inkAt(x, y)) continue;
      let end = x;
      // A pixel the fax's noise flipped to paper does not part a dash: two pieces would count as
      // two dashes half a period apart, and pull the train's period off along the whole line.
      while (end + 1 < width && (inkAt(end + 1, y) || (end + 2 < width && inkAt(end + 2, y)))) end += inkAt(end + 1, y) ? 1 : 2;
      if (end - x + 1 >= minDash) {
        let clear = 0;
        for (let k = x; k <= end; k++) if (!inkAt(k, y - CLEARANCE) && !inkAt(k, y + CLEARANCE)) clear++;
        if (clear >= CLEAR_SHARE * (end - x + 1)) dashes.push({ x0: x, x1: end, y });
      }
      x = end;
    }
  }
  const found: PixelRule[] = [];
  for (const line of lines(dashes)) {
    const train = regularTrain(line);
    if (!train) continue;
    const stretches = ruledStretches(line.filter((d) => Math.abs(d.y - train.row) <= SAME_LINE), train, rules.vertical, inkAt);
    found.push(...stretches.filter((r) => standsClear(r, rules.vertical, inkAt)));
  }
  // Pieces of the same line that were long enough to be joined as a rule are part of it.
  const horizontal = rules.horizontal.filter((h) => !found.some((r) => sameLine(r, h)));
  const merged = found.map((r) => {
    const xs = [r, ...rules.horizontal.filter((h) => sameLine(r, h))];
    return { ...r, x0: Math.min(...xs.map((h) => h.x0)), x1: Math.max(...xs.map((h) => h.x1)) };
  });
  return { ...rules, horizontal: [...horizontal, ...merged] };
}

const sameLine = (a: PixelRule, b: PixelRule) => Math.abs(a.y0 - b.y0) <= CROSS_REACH && a.x1 >= b.x0 && a.x0 <= b.x1;

/** Share of a rule's length, away from the borders crossing it, that must have paper above and below it. */
const RULE_CLEAR_SHARE = 0.9;

/**
 * Whether the line stands clear of other ink along its length, as a rule does: the top strokes
 * of a line of characters, set at one pitch, can stand clear and come at a period too, but the
 * rest of each character lies against the line between them.
 */
function standsClear(rule: PixelRule, verticals: PixelRule[], inkAt: (x: number, y: number) => boolean): boolean {
  const xs = verticals.filter((v) => v.y0 - CROSS_REACH <= rule.y0 && v.y1 + CROSS_REACH >= rule.y0).map((v) => v.x0);
  let counted = 0;
  let clear = 0;
  for (let x = rule.x0; x <= rule.x1; x++) {
    if (xs.some((v) => Math.abs(v - x) <= CROSS_REACH)) continue;
    counted++;
    if (!inkAt(x, rule.from - CLEARANCE) && !inkAt(x, rule.to + CLEARANCE)) clear++;
  }
  return counted > 0 && clear >= RULE_CLEAR_SHARE * counted;
}

/** Dashes grouped by runs of rows, each within `SAME_LINE` of the one before. */
const lines = (dashes: Dash[]): Dash[][] => splitWhere(dashes, (a, b) => b.y - a.y > SAME_LINE);

/** The period and phase of a line's dashes (centres at `phase + k × period`), or null when they are not regular. */
interface Train {
  period: number;
  phase: number;
  /** A dash's length. */
  length: number;
  /** The pixel row holding most of its dashes. */
  row: number;
}

/**
 * The regular train of the line's pixel row with the most dashes that holds one. A line two pixel
 * rows thick shows a train on each; straightening the page moves the line's edge across a row by
 * a fraction of a pixel more at every period, so the dashes on the edge row grow or shrink along
 * it (6 px at one end, 27 at the other) while the core row's keep their length.
 */
function regularTrain(line: Dash[]): Train | null {
  const rows = new Map<number, Dash[]>();
  for (const d of line) rows.set(d.y, [...(rows.get(d.y) ?? []), d]);
  for (const row of [...rows.values()].sort((a, b) => b.length - a.length)) {
    const train = rowTrain([...row].sort((a, b) => a.x0 - b.x0));
    if (train) return train;
  }
  return null;
}

/** The period and phase of one pixel row's dashes, sorted along it, or null when they are not regular. */
function rowTrain(train: Dash[]): Train | null {
  if (train.length < MIN_DASHES) return null;
  const centres = train.map((d) => (d.x0 + d.x1) / 2);
  const lengths = train.map((d) => d.x1 - d.x0 + 1);
  const spacings = centres.slice(1).map((c, i) => c - centres[i]!);
  const period = median(spacings)!;
  const length = median(lengths)!;
  const steps = spacings.map((s) => Math.max(1, Math.round(s / period)));
  const whole = spacings.filter((s, i) => Math.abs(s - steps[i]! * period) <= PERIOD_SLACK * period).length;
  const even = lengths.filter((l) => Math.abs(l - length) <= LENGTH_SLACK * length).length;
  if (whole < REGULAR_SHARE * spacings.length || even < REGULAR_SHARE * lengths.length) return null;
  // Least squares of centre on period count: the period over the whole line, not one spacing.
  const ks = steps.reduce<number[]>((acc, s) => [...acc, acc[acc.length - 1]! + s], [0]);
  const n = ks.length;
  const mk = ks.reduce((a, b) => a + b, 0) / n;
  const mc = centres.reduce((a, b) => a + b, 0) / n;
  const sxx = ks.reduce((a, k) => a + (k - mk) ** 2, 0);
  const fitted = sxx === 0 ? period : ks.reduce((a, k, i) => a + (k - mk) * (centres[i]! - mc), 0) / sxx;
  return { period: fitted, phase: mc - fitted * mk, length, row: train[0]!.y };
}

/** Share of the dashes due along a stretch (by the line's period and phase) that must lie there for it to be ruled. */
const DUE_SHARE = 0.7;

/**
 * Where a regular line of dashes is a rule. Thresholding leaves a dash wherever the hairline
 * lies on a pixel row, so along a ruled stretch every dash its period puts there is there: the
 * strokes of a line of text that fall into step stop where the text does. Between the column
 * borders crossing the line, a column is ruled where most of the dashes due in it lie, or, when
 * it is too narrow for one to be due, where no text crosses the line; the rule runs from the
 * border before its first ruled column to the one after its last. With no border crossing it,
 * from its first dash to its last, when the dashes due between them lie there.
 */
function ruledStretches(line: Dash[], train: Train, verticals: PixelRule[], inkAt: (x: number, y: number) => boolean): PixelRule[] {
  const rows = line.map((d) => d.y);
  const y = Math.round(rows.reduce((a, b) => a + b, 0) / rows.length);
  const [from, to] = [Math.min(...rows), Math.max(...rows)];
  const first = Math.min(...line.map((d) => d.x0));
  const last = Math.max(...line.map((d) => d.x1));
  const rule = (x0: number, x1: number): PixelRule => ({ x0, x1, y0: y, y1: y, thickness: to - from + 1, from, to });
  const centres = line.map((d) => (d.x0 + d.x1) / 2);
  // Whether the dashes due between a and b lie there; null when none is due.
  const dashesDue = (a: number, b: number): boolean | null => {
    const margin = CROSS_REACH + train.length / 2;
    let due = 0;
    let found = 0;
    for (let k = Math.ceil((a + margin - train.phase) / train.period); train.phase + k * train.period <= b - margin; k++) {
      const at = train.phase + k * train.period;
      due++;
      if (centres.some((c) => Math.abs(c - at) <= PERIOD_SLACK * train.period + 1)) found++;
    }
    return due === 0 ? null : found >= DUE_SHARE * due;
  };
  const xs = [...new Set(verticals.filter((v) => v.y0 - CROSS_REACH <= y && v.y1 + CROSS_REACH >= y).map((v) => Math.round(v.x0)))].sort((a, b) => a - b);
  const start = xs.filter((x) => x <= first + CROSS_REACH).pop();
  const end = xs.find((x) => x >= last - CROSS_REACH);
  if (start === undefined || end === undefined) return dashesDue(first, last) === true ? [rule(first, last)] : [];
  const borders = xs.filter((x) => x >= start && x <= end);
  const out: PixelRule[] = [];
  let open: number | null = null;
  for (let k = 0; k + 1 < borders.length; k++) {
    const [a, b] = [borders[k]!, borders[k + 1]!];
    const ruled = dashesDue(a, b) ?? !crossedByText(a + CROSS_REACH, b - CROSS_REACH, from, to, inkAt);
    if (ruled && open === null) open = a;
    if (!ruled && open !== null) {
      out.push(rule(open, a));
      open = null;
    }
  }
  if (open !== null) out.push(rule(open, borders[borders.length - 1]!));
  return out;
}

/** Whether a stroke of ink runs across the line between `x0` and `x1` (from above it to below it). */
function crossedByText(x0: number, x1: number, from: number, to: number, inkAt: (x: number, y: number) => boolean): boolean {
  for (let x = x0; x <= x1; x++) {
    let crossing = true;
    for (let r = from - CLEARANCE; r <= to + CLEARANCE && crossing; r++) crossing = inkAt(x, r);
    if (crossing) return true;
  }
  return false;
}
