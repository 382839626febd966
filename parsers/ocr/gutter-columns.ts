import type { EndingColumns } from './carried-columns';
import type { DetectedRules, PixelRule } from './detect-rules';
import { linkedGroups } from './linked-groups';
import { median } from '../page/median';
import type { Region } from './missed-text';

/** Ink closer than this (inches) along a line is one phrase: the space between characters, a space of `≥52 万人`. */
const PHRASE_GAP_INCHES = 0.06;
/** Marks smaller than this (inches) on both sides are specks a fax's flipped pixels left, not text. */
const MIN_MARK_INCHES = 0.04;
/**
 * Phrases on one line part into columns where they leave at least this many line heights blank:
 * a table's cells keep their padding on both sides of a border (two dates side by side in their
 * columns stand some 1.4 lines apart at 10.5 pt), a line of text has no such gap in it.
 */
const GUTTER_LINES = 0.8;
/** Fewer columns than this are a list or a line of prose with a gap, not a table. */
const MIN_COLUMNS = 3;
/** Fewer lines than this with text in two columns or more are no table: a line of prose parted at its commas, under a title, is two. */
const MIN_SPREAD_LINES = 3;
/** Borders are drawn this many line heights outside the table's text (a cell's padding). */
const PAD_LINES = 0.4;
/**
 * Ink taller than this many line heights and narrower than `STROKE_LINES` of one is a vertical
 * rule the rule finder let go (a table's frame, the one border a fax left, which no other rule
 * runs beside), not text: as a phrase it would overlap every line it stands beside and join
 * them all into one. Characters stacked down a narrow cell are a character wide.
 */
const RULE_LINES = 3;
const STROKE_LINES = 0.5;

/** Phrases on one line of the page, left to right. */
interface Line {
  y0: number;
  y1: number;
  phrases: Region[];
}

/** A block of lines whose text keeps to the same columns. */
interface Run {
  lines: Line[];
  /** The x-extents of the columns' text so far, left to right, parted by gutters. */
  columns: Array<{ x0: number; x1: number }>;
}

/**
 * Column borders of tables that lost every rule (a fax's hairlines thresholded away), from the
 * gutters their text leaves: lines of phrases standing in the same columns, line after line,
 * each column's text within its own x-extent and blank gutters between (a header word of an
 * empty column keeps its column). A line that crosses two gutters (a paragraph, a title over
 * the page), or whose gutters the lines above cross, ends the table (`addLine`); a line standing alone in a column of its own at the table's
 * ends (a heading beside it) is not the table's. The borders run at the gutters' middles and
 * round the text; `inferRows` then cuts the rows at the text's gaps, as for a table that kept its
 * columns. Only text outside the tables the rules still frame is considered. A table at the top
 * of the page whose text stands in the columns the page before ended its table on (`above`)
 * gets that table's borders (`carriedBorders`): its empty columns too, and its outer edges,
 * so that the two parts are one table.
 */
