import type { Segment, TextRun } from '../../schemas/page';
import { RULE_THICKNESS, type Box } from '../page/path-rules';
import { ruleBetween } from '../page/rule-between';
import { splitWhere } from '../page/split-where';
import { UNMAPPED_GLYPH, type GlyphSlot } from './drawn-glyph-runs';
import { apply, ctmFollower, multiply, type Matrix } from './matrix';
import { loadPdfJs, type PdfPage } from './open';
import type { PlacedGlyph } from './placed-glyphs';

/**
 * The font name outlined glyphs are placed under: they have no font, and their shapes stand for
 * glyph codes (pdf.js names a document's fonts `g_d…_f…`, never this).
 */
export const OUTLINED_FONT = '(outlines)';

/**
 * A filled shape no larger than this (in points, both ways) may be a glyph: type up to a title's
 * size (a 36 pt ideograph's ink is about 34 pt); a table's shading or a frame is larger.
 */
const MAX_GLYPH = 48;
/** A shape narrower and lower than this (in points) both ways is a speck, not a glyph (a full stop's ink is about a point). */
const MIN_GLYPH = 0.3;
/** Points of two outlines this close (in points) are one point rounded two ways (`ShapeBook`). */
const SAME_POINT = 0.25;
/**
 * Glyphs on a line farther apart than this (in the run's ink height) are in different runs: the
 * ink of neighbouring digits, `1` beside `1`, lies half an ink height apart; a cell's text is
 * apart from its neighbour's by a padding and a rule.
 */
const RUN_GAP = 0.8;
/** A path wider than this many times its height, of several curved pieces, holds several glyphs. */
const SEVERAL = 1.5;
/** The code of a path that holds several glyphs: it is read whole, its characters not pooled. */
export const SEVERAL_GLYPHS = -1;
/** Ink under this share of its line's ink height both ways is a mark's (`、`, `，`, `.`), never an ideograph's. */
const MARK = 0.5;
/** Ink under this share of its line's ink height across is narrower than an ideograph's: a glyph that may have a half-width form. */
const NARROW = 0.8;
/** Round ink reaches past a line's flat ink by this share of its height (a stop below the digits' baseline). */
const OVERSHOOT = 0.05;
/**
 * A run whose tallest ink is under this share of the tallest its glyphs reach elsewhere holds no
 * ideograph: digits, `%` and marks, whose ink is 0.7–0.8 of an ideograph's in CJK faces (an
 * ideograph line's tallest ink stays within a tenth of the tallest, a bracket's included).
 */
const NO_IDEOGRAPH = 0.85;
/** One outline drawn again less than this share of its ink's width and height away is the same glyph drawn twice (a bold made by overprinting). */
const OVERPRINT = 0.5;
/** A page draws at least this many glyph-like shapes before its shapes are taken for text (not a drawing's few marks). */
export const MIN_OUTLINED = 8;

/**
 * Every filled shape a page draws that is the size of a glyph, as a glyph (text converted to
 * curves: "text to outlines" print drivers, Ghostscript's `-dNoOutputFonts`): its ink box in the
 * page's view and a code that names its outline. Shapes with the same outline up to where they
 * are drawn (one glyph of one font at one size) get the same code, across the document's pages
 * (`shapes`, updated): a code is read once per occurrence and the reads are pooled, as a font's
 * glyph codes are. A glyph's `size` is its ink height here; its run's is set by its line.
 */
