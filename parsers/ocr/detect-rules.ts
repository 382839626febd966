import type { GrayImage } from './gray-image';

/** A ruling line found in an image, in pixels: horizontal (y0 = y1) or vertical (x0 = x1). */
export interface PixelRule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Stroke width in pixels. */
  thickness: number;
  /** The first and last pixel row (horizontal) or column (vertical) holding its ink. */
  from: number;
  to: number;
}

export interface DetectedRules {
  horizontal: PixelRule[];
  vertical: PixelRule[];
}

/**
 * The gray level that best splits ink from paper (Otsu's method: the threshold with the largest
 * between-class variance). Pixels darker than it are ink.
 */
export function otsuThreshold(image: GrayImage): number {
  const histogram = new Float64Array(256);
  for (let i = 0; i < image.data.length; i++) histogram[image.data[i]!]!++;
  const total = image.data.length;
  let sum = 0;
  for (let g = 0; g < 256; g++) sum += g * histogram[g]!;
  let below = 0;
  let belowSum = 0;
  let best = 128;
  let bestVariance = -1;
  for (let g = 0; g < 256; g++) {
    below += histogram[g]!;
    if (below === 0) continue;
    const above = total - below;
    if (above === 0) break;
    belowSum += g * histogram[g]!;
    const meanBelow = belowSum / below;
    const meanAbove = (sum - belowSum) / above;
    const variance = below * above * (meanBelow - meanAbove) ** 2;
    if (variance > bestVariance) {
      bestVariance = variance;
      best = g;
    }
  }
  return best;
}

/** A rule is looked for in pixels at least this far below the paper's level (gray levels), and beyond its noise. */
const RULE_CONTRAST = 12;
const RULE_NOISE = 4;

/**
 * Threshold for finding rules: halfway between the ink threshold and white, or closer to the
 * paper when the paper is clean enough. A hairline that falls between two pixel rows is drawn
 * as two light-gray rows, lighter than text ink; scanned at 300 dpi, recompressed and brought
 * to 200 dpi, it comes out some 15–25 levels below the paper.
 */
export function ruleThreshold(image: GrayImage, inkThreshold: number): number {
  // Medians of gray levels by counting, not sorting: a page has half a million samples.
  const levels = new Uint32Array(256);
  let n = 0;
  for (let i = 0; i < image.data.length; i += 7) {
    if (image.data[i]! > inkThreshold) {
      levels[image.data[i]!]!++;
      n++;
    }
  }
  const paper = n === 0 ? 255 : nthLevel(levels, Math.floor(n / 2));
  const deviations = new Uint32Array(256);
  for (let g = 0; g < 256; g++) deviations[Math.abs(g - paper)]! += levels[g]!;
  const sigma = 1.4826 * (n === 0 ? 0 : nthLevel(deviations, Math.floor(n / 2)));
  return Math.round(Math.max((inkThreshold + 255) / 2, paper - Math.max(RULE_CONTRAST, RULE_NOISE * sigma)));
}

/** The `k`-th smallest (from 0) of the values counted in `counts` (counts[v]: how many are v). */
function nthLevel(counts: Uint32Array, k: number): number {
  let seen = 0;
  for (let v = 0; v < counts.length; v++) {
    seen += counts[v]!;
    if (seen > k) return v;
  }
  return counts.length - 1;
}

/** Ink mask: 1 where the pixel is darker than the threshold. */
export function binarise(image: GrayImage, threshold = otsuThreshold(image)): Uint8Array {
  const mask = new Uint8Array(image.data.length);
  for (let i = 0; i < mask.length; i++) mask[i] = image.data[i]! <= threshold ? 1 : 0;
  return mask;
}

export interface RuleOptions {
  /** Shortest horizontal rule, in pixels: longer than any stroke of a character or a dash pair. */
  minHorizontal: number;
  /** Shortest vertical rule, in pixels. */
  minVertical: number;
  /** Thicker than this, a dark run is a filled area (a stamp, a shaded bar), not a rule. */
  maxThickness: number;
  /** White gaps up to this long inside a rule are bridged (scanner dropouts). */
  maxGap: number;
}

/** Defaults for an image at `dpi`: a horizontal rule spans at least ~0.4 in, a vertical ~0.2 in. */
export const ruleOptions = (dpi: number): RuleOptions => ({
  minHorizontal: Math.round(dpi * 0.4),
  minVertical: Math.round(dpi * 0.2),
  maxThickness: Math.max(4, Math.round(dpi / 30)),
  // One pixel only: the strokes of neighbouring characters are a few pixels apart, and a wider
  // bridge chains them into a "rule" through a line of text (which erasing would cut through).
  maxGap: 1,
});

/** A horizontal rule this long (inches) stands on its own; a shorter one must meet a vertical. */
const FREE_HORIZONTAL_INCHES = 1.5;

interface Run {
  start: number;
  end: number;
}

/** Dark runs along one line of the mask (a row or a column), white gaps up to `maxGap` bridged. */
function runsAlong(mask: Uint8Array, count: number, at: (k: number) => number, minLength: number, maxGap: number): Run[] {
  const runs: Run[] = [];
  let start = -1;
  let lastInk = -1;
  for (let k = 0; k < count; k++) {
    if (mask[at(k)] !== 1) continue;
    if (start >= 0 && k - lastInk - 1 > maxGap) {
      if (lastInk - start + 1 >= minLength) runs.push({ start, end: lastInk });
      start = k;
    } else if (start < 0) start = k;
    lastInk = k;
  }
  if (start >= 0 && lastInk - start + 1 >= minLength) runs.push({ start, end: lastInk });
  return runs;
}