export function gutterColumns(ink: Uint8Array, width: number, height: number, rules: DetectedRules, dpi: number, above: EndingColumns | null = null): { vertical: PixelRule[]; tables: Region[] } {
  const ruled = ruledBoxes(rules, dpi);
  const inRuled = (p: Region) => ruled.some((b) => b.x0 <= p.x1 && p.x0 <= b.x1 && b.y0 <= p.y1 && p.y0 <= b.y1);
  const inked = inkPhrases(ink, width, height, dpi).filter((p) => !inRuled(p));
  const lineHeight = median(inked.map((p) => p.y1 - p.y0 + 1));
  const out = { vertical: [] as PixelRule[], tables: [] as Region[] };
  if (lineHeight === undefined) return out;
  const phrases = inked.filter((p) => !(p.y1 - p.y0 + 1 > RULE_LINES * lineHeight && p.x1 - p.x0 + 1 < STROKE_LINES * lineHeight));
  const gutter = GUTTER_LINES * lineHeight;
  const allLines = textLines(phrases);
  for (const run of columnRuns(allLines, gutter)) {
    const lines = ownLines(run, gutter);
    const spread = lines.filter((l) => spreads(l, gutter));
    const columns = lines.reduce<Run['columns']>((cols, l) => addLine(cols, l, gutter).columns, []);
    if (columns.length < MIN_COLUMNS || spread.length < MIN_SPREAD_LINES) continue;
    const pad = Math.round(PAD_LINES * lineHeight);
    // Text above and below a ruled table is not one table across it.
    if (inRuled({ x0: Math.min(...columns.map((c) => c.x0)), x1: Math.max(...columns.map((c) => c.x1)), y0: lines[0]!.y0, y1: lines[lines.length - 1]!.y1 })) continue;
    const y0 = Math.max(0, Math.min(...lines.map((l) => l.y0)) - pad);
    const y1 = Math.min(height - 1, Math.max(...lines.map((l) => l.y1)) + pad);
    // The page's first table, nothing printed above it but specks and a page number: the part
    // of a table the page before ended on, when its text stands in that table's columns.
    const atTop = out.tables.length === 0 && ruled.every((b) => b.y0 > y0) && allLines.filter((l) => l.y1 < y0).every((l) => l.phrases.every((p) => p.x1 - p.x0 + 1 < lineHeight));
    const xs = (atTop && above?.width === width && carriedBorders(columns, lines.flatMap((l) => l.phrases), above.xs, dpi)) || [
      Math.max(0, columns[0]!.x0 - pad),
      ...columns.slice(1).map((c, i) => Math.round((columns[i]!.x1 + c.x0) / 2)),
      Math.min(width - 1, columns[columns.length - 1]!.x1 + pad),
    ];
    out.vertical.push(...xs.map((x) => ({ x0: x, x1: x, y0, y1, thickness: 1, from: x, to: x })));
    out.tables.push({ x0: xs[0]!, y0, x1: xs[xs.length - 1]!, y1 });
  }
  return out;
}

/** A border of the part above counts as crossing a column's text when it stands this far (inches) inside it: a page lies a pixel or two off the one before. */
const CROSSING_INCHES = 0.02;

/**
 * The borders of the table part the page before ended on (`above`, left to right), for columns
 * of text that go on in them: every phrase between two of its borders, crossed by none, and at
 * least half the gutters between the columns holding one of them. A gutter holding none gets a
 * border at its middle: the page before lost that rule too. Phrases, not columns, are what a
 * border may not cross: two columns whose text stands closer than a gutter (a value printed
 * to its cell's edge beside the next) are one column of the gutters, parted by the border
 * above. Null when the text does not stand in those columns (another table).
 */
function carriedBorders(columns: Run['columns'], phrases: Region[], above: number[], dpi: number): number[] | null {
  const slack = CROSSING_INCHES * dpi;
  const [left, right] = [above[0]!, above[above.length - 1]!];
  if (columns[0]!.x0 < left - slack || columns[columns.length - 1]!.x1 > right + slack) return null;
  if (above.some((x) => phrases.some((p) => x > p.x0 + slack && x < p.x1 - slack))) return null;
  const gaps = columns.slice(1).map((c, i) => ({ x0: columns[i]!.x1, x1: c.x0 }));
  const held = (g: { x0: number; x1: number }) => above.some((x) => x >= g.x0 - slack && x <= g.x1 + slack);
  if (2 * gaps.filter(held).length < gaps.length) return null;
  return [...above, ...gaps.filter((g) => !held(g)).map((g) => Math.round((g.x0 + g.x1) / 2))].sort((a, b) => a - b);
}

/** Rules touching within this (inches) are of one table. */
const TOUCH_INCHES = 0.03;