export async function outlinedGlyphs(page: PdfPage, view: Matrix, shapes: ShapeBook): Promise<PlacedGlyph[]> {
  const { OPS } = await loadPdfJs();
  const list = await page.getOperatorList();
  // Filled, or filled and stroked as well: a face made bold by stroking its outlines.
  const filled = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const out: Array<PlacedGlyph & { shape: Box }> = [];
  // Thin shapes of straight lines only, glyph-sized or not: a rule's pieces may be among them (`ruleBars`).
  const bars: Box[] = [];
  const walk = ctmFollower(OPS);
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i]!;
    const args = list.argsArray[i] as unknown[];
    if (walk.step(fn, args)) continue;
    if (fn === OPS.constructPath && filled.has(args[0] as number)) {
      const data = (args[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | undefined;
      const shape = data ? outline(data, multiply(view, walk.ctm)) : null;
      if (!shape) continue;
      const { x0, y0, x1, y1 } = shape;
      const [w, h] = [x1 - x0, y1 - y0];
      if (Math.min(w, h) <= RULE_THICKNESS && !/[23]/.test(shape.ops)) bars.push(shape);
      if (h > MAX_GLYPH || (w < MIN_GLYPH && h < MIN_GLYPH)) continue;
      // A writer may fill a word's glyphs as one path (a bold face stroked as well): several glyphs, not one code.
      const several = w > SEVERAL * h && shape.ops.split('0').length > 2 && /[23]/.test(shape.ops);
      if (w > MAX_GLYPH && !several) continue;
      const code = several ? SEVERAL_GLYPHS : shapes.codeOf(`${args[0] as number}:${shape.ops}`, shape.offsets);
      out.push({ font: OUTLINED_FONT, code, unicode: UNMAPPED_GLYPH, x0, y0, x1, y1, size: h, shape });
    }
  }
  const rules = ruleBars(bars);
  return overprintsJoined(out.filter((g) => !rules.has(g.shape)).map(({ shape: _, ...g }) => g));
}

/**
 * The glyphs with each one drawn again over itself taken once, its box the copies' ink: a writer
 * that has no bold face fills the regular outline twice or more, a fraction of a point apart
 * (wkhtmltopdf's titles in WenQuanYi Zen Hei: the line again 0.3–0.5 pt to the left). Two
 * instances of one outline whose ink overlaps by more than half its width and height are such
 * copies; characters set one after the other never overlap their ink (`——`, `00` touch at most).
 */
function overprintsJoined(glyphs: PlacedGlyph[]): PlacedGlyph[] {
  // Where each code's instances so far stand in `out`.
  const placed = new Map<number, number[]>();
  const out: PlacedGlyph[] = [];
  for (const g of glyphs) {
    const same = g.code === SEVERAL_GLYPHS ? [] : (placed.get(g.code) ?? []);
    const at = same.find((k) => Math.abs(out[k]!.x0 - g.x0) < OVERPRINT * (out[k]!.x1 - out[k]!.x0) && Math.abs(out[k]!.y0 - g.y0) < OVERPRINT * (out[k]!.y1 - out[k]!.y0));
    if (at === undefined) {
      placed.set(g.code, [...same, out.length]);
      out.push(g);
      continue;
    }
    const copy = out[at]!;
    const [y0, y1] = [Math.min(copy.y0, g.y0), Math.max(copy.y1, g.y1)];
    out[at] = { ...copy, x0: Math.min(copy.x0, g.x0), x1: Math.max(copy.x1, g.x1), y0, y1, size: y1 - y0 };
  }
  return out;
}

/**
 * The bars (thin shapes of straight lines) that are pieces of a table's rules, not glyphs: those
 * joined, piece to touching piece, to a bar running the other way, or into a line longer than a
 * glyph. A writer that fills each side of each cell's border (WeasyPrint's frames) draws rule
 * pieces as short as a cell is high, and they meet at the cells' corners (a merged cell's side
 * through the rows beside it); a glyph of straight bars (`一`, `I`, `|` in a sans face) is one
 * shape, apart from any other by its side bearings, and dashes set end to end (`——`) stay a glyph's length.
 */
function ruleBars(bars: Box[]): Set<Box> {
  const touch = (a: Box, b: Box) => a.x0 <= b.x1 + SAME_POINT && b.x0 <= a.x1 + SAME_POINT && a.y0 <= b.y1 + SAME_POINT && b.y0 <= a.y1 + SAME_POINT;
  const upright = (b: Box) => b.x1 - b.x0 < b.y1 - b.y0;
  const rules = new Set<Box>();
  const seen = new Set<Box>();
  for (const start of bars) {
    if (seen.has(start)) continue;
    // The bars joined to this one, by touching.
    const joined = [start];
    seen.add(start);
    for (let i = 0; i < joined.length; i++) {
      for (const b of bars) {
        if (seen.has(b) || !touch(joined[i]!, b)) continue;
        seen.add(b);
        joined.push(b);
      }
    }
    const crossed = joined.some((b) => upright(b) !== upright(start));
    const long = Math.max(...joined.map((b) => b.x1)) - Math.min(...joined.map((b) => b.x0)) > MAX_GLYPH || Math.max(...joined.map((b) => b.y1)) - Math.min(...joined.map((b) => b.y0)) > MAX_GLYPH;
    if (crossed || long) for (const b of joined) rules.add(b);
  }
  return rules;
}

