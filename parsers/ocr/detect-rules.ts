import { stripBetweenStrokes } from './doubled-rules';
import { grayHistogram, wordsOf, type GrayImage } from './gray-image';
import { nthLevel } from './histogram-levels';

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
  // Counted in integers, then summed in floats as before (integer counts are exact in both).
  const { data } = image;
  const histogram = Float64Array.from(grayHistogram(data));
  const total = data.length;
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
  const { paper, sigma } = paperLevel(image, inkThreshold);
  return Math.round(Math.max((inkThreshold + 255) / 2, paper - Math.max(RULE_CONTRAST, RULE_NOISE * sigma)));
}

/** The paper's gray level (the median of what is lighter than the ink) and its noise (σ from the median deviation). */
export function paperLevel(image: GrayImage, inkThreshold: number): { paper: number; sigma: number } {
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
  return { paper, sigma: 1.4826 * (n === 0 ? 0 : nthLevel(deviations, Math.floor(n / 2))) };
}

/**
 * Ink mask: 1 where the pixel is at or below the threshold. Four pixels at a time (one 32-bit
 * word): bytes 0 and 2, and 1 and 3, each widened into a 16-bit lane holding 256 + threshold −
 * level, whose bit 8 is set exactly when level ≤ threshold (no lane borrows from the next).
 */
export function binarise(image: GrayImage, threshold = otsuThreshold(image)): Uint8Array {
  const { data } = image;
  const mask = new Uint8Array(data.length);
  if (threshold < 0) return mask;
  const t = Math.min(255, Math.floor(threshold));
  const source = wordsOf(data);
  const words = source.length;
  const target = new Uint32Array(mask.buffer, 0, words);
  const lanes = (0x100 + t) * 0x10001;
  for (let i = 0; i < words; i++) {
    const v = source[i]!;
    const even = ((lanes - (v & 0x00ff00ff)) >>> 8) & 0x00010001;
    const odd = ((lanes - ((v >>> 8) & 0x00ff00ff)) >>> 8) & 0x00010001;
    target[i] = even | (odd << 8);
  }
  for (let i = words * 4; i < data.length; i++) mask[i] = data[i]! <= threshold ? 1 : 0;
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
  /**
   * Pieces of one rule (on one line, each at least `minPiece` long) are joined across gaps up
   * to this long: a hairline at a low or resampled resolution, under a shadow or on a fax page
   * comes out in dashes where it falls between pixel rows.
   */
  maxPieceGap: number;
  /** Shortest piece of ink joined into a rule: longer than a stroke of any character. */
  minPiece: number;
}

/** Defaults for an image at `dpi`: a horizontal rule spans at least ~0.4 in, a vertical ~0.2 in. */
export const ruleOptions = (dpi: number): RuleOptions => ({
  minHorizontal: Math.round(dpi * 0.4),
  minVertical: Math.round(dpi * 0.2),
  maxThickness: Math.max(4, Math.round(dpi / 30)),
  // One pixel only: the strokes of neighbouring characters are a few pixels apart, and a wider
  // bridge chains them into a "rule" through a line of text (which erasing would cut through).
  maxGap: 1,
  // Pieces are straight runs longer than a character (~0.17 in at 12 pt), so no stroke joins.
  maxPieceGap: Math.round(dpi * 0.3),
  minPiece: Math.round(dpi * 0.2),
});

/** A horizontal rule this long (inches) stands on its own; a shorter one must meet a vertical. */
const FREE_HORIZONTAL_INCHES = 1.5;
/**
 * A vertical rule this long (inches, several text lines: no stroke of a character is) needs to
 * meet a horizontal at one end only: a table cut by the page has no rule under its last row.
 */
const OPEN_VERTICAL_INCHES = 1;

interface Run {
  start: number;
  end: number;
}

/**
 * Dark runs along each row and along each column of the mask, white gaps up to `maxGap` bridged,
 * each at least its direction's `minLength`. Both are found in one pass in memory order, each
 * column's run in progress kept apart: walked down a column, every pixel is a cache miss on a
 * page of four million.
 */
