import type { PageContent, Segment, TextRun } from '../../schemas/page';
import { readComparisonMarks, symbolMark } from './comparison-marks';
import { correctWord } from './correct-numbers';
import { measureSkew, rotateImage } from './deskew';
import { despeckle } from './despeckle';
import { binarise, eraseRules, otsuThreshold, ruleThreshold } from './detect-rules';
import { stretchLevels, toPoints, type GrayImage } from './gray-image';
import { isBilevel, soften } from './bilevel';
import { endingColumns, type ColumnCarry } from './carried-columns';
import { flattenPaper } from './flatten-paper';
import { gutterColumns } from './gutter-columns';
import { inferRows } from './inferred-rows';
import { settleHeaderWords } from './header-words';
import { joinWords } from './join-words';
import { withMisreadMarks } from './mark-misreads';
import { settleLevelHeaders } from './level-headers';
import { settleLevelNames } from './level-names';
import { median } from '../page/median';
import { centreIn, medianLineHeight, type Region } from './missed-text';
import { ocrConfig, type OcrConfig } from './config';
import { turnImage, uprightTurns, type QuarterTurns } from './orientation';
import type { OcrEngine } from './engine';
import { ppocrEngine } from './ppocr/engine';
import { settleCellPunctuation } from './punctuation-width';
import { pageRules } from './page-rules';
import { settleTemplateNumbers } from './template-numbers';
import { tesseractEngine } from './tesseract-engine';
import { cutAtGutters, gutterRules, textGutters } from './text-gutters';
import { pageTables, withoutDust } from './table-cells';
import { unreadCells } from './unread-ink';
import { splitAtRules, tightenBox, trimRuleMarks } from './word-boxes';

/** A word's box in page points (as `TextRun`) with the reader's confidence, 0–100. */
export interface RatedBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  confidence: number;
  /** The number post-correction made to this word, `read → kept`. */
  correction: string | null;
  /**
   * The word lies in a table whose rows were cut at its text's gaps (`inferRows`), or on a page
   * without ruled tables, where any table is found by where its text stands: a guess of structure.
   */
  rowsInferred?: boolean;
  /** A mark of the word whose printed width could not be told, kept as read (`「，」 in 「已按工作要求，2023年」`). */
  doubt?: string;
  /** The word as read, where it is one: a cell stitched across a page break is rated by it on the next page. */
  text?: string;
  /** A run of a PDF text layer re-read in place: its glyphs' widths are printed, its brackets are not re-paired. */
  layered?: true;
}

export interface OcrPage {
  /** What the page draws, as a text-layer page would give it: the table code takes it from here. */
  content: PageContent;
  /** Every word's box and confidence, to rate the cells built from them. */
  words: RatedBox[];
  /** The tilt that was corrected, in degrees. */
  skewDegrees: number;
  /** The quarter turns (clockwise) that made the page upright. */
  quarterTurns: QuarterTurns;
  /** The words came from the cache (this image was read before). */
  cached: boolean;
}

/**
 * Reads a page image into page content: its paper made white (`flattenPaper`), turned upright
 * (`uprightTurns`), straightened, its ruling lines found and erased, its
 * levels stretched and its specks removed, its cells cut out and read by the engine; words
 * turned into text runs as printed (boxes in points: pixels × 72 / dpi), each mark given the
 * width its ink shows and numbers corrected by their context.
 */