/**
 * A path's box in the view, its operators and its points relative to its first. Null for a path
 * that draws nothing.
 */
function outline(data: ArrayLike<number>, m: Matrix): { x0: number; y0: number; x1: number; y1: number; ops: string; offsets: number[] } | null {
  const ops: number[] = [];
  const points: Array<[number, number]> = [];
  // pdf.js path data: moveTo 0 (x y), lineTo 1 (x y), curveTo 2 (6), curveTo2/3 3 (4), closePath 4.
  const take = [2, 2, 6, 4, 0];
  for (let i = 0; i < data.length; ) {
    const op = data[i++]!;
    const n = take[op];
    if (n === undefined) return null;
    ops.push(op);
    for (let k = 0; k < n; k += 2) points.push(apply(m, data[i + k]!, data[i + k + 1]!));
    i += n;
  }
  if (points.length < 3) return null;
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const [fx, fy] = points[0]!;
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys), ops: ops.join(''), offsets: points.flatMap(([x, y]) => [x - fx, y - fy]) };
}

/**
 * The outlines a document has drawn, each a glyph code. Two outlines are one when they have the
 * same operators and every point lies within `SAME_POINT` of the other's: a writer that turns text
 * into curves rounds each glyph's points where it lands on its own grid (Ghostscript: a tenth of a
 * point), so one glyph drawn at two places differs by that rounding, and no two characters come so close.
 */
export class ShapeBook {
  private readonly byOps = new Map<string, Array<{ offsets: number[]; code: number }>>();
  private count = 0;

  codeOf(ops: string, offsets: number[]): number {
    const known = this.byOps.get(ops) ?? [];
    this.byOps.set(ops, known);
    const same = known.find((k) => k.offsets.every((v, i) => Math.abs(v - offsets[i]!) <= SAME_POINT));
    if (same) return same.code;
    known.push({ offsets, code: this.count });
    return this.count++;
  }

  /**
   * Each code whose outline is another's turned half round (the same operators, every point
   * the other's about its first, negated), paired with that other's: a face draws a closing
   * quote or bracket as its opener turned (`”` is `“`, `）` is `（`), so what either is read as
   * says what the other is. A shape that is its own half turn (`"` of two straight ticks) pairs with none.
   */
  halfTurns(): Map<number, number> {
    const pairs = new Map<number, number>();
    for (const known of this.byOps.values()) {
      for (const shape of known) {
        const turned = known.find((k) => k.code !== shape.code && k.offsets.every((v, i) => Math.abs(v + shape.offsets[i]!) <= SAME_POINT));
        if (turned) pairs.set(shape.code, turned.code);
      }
    }
    return pairs;
  }
}

/**
 * The glyphs set into runs, as a text layer gives them: glyphs follow one another along a line
 * (each starts no more than `RUN_GAP` ink heights after the last, its centre within the line's
 * ink), and a ruling line between two glyphs parts them. Each run holds `UNMAPPED_GLYPH` for
 * each glyph (to be read), its box is its glyphs' ink, its size their tallest ink; `slots`: each
 * run's glyph boxes and codes, one a character (`inked`: whether the page shows it).
 */
