import type { PageContent, Segment, TextRun } from '../../schemas/page';
import { unifyIdeographs } from '../ideographs';
import { isEverydayChinese } from '../ideographs/everyday';
import { foldWidth } from '../../pipeline/text';
import type { OcrWord } from '../ocr/cache';
import type { OcrConfig } from '../ocr/config';
import { OPENER } from '../ocr/brackets';
import { MARK_MISREADS } from '../ocr/mark-misreads';
import { binarise, otsuThreshold } from '../ocr/detect-rules';
import type { GrayImage } from '../ocr/gray-image';
import type { Region } from '../ocr/missed-text';
import { engineFor, type RatedBox } from '../ocr/ocr-page';
import type { PdfPage } from './open';
import { UNMAPPED_GLYPH, withDrawnGlyphs, type GlyphSlot } from './drawn-glyph-runs';
import { textView } from './page-content';
import { placeGlyphs, type PlacedGlyph } from './placed-glyphs';
import { renderPdfPage } from './render-page';
import { layOutStacks, stackedColumns } from './text-layer-stacks';
import { ACCENTED_LETTER, type DistrustedFont, type GlyphUse } from './text-layer-trust';
import { ruleBetween } from '../page/rule-between';
import { splitWhere } from '../page/split-where';

/** What re-reading a page's distrusted fonts gave: the page with their runs' text replaced, and each replaced run's box and confidence. */
export interface RecoveredPage {
  content: PageContent;
  words: RatedBox[];
  /** Runs whose text was replaced by what OCR read. */
  replaced: number;
  /** What was read of each run (`index` in `content.runs`): the document's other pages may settle it (`settleGlyphReads`). */
  reads: RunRead[];
  /** The glyphs each font draws on the page. */
  glyphs: ReadonlyMap<string, GlyphUse[]>;
  /** Boxes of the glyphs the text layer has no run for, read by OCR. */
  unlayered: RatedBox[];
  /** Each drawn glyph's pool key paired with the key of the glyph drawn as it turned half round (`ShapeBook.halfTurns`). */
  turned: ReadonlyMap<string, string>;
}

/** A run of the text layer as printed, what OCR read in it, and what is known of its font. */
export interface RunRead {
  index: number;
  run: TextRun;
  read: ReadChar[];
  font: FontState;
  /** Where the run's glyphs are drawn, when known: then `read` is one read a glyph (null: none read in its box). */
  glyphs?: GlyphReads;
}

/** A run's drawn glyphs, one a non-blank character, and what OCR read in each one's box. */
export interface GlyphReads {
  slots: GlyphSlot[];
  read: Array<ReadChar | null>;
  /** A glyph's box held no character or more than one: the reader dropped or added one. */
  miscounted: boolean;
}

/** Runs on one line closer than this (in font sizes) are read together: the reader sees their context. */
const JOIN_GAP = 1.5;
/** White kept around a line for the reader, in font sizes. */
const PAD = 0.35;
/**
 * A distrusted font whose plausible characters OCR confirms at least this often has a map that is
 * wrong only for its implausible glyphs; below, none of its characters is kept.
 */
const MAP_MOSTLY_RIGHT = 0.8;
/** Fewer compared characters than this say nothing about the rest of a font's map. */
const MIN_COMPARED = 3;

/**
 * Re-reads the text that distrusted fonts print, by OCR of the rendered page, keeping the text
 * layer's positions: each line holding such a run is read whole (the reader needs the context
 * of its neighbours), its characters given to the runs their centres fall in. A font whose map
 * is right except for its implausible glyphs keeps its other characters; a font whose plausible
 * characters OCR mostly contradicts is read entirely by OCR. The other fonts of those lines are
 * checked too (a producer that broke one font's map broke its neighbours' alike, in ways no one
 * font shows: `成` as `r`, `。` as `2`): a glyph an em wide that the layer calls a Latin letter,
 * digit or mark but that reads as something else is replaced. Where a font gives each character
 * to one glyph only, the reads of one glyph's instances are pooled (a glyph map per font).
 * Null when the rendered page does not line up with the text layer (a page whose text runs
 * another way than it is displayed): the caller reads that page by OCR whole.
 */
export async function recoverTextLayer(
  page: PdfPage,
  content: PageContent,
  distrusted: DistrustedFont[],
  glyphs: ReadonlyMap<string, GlyphUse[]>,
  config: OcrConfig,
): Promise<RecoveredPage | null> {
  const items = (await page.getTextContent()).items;
  const fontOf = runFonts(items, content.runs);
  const judged = new Map(distrusted.map((d) => [d.font, d]));
  const image = await renderPdfPage(page, config.dpi);
  const px = image.dpi / 72;
  if (Math.abs(image.width / px - content.width) > 2 || Math.abs(image.height / px - content.height) > 2) return null;
  const placed = await placeGlyphs(page, textView(page, items).view, new Set(judged.keys()));
  // Paths drawn inside a glyph's box are the glyph's own strokes (text drawn again as outlines), not ruling lines.
  content = { ...content, segments: content.segments.filter((s) => !placed.some((g) => within(s, g))) };
  const clean = eraseSegments(image, content.segments);
  // The distrusted fonts' runs with every glyph they draw, glyphs the layer left out (whitespace codes) as unmapped.
  for (const d of distrusted) d.wrong.add(UNMAPPED_GLYPH);
  const drawn = withDrawnGlyphs(content.runs, fontOf, placed, clean);
  return readDrawnRuns({ ...content, runs: drawn.runs }, drawn.slots, fontOf, judged, placed, clean, glyphs, config);
}

/**
 * Reads a page's runs whose glyphs are known (`slots`, from a font's drawing or from outlines)
 * in the clean page image (its rules erased): the lines holding runs of the `judged` fonts, and
 * stacked columns, by OCR; each glyph given its read, pooled over its instances (and, per font,
 * `halfTurns`'s glyph codes drawn as another turned half round, over the other's).
 */