const touches = (a: PixelRule, b: PixelRule, touch: number) => a.x0 - touch <= b.x1 && b.x0 - touch <= a.x1 && a.y0 - touch <= b.y1 && b.y0 - touch <= a.y1;
/** Two column borders side by side (or two rules one over the other) over half the shorter: one table's, though no rule joins them. */
function besides(a: PixelRule, b: PixelRule): boolean {
  const along = (r: PixelRule) => (r.x1 - r.x0 > r.y1 - r.y0 ? [r.x0, r.x1, 0] : [r.y0, r.y1, 1]);
  const [a0, a1, av] = along(a);
  const [b0, b1, bv] = along(b);
  return av === bv && Math.min(a1!, b1!) - Math.max(a0!, b0!) > 0.5 * Math.min(a1! - a0!, b1! - b0!);
}

/** The page's ruled structures: rules that touch, cross or run beside each other, two or more, grouped. */
export function ruledGroups(rules: DetectedRules, dpi: number): PixelRule[][] {
  const touch = dpi * TOUCH_INCHES;
  return linkedGroups([...rules.horizontal, ...rules.vertical], (a, b) => touches(a, b, touch) || besides(a, b)).filter((g) => g.length >= 2);
}

/** The boxes of the page's ruled structures. */
function ruledBoxes(rules: DetectedRules, dpi: number): Region[] {
  return ruledGroups(rules, dpi).map((g) => ({ x0: Math.min(...g.map((r) => r.x0)), y0: Math.min(...g.map((r) => r.y0)), x1: Math.max(...g.map((r) => r.x1)), y1: Math.max(...g.map((r) => r.y1)) }));
}

/**
 * Boxes of the ink's phrases: runs of ink on each pixel row joined across gaps shorter than a
 * character's spacing, and runs touching from row to row joined into one (union–find over the
 * runs, row by row: a page is millions of pixels).
 */
function inkPhrases(ink: Uint8Array, width: number, height: number, dpi: number): Region[] {
  const gap = Math.round(dpi * PHRASE_GAP_INCHES);
  const parent: number[] = [];
  const boxes: Region[] = [];
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  let previous: Array<{ x0: number; x1: number; id: number }> = [];
  for (let y = 0; y < height; y++) {
    const runs: Array<{ x0: number; x1: number; id: number }> = [];
    let start = -1;
    let last = -1;
    for (let x = 0; x <= width; x++) {
      const on = x < width && ink[y * width + x] === 1;
      if (on) {
        if (start < 0) start = x;
        else if (x - last - 1 > gap) {
          runs.push({ x0: start, x1: last, id: -1 });
          start = x;
        }
        last = x;
      }
    }
    if (start >= 0) runs.push({ x0: start, x1: last, id: -1 });
    let k = 0;
    for (const run of runs) {
      run.id = parent.length;
      parent.push(run.id);
      boxes.push({ x0: run.x0, y0: y, x1: run.x1, y1: y });
      while (k < previous.length && previous[k]!.x1 < run.x0) k++;
      for (let j = k; j < previous.length && previous[j]!.x0 <= run.x1; j++) {
        const [a, b] = [find(previous[j]!.id), find(run.id)];
        if (a !== b) parent[b] = a;
      }
    }
    previous = runs;
  }
  const merged = new Map<number, Region>();
  boxes.forEach((b, i) => {
    const root = find(i);
    const m = merged.get(root);
    merged.set(root, m ? { x0: Math.min(m.x0, b.x0), y0: Math.min(m.y0, b.y0), x1: Math.max(m.x1, b.x1), y1: Math.max(m.y1, b.y1) } : { ...b });
  });
  const min = dpi * MIN_MARK_INCHES;
  return [...merged.values()].filter((b) => b.x1 - b.x0 + 1 >= min || b.y1 - b.y0 + 1 >= min);
}