export function outlinedRuns(glyphs: PlacedGlyph[], segments: Segment[], inked: (g: PlacedGlyph) => boolean): { runs: TextRun[]; slots: Map<TextRun, GlyphSlot[]> } {
  const walls = segments.filter((s) => s.x0 === s.x1);
  // Lines by the tallest glyphs first: a comma or a dash joins a line whose ideographs' ink holds its centre.
  const lines: Array<{ y0: number; y1: number; glyphs: PlacedGlyph[] }> = [];
  for (const g of [...glyphs].sort((a, b) => b.y1 - b.y0 - (a.y1 - a.y0))) {
    const mid = (g.y0 + g.y1) / 2;
    // Of the lines whose ink holds its centre, the one with ink nearest beside it (a neighbouring cell's line may sit half a line lower).
    const apart = (l: (typeof lines)[number]) => Math.min(...l.glyphs.map((o) => Math.max(o.x0 - g.x1, g.x0 - o.x1, 0)));
    // A mark (a stop, a comma: under `MARK` of a line's height both ways, not a link's underline) sits on its
    // neighbours' baseline, not about their middle: it may lie past the ink of the glyph that began their line (a
    // label in the cell beside, set half a line higher) while it lies within the rows of a glyph beside it (an em
    // away at most), which holds it to that glyph's line: its ink's top and middle there, its foot perhaps below (a
    // Latin face's `,` hangs below the baseline, past an ideograph's ink).
    const within = (o: PlacedGlyph) => {
      const reach = OVERSHOOT * (o.y1 - o.y0);
      return Math.max(o.x0 - g.x1, g.x0 - o.x1) <= o.y1 - o.y0 && g.y0 >= o.y0 - reach && mid <= o.y1 + reach;
    };
    const mark = (l: (typeof lines)[number]) => Math.max(g.x1 - g.x0, g.y1 - g.y0) < MARK * (l.y1 - l.y0);
    const holds = (l: (typeof lines)[number]) => (mid >= l.y0 && mid <= l.y1) || (mark(l) && l.glyphs.some(within));
    const line = lines.filter(holds).sort((a, b) => apart(a) - apart(b))[0];
    if (line) line.glyphs.push(g);
    else lines.push({ y0: g.y0, y1: g.y1, glyphs: [g] });
  }
  const runs: TextRun[] = [];
  const slots = new Map<TextRun, GlyphSlot[]>();
  const parted = lines.map((line) => {
    const sorted = line.glyphs.sort((a, b) => a.x0 - b.x0);
    const height = line.y1 - line.y0;
    return { sorted, parts: splitWhere(sorted, (a, b) => b.x0 - a.x1 - emWhite(a, height) - emWhite(b, height) > RUN_GAP * height || ruleBetween(a, b, walls)) };
  });
  const emOf = codeEms(parted.flatMap((p) => p.parts));
  // A code whose runs set no two ideographs side by side (a wrapped `分:<85%`) takes its lines' pitch: the cells beside set more.
  const pitchOf = new Map([...codePitches(parted.map((p) => p.sorted)), ...codePitches(parted.flatMap((p) => p.parts))]);
  for (const { sorted, parts } of parted) {
    // A glyph's neighbour on its line, across a run's end no wider than an em's white (a full-width
    // `：` leaves most of its em white on its right, and its run may end there) and no rule.
    const neighbour = (g: PlacedGlyph, step: -1 | 1, size: number) => {
      const o = sorted[sorted.indexOf(g) + step];
      return o && Math.max(o.x0 - g.x1, g.x0 - o.x1) <= size && !ruleBetween(step < 0 ? o : g, step < 0 ? g : o, walls) ? o : undefined;
    };
    for (const part of parts) {
      // No glyph's ink is wider than its em: a line of flat glyphs only (`一` or `二` alone, in a cell set one character a line) is read at their width
      // (a path of several glyphs is a word's width).
      const tallest = Math.max(...part.map((g) => g.y1 - g.y0));
      const widest = Math.max(0, ...part.filter((g) => g.code !== SEVERAL_GLYPHS).map((g) => g.x1 - g.x0));
      const size = tallest < NARROW * widest ? widest : tallest;
      // A mark's width and room are told against its face's em at its size, which a line of digits and marks alone (`=100%`) does not reach.
      const codeEm = Math.max(...part.map((g) => emOf.get(g.code) ?? 0));
      const em = size < NO_IDEOGRAPH * codeEm ? codeEm : size;
      const boxes = part.map((g, i) => emBox(g, part[i - 1], part[i + 1], size, walls));
      // The run is at least an em high about its ink's middle: the reader sees a flat glyph with the white an em leaves it.
      const [top, foot] = [Math.min(...part.map((g) => g.y0)), Math.max(...part.map((g) => g.y1))];
      const rise = Math.max(0, size - (foot - top)) / 2;
      const [y0, y1] = [top - rise, foot + rise];
      const run: TextRun = { text: UNMAPPED_GLYPH.repeat(part.length), x0: boxes[0]!.x0, x1: Math.max(...boxes.map((b) => b.x1)), y0, y1, size: y1 - y0 };
      runs.push(run);
      // A path of several glyphs has no one character: its run is read whole, without slots.
      if (part.some((g) => g.code === SEVERAL_GLYPHS)) continue;
      slots.set(
        run,
        part.map((g, i) => ({ ...boxes[i]!, code: g.code, inked: inked(g), ...markOf(g, part[i - 1], part[i + 1], size, em, pitchOf.get(g.code)), ...amidOf(g, neighbour(g, -1, size), neighbour(g, 1, size), em) })),
      );
    }
  }
  return { runs, slots };
}