function maskRuns(mask: Uint8Array, width: number, height: number, minRow: number, minColumn: number, maxGap: number): { rows: Run[][]; columns: Run[][] } {
  const rows: Run[][] = [];
  const columns: Run[][] = Array.from({ length: width }, () => []);
  const columnStart = new Int32Array(width).fill(-1);
  const columnLast = new Int32Array(width).fill(-1);
  const words = wordsOf(mask);
  for (let y = 0; y < height; y++) {
    const runs: Run[] = [];
    let start = -1;
    let lastInk = -1;
    for (let x = 0, at = y * width; x < width; x++, at++) {
      // Paper four pixels at a time (a whole 32-bit word of the mask clear).
      while ((at & 3) === 0 && x + 4 <= width && words[at >> 2] === 0) {
        x += 4;
        at += 4;
      }
      if (x >= width) break;
      if (mask[at] !== 1) continue;
      if (start >= 0 && x - lastInk - 1 > maxGap) {
        if (lastInk - start + 1 >= minRow) runs.push({ start, end: lastInk });
        start = x;
      } else if (start < 0) start = x;
      lastInk = x;
      const from = columnStart[x]!;
      const last = columnLast[x]!;
      if (from >= 0 && y - last - 1 > maxGap) {
        if (last - from + 1 >= minColumn) columns[x]!.push({ start: from, end: last });
        columnStart[x] = y;
      } else if (from < 0) columnStart[x] = y;
      columnLast[x] = y;
    }
    if (start >= 0 && lastInk - start + 1 >= minRow) runs.push({ start, end: lastInk });
    rows.push(runs);
  }
  for (let x = 0; x < width; x++) {
    const from = columnStart[x]!;
    if (from >= 0 && columnLast[x]! - from + 1 >= minColumn) columns[x]!.push({ start: from, end: columnLast[x]! });
  }
  return { rows, columns };
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
 * length, so a tilted hairline is still thin while a filled area is not (`asRules`).
 */
function linkRuns(perLine: Run[][], maxGap: number): Track[] {
  const done: Track[] = [];
  let open: Track[] = [];
  perLine.forEach((runs, line) => {
    const next: Track[] = [];
    for (const run of runs) {
      const length = run.end - run.start + 1;
      const touching = open.filter((o) => o.to >= line - 1 && run.start <= o.end + maxGap && run.end >= o.start - maxGap);
      const joined = touching[0];
      if (joined) {
        // A run touching several tracks joins them: one line's runs (a rule broken by dropouts
        // on its edge column) each start a track, and the next line's whole run is all one rule.
        for (const other of touching.slice(1)) {
          Object.assign(joined, { start: Math.min(joined.start, other.start), end: Math.max(joined.end, other.end), from: Math.min(joined.from, other.from), pixels: joined.pixels + other.pixels, moment: joined.moment + other.moment });
          open = open.filter((o) => o !== other);
          if (next.includes(other)) next.splice(next.indexOf(other), 1);
        }
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
  return done;
}

const thickness = (t: Track) => t.pixels / (t.end - t.start + 1);

/**
 * Whether a band too deep for a rule in the mask is one rule blurred by the scan: a rule spreads
 * into light skirts on both sides, a scan pixel or so each, which the rule finder's level (just
 * below the paper) takes whole — a 1.5 pt rule scanned at 150 dpi and brought to 200 is 8 lines
 * deep there. Its core (the lines at least half as dark as its darkest; darkness below white, the
 * paper being flattened to it) is as thin as a rule's, and its skirts hold no more lines than its
 * core: a filled area is dark across, and a rule with shading under it has a shallow core beside
 * a wide light band (that band holds text, which erasing the rule would take with it).
 */
export function blurredRule(profile: ReadonlyArray<number>, maxThickness: number): boolean {
  const darkest = 255 - Math.min(...profile);
  const core = profile.filter((level) => 255 - level >= darkest / 2).length;
  return darkest > 0 && core <= maxThickness && profile.length - core <= core;
}

/**
 * Whether a thin track is the strokes of a line of text linked row to row: under heavy blur the
 * glyphs of small type (a page head, `办公宿舍楼、食堂及…`) run into long runs on many rows of
 * the line, linked into one track as deep as the line and as thin as a rule by its ink over its
 * length. A rule's ink fills the rows it lies on (a hairline tilted by what deskewing leaves
 * steps across a few of them): a track deeper than twice the thickest rule whose ink covers less
 * than half its depth is text, and erased as a rule it takes the line with it.
 */
function textStrokes(t: Track, maxThickness: number): boolean {
  const depth = t.to - t.from + 1;
  return depth > 2 * maxThickness && 2 * thickness(t) < depth;
}

/**
 * The mean level at each line across a track's stroke, followed along it: each sampled column's
 * lines counted from its darkest, as many as the track's ink is deep (`thickness`). A rule tilted
 * less than deskewing corrects (`MIN_CORRECTION` in `deskew.ts`) steps down a few lines along its
 * length; a blurred one (150 dpi brought to 200) is as deep as a rule may be where it stands, and
 * the band it steps across is deeper: taken line by line along the band, its core smears into
 * lines that look like skirts (heldout17's L05 at 150 dpi, 0.14° left: its rule over 满意度指标
 * dropped, that row merged into the one above). Followed, it is the blurred rule it is.
 */
function followedProfile(t: Track, gray: Uint8Array, at: (along: number, across: number) => number): number[] {
  const lines = Math.max(1, Math.round(thickness(t)));
  const sums = new Array<number>(lines).fill(0);
  let columns = 0;
  for (let along = t.start; along <= t.end; along += 2, columns++) {
    let darkest = t.from;
    for (let across = t.from + 1; across <= t.to; across++) if (gray[at(along, across)]! < gray[at(along, darkest)]!) darkest = across;
    const first = darkest - Math.floor((lines - 1) / 2);
    for (let k = 0; k < lines; k++) sums[k]! += gray[at(along, Math.min(t.to, Math.max(t.from, first + k)))]!;
  }
  return sums.map((sum) => sum / columns);
}

/**
 * The tracks that are rules: those no thicker than `maxThickness` in the mask or one blurred into
 * light skirts (`blurredRule`), and the two strokes of a band that is two rules a spacing apart
 * (`stripBetweenStrokes`, told by `gray`'s levels across it), each thin enough. A band dark all
 * across is a filled area, not a rule.
 */
function asRules(tracks: Track[], maxThickness: number, gray: Uint8Array, at: (along: number, across: number) => number): Track[] {
  return tracks.flatMap((t) => {
    if (thickness(t) <= maxThickness) return textStrokes(t, maxThickness) ? [] : [t];
    // Mean level at each line across the band, every other pixel along it.
    const profile: number[] = [];
    for (let across = t.from; across <= t.to; across++) {
      let sum = 0;
      let n = 0;
      for (let along = t.start; along <= t.end; along += 2, n++) sum += gray[at(along, across)]!;
      profile.push(sum / n);
    }
    const strip = stripBetweenStrokes(profile);
    if (strip === null) return blurredRule(profile, maxThickness) || blurredRule(followedProfile(t, gray, at), maxThickness) ? [t] : [];
    // Each stroke's ink shares the band's by its lines; it lies at its darkness's mean line.
    const stroke = (from: number, to: number): Track => {
      const lines = profile.slice(from - t.from, to - t.from + 1);
      const weight = lines.reduce((sum, level) => sum + (255 - level), 0);
      const mean = weight > 0 ? lines.reduce((sum, level, k) => sum + (from + k) * (255 - level), 0) / weight : (from + to) / 2;
      const pixels = (t.pixels * (to - from + 1)) / (t.to - t.from + 1);
      return { start: t.start, end: t.end, from, to, pixels, moment: mean * pixels };
    };
    return [stroke(t.from, t.from + strip - 1), stroke(t.from + strip + 1, t.to)].filter((s) => thickness(s) <= maxThickness);
  });
}

/** Pixels beyond a piece's ink, on either side, that must be paper for it to stand clear. */
const CLEARANCE = 2;
/** Share of a piece's length that must stand clear on both sides: a rule does; strokes of text in a row do not. */
const CLEAR_SHARE = 0.5;

/**
 * Whether a run of ink stands clear of other ink across it, as a rule does over most of its
 * length: the horizontal strokes of a line of blurred characters (`一级指标`) run together into
 * a long thin run too, but the rest of each character lies against it. Ink that `border` says is
 * a border found already (the other stroke of a doubled border) is not in the way.
 */
function standsClear(track: Pick<Track, 'start' | 'end' | 'from' | 'to'>, mask: Uint8Array, at: (along: number, across: number) => number, acrossCount: number, border: (along: number, across: number) => boolean = () => false): boolean {
  const before = track.from - CLEARANCE;
  const after = track.to + CLEARANCE;
  if (before < 0 || after >= acrossCount) return true;
  const inkAt = (along: number, across: number) => mask[at(along, across)] === 1 && !border(along, across);
  let clear = 0;
  for (let k = track.start; k <= track.end; k++) if (!inkAt(k, before) && !inkAt(k, after)) clear++;
  return clear >= CLEAR_SHARE * (track.end - track.start + 1);
}

/**
 * The tracks of rules along one direction from the runs on each line: runs as long as a rule
 * (`minLength`), as before, and apart from them the shorter pieces, each linked on its own (grain
 * next to a short run, linked with it, makes it thick and drops it, and must not drop a rule).
 * A short piece must stand clear of other ink; a long track need not (show-through of the back
 * page's text may lie along a rule, and no stroke of text runs that long alone).
 */
function pieceTracks(perLine: Run[][], minLength: number, options: RuleOptions, mask: Uint8Array, gray: Uint8Array, at: (along: number, across: number) => number, acrossCount: number): Track[] {
  const long = perLine.map((runs) => runs.filter((r) => r.end - r.start + 1 >= minLength));
  const short = perLine.map((runs) => runs.filter((r) => r.end - r.start + 1 < minLength));
  // A short band of two strokes stands clear as a whole (each stroke's far side is the other's ink).
  const tracks = [...linkRuns(long, options.maxGap), ...linkRuns(short, options.maxGap).filter((t) => standsClear(t, mask, at, acrossCount))];
  return asRules(tracks, options.maxThickness, gray, at);
}

/** A straight piece of a rule: its extent along the rule, where it lies across, its ink lines and stroke. */
interface Piece {
  start: number;
  end: number;
  at: number;
  from: number;
  to: number;
  thickness: number;
  /** Ink pixels, to weigh where a joined rule lies. */
  pixels: number;
  /** Pieces joined into it. */
  count: number;
  /** Where its ink runs along the line, gaps between pieces left out. */
  spans: Run[];
}

/**
 * Pieces lying on one line (across, within a stroke's width of each other) with gaps up to
 * `maxPieceGap` between them are one rule. Pieces are taken in order along the line; each joins
 * the rule it continues nearest, so parallel rules a few pixels apart stay apart.
 */
function joinPieces(tracks: Track[], options: RuleOptions): Piece[] {
  const pieces = tracks
    .map((t) => ({ start: t.start, end: t.end, at: t.moment / t.pixels, from: t.from, to: t.to, thickness: Math.max(1, Math.round(t.pixels / (t.end - t.start + 1))), pixels: t.pixels, count: 1, spans: [{ start: t.start, end: t.end }] }))
    .sort((a, b) => a.start - b.start);
  const rules: Piece[] = [];
  for (const piece of pieces) {
    const tolerance = Math.max(2, piece.thickness);
    let best: Piece | undefined;
    for (const rule of rules) {
      const gap = piece.start - rule.end - 1;
      if (gap > options.maxPieceGap || Math.abs(rule.at - piece.at) > tolerance) continue;
      if (!best || Math.abs(rule.at - piece.at) < Math.abs(best.at - piece.at)) best = rule;
    }
    if (!best) {
      rules.push({ ...piece });
      continue;
    }
    const pixels = best.pixels + piece.pixels;
    Object.assign(best, {
      at: (best.at * best.pixels + piece.at * piece.pixels) / pixels,
      end: Math.max(best.end, piece.end),
      from: Math.min(best.from, piece.from),
      to: Math.max(best.to, piece.to),
      thickness: Math.max(best.thickness, piece.thickness),
      pixels,
      count: best.count + 1,
      spans: [...best.spans, { start: piece.start, end: piece.end }],
    });
  }
  return rules;
}

/**
 * A rule joined from pieces, less the pieces at its ends, joined across a gap, that other ink lies
 * against. Under heavy blur the strokes of a line of characters (`指标`, in the cell beside the one
 * a row's rule starts in) run together into a run as long as a piece of a rule, on the rule's
 * line, and join its end across the gap that the column border between them leaves: the rule ran
 * on through the text, which erasing it cut in two (`三级指标` read `一年比`, the header lost with
 * its column). A piece of a rule (a dash of a hairline) stands clear of other ink, as the rule does.
 */
function withoutTextEnds(rule: Piece, clear: (span: Run) => boolean): Piece {
  const spans = [...rule.spans].sort((a, b) => a.start - b.start);
  // An end piece was joined across a gap when no other piece reaches into it.
  const apart = (k: number) => spans.every((s, i) => i === k || (k === 0 ? s.start > spans[0]!.end : s.end < spans[k]!.start));
  while (spans.length > 1 && apart(0) && !clear(spans[0]!)) spans.shift();
  while (spans.length > 1 && apart(spans.length - 1) && !clear(spans[spans.length - 1]!)) spans.pop();
  if (spans.length === rule.spans.length) return rule;
  // Where the rule lies across and its stroke stay as measured: the text's piece lay on its line.
  return { ...rule, spans, start: spans[0]!.start, end: Math.max(...spans.map((s) => s.end)), count: spans.length };
}

/**
 * Finds the ruling lines of an (upright) page image: long horizontal and vertical runs of ink. A
 * vertical counts only when both its ends meet a horizontal rule (a cell border runs from rule to
 * rule; a tall character stroke does not). `known` are horizontal rules the page was found to
 * have by other means (a fax's hairlines broken into dashes, `withDashedRules`): borders may end
 * on them as on the rules found here, which alone are returned.
 */
export function detectRules(image: GrayImage, mask: Uint8Array, options: RuleOptions = ruleOptions(image.dpi), known: ReadonlyArray<PixelRule> = []): DetectedRules {
  const { width, height } = image;
  const { rows, columns } = maskRuns(mask, width, height, Math.min(options.minPiece, options.minHorizontal), Math.min(options.minPiece, options.minVertical), options.maxGap);
  const alongRows = (along: number, across: number) => across * width + along;
  const horizontal = joinPieces(pieceTracks(rows, options.minHorizontal, options, mask, image.data, alongRows, height), options)
    .map((p) => withoutTextEnds(p, (span) => standsClear({ ...p, ...span }, mask, alongRows, height)))
    .filter((p) => p.end - p.start + 1 >= options.minHorizontal)
    .map((p) => ({ x0: p.start, x1: p.end, y0: p.at, y1: p.at, thickness: p.thickness, from: p.from, to: p.to, joined: p.count > 1, clear: standsClear(p, mask, alongRows, height) }));
  const reach = options.maxThickness * 2;
  // What a vertical's end meets must be able to be a rule: long enough to stand alone, or clear
  // of other ink. Under heavy blur the bottom strokes of a line of text run together as long as a
  // short rule, and the strokes of glyphs set one under another in a cell (`保` over `员` over `部`)
  // chain down from one such line to another: met at both ends, they were kept as borders through
  // the cell's text, and erased, they cut its glyphs in two.
  const freeStanding = (h: PixelRule) => h.x1 - h.x0 >= image.dpi * FREE_HORIZONTAL_INCHES;
  const ruleLike = [...horizontal.filter((h) => freeStanding(h) || h.clear), ...known];
  const meets = (x: number, y: number) => ruleLike.some((h) => Math.abs(h.y0 - y) <= reach && x >= h.x0 - reach && x <= h.x1 + reach);
  const candidates = joinPieces(pieceTracks(columns, options.minVertical, options, mask, image.data, (along, across) => along * width + across, width), options)
    .filter((p) => p.end - p.start + 1 >= options.minVertical)
    .map((p) => ({ x0: p.at, x1: p.at, y0: p.start, y1: p.end, thickness: p.thickness, from: p.from, to: p.to, spans: p.spans }));
  // A loose one must stand clear of other ink, as a border does: the strokes of characters set
  // one under another down a column of prose (`保` over `以` over `参`) chain into a line
  // as long as a border, with the rest of each character against it.
  const clearOfText = (v: PixelRule, border?: (along: number, across: number) => boolean) =>
    standsClear({ start: Math.round(v.y0), end: Math.round(v.y1), from: v.from, to: v.to }, mask, (along, across) => along * width + across, width, border);
  // A long vertical needs a horizontal at one end only: a table cut by the page has no rule under its last row.
  const metAtEnds = candidates.filter((v) => (meets(v.x0, v.y0) && meets(v.x0, v.y1)) || (v.y1 - v.y0 >= image.dpi * OPEN_VERTICAL_INCHES && (meets(v.x0, v.y0) || meets(v.x0, v.y1))));
  const looseOf = (met: PixelRule[], clear: (v: PixelRule) => boolean = (v) => clearOfText(v)) =>
    looseColumns(candidates.filter((v) => !metAtEnds.includes(v) && clear(v)), met, image.dpi, (v) => meets(v.x0, v.y0) || meets(v.x0, v.y1));
  // A border of a doubled pair (cells that draw their own sides a point or two apart) has the
  // other border beside it: at 150 dpi their blurred strokes come within the clearance, and that
  // ink is a border found already, not text.
  const besideOneOf = (borders: PixelRule[], v: PixelRule) => (y: number, x: number) =>
    borders.some((w) => w !== v && x >= w.from - 1 && x <= w.to + 1 && y >= w.y0 && y <= w.y1);
  const clearMet = metAtEnds.filter((v) => clearOfText(v, besideOneOf(metAtEnds, v)));
  const clearBorders = [...clearMet, ...looseOf(clearMet)];
  // One that text lies against must end where the borders that stand clear end. The strokes of
  // glyphs set one under another in a narrow cell (`医` over `府` over `公`, `内` over `常` over
  // `保`), joined across the gaps between lines or run together by blur, reach from the cell's top
  // rule to its bottom one, or from one on past its last line; but a row's rule is one that the
  // column borders run on through, and no border ends in the middle of a cell. A border that text
  // touches runs, as the others do, to the table's frame (or all of them to where the page cut it):
  // each end at a rule the clear borders stop at (or that none crosses), or where they stop too.
  // A rule where one of them stops closes a block of its own (a form's head over its table), which
  // a row's rule, crossed by every column border, never is.
  const endsWithBorders = (v: PixelRule, side: 'top' | 'bottom') => {
    const y = side === 'top' ? v.y0 : v.y1;
    const endOf = (w: PixelRule) => (side === 'top' ? w.y0 : w.y1);
    const rule = ruleLike.find((h) => Math.abs(h.y0 - y) <= reach && v.x0 >= h.x0 - reach && v.x0 <= h.x1 + reach);
    if (!rule) return clearBorders.some((w) => Math.abs(endOf(w) - y) <= reach);
    const across = clearBorders.filter((w) => w.x0 >= rule.x0 - reach && w.x0 <= rule.x1 + reach && rule.y0 >= w.y0 - reach && rule.y0 <= w.y1 + reach);
    const past = across.filter((w) => (side === 'top' ? w.y0 < rule.y0 - reach : w.y1 > rule.y0 + reach));
    return past.length * 2 < across.length || across.length === 0 || across.some((w) => Math.abs(endOf(w) - rule.y0) <= reach);
  };
  const vertical = metAtEnds.filter((v) => clearMet.includes(v) || (endsWithBorders(v, 'top') && endsWithBorders(v, 'bottom')));
  // A short horizontal run that no vertical meets is a stroke, an underline or a dash pair. One
  // joined from pieces must run from a vertical to a vertical, as a cell's border does: strokes
  // of text (`一` and the next glyph's bar, in a picture whose stated resolution makes its glyphs
  // large) can join into a piece of a line and cross a vertical, but seldom reach one at each end.
  const crosses = (h: PixelRule, x: number) => vertical.some((v) => Math.abs(v.x0 - x) <= reach && h.y0 >= v.y0 - reach && h.y0 <= v.y1 + reach);
  const crossed = (h: PixelRule) => vertical.some((v) => v.x0 >= h.x0 - reach && v.x0 <= h.x1 + reach && h.y0 >= v.y0 - reach && h.y0 <= v.y1 + reach);
  // A short one must also stand clear of other ink, as a border does: strokes of a line of
  // blurred characters (`一级指标` under heavy blur, `二级指标` at 150 dpi) run together as long
  // as a short border, start at a vertical, and would cut a merged cell in two.
  const kept = horizontal.filter((h) => freeStanding(h) || (h.clear && (h.joined ? crosses(h, h.x0) && crosses(h, h.x1) : crossed(h))));
  const loose = looseOf(vertical, (v) => clearOfText(v, besideOneOf(vertical, v)));
  const framed = trimPastFrame(vertical, [...kept, ...known], reach);
  return { horizontal: kept.map(({ joined: _, clear: __, ...h }) => h), vertical: [...framed, ...loose].map(({ spans: _, ...v }) => v) };
}

/**
 * Verticals cut back to the outermost horizontal they cross where what lies beyond it was joined
 * across a gap (`maxPieceGap`) and most verticals crossing that horizontal stop at it: a column
 * border ends at the table's frame, and a stroke of the title just above the frame (a bold `基`,
 * a gap of a few points away) would carry the border up and make the title a row of the table,
 * splitting it into cells and hiding the header under it. A table whose frame was lost has all
 * its borders beyond the last rule found, and a border running on through a gap-free stroke is
 * left as it is.
 */
function trimPastFrame<V extends PixelRule & { spans: Run[] }>(verticals: V[], horizontal: ReadonlyArray<Pick<PixelRule, 'x0' | 'x1' | 'y0' | 'from' | 'to'>>, reach: number): V[] {
  const frames = verticals.map((v) => {
    const crossed = horizontal.filter((h) => v.x0 >= h.x0 - reach && v.x0 <= h.x1 + reach && h.y0 >= v.y0 - reach && h.y0 <= v.y1 + reach);
    if (crossed.length === 0) return null;
    // Where the frame lies, and its stroke's outer edges: a border runs through the corner to them.
    const top = crossed.reduce((a, b) => (b.y0 < a.y0 ? b : a));
    const bottom = crossed.reduce((a, b) => (b.y0 > a.y0 ? b : a));
    return { top: top.y0, bottom: bottom.y0, topEdge: top.from, bottomEdge: bottom.to };
  });
  // Most of the verticals whose frame is at `y` stop there (on `side`).
  const mostStop = (y: number, side: 'top' | 'bottom') => {
    let across = 0;
    let past = 0;
    verticals.forEach((v, i) => {
      const frame = frames[i];
      if (!frame || Math.abs(frame[side] - y) > reach) return;
      across++;
      if (side === 'top' ? v.y0 < y - reach : v.y1 > y + reach) past++;
    });
    return past * 2 < across;
  };
  return verticals.map((v, i) => {
    const frame = frames[i];
    if (!frame) return v;
    // The spans that run through the frame's ends; what lies beyond them past a gap is detached.
    const spans = [...v.spans].sort((a, b) => a.start - b.start);
    const top = spans.find((s) => s.end >= frame.top - reach);
    const bottom = [...spans].reverse().find((s) => s.start <= frame.bottom + reach);
    let { y0, y1 } = v;
    if (top && top.start >= frame.top - reach && y0 < top.start && mostStop(frame.top, 'top')) y0 = Math.min(top.start, frame.topEdge);
    if (bottom && bottom.end <= frame.bottom + reach && y1 > bottom.end && mostStop(frame.bottom, 'bottom')) y1 = Math.max(bottom.end, frame.bottomEdge);
    // An end within a stroke's reach past the frame's stroke is the frame's corner (a thick or
    // blurred rule's ink runs on a few pixels): left there, it makes a sliver of a row over the header.
    if (y0 < frame.topEdge && frame.topEdge - y0 <= reach) y0 = frame.topEdge;
    if (y1 > frame.bottomEdge && y1 - frame.bottomEdge <= reach) y1 = frame.bottomEdge;
    return y0 === v.y0 && y1 === v.y1 ? v : { ...v, y0, y1 };
  });
}

/** A vertical this long (inches) that no horizontal meets may still be a column border: no stroke of text is. */
const LOOSE_VERTICAL_INCHES = 1;
/** Half as long will do for one that meets a horizontal at one end (a table's last row above a page break). */
const HALF_MET_VERTICAL_INCHES = 0.5;
/** Share of a loose vertical's length that its neighbours must run beside it. */
const LOOSE_OVERLAP = 0.8;
/** Loose verticals running side by side: at least this many make the columns of a table. */
const LOOSE_COLUMNS = 3;

/**
 * Verticals that meet no horizontal, kept where they stand as a table's columns: long, and
 * running beside at least two others over most of their length (`runsBeside`). A fax page
 * keeps its column borders while its horizontal hairlines (averaged with the paper of a coarse
 * scan line) drop out; the rows are then inferred from the text (`inferRows`). A border running through several
 * of a form's sections is longer than the loose borders of each section: one as long as a loose
 * vertical must be may count the table's frame (`met`) beside it, a shorter one (a stroke of text
 * that a horizontal happens to meet) only other loose ones.
 */
function looseColumns<V extends PixelRule>(candidates: V[], met: PixelRule[], dpi: number, halfMet: (v: PixelRule) => boolean): V[] {
  const long = candidates.filter((v) => v.y1 - v.y0 >= dpi * (halfMet(v) ? HALF_MET_VERTICAL_INCHES : LOOSE_VERTICAL_INCHES));
  const neighbours = (v: PixelRule) => (v.y1 - v.y0 >= dpi * LOOSE_VERTICAL_INCHES ? [...long, ...met] : long);
  return long.filter((v) => runsBeside(v, neighbours(v).filter((w) => w !== v)));
}

/**
 * Whether at least two of `others` run beside `v` over most of its length: each of them over
 * most of it, or at most of its points two of them, not always the same. A form's frame, its
 * hairlines lost on a fax page, runs down past each of its sections (the head, the budget block,
 * the indicator table): each section's borders run beside a part of it, only the frame's other
 * side beside all of it; a stroke of text is not as long as a loose vertical must be, and has no
 * column of borders beside it.
 */
function runsBeside(v: PixelRule, others: PixelRule[]): boolean {
  const length = v.y1 - v.y0;
  const overlap = (w: PixelRule) => Math.min(v.y1, w.y1) - Math.max(v.y0, w.y0);
  if (others.filter((w) => overlap(w) >= LOOSE_OVERLAP * length).length >= LOOSE_COLUMNS - 1) return true;
  const beside = others.filter((w) => overlap(w) > 0);
  let covered = 0;
  for (let y = Math.ceil(v.y0); y <= v.y1; y++) if (beside.filter((w) => w.y0 <= y && w.y1 >= y).length >= LOOSE_COLUMNS - 1) covered++;
  return covered >= LOOSE_OVERLAP * length;
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