export async function readDrawnRuns(
  content: PageContent,
  slotsOf: Map<TextRun, GlyphSlot[]>,
  fontOf: Map<TextRun, string>,
  judged: ReadonlyMap<string, DistrustedFont>,
  placed: PlacedGlyph[],
  clean: GrayImage,
  glyphs: ReadonlyMap<string, GlyphUse[]>,
  config: OcrConfig,
  halfTurns: ReadonlyMap<string, ReadonlyMap<number, number>> = new Map(),
): Promise<RecoveredPage> {
  const px = clean.dpi / 72;
  const turned = new Map([...halfTurns].flatMap(([font, pairs]) => [...pairs].map(([code, other]) => [codeKey(font, code), codeKey(font, other)] as const)));
  // Runs of a distrusted font, and runs of the others that set a Latin character an em wide.
  const suspect = (run: TextRun) => judged.has(fontOf.get(run) ?? '') || (fullWidth(run, chars(run.text).length) && chars(run.text).some((c) => LATIN.test(c)));
  // Characters stacked one a line in a narrow cell are read as the column they make, not one by one.
  const stacks = stackedColumns(content.runs, content.segments).filter((stack) => stack.some(suspect));
  const stacked = new Set(stacks.flat());
  // Each line reaches out to the cell borders beside it: a glyph that decodes to nothing may open or close it.
  const lines: TextRun[][] = [];
  const bounded: TextRun[][] = [];
  for (const line of readableLines(content.runs.filter((run) => !stacked.has(run)), content.segments)) {
    const wide = withBorders(line, content.segments);
    if (!line.some(suspect) && !inkedGap(wide, clean)) continue;
    lines.push(line);
    bounded.push(wide);
  }
  if (lines.length === 0 && stacks.length === 0) return { content, words: [], replaced: 0, reads: [], glyphs, unlayered: [], turned };
  const cells = bounded.map((line) => lineRegion(line, px, clean));
  const { words } = lines.length > 0 ? await readRegions(clean, cells, config) : { words: [] };
  const reads = stacks.length > 0 ? await readStacks(stacks, clean, config) : new Map<TextRun, ReadChar[]>();
  const read = readChars(words, px);
  // Lines whose regions overlap read the same ink twice: only characters no run holds can be glyphs the layer lost.
  const unplaced = distinct(read.filter((c) => !content.runs.some((run) => c.x >= run.x0 && c.x <= run.x1 && onLine(c, run))));
  const found: Array<TextRun & { confidence: number }> = [];
  const perGlyph = new Map<TextRun, GlyphReads>();
  // A stacked character read alone is its glyph's read (a stack's runs are one printed character each).
  for (const run of stacked) {
    const slots = slotsOf.get(run);
    const own = reads.get(run)?.[0] ?? null;
    if (!slots) continue;
    const first = slots.findIndex((s) => s.inked);
    perGlyph.set(run, { slots, read: slots.map((_, i) => (i === first ? own : null)), miscounted: first < 0 || own === null });
  }
  lines.forEach((line, i) => {
    for (const run of line) {
      const slots = slotsOf.get(run);
      if (slots) {
        const glyphRead = slotReads(read, run, slots);
        perGlyph.set(run, glyphRead);
        reads.set(run, glyphRead.read.filter((c): c is ReadChar => c !== null));
      } else reads.set(run, charsIn(read, run));
    }
    // A gap's read is a glyph the layer lost only where a glyph is drawn in it (not a cell border's remnant).
    found.push(...unlayeredGlyphs(bounded[i]!, unplaced).filter((gap) => placed.some((g) => (g.x0 + g.x1) / 2 > gap.x0 && (g.x0 + g.x1) / 2 < gap.x1 && (g.y0 + g.y1) / 2 > gap.y0 && (g.y0 + g.y1) / 2 < gap.y1)));
  });
  // A glyph the layer gives no advance (its font's widths say 0 where its program draws an em)
  // leaves its run no box of its own to read: the read in the gap it opens is its character.
  const unboxed = new Set(content.runs.filter((run) => judged.has(fontOf.get(run) ?? '') && run.x1 - run.x0 < EMPTY_RUN * run.size && found.some((gap) => holds(gap, run))));
  content = { ...content, runs: content.runs.filter((run) => !unboxed.has(run)) };
  const runReads: RunRead[] = content.runs.flatMap((run, index) => {
    const read = reads.get(run);
    const font = fontOf.get(run) ?? '';
    const glyphs = perGlyph.get(run);
    return read ? [{ index, run, read, font: { font, wrong: judged.get(font)?.wrong ?? new Set<string>(), whole: judged.get(font)?.whole ?? false }, ...(glyphs ? { glyphs } : {}) }] : [];
  });
  const unlayered = found.map((run) => ({ x0: run.x0, y0: run.y0, x1: run.x1, y1: run.y1, confidence: run.confidence, correction: null }));
  const recovered: RecoveredPage = {
    content: { ...content, runs: [...content.runs, ...found.map(({ confidence: _, ...run }) => run)] },
    words: [],
    replaced: 0,
    reads: runReads,
    glyphs,
    unlayered,
    turned,
  };
  settleGlyphReads([recovered]);
  return recovered;
}

/**
 * Puts in each read run's text with a glyph map pooled over the given pages (a document's: a
 * glyph read `。` on one page and `2` on another is `。` on both), and lists the replaced runs'
 * boxes. A font is pooled only where it gives each glyph a character of its own on every page.
 */