/**
 * The white a mark's em leaves beside its ink, in points, for a line of ink `height` (an em's ink
 * at most): a CJK mark sits in one corner of its em (`，`, `。`, `、` at the left, `“` at the
 * right), so the ink of the glyph after a comma lies most of an em away (a line that a writer
 * without kinsoku began with `，`). Its gap to a neighbour is told from its em, not its ink. None for any other glyph.
 */
function emWhite(g: PlacedGlyph, height: number): number {
  const [w, h] = [g.x1 - g.x0, g.y1 - g.y0];
  return g.code !== SEVERAL_GLYPHS && Math.max(w, h) < MARK * height ? height - w : 0;
}

/**
 * Each glyph code's em as its lines show it: the tallest ink of the runs it is drawn in. A code is
 * one glyph of one face at one size, so the digits of a cell that prints no ideograph (`=100%`,
 * whose tallest ink is a digit's, 0.78 of an ideograph's in WenQuanYi Zen Hei) are the digits
 * drawn beside ideographs elsewhere on the page, whose ink gives their size its em.
 */
function codeEms(parts: PlacedGlyph[][]): Map<number, number> {
  const ems = new Map<number, number>();
  for (const part of parts) {
    const tallest = Math.max(...part.map((g) => g.y1 - g.y0));
    for (const g of part) if (g.code !== SEVERAL_GLYPHS) ems.set(g.code, Math.max(ems.get(g.code) ?? 0, tallest));
  }
  return ems;
}

/**
 * Each glyph code's em as its lines' ideographs are set: the least step between the ink centres
 * of two ideographs side by side (ink `NARROW` of their run's tallest and wider) in the runs (or
 * whole lines: cells of a line in two sizes give the smaller's pitch, which errs towards the
 * full-width form) it is drawn in. Ideographs are set an em apart, never closer (justified text
 * only spreads them); their ink height, the em `codeEms` gives, is short of it by the face's white above and below.
 */
function codePitches(parts: PlacedGlyph[][]): Map<number, number> {
  const pitches = new Map<number, number>();
  for (const part of parts) {
    const tallest = Math.max(...part.map((g) => g.y1 - g.y0));
    const ideograph = (g: PlacedGlyph | undefined) => g !== undefined && g.code !== SEVERAL_GLYPHS && g.x1 - g.x0 >= NARROW * tallest;
    const steps = part.flatMap((g, i) => (ideograph(g) && ideograph(part[i + 1]) ? [(part[i + 1]!.x0 + part[i + 1]!.x1 - g.x0 - g.x1) / 2] : []));
    if (steps.length === 0) continue;
    const least = Math.min(...steps);
    for (const g of part) if (g.code !== SEVERAL_GLYPHS) pitches.set(g.code, Math.min(pitches.get(g.code) ?? Infinity, least));
  }
  return pitches;
}

/**
 * Where a glyph narrower than its line's ink height stands: its ink may sit anywhere in its em
 * (`，` at the left, `“` at the right), and the reader centres a mark on the em, so its slot
 * reaches up to an em from its ink towards its neighbours (not past their ink).
 */
function emBox(g: PlacedGlyph, before: PlacedGlyph | undefined, after: PlacedGlyph | undefined, size: number, walls: Segment[]): { x0: number; x1: number } {
  if (g.x1 - g.x0 >= size) return { x0: g.x0, x1: g.x1 };
  // Nor past a rule: a run's first or last glyph stays in its cell, and in its cell's column where its
  // text runs up over the row's top an em or less from the rule's end (Calc sets a cell's text at its
  // foot: a text taller than the row that starts a page stands over the table's top, `100%。符合`).
  const mid = (g.y0 + g.y1) / 2;
  const crossing = walls.filter((s) => s.y0 <= mid + size && s.y1 >= mid - size).map((s) => s.x0);
  const left = Math.max(before?.x1 ?? -Infinity, ...crossing.filter((x) => x <= g.x0));
  const right = Math.min(after?.x0 ?? Infinity, ...crossing.filter((x) => x >= g.x1));
  return { x0: Math.max(g.x1 - size, left), x1: Math.min(g.x0 + size, right) };
}

