import type { TextRun } from '../../schemas/page';
import type { GrayImage } from '../ocr/gray-image';
import type { PlacedGlyph } from './placed-glyphs';
import { splitWhere } from '../page/split-where';

/** A drawn glyph the text layer has no character for: its run holds this in its place, to be read. */
export const UNMAPPED_GLYPH = '\ufffd';

/** Where each glyph of a run is drawn (its non-blank characters, in order) and the glyph's code. */
export interface GlyphSlot {
  x0: number;
  x1: number;
  code: number;
  /** Whether the glyph leaves ink here: one that never does anywhere is a blank (a space by another code). */
  inked: boolean;
  /** Its ink is known to be under half its line's height both ways: a mark or a digit's dot, never an ideograph. */
  mark?: true;
  /** A narrow glyph's advance in font sizes where no font gives it (an outline's: the room its neighbours leave it). */
  advance?: number;
  /** An outline's room (font sizes) between its neighbours on the line where both are ideographs' ink (no white of their own beside it). */
  amid?: number;
  /** An outline's ink is as wide as an ideograph's (`NARROW` of its line's height and more). */
  wide?: true;
  /**
   * A narrow outline's ink comes nearer a neighbour's ink than the white a form centred in a full
   * em leaves either side of it: set in an advance narrower than an em (a proportional form).
   */
  snug?: true;
}

/** Glyph boxes are matched to a run this far (in font sizes) past its ends: the run's box is the glyphs' advances. */
const EDGE = 0.1;
/**
 * A glyph whose box holds this much ink draws something (a space draws nothing): a square a tenth
 * of the font size on a side, what the smallest marks (`、`, `.`) leave in a corner of their box.
 */
const INKED = 0.1;
/** Any pixel below paper white is ink: a glyph printed faint (light toner, a pale colour) is still a glyph. */
const INK_LEVEL = 250;

/**
 * The runs of distrusted fonts with every glyph they draw: pdf.js's text layer leaves out glyphs
 * that decode to whitespace, and under a broken map (codes handed out in order of use) those are
 * digits and ideographs like any other (`2023` decoded `\r\x0e\r\x0f` becomes `0 3`). Each run
 * takes the glyphs of its font drawn inside it, and those that decode to whitespace yet leave ink
 * on the page next to it; those become `UNMAPPED_GLYPH` (read later), a whitespace glyph that
 * draws nothing stays a space. Inked whitespace glyphs that touch no run become runs of their own.
 * A run whose characters do not match its drawn glyphs one to one is left as it is, without slots.
 * `slots`: the glyph boxes of each rebuilt run, one a non-blank character.
 */
export function withDrawnGlyphs(
  runs: TextRun[],
  fontOf: Map<TextRun, string>,
  glyphs: PlacedGlyph[],
  image: GrayImage,
): { runs: TextRun[]; slots: Map<TextRun, GlyphSlot[]> } {
  const inked = (g: PlacedGlyph) => leavesInk(g, image);
  const blank = (g: PlacedGlyph) => g.unicode !== '' && g.unicode.trim() === '';
  const lost = new Set(glyphs.filter((g) => blank(g) && inked(g)));
  const used = new Set<PlacedGlyph>();
  const slots = new Map<TextRun, GlyphSlot[]>();
  const out: TextRun[] = runs.flatMap((run) => {
    const font = fontOf.get(run);
    if (font === undefined) return [run];
    const reach = EDGE * run.size;
    const mine = glyphs
      .filter((g) => g.font === font && !used.has(g) && sameLine(g, run) && (g.x0 + g.x1) / 2 >= run.x0 - reach && (g.x0 + g.x1) / 2 <= run.x1 + reach)
      .sort((a, b) => a.x0 - b.x0);
    if (mine.length === 0) return [run];
    // Lost glyphs drawn right before or after the run are its own (the layer starts and ends runs at printed characters).
    for (;;) {
      const first = mine[0]!;
      const before = [...lost].find((g) => !used.has(g) && !mine.includes(g) && g.font === font && sameLine(g, run) && Math.abs(g.x1 - first.x0) <= reach);
      if (!before) break;
      mine.unshift(before);
    }
    for (;;) {
      const last = mine[mine.length - 1]!;
      const after = [...lost].find((g) => !used.has(g) && !mine.includes(g) && g.font === font && sameLine(g, run) && Math.abs(g.x0 - last.x1) <= reach);
      if (!after) break;
      mine.push(after);
    }
    const printed = [...run.text].filter((c) => c.trim() !== '');
    const drawn = mine.filter((g) => !blank(g));
    if (drawn.length !== printed.length) return [run];
    for (const g of mine) used.add(g);
    // Cut where the glyphs leave a gap: the layer joins a line's cells into one run, the glyphs show where each one ends.
    let next = 0;
    return pieces(mine, lost, reach).map((piece) => {
      const count = piece.filter((g) => !blank(g)).length;
      const rebuilt = rebuild(piece, printed.slice(next, (next += count)), lost, run.size, inked);
      fontOf.set(rebuilt.run, font);
      slots.set(rebuilt.run, rebuilt.slots);
      return rebuilt.run;
    });
  });
  // Lost glyphs beside no run (a cell of one digit): runs of their own, one a line of adjacent glyphs.
  const alone = [...lost].filter((g) => !used.has(g)).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const groups: PlacedGlyph[][] = [];
  for (const g of alone) {
    const group = groups.find((gr) => gr[0]!.font === g.font && sameLine(g, gr[0]!) && Math.abs(g.x0 - gr[gr.length - 1]!.x1) <= EDGE * g.size);
    if (group) group.push(g);
    else groups.push([g]);
  }
  for (const group of groups) {
    const size = group[0]!.size;
    const rebuilt = rebuild(group, [], lost, size, inked);
    fontOf.set(rebuilt.run, group[0]!.font);
    slots.set(rebuilt.run, rebuilt.slots);
    out.push(rebuilt.run);
  }
  return { runs: joinAdjacent(out, fontOf, slots), slots };
}