export function settleGlyphReads(pages: RecoveredPage[]): void {
  // Whether a font's map is wrong throughout is judged on all the pages' reads together: one page may compare too few characters.
  const whole = wholeFonts(pages.flatMap((p) => p.reads));
  for (const { font } of pages.flatMap((p) => p.reads)) font.whole ||= whole.has(font.font);
  const oneGlyph = oneGlyphPerChar(pages.map((p) => p.glyphs));
  const glyphMap = poolGlyphReads(
    pages.flatMap((p) => p.reads),
    (font) => oneGlyph.has(font),
  );
  const turned = new Map(pages.flatMap((p) => [...p.turned]));
  for (const [key, pooled] of poolDrawnGlyphs(pages.flatMap((p) => p.reads), turned)) glyphMap.set(key, pooled);
  const inkedCodes = new Set(pages.flatMap((p) => p.reads.flatMap(({ font, glyphs }) => (glyphs?.slots ?? []).filter((s) => s.inked).map((s) => codeKey(font.font, s.code)))));
  const forms = markForms(pages.flatMap((p) => p.reads), glyphMap);
  for (const page of pages) {
    const words: RatedBox[] = [];
    const unread: RatedBox[] = [];
    const advances = new Map([...page.glyphs].flatMap(([font, uses]) => uses.map((u) => [codeKey(font, u.code), u.em] as const)));
    for (const { index, run, read, font, glyphs } of page.reads) {
      if (glyphs) {
        const settled = settledGlyphs(run, glyphs, font, glyphMap, inkedCodes, advances, forms);
        page.content.runs[index] = { ...run, text: settled.text };
        if (settled.text !== run.text || settled.confidence < 100) {
          // Its text goes with it: a cell the page break cuts finds its tail's reads on the next page by it (`rateCells`).
          words.push({ x0: run.x0, y0: run.y0, x1: run.x1, y1: run.y1, confidence: settled.confidence, correction: null, layered: true, text: settled.text });
        }
        continue;
      }
      const text = recoveredText(run, read, font, glyphMap);
      const replaced = text !== null && text !== run.text;
      page.content.runs[index] = replaced ? { ...run, text } : run;
      if (replaced) words.push({ x0: run.x0, y0: run.y0, x1: run.x1, y1: run.y1, confidence: Math.min(...read.map((c) => c.confidence)), correction: null, layered: true });
      // A glyph that cannot be right and that OCR read nothing for keeps its wrong text, which the
      // cell drops (a control character): rated 0, its cell says it was not read.
      else if (read.length === 0 && (font.whole || chars(run.text).some((c) => font.wrong.has(c)))) {
        unread.push({ x0: run.x0, y0: run.y0, x1: run.x1, y1: run.y1, confidence: 0, correction: null, layered: true });
      }
    }
    page.words = [...words, ...page.unlayered, ...unread];
    page.replaced = words.length + page.unlayered.length;
  }
}

/**
 * A run whose glyphs are known is worth no more than this where the reader dropped or added a
 * character in it, or read a glyph otherwise than its instances across the document agree on.
 */
const DOUBTED = 50;

/**
 * A run whose drawn glyphs are known, each glyph given one character: the read its instances agree
 * on across the document, else its own read, else (nothing read) its text as printed. Its
 * confidence: the lowest of its glyphs' (a pooled read's share of its votes), at most `DOUBTED`
 * where the reader dropped or added a character in it or read one against the pool, 0 where a
 * glyph the layer has no character for stayed unread.
 */
function settledGlyphs(
  run: TextRun,
  glyphs: GlyphReads,
  font: FontState,
  glyphMap: Map<string, ReadChar>,
  inkedCodes: ReadonlySet<string>,
  advances: ReadonlyMap<string, number>,
  forms: ReadonlyMap<string, MarkForm>,
): { text: string; confidence: number } {
  const emOf = (slot: GlyphSlot) => advances.get(codeKey(font.font, slot.code));
  /** Whether glyph `j` is a mark set a full em that glyph `i` touches: a pair CJK layout may compress one of. */
  const besideFullMark = (i: number, j: number) => {
    const [a, b] = [glyphs.slots[i]!, glyphs.slots[j]];
    if (!b || Math.max(b.x0 - a.x1, a.x0 - b.x1) > TOUCH * run.size || (emOf(b) ?? 0) < FULL_WIDTH_FORM) return false;
    const read = glyphMap.get(codeKey(font.font, b.code)) ?? glyphs.read[j];
    return read !== null && read !== undefined && CJK_MARK.test(toFullWidth(read.text));
  };
  let k = 0;
  let confidence = 100;
  const text = chars(run.text)
    .map((c) => {
      if (c.trim() === '') return c;
      const i = k++;
      const slot = glyphs.slots[i]!;
      const own = glyphs.read[i] ?? null;
      // A glyph that leaves ink nowhere in the document prints nothing, whatever its code decodes to
      // (a spacer after compressed punctuation); the gaps between runs still part words.
      if (!slot.inked && !inkedCodes.has(codeKey(font.font, slot.code))) return '';
      const pooled = glyphMap.get(codeKey(font.font, slot.code));
      // A glyph printed elsewhere that leaves no ink here (white, or lost in printing): known only from its other instances.
      if (!slot.inked) confidence = Math.min(confidence, DOUBTED);
      // The minority read of a glyph: the document's other instances outvote it, and it doubts its run.
      if (own && pooled && !same(own.text, pooled.text)) confidence = Math.min(confidence, DOUBTED);
      const read = pooled ?? own;
      if (!read) {
        if (c === UNMAPPED_GLYPH || font.whole || font.wrong.has(c)) confidence = 0;
        return c;
      }
      const wide = slot.x1 - slot.x0 >= 0.9 * run.size;
      if (!replaced(c, read.text, font, wide)) return c;
      confidence = Math.min(confidence, read.confidence);
      // An ideograph everyday Chinese does not print is more likely the reader's variant of one it does (`眞` for `真`): doubted.
      if (IDEOGRAPH.test(read.text) && !isEverydayChinese(read.text)) confidence = Math.min(confidence, DOUBTED);
      // A letter of a script these forms never print (`И` for a Zen Hei `≤`) is the reader's guess at a mark or a glyph: doubted.
      if (FOREIGN_LETTER.test(read.text)) confidence = Math.min(confidence, DOUBTED);
      // An ideograph read for a mark's ink is a misread however its instances agree (`、` in a thin face read `丶`):
      // doubted, and the mark the reader takes for that ideograph put in.
      if (slot.mark && IDEOGRAPH.test(read.text)) confidence = Math.min(confidence, DOUBTED);
      // A radical no text writes as a word is a mark misread, wherever the glyph's ink is not measured (a font's glyph box is its em, not its ink).
      const mark = MARK_MISREADS[read.text];
      if (mark) {
        confidence = Math.min(confidence, DOUBTED);
        return mark;
      }
      // The glyph's advance in its font's ems (a run's size is its height, not its em) says which form it is, whatever form the reader gave.
      const em = emOf(slot);
      if (em !== undefined) {
        if (em >= FULL_WIDTH_FORM) return toFullWidth(read.text);
        // Narrower than an em: the ASCII form, unless it touches a full-width mark, where CJK layout may
        // have set it compressed (`），`: the bracket's half-em form): that pair nothing decides, doubted.
        if (CJK_MARK.test(toFullWidth(read.text)) && (besideFullMark(i, i - 1) || besideFullMark(i, i + 1))) {
          confidence = Math.min(confidence, DOUBTED);
          return read.text;
        }
        return foldWidth(read.text);
      }
      // A mark whose ASCII form is narrow in every face, drawn with ink as wide as an ideograph's, is its full-width form (`＜`).
      if (slot.wide && narrowInAscii(foldWidth(read.text))) return toFullWidth(foldWidth(read.text));
      // A glyph without a font (an outline) has no advance: its form is its shape's, from the room its instances
      // between two glyphs have (`markForms`, `instanceForm`). A mark with two forms that nothing in the document decides, or that a
      // space after it may have widened, keeps the reader's form or the likelier one, doubted: the reader cannot
      // tell `,` from `，`.
      const form = instanceForm(forms.get(codeKey(font.font, slot.code)), slot);
      const twoForms = toFullWidth(foldWidth(read.text)) !== foldWidth(read.text);
      if (twoForms && (form === undefined ? slot.mark || narrowInAscii(foldWidth(read.text)) : !form.sure)) confidence = Math.min(confidence, DOUBTED);
      if (form === undefined) return read.text;
      return form.full ? toFullWidth(foldWidth(read.text)) : foldWidth(read.text);
    })
    .join('');
  return { text, confidence: glyphs.miscounted ? Math.min(confidence, DOUBTED) : confidence };
}

