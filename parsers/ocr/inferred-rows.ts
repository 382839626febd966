import type { DetectedRules, PixelRule } from './detect-rules';
import { linkedGroups } from './linked-groups';
import { median } from '../page/median';
import type { Region } from './missed-text';

/** Rules added where a table lost its horizontals, and the tables whose rows are a guess. */
export interface InferredRows {
  horizontal: PixelRule[];
  /** Boxes (image pixels) of the tables whose rows were cut at the text's gaps. */
  tables: Region[];
}

/** Verticals closer than this (pixels) are one column border. */
const SAME_X = 4;
/** Pixels kept clear of a column border when its strip's ink is counted (what erasing left). */
const STRIP_INSET = 4;
/** A strip narrower than this (inches) holds no text of its own. */
const MIN_STRIP_INCHES = 0.1;
/** Ink runs shorter than this share of an inch are specks, not a text line. */
const MIN_LINE_INCHES = 0.04;
/**
 * A row boundary is a gap at least this many text-line heights tall: within a cell, wrapped
 * lines stand some 0.2–0.5 of a line apart; between rows, the cells' padding on both sides of
 * the (lost) rule leaves more.
 */
const ROW_GAP_LINES = 0.75;
/** Share of the densest column strips with text near a gap that must be blank across it (more than it) for the rows to part there. */
const BLANK_SHARE = 0.5;
/** Text within this many line heights of a gap has a say in whether rows part there. */
const NEAR_LINES = 2;
/**
 * Rows part where the strips' gaps overlap over at least this share of a row gap: where the
 * share of blank strips flickers for a pixel row or two (one line ending as the next begins in
 * another column), no gap runs across.
 */
const MIN_BAND_SHARE = 0.5;
/** A rule inside that stops at a merged column's border runs over at least this share of the table's width. */
const MERGED_SPAN_SHARE = 0.5;
/** Text this close (in line heights) to the middle of a block of rows is centred in it. */
const CENTRED_LINES = 1;

interface Strip {
  x0: number;
  x1: number;
  /** Per pixel row from the frame's top: 1 where the strip's row holds no ink. */
  blank: Uint8Array;
  /** Per pixel row: the blank run it lies in is tall enough to part two rows. */
  wide: Uint8Array;
  /** Inked rows before each row (prefix sums), to tell whether text stands near a row. */
  inkedBefore: Uint32Array;
  /** The rows (from the frame's top) where both its borders run. */
  from: number;
  to: number;
  /** Its blocks of text: lines closer than a row gap joined (a cell's wrapped lines). */
  groups: Band[];
}

/**
 * Rows of tables that kept their column borders but lost their horizontal rules (a fax page's
 * hairlines at 100 lines per inch): the rows part where the columns with a cell every row leave
 * a gap as tall as a row boundary leaves (`partingBands`); each column parts there or spans the
 * cut as its text shows (`stripCuts`: a label centred in a merged cell keeps its block whole);
 * a rule runs where a column border starts or ends, and the table's top and bottom are closed
 * where no rule is. A table is only inferred when more of its gaps lack a rule than have one: a
 * ruled table keeps its own rows.
 */
