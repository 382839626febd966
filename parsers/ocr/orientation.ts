import { despeckle } from './despeckle';
import { binarise, otsuThreshold } from './detect-rules';
import { wordsOf, type GrayImage } from './gray-image';
import { rowBands } from './cell-lines';
import { median } from '../page/median';
import { assumedLineHeight, type Region } from './missed-text';
import { recogniseLine } from './ppocr/recognise-line';

/** Quarter turns clockwise: 0 upright, 1 a quarter, 2 upside down, 3 a quarter back. */
export type QuarterTurns = 0 | 1 | 2 | 3;

/** The image turned clockwise by `quarters` quarter turns. */
export function turnImage(image: GrayImage, quarters: QuarterTurns): GrayImage {
  const { width, height, data } = image;
  if (quarters === 0) return image;
  if (quarters === 2) return { ...image, data: data.slice().reverse() };
  const out = new Uint8Array(data.length);
  // Clockwise, output (x, y) of the height × width image is input (y, height − 1 − x);
  // anticlockwise, input (width − 1 − y, x).
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < height; x++) out[y * height + x] = quarters === 1 ? data[(height - 1 - x) * width + y]! : data[x * width + (width - 1 - y)]!;
  }
  return { ...image, width: height, height: width, data: out };
}

/** Strips across the page in which lines are sampled, and lines read in each. */
const STRIPS = 10;
const LINES_PER_STRIP = 2;
/** A strip is this many line heights wide: a few characters of a line, whatever the columns. */
const STRIP_LINES = 6;
/** Characters read at least this sure count; a page with this many of them is tried only a quarter clockwise (`uprightTurns`). */
const SURE = 0.9;
const SURE_PAGE = 20;
/**
 * A turn is taken only when its lines read at least this many characters sure, and more than
 * `TURN_MARGIN` times as many as upright: a page the sampler reads badly every way (heavy blur,
 * bleed-through, a dense table) stays as it is. Turning a good page loses the whole page; leaving
 * a turned one loses no more.
 */
const SURE_TURNED = SURE_PAGE / 2;
const TURN_MARGIN = 2;
/** No text line is lower than this (inches; 3.6 pt, less than the ink of 5-pt type, smear included). */
const MIN_BAND_INCHES = 0.05;
/** Rows of ink this far apart (pixels) are one band: each smear tried, widest first. */
const SMEARS = [2, 1, 0];
const HAN = /[\u3400-\u9fff]/;

/** A page ready for sampling: its image and its ink, long straight runs (rules) taken out. */
interface Sampled {
  image: GrayImage;
  ink: Uint8Array;
}

/**
 * How the sample lines of the page read: how many Chinese characters are read sure (sideways or
 * upside down, a line reads as a few digits and marks, or as characters read unsure). Lines are sampled in narrow strips, so that lines of neighbouring columns or
 * cells at other heights do not blur a strip's rows.
 * Counting stops once `enough` are read sure (enough to call the page upright), or `most` lines are read.
 */
async function readability({ image, ink: bare }: Sampled, workers: number, enough = Infinity, most = Infinity): Promise<{ sure: number; lines: number }> {
  const width = Math.min(image.width, Math.round(STRIP_LINES * assumedLineHeight(image.dpi)));
  const x0s = Array.from({ length: STRIPS }, (_, s) => Math.round(((image.width - width) * (s + 0.5)) / STRIPS));
  // Smeared, a glyph's pieces are one band; but lines set with less leading than the smear (small
  // type on a small page: B5, a point or two between lines) are joined into bands of a paragraph
  // each, none line-shaped, and the page samples nothing whichever way it is turned. The lines
  // are sampled from the smear that leaves the most of them (the widest on a tie).
  const crops = SMEARS.map((smear) => sampleLines(smeared(bare, image.width, smear), image, x0s, width)).reduce((a, b) => (b.length > a.length ? b : a));
  // Line by line, to stop once `enough` are read sure: the recogniser's runs are most of the cost.
  let sure = 0;
  let lines = 0;
  for (const crop of crops) {
    if (sure >= enough || lines >= most) break;
    sure += (await recogniseLine(image, crop, workers)).chars.filter((c) => HAN.test(c.text) && c.confidence >= SURE).length;
    lines++;
  }
  return { sure, lines };
}