/** An outlined shape's form: full width or ASCII, and whether the print decides it. */
interface MarkForm {
  full: boolean;
  sure: boolean;
}

/**
 * One instance's form where its shape is ASCII: a CJK face may draw `:` and `：` with one outline
 * (the same two dots, only the advance differs), so an instance between two ideographs with an em
 * and more (`amid`, its run ended at its white or not) is the full-width form, or the ASCII one
 * with a space after it (a space as wide as the mark or wider): nothing decides it, it keeps the
 * shape's form, doubted.
 */
function instanceForm(form: MarkForm | undefined, slot: GlyphSlot): MarkForm | undefined {
  if (!form || form.full || slot.amid === undefined || slot.amid < FULL_WIDTH_FORM) return form;
  return { ...form, sure: false };
}

/**
 * Per outlined narrow shape (a glyph with no font advance), its form from the room its instances
 * printed between two glyphs have. A full-width form never has less than its em: one instance
 * with less, or with its ink nearer a neighbour's than a centred full-width form's (`snug`, not
 * for CJK marks, which sit at one side of their em), makes the shape ASCII, the others' room
 * being spaces after it, or the full-width form drawn with the same outline (`instanceForm`).
 * A shape with an em or more everywhere is full width; sure only where another shape read as the same character is
 * ASCII (a face has one glyph of each form: the contrast is the print's), since in a face whose
 * ASCII is half an em, an ASCII mark always followed by a space takes an em as well. No entry for
 * a shape never printed between two glyphs.
 */
function markForms(reads: RunRead[], glyphMap: ReadonlyMap<string, ReadChar>): Map<string, MarkForm> {
  const least = new Map<string, number>();
  const snug = new Set<string>();
  for (const { font, glyphs } of reads) {
    if (!glyphs) continue;
    const readOf = (j: number) => {
      const slot = glyphs.slots[j];
      return slot ? (glyphMap.get(codeKey(font.font, slot.code)) ?? glyphs.read[j])?.text : undefined;
    };
    const cjkMark = (j: number) => {
      const read = readOf(j);
      return read !== undefined && CJK_MARK.test(toFullWidth(read));
    };
    glyphs.slots.forEach((slot, i) => {
      // A mark set nearer its neighbour than a full-width form centred in its em could be is ASCII, whatever room the line gives it.
      if (slot.snug && !cjkMark(i)) snug.add(codeKey(font.font, slot.code));
      if (slot.advance === undefined) return;
      // Two CJK marks side by side, CJK layout may set one of them half an em (`），`, `）：`: Chromium's
      // text-spacing-trim, Word's punctuation compression): less room there says nothing of its form.
      if (slot.advance < FULL_WIDTH_FORM && cjkMark(i) && (cjkMark(i - 1) || cjkMark(i + 1))) return;
      const key = codeKey(font.font, slot.code);
      least.set(key, Math.min(least.get(key) ?? Infinity, slot.advance));
    });
  }
  const character = (key: string) => oneForm(glyphMap.get(key)?.text ?? '');
  const isAscii = (key: string) => (least.get(key) ?? Infinity) < FULL_WIDTH_FORM || snug.has(key);
  const keys = new Set([...least.keys(), ...snug]);
  const ascii = new Set([...keys].filter(isAscii).map(character));
  return new Map([...keys].map((key) => [key, isAscii(key) ? { full: false, sure: true } : { full: true, sure: character(key) !== '' && ascii.has(character(key)) }]));
}