export async function ocrPageImage(scanned: GrayImage, page: number, config: OcrConfig = ocrConfig(), carry?: ColumnCarry): Promise<OcrPage> {
  // A bilevel page (a fax) has its specks erased before it is straightened: interpolated, a
  // speck turns into a gray smudge lighter than the ink's threshold, that `despeckle` no longer
  // takes and the read around the tables takes for dots (`. ·`), lines between a table and its
  // continuation on the next page.
  const bilevel = isBilevel(scanned);
  const flat = flattenPaper(bilevel ? despeckle(scanned) : scanned);
  // Straightened before the turn is chosen (rules and tilt turn with the page); a page turned a
  // quarter is measured again upright, where its text lines lie across.
  // Otsu's level depends on the histogram alone, which turning a page (or a tilt too small to
  // correct: `rotateImage` returns the image) leaves as it is: each level and ink mask is made
  // once and turned with the page, not made again from the turned page.
  const flatLevel = otsuThreshold(flat);
  const flatInk = binarise(flat, flatLevel);
  // The tilt is measured on the rules as the rule finder sees them, down to the paper's noise: a
  // tilted hairline falls between pixel rows in light gray, and at the ink's level only dashes of
  // it are left, no longer than a character's strokes. Made only for a page whose ink holds long
  // runs (`measureSkew` asks), once, and turned with the page.
  let ruleInk: Uint8Array | undefined;
  const flatRuleInk = () => (ruleInk ??= binarise(flat, ruleThreshold(flat, flatLevel)));
  const tilt = measureSkew(flat, flatInk, flatRuleInk);
  const straight = rotateImage(flat, tilt);
  const straightLevel = straight === flat ? flatLevel : otsuThreshold(straight);
  const quarterTurns = await uprightTurns(straight, config.workers, straight === flat ? flatInk : binarise(straight, straightLevel));
  const image = turnImage(flat, quarterTurns);
  const skewDegrees = quarterTurns % 2 === 0 ? tilt : measureSkew(image, turnImage({ ...flat, data: flatInk }, quarterTurns).data, () => turnImage({ ...flat, data: flatRuleInk() }, quarterTurns).data);
  const upright = quarterTurns % 2 === 0 ? turnImage(straight, quarterTurns) : rotateImage(image, skewDegrees);
  const uprightLevel = quarterTurns % 2 === 0 ? straightLevel : upright === image ? flatLevel : otsuThreshold(upright);
  // A bilevel page's hairlines may have come out in dashes: they are its rows, and erased with the
  // rest; the borders that end on them are its columns.
  const found = pageRules(upright, uprightLevel, bilevel);
  const clean = withoutDust(despeckle(stretchLevels(eraseRules(upright, found))));
  const ink = binarise(clean, otsuThreshold(clean));
  // A bilevel page's tables that lost every rule get columns at their text's gutters.
  // A table the page before ended on may go on at its top in the same columns (`carry`).
  const above = bilevel ? ((await carry?.above(page)) ?? null) : null;
  const guttered = bilevel ? gutterColumns(ink, clean.width, clean.height, found, clean.dpi, above) : { vertical: [], tables: [] };
  const columned = { ...found, vertical: [...found.vertical, ...guttered.vertical] };
  carry?.ends(page, endingColumns(columned, clean.width, clean.dpi));
  // A table that kept its columns but lost its horizontal rules gets rows cut at its text's gaps.
  const inferred = inferRows(ink, clean.width, clean.height, columned, clean.dpi);
  const rules = { ...columned, horizontal: [...found.horizontal, ...inferred.horizontal] };
  const pt = (px: number) => toPoints(px, image.dpi);
  const segments: Segment[] = [
    ...rules.horizontal.map((h) => ({ x0: pt(h.x0), x1: pt(h.x1), y0: pt(h.y0), y1: pt(h.y0) })),
    ...rules.vertical.map((v) => ({ x0: pt(v.x0), x1: pt(v.x0), y0: pt(v.y0), y1: pt(v.y1) })),
  ];
  const { cells, around } = pageTables(clean, segments, page);
  // A bilevel page (a fax) is read softened: the recogniser was trained on gray text.
  const read = await engineFor(config).read({ image: bilevel ? soften(clean) : clean, ink, rules, cells, around }, config);
  const lineHeight = medianLineHeight(read.words, clean.dpi);
  // Comparison marks the reader misread in a face it does not know (`≥` as `V`) are read from their strokes.
  const { words, changed: marks } = config.corrections ? readComparisonMarks(read.words, cells, ink, clean.width, lineHeight) : { words: read.words, changed: [] };
  // A page without ruled tables may print one without rules, which the page engine finds by where
  // its text stands (as in a text layer): its lines are cut at their gutters, and spaced words kept
  // apart (`joinWords`). Rows and columns so found are a guess of structure: its words say so.
  const unruled = cells.length === 0;
  const boxed = words
    .flatMap((w) => trimRuleMarks(w, rules, lineHeight))
    .flatMap((w) => splitAtRules(w, rules))
    .map((w) => tightenBox(w, ink, clean.width, clean.height));
  const gutters = unruled ? textGutters(boxed, ink, clean.width) : [];
  const cuts = { ...rules, vertical: [...rules.vertical, ...gutterRules(gutters)] };
  const pieces = boxed.flatMap((w) => cutAtGutters(w, gutters));
  // Font size from the ink: a run's own height, but not less than most of a line (`ac` is short);
  // within a fifth of the body size it is the body size (ink heights of one type size differ
  // by a point or two: `“优”。` is shorter than `等级为`, yet one paragraph goes on).
  const body = median(pieces.map((w) => w.y1 - w.y0)) ?? lineHeight;
  const fontSize = (h: number) => pt(Math.abs(h - body) <= 0.2 * body ? body : Math.max(h, 0.8 * body));
  // Marks get the width their slot shows; a mark read as an ideograph (`、` as `丶`) is put back;
  // numbers are corrected in their line's context (`45.44` then `万元`: no % there). Each change
  // is kept as `read → kept`.
  const joined = joinWords(pieces, cuts, unruled);
  const settled = config.corrections ? settleCellPunctuation(joined, cells, ink, clean.width) : joined.map((line) => ({ line, unsure: [] }));
  // A `>`/`<` is given the bar of `≥`/`≤` only where its strokes do not show a chevron alone.
  const drawn = (s: Region) => symbolMark(ink, clean.width, s, lineHeight);
  const corrected = joined.map((line, i) => {
    const { word } = config.corrections ? correctWord(withMisreadMarks(settled[i]!.line), drawn) : { word: line };
    return { word, correction: word.text === line.text ? null : `${line.text} → ${word.text}` };
  });
  // Level headers whose stroke-only numerals the scan thinned away (`--级指标`) take their place's;
  // a header word one character off (`抑分总计`) is mended to one the page prints elsewhere.
  // A level name with a character read as a mark (`绩效！标`) is the one name it can be.
  // A template's indicator number read as a stroke (`指标I…`) is `1`, so that it comes off the name.
  const lines = config.corrections ? settleTemplateNumbers(settleLevelNames(settleHeaderWords(settleLevelHeaders(corrected)))) : corrected;
  const runs: TextRun[] = lines.map(({ word: w }) => ({ text: w.text, x0: pt(w.x0), y0: pt(w.y0), x1: pt(w.x1), y1: pt(w.y1), size: fontSize(w.y1 - w.y0) }));
  const box = (w: Region) => ({ x0: pt(w.x0), y0: pt(w.y0), x1: pt(w.x1), y1: pt(w.y1) });
  return {
    content: { page, width: pt(image.width), height: pt(image.height), runs, segments },
    // Each word's own confidence; each correction on the box of the run it was made in.
    // A cell with ink and no word read gets confidence 0: its emptiness is a doubt, not a fact.
    words: [
      ...pieces.map((w) => ({ ...box(w), confidence: w.confidence, correction: null, text: w.text, ...(unruled || [...inferred.tables, ...guttered.tables].some((t) => centreIn(w, t)) ? { rowsInferred: true } : {}) })),
      ...[...lines, ...marks].flatMap(({ word: w, correction }) => (correction ? [{ ...box(w), confidence: 100, correction, text: w.text }] : [])),
      // A mark whose width the ink left undecided is kept as read: a doubt on the cell it lands in.
      ...settled.flatMap(({ line: w, unsure }) => unsure.map((mark) => ({ ...box(w), confidence: 100, correction: null, doubt: `「${mark}」 in 「${w.text}」` }))),
      ...unreadCells(ink, clean.width, cells, words, lineHeight).map((c) => ({ ...box(c), confidence: 0, correction: null })),
    ],
    skewDegrees,
    quarterTurns,
    cached: read.cached,
  };
}

/** The engine the settings name. */
export const engineFor = (config: OcrConfig): OcrEngine => (config.engine === 'tesseract' ? tesseractEngine : ppocrEngine);