/** A rule being followed across lines: its extent, the lines it covers, its ink. */
interface Track {
  start: number;
  end: number;
  from: number;
  to: number;
  pixels: number;
  /** Sum of line index × pixels on it: the rule lies at the ink's mean line. */
  moment: number;
}

/**
 * Long runs on consecutive lines that overlap or touch end to end are one rule: drawn a few
 * pixels thick, or slightly tilted (what deskewing leaves: a rule stepping one line every few
 * hundred pixels). The rule lies at the ink's mean line; its thickness is its ink over its
 * length, so a tilted hairline is still thin while a filled area is not.
 */
function linkRuns(perLine: Run[][], maxThickness: number, maxGap: number): Track[] {
  const done: Track[] = [];
  let open: Track[] = [];
  perLine.forEach((runs, line) => {
    const next: Track[] = [];
    for (const run of runs) {
      const length = run.end - run.start + 1;
      const joined = open.find((o) => o.to >= line - 1 && run.start <= o.end + maxGap && run.end >= o.start - maxGap);
      if (joined) {
        joined.start = Math.min(joined.start, run.start);
        joined.end = Math.max(joined.end, run.end);
        joined.to = line;
        joined.pixels += length;
        joined.moment += line * length;
        if (!next.includes(joined)) next.push(joined);
      } else next.push({ ...run, from: line, to: line, pixels: length, moment: line * length });
    }
    for (const o of open) if (!next.includes(o)) done.push(o);
    open = next;
  });
  done.push(...open);
  return done.filter((t) => t.pixels / (t.end - t.start + 1) <= maxThickness);
}

/**
 * Finds the ruling lines of an (upright) page image: long horizontal and vertical runs of ink. A
 * vertical counts only when both its ends meet a horizontal rule (a cell border runs from rule to
 * rule; a tall character stroke does not).
 */
export function detectRules(image: GrayImage, mask: Uint8Array, options: RuleOptions = ruleOptions(image.dpi)): DetectedRules {
  const { width, height } = image;
  const rows: Run[][] = [];
  for (let y = 0; y < height; y++) rows.push(runsAlong(mask, width, (x) => y * width + x, options.minHorizontal, options.maxGap));
  const horizontal = linkRuns(rows, options.maxThickness, options.maxGap).map((r) => {
    const y = r.moment / r.pixels;
    return { x0: r.start, x1: r.end, y0: y, y1: y, thickness: Math.max(1, Math.round(r.pixels / (r.end - r.start + 1))), from: r.from, to: r.to };
  });
  const columns: Run[][] = [];
  for (let x = 0; x < width; x++) columns.push(runsAlong(mask, height, (y) => y * width + x, options.minVertical, options.maxGap));
  const reach = options.maxThickness * 2;
  const meets = (x: number, y: number) => horizontal.some((h) => Math.abs(h.y0 - y) <= reach && x >= h.x0 - reach && x <= h.x1 + reach);
  const vertical = linkRuns(columns, options.maxThickness, options.maxGap)
    .map((r) => {
      const x = r.moment / r.pixels;
      return { x0: x, x1: x, y0: r.start, y1: r.end, thickness: Math.max(1, Math.round(r.pixels / (r.end - r.start + 1))), from: r.from, to: r.to };
    })
    .filter((v) => meets(v.x0, v.y0) && meets(v.x0, v.y1));
  // A short horizontal run that no vertical meets is a stroke, an underline or a dash pair.
  const crossed = (h: PixelRule) => vertical.some((v) => v.x0 >= h.x0 - reach && v.x0 <= h.x1 + reach && h.y0 >= v.y0 - reach && h.y0 <= v.y1 + reach);
  return { horizontal: horizontal.filter((h) => h.x1 - h.x0 >= image.dpi * FREE_HORIZONTAL_INCHES || crossed(h)), vertical };
}

/**
 * A copy of the image with the rules painted white, so that the text reader sees only the text:
 * a border next to a character otherwise reads as `|`, `1` or a quote mark.
 */
export function eraseRules(image: GrayImage, rules: DetectedRules): GrayImage {
  const data = new Uint8Array(image.data);
  const { width, height } = image;
  // The band covers the rule's antialiased edges too: a faint line left behind reads as `“` or `|`.
  const paint = (x0: number, y0: number, x1: number, y1: number) => {
    for (let y = Math.max(0, Math.floor(y0)); y <= Math.min(height - 1, Math.ceil(y1)); y++) {
      data.fill(255, y * width + Math.max(0, Math.floor(x0)), y * width + Math.min(width - 1, Math.ceil(x1)) + 1);
    }
  };
  for (const h of rules.horizontal) paint(h.x0 - 2, h.from - 2, h.x1 + 2, h.to + 2);
  for (const v of rules.vertical) paint(v.from - 2, v.y0 - 2, v.to + 2, v.y1 + 2);
  return { ...image, data };
}