/** Each opening bracket or quote and its closer, both ways: the marks a face draws as the other turned half round. */
const HALF_TURNED: ReadonlyMap<string, string> = new Map(
  [...OPENER, ['”', '“'], ['’', '‘']].flatMap(([closer, opener]) => [
    [closer!, opener!],
    [opener!, closer!],
  ]),
);

/** Straight quotes: marks that look the same turned half round. */
const SELF_TURNED = /^["']$/;

/** A drawn glyph's pool key: its font and its code (one glyph of one font wherever it is drawn in the document). */
const codeKey = (font: string, code: number) => `${font}\u0000#${code}`;

/**
 * The read each drawn glyph's instances agree on across the pages (confidence summed), from the
 * runs whose every glyph got one character: one glyph is one character everywhere it is drawn.
 * A glyph drawn as another turned half round (`turned`) that was read as an opening or closing
 * quote or bracket is that mark's other half where it was read as a straight quote, a mark that
 * looks the same turned, which its shape is not (the reader tells a face's `“` surely and reads its
 * `”` as `"`), or where it got no read of its own. Any other read stands (`<` is `>` turned, and the reader's `〉` for that `>` is no `〈` for it).
 */
function poolDrawnGlyphs(reads: RunRead[], turned: ReadonlyMap<string, string>): Map<string, ReadChar> {
  // Votes go to a character whatever its form (`,` and `，` are one vote); the form read most often stands for it.
  const votes = new Map<string, Map<string, number>>();
  const forms = new Map<string, Map<string, number>>();
  const add = (tallies: Map<string, Map<string, number>>, key: string, text: string, n: number) => {
    const tally = tallies.get(key) ?? new Map<string, number>();
    tally.set(text, (tally.get(text) ?? 0) + n);
    tallies.set(key, tally);
  };
  for (const { font, glyphs } of reads) {
    if (!glyphs || glyphs.miscounted) continue;
    glyphs.slots.forEach((slot, i) => {
      const read = glyphs.read[i];
      if (!read) return;
      const key = codeKey(font.font, slot.code);
      add(votes, key, oneForm(read.text), Math.max(1, read.confidence));
      add(forms, `${key}\u0000${oneForm(read.text)}`, read.text, 1);
    });
  }
  const pooled = winners(votes);
  for (const [key, read] of pooled) read.text = [...forms.get(`${key}\u0000${read.text}`)!].sort((a, b) => b[1] - a[1])[0]![0];
  for (const [key, other] of turned) {
    const [mine, theirs] = [pooled.get(key), pooled.get(other)];
    const half = theirs && HALF_TURNED.get(theirs.text);
    if (half && (mine === undefined || SELF_TURNED.test(oneForm(mine.text)))) pooled.set(key, { text: half, confidence: theirs.confidence });
  }
  return pooled;
}

const readRegions = (image: GrayImage, cells: Region[], config: OcrConfig) =>
  engineFor(config).read({ image, ink: binarise(image, otsuThreshold(image)), rules: { horizontal: [], vertical: [] }, cells, around: null }, config);

/** Each stacked character's read, from its column laid out as one line: in its slot, the character nearest the slot's middle. */
async function readStacks(stacks: TextRun[][], page: GrayImage, config: OcrConfig): Promise<Map<TextRun, ReadChar[]>> {
  const { image, cells, slots } = layOutStacks(stacks, page, PAD);
  const { words } = await readRegions(image, cells, config);
  const read = words.flatMap((w) => w.symbols.filter((s) => s.text.trim() !== '').map((s) => ({ text: s.text, confidence: w.confidence, x: (s.x0 + s.x1) / 2, y: (s.y0 + s.y1) / 2 })));
  const reads = new Map<TextRun, ReadChar[]>();
  for (const slot of slots) {
    const cell = cells[slot.cell]!;
    const middle = (slot.x0 + slot.x1) / 2;
    const mine = read.filter((c) => c.y >= cell.y0 && c.y <= cell.y1 && c.x >= slot.x0 && c.x < slot.x1).sort((a, b) => Math.abs(a.x - middle) - Math.abs(b.x - middle));
    reads.set(slot.run, mine.slice(0, 1).map(({ text, confidence }) => ({ text, confidence })));
  }
  return reads;
}

/**
 * The font each run was set in. Runs are the page's non-blank text items in order (some left
 * out: off the page), so each run is the next item with its text.
 */
function runFonts(items: Awaited<ReturnType<PdfPage['getTextContent']>>['items'], runs: TextRun[]): Map<TextRun, string> {
  const fonts = new Map<TextRun, string>();
  let next = 0;
  for (const item of items) {
    if (next >= runs.length) break;
    if (!('str' in item) || item.str !== runs[next]!.text) continue;
    fonts.set(runs[next]!, item.fontName);
    next++;
  }
  return fonts;
}

/** A run narrower than this (in font sizes) has no glyph box: the layer gave its glyphs no advance. */
const EMPTY_RUN = 0.1;

/** Whether a gap's read starts where a run of no width stands, on its line. */
const holds = (gap: TextRun, run: TextRun) =>
  run.x0 >= gap.x0 - EMPTY_RUN * run.size && run.x0 < gap.x1 && (run.y0 + run.y1) / 2 >= gap.y0 && (run.y0 + run.y1) / 2 <= gap.y1;

/** Whether a segment lies inside a glyph's box (its ink reaches a little below the baseline). */
export const within = (s: Segment, g: { x0: number; y0: number; x1: number; y1: number; size: number }) =>
  s.x0 >= g.x0 - 0.05 * g.size && s.x1 <= g.x1 + 0.05 * g.size && s.y0 >= g.y0 - 0.05 * g.size && s.y1 <= g.y1 + 0.2 * g.size;

/** Runs grouped into lines, each line cut where a gap or a ruling line parts its runs (table cells are read apart). */
function readableLines(runs: TextRun[], segments: Segment[]): TextRun[][] {
  const rows: TextRun[][] = [];
  for (const run of [...runs].sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2)) {
    const mid = (run.y0 + run.y1) / 2;
    const row = rows.find((r) => Math.abs((r[0]!.y0 + r[0]!.y1) / 2 - mid) < Math.min(r[0]!.size, run.size) * 0.5);
    if (row) row.push(run);
    else rows.push([run]);
  }
  const vertical = segments.filter((s) => s.x0 === s.x1);
  return rows.flatMap((row) =>
    splitWhere(
      row.sort((a, b) => a.x0 - b.x0),
      (last, run) => run.x0 - last.x1 > JOIN_GAP * Math.max(last.size, run.size) || ruleBetween(last, run, vertical),
    ),
  );
}

