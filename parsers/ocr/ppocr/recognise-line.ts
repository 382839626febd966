import type { GrayImage } from '../gray-image';
import type { Region } from '../missed-text';
import { recKeys, runRecogniser } from './models';

/**
 * The enumeration comma as a thin face draws it (AR PL UMing's `、`, a short hairline tick in a
 * corner of its square): the recogniser splits its belief in that faint glyph over the marks it
 * resembles (`、` 0.22, `：` 0.07, … beside a blank of 0.48 in `中央、自治区`), so that the blank is
 * its single best class while the glyph classes together outweigh it, and the mark is dropped.
 * A step whose blank is below even odds and whose best other class is `、` holds one. Only `、`:
 * where the best other class is another mark, which mark it is is not clear enough to write.
 */
const FAINT_MARK = '、';
/** A step's blank below this probability leaves more than half of it to the glyph classes. */
const EVEN_ODDS = 0.5;

/** The recogniser reads lines scaled to this height. */
const REC_HEIGHT = 48;
/** Wider line images are squeezed to this width (a line of some 60 characters at full size). */
const MAX_WIDTH = 3200;

/** One character read: its text, its span along the line in image pixels, its probability (0–1). */
export interface ReadChar {
  text: string;
  x0: number;
  x1: number;
  confidence: number;
}

/** A line read: its characters in order (spaces included, as the model put them). */
export interface LineRead {
  chars: ReadChar[];
}

/**
 * The line image as the recogniser takes it: the region scaled to 48 px high (bilinear; width
 * by the aspect ratio), gray copied to three channels, normalised to (x/255 − 0.5)/0.5.
 */
function lineTensor(image: GrayImage, r: Region): { data: Float32Array<ArrayBuffer>; width: number; scale: number } {
  const h = r.y1 - r.y0 + 1;
  const w = r.x1 - r.x0 + 1;
  const scale = REC_HEIGHT / h;
  const width = Math.max(REC_HEIGHT / 2, Math.min(MAX_WIDTH, Math.round(w * scale)));
  const sx = w / width;
  const plane = width * REC_HEIGHT;
  const data = new Float32Array(3 * plane);
  // The source columns of each output column (clamped to the image) and their weight, worked
  // out once a line rather than once a pixel.
  const left = new Int32Array(width);
  const right = new Int32Array(width);
  const weight = new Float64Array(width);
  const clampX = (x: number) => Math.min(image.width - 1, Math.max(0, x));
  const clampY = (y: number) => Math.min(image.height - 1, Math.max(0, y));
  for (let x = 0; x < width; x++) {
    const fx = r.x0 + (x + 0.5) * sx - 0.5;
    const x0 = Math.floor(fx);
    left[x] = clampX(x0);
    right[x] = clampX(x0 + 1);
    weight[x] = fx - x0;
  }
  const src = image.data;
  for (let y = 0; y < REC_HEIGHT; y++) {
    const fy = r.y0 + (y + 0.5) / scale - 0.5;
    const y0 = Math.floor(fy);
    const dy = fy - y0;
    const upper = clampY(y0) * image.width;
    const lower = clampY(y0 + 1) * image.width;
    for (let x = 0; x < width; x++) {
      const dx = weight[x]!;
      const a = src[upper + left[x]!]!;
      const c = src[lower + left[x]!]!;
      const top = a + (src[upper + right[x]!]! - a) * dx;
      const bottom = c + (src[lower + right[x]!]! - c) * dx;
      const v = ((top + (bottom - top) * dy) / 255 - 0.5) / 0.5;
      const i = y * width + x;
      data[i] = v;
      data[plane + i] = v;
      data[2 * plane + i] = v;
    }
  }
  return { data, width, scale: width / w };
}

/**
 * Reads one text line (a region of the image holding one line, with a little white around it)
 * with the PP-OCRv4 recogniser: greedy CTC decoding over the key list (blank at 0, a space as
 * the last class), but for a faint mark the blank outweighs only one class at a time
 * (`FAINT_MARK`). A character's probability is the mean of its steps' top probabilities; its
 * span runs between the midpoints of its steps and its neighbours' steps.
 */
export async function recogniseLine(image: GrayImage, r: Region, workers: number): Promise<LineRead> {
  const { data, width, scale } = lineTensor(image, r);
  const steps = await runRecogniser(data, [1, 3, REC_HEIGHT, width], workers);
  const keys = recKeys();
  const stepWidth = width / steps.blank.length / scale;
  const found: Array<{ key: number; from: number; to: number; probs: number[] }> = [];
  let previous = 0;
  for (let t = 0; t < steps.blank.length; t++) {
    const blank = steps.blank[t]!;
    const glyph = steps.glyph[t]!;
    const glyphP = steps.glyphProbability[t]!;
    // The glyph class is the step's where it outweighs the blank (ties go to the blank), or where
    // it is a faint mark and the blank is below even odds.
    const read = glyphP > blank || (blank < EVEN_ODDS && keys[glyph] === FAINT_MARK);
    const best = read ? glyph : 0;
    const p = read ? glyphP : blank;
    if (best !== 0 && best === previous) {
      const last = found[found.length - 1]!;
      last.to = t;
      last.probs.push(p);
    } else if (best !== 0) found.push({ key: best, from: t, to: t, probs: [p] });
    previous = best;
  }
  const centre = (f: (typeof found)[number]) => r.x0 + ((f.from + f.to + 1) / 2) * stepWidth;
  const chars = found.map((f, i) => {
    const c = centre(f);
    const before = i > 0 ? (centre(found[i - 1]!) + c) / 2 : Math.max(r.x0, c - (found[i + 1] ? (centre(found[i + 1]!) - c) / 2 : stepWidth * 2));
    const after = i + 1 < found.length ? (centre(found[i + 1]!) + c) / 2 : Math.min(r.x1, c + (i > 0 ? (c - centre(found[i - 1]!)) / 2 : stepWidth * 2));
    return { text: keys[f.key] ?? '', x0: before, x1: after, confidence: f.probs.reduce((a, b) => a + b, 0) / f.probs.length };
  });
  return { chars };
}