export function inferRows(ink: Uint8Array, width: number, height: number, rules: DetectedRules, dpi: number): InferredRows {
  const out: InferredRows = { horizontal: [], tables: [] };
  for (const frame of columnFrames(rules.vertical).flatMap((f) => stackedTables(f, rules.horizontal))) {
    const top = Math.max(0, Math.round(Math.min(...frame.map((v) => v.y0))));
    const bottom = Math.min(height - 1, Math.round(Math.max(...frame.map((v) => v.y1))));
    const xs = dedupe(frame.map((v) => v.x0));
    const left = xs[0]!;
    const right = xs[xs.length - 1]!;
    const inside = rules.horizontal.filter((h) => h.y0 > top + SAME_X && h.y0 < bottom - SAME_X && h.x1 > left && h.x0 < right);
    const spans = (h: PixelRule) => spansFrame(h, left, right);
    const closes = (y: number) => rules.horizontal.some((h) => Math.abs(h.y0 - y) <= SAME_X * 2 && spans(h));
    // A table whose rules were found, crossed by one from border to border, keeps its rows: its
    // tall rows of wrapped prose, and a header's cells stacked a glyph a line, leave gaps as wide
    // as a lost rule's, and rows cut there split its header. Closed at top and bottom or not: a
    // table the page break cut has no rule on that side (WeasyPrint rules neither side of a break),
    // and a rule that runs the whole width inside is no hairline lost. So is one that runs from
    // the table's side to a column border going on above and below it, over most of the width:
    // the columns it leaves hold cells merged down across it (a section label, `绩效指标`, beside
    // the whole indicator table), which no rule inside can cross.
    if (inside.some((h) => spans(h) || besideMerged(h, frame, left, right))) continue;
    const strips = new Map<string, Strip>();
    const stripsAt = (y: number) => {
      const active = dedupe(frame.filter((v) => v.y0 - SAME_X <= y && v.y1 + SAME_X >= y).map((v) => v.x0));
      const found: Strip[] = [];
      for (let k = 0; k + 1 < active.length; k++) {
        const [x0, x1] = [Math.round(active[k]! + STRIP_INSET), Math.round(active[k + 1]! - STRIP_INSET)];
        if (x1 - x0 < dpi * MIN_STRIP_INCHES) continue;
        const key = `${x0}:${x1}`;
        let strip = strips.get(key);
        if (!strip) {
          strip = blankRows(ink, width, x0, x1, top, bottom);
          strips.set(key, strip);
        }
        strip.from = Math.min(strip.from, y - top);
        strip.to = Math.max(strip.to, y - top);
        found.push(strip);
      }
      return found;
    };
    for (let y = top; y <= bottom; y++) stripsAt(y);
    const lines = [...strips.values()].flatMap((s) => inkRuns(s.blank, dpi));
    if (lines.length === 0) continue;
    const lineHeight = median(lines.map((l) => l.to - l.from + 1))!;
    const minGap = Math.round(ROW_GAP_LINES * lineHeight);
    for (const strip of strips.values()) {
      markWide(strip, minGap);
      strip.groups = textGroups(strip, dpi, minGap);
    }
    const text = { from: top + Math.min(...lines.map((l) => l.from)), to: top + Math.max(...lines.map((l) => l.to)) };
    const reach = Math.round(NEAR_LINES * lineHeight);
    const bands = partingBands(top, text, reach, Math.ceil(minGap * MIN_BAND_SHARE), stripsAt);
    const ends = borderEnds(frame, top, bottom);
    const ruled = (b: Band) => [...inside, ...ends].some((h) => h.y0 >= b.from - SAME_X && h.y0 <= b.to + SAME_X);
    const open = bands.filter((b) => !ruled(b));
    if (open.length === 0 || open.length <= bands.length - open.length) continue;
    out.horizontal.push(...ends);
    const gaps = open.map((b) => ({ from: b.from - top, to: b.to - top }));
    for (const strip of strips.values()) {
      for (const y of stripCuts(strip, gaps, CENTRED_LINES * lineHeight)) out.horizontal.push(rule(strip.x0 - STRIP_INSET, strip.x1 + STRIP_INSET, y + top));
    }
    for (const y of [top, bottom]) if (!closes(y)) out.horizontal.push(rule(left, right, y));
    out.tables.push({ x0: Math.floor(left), y0: top, x1: Math.ceil(right), y1: bottom });
  }
  return out;
}

/**
 * A horizontal rule that runs from one side of the table (`left`…`right`) to a column border of
 * `frame` that goes on above and below it, over at least `MERGED_SPAN_SHARE` of the width.
 */
function besideMerged(h: PixelRule, frame: PixelRule[], left: number, right: number): boolean {
  const fromLeft = h.x0 <= left + SAME_X * 2;
  const toRight = h.x1 >= right - SAME_X * 2;
  if (fromLeft === toRight || h.x1 - h.x0 < MERGED_SPAN_SHARE * (right - left)) return false;
  const end = fromLeft ? h.x1 : h.x0;
  return frame.some((v) => Math.abs(v.x0 - end) <= SAME_X * 2 && v.y0 < h.y0 - SAME_X * 2 && v.y1 > h.y0 + SAME_X * 2);
}

const rule = (x0: number, x1: number, y: number): PixelRule => ({ x0, x1, y0: y, y1: y, thickness: 1, from: y, to: y });

/**
 * Rules where a column border inside the table starts or ends: a cell's border runs from rule
 * to rule, so one ran there, at least across the cells on both sides of the border (a form's
 * sections split into different columns).
 */
function borderEnds(frame: PixelRule[], top: number, bottom: number): PixelRule[] {
  const out: PixelRule[] = [];
  for (const v of frame) {
    for (const [end, inward] of [[v.y0, 1], [v.y1, -1]] as const) {
      if (end - top <= 2 * SAME_X || bottom - end <= 2 * SAME_X) continue;
      const y = end + inward * 2 * SAME_X;
      const xs = dedupe(frame.filter((w) => w.y0 <= y && w.y1 >= y).map((w) => w.x0));
      const at = xs.findIndex((x) => Math.abs(x - v.x0) <= SAME_X);
      if (at <= 0 || at >= xs.length - 1) continue;
      out.push(rule(xs[at - 1]!, xs[at + 1]!, Math.round(end)));
    }
  }
  return out;
}

