import { textLines } from './cell-lines';
import { binarise, otsuThreshold } from './detect-rules';
import type { GrayImage } from './gray-image';
import { assumedLineHeight } from './missed-text';
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
const STRIPS = 6;
const LINES_PER_STRIP = 2;
/** A strip is this many line heights wide: a few words of a line, whatever the columns. */
const STRIP_LINES = 10;
/** Upright pages whose sample reads at least this sure (mean character probability) are not tried turned. */
const SURE = 0.9;

/**
 * How the sample lines of the page read: the mean probability of their characters (0 when
 * nothing reads). Lines are sampled in narrow strips, so that lines of neighbouring columns or
 * cells at other heights do not blur a strip's rows.
 */
async function readability(image: GrayImage, workers: number): Promise<number> {
  const ink = binarise(image, otsuThreshold(image));
  const line = assumedLineHeight(image.dpi);
  const width = Math.min(image.width, Math.round(STRIP_LINES * line));
  const crops = [];
  for (let s = 0; s < STRIPS; s++) {
    const x0 = Math.round(((image.width - width) * (s + 0.5)) / STRIPS);
    const strip = { x0, x1: x0 + width - 1, y0: 0, y1: image.height - 1 };
    const lines = textLines(ink, image.width, strip, line * 0.8, 0.5).filter((l) => l.y1 - l.y0 + 1 <= 1.4 * line && l.x1 - l.x0 >= 3 * line);
    const middle = Math.floor(lines.length / 2);
    crops.push(...lines.slice(middle, middle + LINES_PER_STRIP).map((l) => ({ ...l, y0: Math.max(0, l.y0 - 4), y1: Math.min(image.height - 1, l.y1 + 4) })));
  }
  const reads = await Promise.all(crops.map((c) => recogniseLine(image, c, workers)));
  const probs = reads.flatMap((r) => r.chars.filter((c) => c.text.trim() !== '').map((c) => c.confidence));
  return probs.length < 4 ? 0 : probs.reduce((a, b) => a + b, 0) / probs.length;
}

/**
 * The quarter turns that make a page upright: the turn whose sample lines the recogniser reads
 * surest (a line upside down or sideways reads as nonsense at low probability). An upright page
 * that reads sure is taken as it is, with one sampling.
 */
export async function uprightTurns(image: GrayImage, workers: number): Promise<QuarterTurns> {
  const upright = await readability(image, workers);
  if (upright >= SURE) return 0;
  let best: { turns: QuarterTurns; score: number } = { turns: 0, score: upright };
  for (const turns of [1, 2, 3] as const) {
    const score = await readability(turnImage(image, turns), workers);
    if (score > best.score) best = { turns, score };
  }
  return best.turns;
}