/**
 * Up to `LINES_PER_STRIP` text lines from the middle of each strip (`x0s`, `width` wide) of the
 * ink: bands of rows whose height is about the lines' (the median of bands a glyph could make)
 * and that run across a few glyphs.
 */
function sampleLines(ink: Uint8Array, image: GrayImage, x0s: number[], width: number): Region[] {
  const strips = x0s.map((x0) => rowBands(ink, image.width, { x0, x1: x0 + width - 1, y0: 0, y1: image.height - 1 }));
  // Glyph height from the page itself: a picture's stated resolution is often not its own.
  // The lines' height from bands a glyph could make: pieces of a rule left by the long-run
  // cut (a tilted or broken rule, a few pixels high) are many on a ruled page with little text,
  // and taken for its lines, every sample was a piece of rule read at every turn.
  const line = median(strips.flat().map((b) => b.y1 - b.y0 + 1).filter((h) => h >= MIN_BAND_INCHES * image.dpi)) ?? 0;
  return strips.flatMap((bands) => {
    const lines = bands.filter((l) => l.y1 - l.y0 + 1 >= 0.6 * line && l.y1 - l.y0 + 1 <= 1.5 * line && l.x1 - l.x0 >= 2.5 * line);
    const middle = Math.floor(lines.length / 2);
    return lines.slice(middle, middle + LINES_PER_STRIP).map((l) => ({ ...l, y0: Math.max(0, l.y0 - 4), y1: Math.min(image.height - 1, l.y1 + 4) }));
  });
}

/**
 * The page and its ink with every straight run of ink longer than `maxRun` pixels, across or
 * down, whited out: table rules, which would join every row of a strip into one band, go;
 * strokes of characters, shorter than two line heights, stay. Made once a page: specks, the
 * threshold and long runs, across and down, come out the same whichever way the page is turned,
 * so each turn tried is this turned.
 */
function withoutLongLines(image: GrayImage, maxRun: number, pageInk?: Uint8Array): Sampled {
  const { width, height } = image;
  // Grain left as specks would join every row of a strip into one band.
  const clean = despeckle(image, pageInk);
  const ink = binarise(clean, otsuThreshold(clean));
  const long = new Uint8Array(ink.length);
  // Rows and columns in one pass in memory order: each column's run in progress is kept apart
  // (walked down a column, every pixel is a cache miss). A run ends at paper or at the edge.
  const columnStart = new Int32Array(width).fill(-1);
  const columnEnds = (x: number, end: number) => {
    const start = columnStart[x]!;
    if (end - start > maxRun) for (let y = start; y < end; y++) long[y * width + x] = 1;
    columnStart[x] = -1;
  };
  for (let y = 0; y < height; y++) {
    const first = y * width;
    let start = -1;
    for (let x = 0; x <= width; x++) {
      const on = x < width && ink[first + x] === 1;
      if (on) {
        if (start < 0) start = x;
        if (columnStart[x]! < 0) columnStart[x] = y;
        continue;
      }
      if (start >= 0) {
        if (x - start > maxRun) long.fill(1, first + start, first + x);
        start = -1;
      }
      if (x < width && columnStart[x]! >= 0) columnEnds(x, y);
    }
  }
  for (let x = 0; x < width; x++) if (columnStart[x]! >= 0) columnEnds(x, height);
  const data = new Uint8Array(clean.data);
  for (let i = 0; i < long.length; i++) {
    if (long[i] === 1) {
      ink[i] = 0;
      data[i] = 255;
    }
  }
  return { image: { ...clean, data }, ink };
}

/**
 * The ink smeared `smear` pixels up and down: a blurred, recompressed glyph falls apart in pieces of
 * rows, which would be taken for lines of their own. (Up and down as the page is turned to be read.)
 */
