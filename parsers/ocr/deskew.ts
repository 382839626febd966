import type { GrayImage } from './gray-image';

/** Scans are straightened up to this far (degrees); a larger tilt is left alone. */
export const MAX_SKEW_DEGREES = 3;
const COARSE_STEP = 0.1;
const FINE_STEP = 0.01;
/**
 * Tilts smaller than this are not worth a resampling pass (which softens the glyphs a little):
 * rule finding and the reader both take a tenth of a degree in their stride.
 */
const MIN_CORRECTION = 0.15;

/**
 * The page's tilt in degrees (positive: the content is turned clockwise), measured on the ink:
 * the angle at which the rows of ink pixels, projected along it, stack up most sharply. Ruling
 * lines and text lines both give sharp peaks at the true angle.
 *
 * With `ruleMask` (ink down to a rule's lighter level, `ruleThreshold`; made only when asked for), long runs of ink are
 * measured there too: a tilted hairline falls between pixel rows in light gray, and at the ink's level
 * only dashes of it are left, as short as a character's strokes, so that the ink's angle may be
 * any the text gives. Where the rules, seen whole, stack up markedly sharper at their own angle
 * than at the ink's (`SHARPER`), the ink missed them and theirs is the page's; otherwise the
 * ink's stands (at the rules' level a seal's ring or the back page's rules showing through join
 * them and pull their angle off by a few hundredths).
 */
export function measureSkew(image: GrayImage, mask: Uint8Array, ruleMask?: () => Uint8Array): number {
  const minRun = Math.round(image.dpi * LONG_RUN_INCHES);
  // Ruling lines, where there are any: ink in long horizontal runs (a tilted rule still breaks
  // into runs of ~40 px per pixel of stroke at 1.5°; strokes of characters are shorter). Text
  // lines alone give a flatter profile that a dense table page can tip the wrong way.
  // Rule pixels are few: every row is sampled; all ink is many: every other pixel of every
  // other row, in bins two pixels high (one-pixel bins would favour the level angle, where
  // every sample falls on an even row).
  const long = samples(image, mask, minRun, 1, null);
  const ruled = long.xs.length >= MIN_RULE_SAMPLES;
  const ink = ruled ? long : samples(image, mask, 1, 2, null);
  if (ink.xs.length < 100) return 0;
  const inkAngle = sharpestAngle(image, ink);
  // A page whose ink holds no long runs is measured on its text (the rules' level adds only
  // JPEG blocks along the pixel rows there).
  if (!ruleMask || !ruled) return inkAngle;
  const rules = samples(image, ruleMask(), minRun, 1, mask);
  if (rules.xs.length < MIN_RULE_SAMPLES) return inkAngle;
  const ruleAngle = sharpestAngle(image, rules);
  return sharpness(image, rules, ruleAngle) >= SHARPER * sharpness(image, rules, inkAngle) ? ruleAngle : inkAngle;
}

/** The rules' projection at their own angle is this many times as sharp as at the ink's: the ink's angle missed them. */
const SHARPER = 1.5;

/** Sample points of ink, and the height of the bins they are counted in along an angle. */
interface Samples {
  xs: number[];
  ys: number[];
  step: number;
}

/** How sharply the samples, projected along `degrees`, stack up: the sum of the squared bin counts. */
function sharpness(image: GrayImage, { xs, ys, step }: Samples, degrees: number, bins = new Float64Array(image.height + 2 * image.width)): number {
  const slope = Math.tan((degrees * Math.PI) / 180);
  bins.fill(0);
  for (let i = 0; i < xs.length; i++) bins[Math.round((ys[i]! - xs[i]! * slope) / step) + image.width]!++;
  let score = 0;
  for (let i = 0; i < bins.length; i++) score += bins[i]! * bins[i]!;
  return score;
}