/**
 * The line with a run of no text standing for the cell border on either side, where a ruling
 * line crosses the line within a few ems of its ends.
 */
function withBorders(line: TextRun[], segments: Segment[]): TextRun[] {
  const first = line[0]!;
  const last = line[line.length - 1]!;
  const mid = (first.y0 + first.y1) / 2;
  const reach = 2.5 * first.size;
  const crossing = segments.filter((s) => s.x0 === s.x1 && s.y0 <= mid && s.y1 >= mid).map((s) => s.x0);
  const left = Math.max(...crossing.filter((x) => x < first.x0 && x > first.x0 - reach));
  const right = Math.min(...crossing.filter((x) => x > last.x1 && x < last.x1 + reach));
  const border = (x: number, edge: TextRun): TextRun => ({ text: '', x0: x, x1: x, y0: edge.y0, y1: edge.y1, size: edge.size });
  return [...(Number.isFinite(left) ? [border(left + 1, first)] : []), ...line, ...(Number.isFinite(right) ? [border(right - 1, last)] : [])];
}

/** Whether ink lies in a gap of an em or more between a line's runs: a glyph the text layer has no run for. */
function inkedGap(line: TextRun[], image: GrayImage): boolean {
  const px = image.dpi / 72;
  for (let i = 1; i < line.length; i++) {
    const [before, after] = [line[i - 1]!, line[i]!];
    const size = Math.min(before.size, after.size);
    if (after.x0 - before.x1 < 0.8 * size) continue;
    const x0 = Math.ceil((before.x1 + 0.1 * size) * px);
    const x1 = Math.floor((after.x0 - 0.1 * size) * px);
    const y0 = Math.ceil(Math.max(before.y0, after.y0) * px);
    const y1 = Math.floor(Math.min(before.y1, after.y1) * px);
    let ink = 0;
    for (let y = Math.max(0, y0); y <= Math.min(image.height - 1, y1); y++) {
      for (let x = Math.max(0, x0); x <= Math.min(image.width - 1, x1); x++) if (image.data[y * image.width + x]! < 128) ink++;
    }
    // A glyph's strokes, not a speck: a tenth of a small square of the gap.
    if (ink >= 0.1 * size * size * px * px * 0.1) return true;
  }
  return false;
}

/** A line's box in image pixels with white around it, inside the image. */
function lineRegion(line: TextRun[], px: number, image: GrayImage): Region {
  const size = Math.max(...line.map((r) => r.size));
  const clamp = (v: number, max: number) => Math.min(Math.max(Math.round(v), 0), max - 1);
  return {
    x0: clamp((Math.min(...line.map((r) => r.x0)) - PAD * size) * px, image.width),
    y0: clamp((Math.min(...line.map((r) => r.y0)) - PAD * size) * px, image.height),
    x1: clamp((Math.max(...line.map((r) => r.x1)) + PAD * size) * px, image.width),
    y1: clamp((Math.max(...line.map((r) => r.y1)) + PAD * size) * px, image.height),
  };
}

/** The page image with its ruling lines painted over: a cell border next to text reads as `|` or `1`. */
export function eraseSegments(image: GrayImage, segments: Segment[]): GrayImage {
  const data = new Uint8Array(image.data);
  const px = image.dpi / 72;
  const band = Math.max(2, Math.round(px));
  for (const s of segments) {
    const x0 = Math.max(0, Math.floor(s.x0 * px) - band);
    const x1 = Math.min(image.width - 1, Math.ceil(s.x1 * px) + band);
    const y0 = Math.max(0, Math.floor(s.y0 * px) - band);
    const y1 = Math.min(image.height - 1, Math.ceil(s.y1 * px) + band);
    // Only a line's own band: a rule is thin across its length, so text beside it is kept.
    const thin = s.x0 === s.x1 ? x1 - x0 <= 4 * band : y1 - y0 <= 4 * band;
    if (!thin) continue;
    for (let y = y0; y <= y1; y++) data.fill(255, y * image.width + x0, y * image.width + x1 + 1);
  }
  return { ...image, data };
}

interface ReadChar {
  text: string;
  confidence: number;
}
type PlacedChar = ReadChar & { x: number; y: number };

/** Every character OCR read, at its centre in page points. */
function readChars(words: OcrWord[], px: number): PlacedChar[] {
  return words.flatMap((w) =>
    w.symbols.filter((s) => s.text.trim() !== '').map((s) => ({ text: s.text, confidence: w.confidence, x: (s.x0 + s.x1) / 2 / px, y: (s.y0 + s.y1) / 2 / px })),
  );
}

/** One of each character read twice at one place (within 4 points). */
function distinct(read: PlacedChar[]): PlacedChar[] {
  const out: PlacedChar[] = [];
  for (const c of read) if (!out.some((o) => o.text === c.text && Math.hypot(o.x - c.x, o.y - c.y) < 4)) out.push(c);
  return out;
}

const onLine = (c: PlacedChar, run: TextRun) => c.y >= run.y0 - run.size * 0.25 && c.y <= run.y1 + run.size * 0.25;

/**
 * The characters OCR read in the run's box, left to right. A run of glyphs an em wide each is
 * read slot by slot: in each em, the character nearest its middle (a reader's character spans
 * are rough: `），` read over one bracket's em gives the comma to the next).
 */