function smeared(ink: Uint8Array, width: number, smear: number): Uint8Array {
  const out = new Uint8Array(ink.length);
  // Row by row, each column's last ink row up to `smear` below is kept: a pixel is ink when that
  // row is no more than `smear` above it (one pass over the ink, where OR-ing five rows into each
  // row read every row five times).
  const rows = Math.ceil(ink.length / width);
  const lastInk = new Int32Array(width).fill(-smear - 1);
  const words = wordsOf(ink);
  let seen = 0;
  for (let y = 0; y < rows; y++) {
    for (; seen <= Math.min(rows - 1, y + smear); seen++) {
      for (let i = seen * width, x = 0; x < width && i < ink.length; i++, x++) {
        // Paper four pixels at a time (a whole 32-bit word of the ink clear).
        while ((i & 3) === 0 && x + 4 <= width && words[i >> 2] === 0) {
          i += 4;
          x += 4;
        }
        if (x < width && i < ink.length && ink[i] !== 0) lastInk[x] = seen;
      }
    }
    for (let i = y * width, x = 0; x < width && i < out.length; i++, x++) out[i] = lastInk[x]! >= y - smear ? 1 : 0;
  }
  return out;
}

/** The sampled page turned clockwise by `quarters` quarter turns, its ink with it. */
function turnSampled({ image, ink }: Sampled, quarters: QuarterTurns): Sampled {
  const turned = turnImage(image, quarters);
  return { image: turned, ink: turnImage({ ...image, data: ink }, quarters).data };
}

/**
 * The quarter turns that make a page upright: the turn whose sample lines the recogniser reads
 * surest (a line upside down or sideways reads as a few digits and marks, or unsure), when it
 * reads clearly surer than the page as it is. The page should be straightened first: a tilted
 * rule is not taken out of the sample strips and joins their lines into one band. `ink` is the
 * page's ink at its Otsu level, when the caller has it already.
 *
 * PP-OCR's recogniser reads Chinese glyphs lying a quarter anticlockwise (the page a quarter short
 * of upright) nearly as sure as upright ones, thin-stroked faces (UMing) surer at times, while
 * glyphs a quarter clockwise read as nothing (seen on WeasyPrint's B5 UMing print scanned turned:
 * sure characters as fed / 1 / 2 / 3 quarters clockwise 47 / 61 / 0 / 0 for a page needing one;
 * perhaps its training on vertical text turned so, not confirmed). A turn
 * is therefore scored by what it reads less what the turn a quarter further clockwise reads: the
 * upright page's neighbour reads nothing, the quarter-short one's neighbour is the upright page.
 * A page that reads sure as it is, and little a quarter clockwise over as many lines, is not
 * tried further.
 */
export async function uprightTurns(image: GrayImage, workers: number, ink?: Uint8Array): Promise<QuarterTurns> {
  const sampled = withoutLongLines(image, Math.round(2 * assumedLineHeight(image.dpi)), ink);
  const upright = await readability(sampled, workers, SURE_PAGE);
  if (upright.sure >= SURE_PAGE) {
    const clockwise = await readability(turnSampled(sampled, 1), workers, SURE_PAGE, upright.lines);
    if (TURN_MARGIN * clockwise.sure <= upright.sure) return 0;
  }
  // The page as it is was read whole above unless it read sure enough to stop early: its count is not read again.
  const whole = async (turns: QuarterTurns) => (turns === 0 && upright.sure < SURE_PAGE ? upright.sure : (await readability(turnSampled(sampled, turns), workers)).sure);
  const sure = await Promise.all(([0, 1, 2, 3] as const).map(whole));
  const score = (turns: number) => sure[turns]! - sure[(turns + 1) % 4]!;
  const best = ([1, 2, 3] as const).reduce((a, b) => (score(b) > score(a) ? b : a));
  return sure[best]! >= SURE_TURNED && score(best) > TURN_MARGIN * Math.max(0, score(0)) ? best : 0;
}