/**
 * A glyph whose ink is under `MARK` of its line's height both ways is a mark. A glyph narrower than
 * an ideograph's ink (a mark, a bracket, `%`, `<`) between two glyphs has for its advance the room
 * they leave it, in ems (`：` set full width leaves an em and more between its neighbours'
 * ink, `:` about half of one, `: ` with a space after it an em too), which says its form. A glyph
 * as wide as an ideograph's ink is `wide`: a mark drawn so (`＜` beside `≥`) is no half-width form.
 * Both are told against the em of its face at its size (`codeEms`), not its line's tallest ink,
 * which in a line of digits (`=100%`) makes a half-width `=` as wide as a digit is tall.
 */
function markOf(
  g: PlacedGlyph,
  before: PlacedGlyph | undefined,
  after: PlacedGlyph | undefined,
  size: number,
  em: number,
  pitch: number | undefined,
): { mark?: true; advance?: number; wide?: true; snug?: true } {
  const mark = g.x1 - g.x0 < MARK * size && g.y1 - g.y0 < MARK * size ? { mark: true as const } : {};
  // A glyph alone in its run is measured against its own ink (`<` wrapped to a line's start, a space after it): no width.
  if (g.x1 - g.x0 >= NARROW * em) return before || after ? { ...mark, wide: true } : mark;
  const snug = snugOf(g, before, after, pitch ?? em) ? { snug: true as const } : {};
  return before && after && setBetween(g, before, after) ? { ...mark, ...snug, advance: (after.x0 - before.x1) / em } : { ...mark, ...snug };
}

/**
 * Whether a narrow glyph's ink comes nearer a neighbour's than a form centred in a full em would
 * let it: that form leaves half the em its ink does not fill on either side, and the neighbour's
 * own white only adds to the room. CJK faces centre the full-width forms of ASCII's marks (`＜`,
 * `～`, `＄`, `％`) in their em; a face that draws `<` and `＜` with one outline (WenQuanYi Zen
 * Hei) sets the ASCII one in 0.6 em, a tenth of an em from a digit's ink. The em is the pitch of
 * the ideographs its code is set among (`codePitches`), else its line's tallest ink, short of the
 * face's em: either errs towards the full-width form. CJK brackets, stops and quotes sit at one
 * side of their em and are not told so (`markForms`).
 */
function snugOf(g: PlacedGlyph, before: PlacedGlyph | undefined, after: PlacedGlyph | undefined, em: number): boolean {
  const white = (em - (g.x1 - g.x0)) / 2;
  const gaps = [before && before.code !== SEVERAL_GLYPHS && before.x1 <= g.x0 ? g.x0 - before.x1 : Infinity, after && after.code !== SEVERAL_GLYPHS && g.x1 <= after.x0 ? after.x0 - g.x1 : Infinity];
  return Math.min(...gaps) < white;
}

/**
 * Whether a glyph's ink lies between its neighbours' along the line, as a line's glyphs follow one
 * another: a mark whose ink runs into a neighbour's was joined from the line above or below (a
 * wrapped line's `，` under a character of the next), and their room is no advance of its own.
 */
const setBetween = (g: PlacedGlyph, before: PlacedGlyph, after: PlacedGlyph) => before.x1 <= g.x0 && g.x1 <= after.x0;

/**
 * A narrow glyph's room between its neighbours on the line (its run may end at its white) where
 * both are as wide as an ideograph's ink, whose sides leave next to no white: the room is the
 * glyph's own advance and a space's, if any (a bracket's or a stop's em is half white: `）:`
 * leaves an ASCII colon an em).
 */
function amidOf(g: PlacedGlyph, before: PlacedGlyph | undefined, after: PlacedGlyph | undefined, size: number): { amid?: number } {
  const wide = (o: PlacedGlyph | undefined): o is PlacedGlyph => o !== undefined && o.code !== SEVERAL_GLYPHS && o.x1 - o.x0 >= NARROW * size;
  return g.x1 - g.x0 < NARROW * size && wide(before) && wide(after) && setBetween(g, before, after) ? { amid: (after.x0 - before.x1) / size } : {};
}