/**
 * Rebuilt runs of one font that meet on a line are one run: the layer had cut them where it left
 * a glyph out (a title's line came in three runs around its lost glyphs).
 */
function joinAdjacent(runs: TextRun[], fontOf: Map<TextRun, string>, slots: Map<TextRun, GlyphSlot[]>): TextRun[] {
  const out: TextRun[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    const meets =
      last !== undefined &&
      slots.has(last) &&
      slots.has(run) &&
      fontOf.get(last) === fontOf.get(run) &&
      sameLine(last, run) &&
      Math.abs(run.x0 - last.x1) <= EDGE * Math.min(last.size, run.size);
    if (!meets) {
      out.push(run);
      continue;
    }
    const joined: TextRun = { text: last.text + run.text, x0: last.x0, x1: run.x1, y0: Math.min(last.y0, run.y0), y1: Math.max(last.y1, run.y1), size: last.size };
    fontOf.set(joined, fontOf.get(run)!);
    slots.set(joined, [...slots.get(last)!, ...slots.get(run)!]);
    out[out.length - 1] = joined;
  }
  return out;
}

/** The glyphs cut where one ends more than `reach` before the next starts; a blank glyph that draws nothing is a gap too. */
function pieces(glyphs: PlacedGlyph[], lost: Set<PlacedGlyph>, reach: number): PlacedGlyph[][] {
  const drawn = glyphs.filter((g) => !(g.unicode !== '' && g.unicode.trim() === '' && !lost.has(g)));
  return splitWhere(drawn, (a, b) => b.x0 - a.x1 > reach);
}

/** A run of the glyphs: the printed characters in order, lost glyphs as `UNMAPPED_GLYPH`, other blank glyphs as spaces. */
function rebuild(glyphs: PlacedGlyph[], printed: string[], lost: Set<PlacedGlyph>, size: number, inked: (g: PlacedGlyph) => boolean): { run: TextRun; slots: GlyphSlot[] } {
  let next = 0;
  let text = '';
  const slots: GlyphSlot[] = [];
  for (const g of glyphs) {
    const blank = g.unicode !== '' && g.unicode.trim() === '';
    if (blank && !lost.has(g)) {
      text += ' ';
      continue;
    }
    text += blank ? UNMAPPED_GLYPH : printed[next++]!;
    slots.push({ x0: g.x0, x1: g.x1, code: g.code, inked: blank || inked(g) });
  }
  const run: TextRun = {
    text: text.trim(),
    x0: glyphs[0]!.x0,
    x1: glyphs[glyphs.length - 1]!.x1,
    y0: Math.min(...glyphs.map((g) => g.y0)),
    y1: Math.max(...glyphs.map((g) => g.y1)),
    size,
  };
  return { run, slots };
}

const sameLine = (g: { y0: number; y1: number; size: number }, run: { y0: number; y1: number; size: number }) =>
  Math.abs((g.y0 + g.y1) / 2 - (run.y0 + run.y1) / 2) < 0.5 * Math.min(g.size, run.size);

/** Whether a glyph's box holds ink on the page (a glyph printed white draws nothing to read). */
export const leavesInk = (g: PlacedGlyph, image: GrayImage) => inkArea(g, image) >= (INKED * g.size) ** 2;

/** The inked area (in square points) of a glyph's box but its edges, which its neighbours' smoothing may touch. */
function inkArea(g: PlacedGlyph, image: GrayImage): number {
  const px = image.dpi / 72;
  const inset = 0.1 * (g.x1 - g.x0);
  const x0 = Math.max(0, Math.ceil((g.x0 + inset) * px));
  const x1 = Math.min(image.width - 1, Math.floor((g.x1 - inset) * px));
  const y0 = Math.max(0, Math.ceil((g.y0 + 0.05 * g.size) * px));
  const y1 = Math.min(image.height - 1, Math.floor((g.y1 + 0.15 * g.size) * px));
  if (x1 < x0 || y1 < y0) return 0;
  let dark = 0;
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) if (image.data[y * image.width + x]! < INK_LEVEL) dark++;
  return dark / (px * px);
}