function charsIn(read: PlacedChar[], run: TextRun): ReadChar[] {
  const inside = read.filter((c) => c.x >= run.x0 && c.x <= run.x1 && onLine(c, run)).sort((a, b) => a.x - b.x);
  const slots = Math.round((run.x1 - run.x0) / run.size);
  if (slots < 1 || Math.abs(run.x1 - run.x0 - slots * run.size) > 0.15 * run.size || inside.length <= slots) return inside;
  return Array.from({ length: slots }, (_, i) => {
    const middle = run.x0 + (i + 0.5) * run.size;
    const mine = inside.filter((c) => Math.abs(c.x - middle) <= run.size / 2);
    return mine.sort((a, b) => Math.abs(a.x - middle) - Math.abs(b.x - middle))[0];
  }).filter((c): c is PlacedChar => c !== undefined);
}

/**
 * What OCR read in each glyph box of a run: each character read on the run's line goes to the
 * glyph whose box is nearest its centre, and each glyph keeps the one nearest its middle. A glyph
 * left with none, or with more than one, is a character the reader dropped or added.
 */
function slotReads(read: PlacedChar[], run: TextRun, slots: GlyphSlot[]): GlyphReads {
  const mid = (s: GlyphSlot) => (s.x0 + s.x1) / 2;
  const first = slots[0];
  const last = slots[slots.length - 1];
  const bySlot: PlacedChar[][] = slots.map(() => []);
  // Only a glyph that leaves ink can hold a character: a mark set narrow reads centred on the blank after it.
  const inked = slots.flatMap((s, i) => (s.inked ? [i] : []));
  if (first && last && inked.length > 0) {
    for (const c of read) {
      if (c.x < first.x0 || c.x > last.x1 || !onLine(c, run)) continue;
      const best = inked.reduce((b, i) => (Math.abs(c.x - mid(slots[i]!)) < Math.abs(c.x - mid(slots[b]!)) ? i : b));
      bySlot[best]!.push(c);
    }
  }
  return {
    slots,
    read: bySlot.map((cs, i) => cs.sort((a, b) => Math.abs(a.x - mid(slots[i]!)) - Math.abs(b.x - mid(slots[i]!)))[0] ?? null).map((c) => (c ? { text: c.text, confidence: c.confidence } : null)),
    miscounted: inked.some((i) => bySlot[i]!.length !== 1),
  };
}

/**
 * Glyphs that decode to nothing leave no run: where a line's runs leave a gap of an em or more
 * and OCR read characters in it, those characters become a run of their own.
 */
function unlayeredGlyphs(line: TextRun[], read: PlacedChar[]): Array<TextRun & { confidence: number }> {
  const out: Array<TextRun & { confidence: number }> = [];
  for (let i = 1; i < line.length; i++) {
    const [before, after] = [line[i - 1]!, line[i]!];
    const size = Math.min(before.size, after.size);
    if (after.x0 - before.x1 < 0.8 * size) continue;
    const gap = read.filter((c) => c.x > before.x1 && c.x < after.x0 && onLine(c, before)).sort((a, b) => a.x - b.x);
    if (gap.length === 0) continue;
    out.push({
      text: gap.map((c) => c.text).join(''),
      x0: before.x1,
      x1: after.x0,
      y0: Math.min(before.y0, after.y0),
      y1: Math.max(before.y1, after.y1),
      size,
      confidence: Math.min(...gap.map((c) => c.confidence)),
    });
  }
  return out;
}

const chars = (text: string) => [...text];
/** Each of the run's `count` characters takes an em or more, as ideographs do. */
const fullWidth = (run: TextRun, count: number) => run.x1 - run.x0 >= run.size * 0.9 * Math.max(1, count);

/** Distrusted fonts whose plausible characters OCR mostly contradicts: their map is wrong throughout. */
function wholeFonts(reads: RunRead[]): Set<string> {
  const tally = new Map<string, { same: number; compared: number }>();
  for (const { run, read, font, glyphs } of reads) {
    if (font.wrong.size === 0) continue;
    // A run whose glyphs are known compares each glyph with its own read; others only when the counts agree.
    const printed = glyphs ? chars(run.text).filter((c) => c.trim() !== '') : chars(run.text);
    const readOf = glyphs ? glyphs.read : read;
    if (printed.length !== readOf.length) continue;
    const t = tally.get(font.font) ?? { same: 0, compared: 0 };
    printed.forEach((c, i) => {
      const r = readOf[i];
      if (font.wrong.has(c) || !r) return;
      t.compared++;
      if (same(r.text, c)) t.same++;
    });
    tally.set(font.font, t);
  }
  return new Set([...tally].filter(([, t]) => t.compared >= MIN_COMPARED && t.same / t.compared < MAP_MOSTLY_RIGHT).map(([font]) => font));
}

const glyphKey = (font: string, char: string) => `${font}\u0000${char}`;

/** Fonts that decode each of the glyph codes they draw on the pages to a character of its own. */
function oneGlyphPerChar(pages: Array<ReadonlyMap<string, GlyphUse[]>>): Set<string> {
  const codes = new Map<string, Map<string, Set<number>>>();
  for (const glyphs of pages) {
    for (const [font, uses] of glyphs) {
      const byChar = codes.get(font) ?? new Map<string, Set<number>>();
      codes.set(font, byChar);
      for (const u of uses) if (!u.isSpace) byChar.set(u.unicode, (byChar.get(u.unicode) ?? new Set()).add(u.code));
    }
  }
  return new Set([...codes].filter(([, byChar]) => !byChar.has('') && [...byChar.values()].every((c) => c.size === 1)).map(([font]) => font));
}

/**
 * A glyph map per font: for each character of a font that decodes each glyph to its own
 * character, the read its instances agree on most (confidence summed).
 */