/** Positions within `SAME_X` of each other as one, sorted. */
function dedupe(values: number[]): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (out.length === 0 || v - out[out.length - 1]! > SAME_X) out.push(v);
  return out;
}

/** A horizontal rule that runs across a table from its left side (`left`) to its right. */
const spansFrame = (h: PixelRule, left: number, right: number) => h.x0 <= left + SAME_X * 2 && h.x1 >= right - SAME_X * 2;

/**
 * A frame cut where a rule runs across it from side to side and no column border inside crosses
 * it: forms printed one under another share their sides (on a fax page, hairlines lost, their
 * frames' sides are all that is left of the rules, running down the page past every form), and
 * the rule between two of them (their frames drawn together, dark enough to be kept) closes one
 * table and opens the next, as a row's rule, crossed by the column borders, never does. Each is a
 * table of its own, whose rows are what its own rules say.
 */
function stackedTables(frame: PixelRule[], horizontal: PixelRule[]): PixelRule[][] {
  const xs = dedupe(frame.map((v) => v.x0));
  const [left, right] = [xs[0]!, xs[xs.length - 1]!];
  const top = Math.min(...frame.map((v) => v.y0));
  const bottom = Math.max(...frame.map((v) => v.y1));
  const crossedInside = (y: number) => frame.some((v) => v.x0 > left + SAME_X && v.x0 < right - SAME_X && v.y0 < y - 2 * SAME_X && v.y1 > y + 2 * SAME_X);
  const cuts = horizontal
    .filter((h) => h.y0 > top + 2 * SAME_X && h.y0 < bottom - 2 * SAME_X && spansFrame(h, left, right) && !crossedInside(h.y0))
    .map((h) => h.y0)
    .sort((a, b) => a - b);
  if (cuts.length === 0) return [frame];
  const bounds = [top, ...cuts, bottom];
  return bounds.slice(1).flatMap((b, i) => {
    const a = bounds[i]!;
    const section = frame.filter((v) => v.y1 > a + 2 * SAME_X && v.y0 < b - 2 * SAME_X).map((v) => ({ ...v, y0: Math.max(v.y0, a), y1: Math.min(v.y1, b) }));
    return dedupe(section.map((v) => v.x0)).length >= 3 ? [section] : [];
  });
}

/** Verticals that run beside each other (overlapping over half the shorter one), grouped into tables. */
function columnFrames(verticals: PixelRule[]): PixelRule[][] {
  const besides = (a: PixelRule, b: PixelRule) => Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 0.5 * Math.min(a.y1 - a.y0, b.y1 - b.y0);
  return linkedGroups(verticals, besides).filter((g) => dedupe(g.map((v) => v.x0)).length >= 3);
}

function blankRows(ink: Uint8Array, width: number, x0: number, x1: number, top: number, bottom: number): Strip {
  const blank = new Uint8Array(bottom - top + 1);
  for (let y = top; y <= bottom; y++) {
    let dark = 0;
    for (let i = y * width + x0; i <= y * width + x1; i++) dark += ink[i]!;
    // One pixel left by despeckling or a rule's end is not a line of text.
    blank[y - top] = dark <= 1 ? 1 : 0;
  }
  const inkedBefore = new Uint32Array(blank.length + 1);
  for (let y = 0; y < blank.length; y++) inkedBefore[y + 1] = inkedBefore[y]! + 1 - blank[y]!;
  return { x0, x1, blank, wide: new Uint8Array(blank.length), inkedBefore, from: blank.length, to: -1, groups: [] };
}

/** The strip's runs of inked rows that are tall enough to be text (rows from the frame's top). */
const inkRuns = (blank: Uint8Array, dpi: number): Band[] => bandsWhere(0, blank.length - 1, (y) => blank[y] === 0, dpi * MIN_LINE_INCHES);

/** The runs of `from`…`to` where `test` holds, at least `minLength` long. */
function bandsWhere(from: number, to: number, test: (y: number) => boolean, minLength: number): Band[] {
  const out: Band[] = [];
  let start = -1;
  for (let y = from; y <= to + 1; y++) {
    const on = y <= to && test(y);
    if (on && start < 0) start = y;
    if (!on && start >= 0) {
      if (y - start >= minLength) out.push({ from: start, to: y - 1 });
      start = -1;
    }
  }
  return out;
}

function textGroups(strip: Strip, dpi: number, minGap: number): Band[] {
  const groups: Band[] = [];
  for (const line of inkRuns(strip.blank.subarray(0, strip.to + 1), dpi).filter((l) => l.from >= strip.from)) {
    const last = groups[groups.length - 1];
    if (last && line.from - last.to - 1 < minGap) last.to = line.to;
    else groups.push({ ...line });
  }
  return groups;
}