/** Phrases grouped into lines: those overlapping in height over half the shorter one, top to bottom. */
function textLines(phrases: Region[]): Line[] {
  const lines: Line[] = [];
  for (const p of [...phrases].sort((a, b) => a.y0 - b.y0)) {
    const line = lines.find((l) => Math.min(l.y1, p.y1) - Math.max(l.y0, p.y0) > 0.5 * Math.min(l.y1 - l.y0, p.y1 - p.y0));
    if (line) {
      line.phrases.push(p);
      line.y0 = Math.min(line.y0, p.y0);
      line.y1 = Math.max(line.y1, p.y1);
    } else lines.push({ y0: p.y0, y1: p.y1, phrases: [p] });
  }
  for (const l of lines) l.phrases.sort((a, b) => a.x0 - b.x0);
  return lines.sort((a, b) => a.y0 - b.y0);
}

/** Extents (phrases of a line, left to right) joined where less than a gutter parts them: the columns they have text in. */
function columnsOf(phrases: ReadonlyArray<{ x0: number; x1: number }>, gutter: number): Run['columns'] {
  const out: Run['columns'] = [];
  for (const p of phrases) {
    const last = out[out.length - 1];
    if (last && p.x0 - last.x1 < gutter) last.x1 = Math.max(last.x1, p.x1);
    else out.push({ x0: p.x0, x1: p.x1 });
  }
  return out;
}

/** Whether a line has text in two columns or more. */
const spreads = (line: Line, gutter: number) => columnsOf(line.phrases, gutter).length >= 2;

/**
 * The columns with a line's text added (columns its text reaches over or into a gutter of are
 * one), and how many gutters the line and the block cross of each other's, the most of the two:
 * a paragraph under a table crosses its gutters, a table under a paragraph has its gutters
 * crossed. One is let pass: a full-width comma leaves a gap in a cell's line as wide as the
 * gutter between two narrow columns, and a heading may span two columns.
 */
function addLine(columns: Run['columns'], line: Line, gutter: number): { columns: Run['columns']; crossed: number } {
  const own = columnsOf(line.phrases, gutter);
  const near = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => a.x0 - b.x1 < gutter && b.x0 - a.x1 < gutter;
  const over = (from: Run['columns'], to: Run['columns']) => from.reduce((n, a) => n + Math.max(0, to.filter((b) => near(a, b)).length - 1), 0);
  const crossed = Math.max(over(own, columns), over(columns, own));
  return { columns: columnsOf([...columns, ...own].sort((a, b) => a.x0 - b.x0), gutter), crossed };
}

/** Gutters a line may cross of a block (or a block of the line) and still be one table. */
const MAX_CROSSED = 1;

/** Lines in blocks that keep to the same columns, top to bottom: a line that crosses a gutter starts a new block. */
function columnRuns(lines: Line[], gutter: number): Run[] {
  const runs: Run[] = [];
  let run: Run = { lines: [], columns: [] };
  for (const line of lines) {
    const { columns, crossed } = addLine(run.columns, line, gutter);
    if (crossed <= MAX_CROSSED) run = { lines: [...run.lines, line], columns };
    else {
      runs.push(run);
      run = { lines: [line], columns: columnsOf(line.phrases, gutter) };
    }
  }
  runs.push(run);
  return runs;
}

/**
 * A run's lines without those at its ends that stand alone in a column no line with text in two
 * columns reaches: a heading or a note above or below the table, at the margin beside it.
 */
function ownLines(run: Run, gutter: number): Line[] {
  const lines = [...run.lines];
  const spread = lines.filter((l) => spreads(l, gutter));
  const reached = (l: Line) => {
    const [x0, x1] = [l.phrases[0]!.x0, Math.max(...l.phrases.map((p) => p.x1))];
    return spreads(l, gutter) || spread.some((s) => s.phrases.some((p) => p.x0 <= x1 && x0 <= p.x1));
  };
  while (lines.length > 0 && !reached(lines[lines.length - 1]!)) lines.pop();
  while (lines.length > 0 && !reached(lines[0]!)) lines.shift();
  return lines;
}