function poolGlyphReads(reads: RunRead[], pooled: (font: string) => boolean): Map<string, ReadChar> {
  const votes = new Map<string, Map<string, number>>();
  for (const { run, read, font, glyphs } of reads) {
    const printed = chars(run.text);
    // Runs whose glyphs are known are pooled by glyph code (`poolDrawnGlyphs`): their characters stand for no one glyph.
    if (!pooled(font.font) || printed.length !== read.length || glyphs) continue;
    printed.forEach((c, i) => {
      const key = glyphKey(font.font, c);
      const tally = votes.get(key) ?? new Map<string, number>();
      tally.set(read[i]!.text, (tally.get(read[i]!.text) ?? 0) + read[i]!.confidence);
      votes.set(key, tally);
    });
  }
  return winners(votes);
}

/** Each key's read with the most votes; its confidence, its share of all the votes. */
function winners(votes: Map<string, Map<string, number>>): Map<string, ReadChar> {
  const map = new Map<string, ReadChar>();
  for (const [key, tally] of votes) {
    const [text, total] = [...tally].sort((a, b) => b[1] - a[1])[0]!;
    const all = [...tally.values()].reduce((a, b) => a + b, 0);
    map.set(key, { text, confidence: all > 0 ? Math.round((100 * total) / all) : 0 });
  }
  return map;
}

/** What is known of a run's font: its characters that cannot be right, and whether its whole map is wrong. */
export interface FontState {
  font: string;
  wrong: Set<string>;
  whole: boolean;
}

/** Latin letters, digits and marks (ASCII, Latin-1, Latin Extended): what a broken map turns ideographs into. */
const LATIN = /^[!-~\u00a1-\u024f]$/;
/** A character's one form: NFKC, ideographs unified (`，` is `,`, `⼆` is `二`). */
const oneForm = (c: string) => unifyIdeographs(c.normalize('NFKC'));
/** One character whatever its form: full-width or not, a radical or its unified ideograph (`⼆` is `二`). */
const same = (a: string, b: string) => oneForm(a) === oneForm(b);

/**
 * Whether a glyph's text is to be replaced by its read: every glyph of a font read whole; a
 * character that cannot be right; a full-width glyph the layer calls an accented letter that
 * reads as anything else, an ASCII letter that reads as no letter (`①` set as `d`), an ASCII
 * digit that reads as a mark, or an ASCII digit or mark that reads as no Latin character at all
 * (a full-width `２` mapped to `2` reads `2` and stays; `Z` read for it is a misread and changes nothing).
 */
function replaced(c: string, read: string, font: FontState, fullWidth: boolean): boolean {
  if (font.whole || font.wrong.has(c)) return true;
  if (!fullWidth || !LATIN.test(c) || same(c, read)) return false;
  const plain = read.normalize('NFKC');
  return ACCENTED_LETTER.test(c) || (LETTER.test(c) && !LETTER.test(plain)) || (DIGIT.test(c) && MARK.test(plain)) || !LATIN.test(plain);
}

const LETTER = /^[A-Za-z]$/;
const IDEOGRAPH = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/;
/** A letter neither Chinese nor Latin writes (Cyrillic, Greek, Hangul, …). */
const FOREIGN_LETTER = /(?=\p{L})[^\p{Script=Han}\p{Script=Latin}]/u;
const DIGIT = /^[0-9]$/;
/** ASCII marks: a full-width glyph the layer calls a digit that reads as one is a bracket or stop under a wrong map (`〔` as `4`, read `[`). */
const MARK = /^[!-/:-@[-`{-~]$/;

/**
 * The run's text with what OCR read put in where `replaced` says (from the font's glyph map
 * where it has one). When the reader found another number of characters than the text layer
 * holds (glyphs that decode to nothing), the read stands for the whole run if the run's font is
 * distrusted and the run needs it. Null: nothing to change.
 */
function recoveredText(run: TextRun, read: ReadChar[], font: FontState, glyphMap: Map<string, ReadChar>): string | null {
  const printed = chars(run.text);
  const wide = fullWidth(run, Math.max(printed.length, read.length));
  const form = (c: string) => (wide ? toFullWidth(c) : c);
  if (printed.length !== read.length) {
    const needs = font.whole || printed.some((c) => font.wrong.has(c));
    return needs && read.length > 0 ? read.map((c) => form(c.text)).join('') : null;
  }
  return printed
    .map((c, i) => {
      const r = glyphMap.get(glyphKey(font.font, c))?.text ?? read[i]!.text;
      return replaced(c, r, font, wide) ? form(r) : c;
    })
    .join('');
}

/**
 * A glyph this wide (in font sizes) is set one em, as full-width forms are; CJK fonts' own ASCII
 * marks are proportional and stop short of it (Noto Sans CJK's `%` is 0.921 em), so a mark read
 * from one of those stays ASCII.
 */
const FULL_WIDTH_FORM = 0.98;

/** Glyph boxes this close (in font sizes) touch: one follows the other with no space between. */
const TOUCH = 0.1;
/** CJK brackets, stops and quotes: what CJK layout sets an em wide, and where two meet, compresses one to half an em (`），`). */
const CJK_MARK = /^[\u2018\u2019\u201c\u201d\u3001\u3002\u3008-\u3011\u3014-\u301f\uff01\uff08\uff09\uff0c\uff0e\uff1a\uff1b\uff1f\uff3b\uff3d\uff5b\uff5d\uff5f-\uff65]$/;

/**
 * ASCII marks narrower than an ideograph's ink in every face, whose full-width forms are not
 * (brackets, stops, comparison marks; `%` and `@` are as wide in a CJK face's own ASCII).
 */
const narrowInAscii = (c: string) => c !== toFullWidth(c) && (CJK_MARK.test(toFullWidth(c)) || /^[<=>]$/.test(c));

/** ASCII punctuation read from a glyph a full em wide is its full-width form (`:` → `：`). */
const toFullWidth = (c: string) => (/^[!-/:-@[-`{-~]$/.test(c) ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c);