function markWide(strip: Strip, minGap: number): void {
  for (const gap of bandsWhere(0, strip.blank.length - 1, (y) => strip.blank[y] === 1, minGap)) strip.wide.fill(1, gap.from, gap.to + 1);
}

interface Band {
  from: number;
  to: number;
}

/**
 * Runs of pixel rows where the column strips that hold the most blocks of text among those with
 * text near (within `reach` rows) stand in a gap tall enough to part rows, between the table's
 * first and last lines of text. Those strips have a cell in every row (the indicators' names,
 * their scores); a strip with no text near (the rest of a merged cell) has no say, nor has a
 * label centred over an even block of rows, which stands across the gap between its middle rows.
 */
function partingBands(top: number, text: Band, reach: number, minBand: number, stripsAt: (y: number) => Strip[]): Band[] {
  const parts = (y: number) => {
    const at = y - top;
    const near = stripsAt(y).filter((s) => s.inkedBefore[Math.min(s.blank.length, at + reach + 1)]! > s.inkedBefore[Math.max(0, at - reach)]!);
    const most = Math.max(...near.map((s) => s.groups.length));
    const densest = near.filter((s) => s.groups.length === most);
    const wide = densest.filter((s) => s.wide[at] === 1).length;
    return wide > BLANK_SHARE * densest.length;
  };
  return bandsWhere(text.from, text.to, parts, minBand);
}

/**
 * Where a column strip's cells part, among the table's row gaps (`gaps`, rows from the frame's
 * top; a cut is drawn at a gap's middle, but the lost rule lay anywhere in it). A strip whose
 * text all sits one cell a row parts at every gap. A strip with text centred on a gap, or
 * across one, holds merged cells (labels centred in blocks of rows); so does a strip whose
 * every text the walk down centres in a block of rows (a label over an odd number of rows
 * could sit centred in one row too): each block ends at the gap that centres its text between
 * the block's top and that gap, and empty rows around a label stay in its cell. A value column
 * with empty cells fails the walk and parts at every gap.
 */
function stripCuts(strip: Strip, gaps: Band[], tolerance: number): number[] {
  const middle = (b: Band) => Math.round((b.from + b.to) / 2);
  const own = gaps.filter((b) => middle(b) > strip.from && middle(b) < strip.to);
  const groups = strip.groups;
  const centre = (g: Band) => (g.from + g.to) / 2;
  const merged = groups.some((g) => {
    const lo = Math.max(strip.from, ...own.map(middle).filter((c) => c < g.from));
    const hi = Math.min(strip.to, ...own.map(middle).filter((c) => c > g.to));
    const nearestGap = Math.min(...[strip.from, strip.to, ...own.map(middle)].map((c) => Math.abs(centre(g) - c)));
    return own.some((b) => middle(b) > g.from && middle(b) < g.to) || nearestGap < Math.abs(centre(g) - (lo + hi) / 2);
  });
  const drawn: number[] = [];
  const off = (y: number, b: Band) => Math.max(0, b.from - y, y - b.to);
  // At the table's cut where it lies in this strip's blank, so the cells of a row line up.
  const cutOf = (b: Band & { at: number }) => (b.at >= b.from && b.at <= b.to ? b.at : middle(b));
  let blockTop = strip.from;
  let centred = true;
  groups.forEach((g, k) => {
    const next = groups[k + 1]?.from ?? strip.to;
    // Gaps are the table's, clipped to this strip's blank between its texts; the last block
    // may end at the strip's bottom.
    const clipped = own.map((b) => ({ from: Math.max(b.from, g.to + 1), to: Math.min(b.to, next - 1), at: middle(b) })).filter((b) => b.from <= b.to);
    const between = [...clipped, ...(next === strip.to ? [{ from: strip.to, to: strip.to, at: strip.to }] : [])];
    const closest = (end: number) => between.reduce<(typeof between)[number] | undefined>((a, b) => (!a || off(end, b) < off(end, a) ? b : a), undefined);
    // The block starts where the one above ended, or, where empty rows lie between (a value
    // column's empty cells, a block continued from the page before), at the text's own row.
    const ownTop = Math.max(blockTop, ...own.map(middle).filter((c) => c < g.from));
    const fits = (top: number) => {
      const gap = closest(2 * centre(g) - top);
      return gap && off(2 * centre(g) - top, gap) <= tolerance ? gap : undefined;
    };
    let gap = fits(blockTop);
    if (!gap && ownTop > blockTop && fits(ownTop)) {
      gap = fits(ownTop);
      drawn.push(ownTop);
    }
    if (!gap) centred = false;
    gap ??= closest(2 * centre(g) - blockTop);
    if (!gap || gap.from === strip.to) return;
    blockTop = cutOf(gap);
    drawn.push(blockTop);
  });
  return merged || centred ? drawn : own.map(middle);
}