/** The angle (to a hundredth of a degree, within ±`MAX_SKEW_DEGREES`) at which the samples stack up most sharply. */
function sharpestAngle(image: GrayImage, points: Samples): number {
  const bins = new Float64Array(image.height + 2 * image.width);
  // The middle of the sharpest plateau: thick rules give equal scores over a small range.
  const search = (from: number, to: number, step: number) => {
    const angles: number[] = [];
    const scores: number[] = [];
    for (let a = from; a <= to + 1e-9; a += step) {
      angles.push(a);
      scores.push(sharpness(image, points, a, bins));
    }
    const top = Math.max(...scores);
    const first = scores.indexOf(top);
    let last = first;
    while (last + 1 < scores.length && scores[last + 1]! >= top) last++;
    return (angles[first]! + angles[last]!) / 2;
  };
  const coarse = search(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES, COARSE_STEP);
  return Math.round(search(coarse - COARSE_STEP, coarse + COARSE_STEP, FINE_STEP) * 100) / 100;
}

/** A horizontal run of ink at least this long (inches) is taken for part of a rule. */
const LONG_RUN_INCHES = 0.15;
const MIN_RULE_SAMPLES = 300;

/**
 * Ink pixels (every `step`-th of every `step`-th row) in horizontal runs of at least `minRun`;
 * with `dark`, only runs that hold a pixel of it somewhere. A hairline of the page, drawn faint
 * between pixel rows, is dark where it runs along one; the back page's rules showing through and
 * a seal's ring (its red taken as light gray) are lighter than the ink all along, and, mirrored
 * or curved, would pull the angle off the page's.
 */
function samples(image: GrayImage, mask: Uint8Array, minRun: number, step: number, dark: Uint8Array | null): Samples {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = 0; y < image.height; y += step) {
    const row = y * image.width;
    for (let x = 0; x < image.width; ) {
      if (mask[row + x] !== 1) {
        x++;
        continue;
      }
      let end = x;
      let anchored = dark === null;
      while (end < image.width && mask[row + end] === 1) {
        if (dark?.[row + end] === 1) anchored = true;
        end++;
      }
      if (end - x >= minRun && anchored) for (let k = x + (x % step === 0 ? 0 : step - (x % step)); k < end; k += step) {
        xs.push(k - image.width / 2);
        ys.push(y);
      }
      x = end;
    }
  }
  return { xs, ys, step };
}

/**
 * The image turned by `-degrees` about its centre (bilinear; white where nothing maps), so that
 * content tilted by `degrees` comes out level. Returns the same image for a negligible tilt.
 */
export function rotateImage(image: GrayImage, degrees: number): GrayImage {
  if (Math.abs(degrees) < MIN_CORRECTION) return image;
  const { width, height, data } = image;
  const out = new Uint8Array(width * height).fill(255);
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = width / 2;
  const cy = height / 2;
  // Where output pixel (x, y) was in the tilted source: (cx + dx·cos − dy·sin, cy + dx·sin +
  // dy·cos) about the centre. The column's terms are worked out once a column, the row's once a
  // row, in the same order of operations (the same sums to the last bit).
  const alongX = new Float64Array(width);
  const alongY = new Float64Array(width);
  for (let x = 0; x < width; x++) {
    alongX[x] = cx + (x - cx) * cos;
    alongY[x] = cy + (x - cx) * sin;
  }
  for (let y = 0; y < height; y++) {
    const dy = y - cy;
    const rowX = dy * sin;
    const rowY = dy * cos;
    for (let x = 0; x < width; x++) {
      const sx = alongX[x]! - rowX;
      const sy = alongY[x]! + rowY;
      // Both source neighbours inside the image (truncation is the floor of a non-negative).
      if (!(sx >= 0 && sy >= 0 && sx < width - 1 && sy < height - 1)) continue;
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = data[i]! + (data[i + 1]! - data[i]!) * fx;
      const bottom = data[i + width]! + (data[i + width + 1]! - data[i + width]!) * fx;
      out[y * width + x] = top + (bottom - top) * fy;
    }
  }
  return { ...image, data: out };
}
