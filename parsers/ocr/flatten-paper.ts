import type { GrayImage } from './gray-image';

/** Tiles the paper's level is measured in, in inches: larger than a character, smaller than a shadow's slope. */
const TILE_INCHES = 0.15;
/** The paper's level in a tile: this share of its pixels is darker (ink covers less than this). */
const PAPER_SHARE = 0.9;
/** A tile whose level is below this share of its brightest neighbour's is dense ink, not paper in shade. */
const DENSE = 0.6;
/** A dense block up to about twice this wide (inches) is told from paper by the paper on both its sides. */
const DENSE_BLOCK_INCHES = 0.45;
/** Lines through a tile along which a dip is looked for: across, down, and both diagonals. */
const AXES: ReadonlyArray<readonly [number, number]> = [[1, 0], [0, 1], [1, 1], [1, -1]];
/** Paper whose level varies less than this over the page is even: nothing to flatten. */
const EVEN_PAPER = 24;

/**
 * The image with its paper made white: each pixel divided by the paper's level around it (the
 * bright end of each tile's grays, interpolated between tiles). Gray paper, the shadow at a binding edge and uneven lighting otherwise read as ink:
 * a shadow band joins every rule it touches into one dark area, and no rule is found.
 */
export function flattenPaper(image: GrayImage): GrayImage {
  const { width, height, data } = image;
  const tile = Math.max(16, Math.round(image.dpi * TILE_INCHES));
  const cols = Math.ceil(width / tile);
  const rows = Math.ceil(height / tile);
  const level = new Float32Array(cols * rows);
  const histogram = new Uint32Array(256);
  for (let ty = 0; ty < rows; ty++) {
    for (let tx = 0; tx < cols; tx++) {
      histogram.fill(0);
      let n = 0;
      for (let y = ty * tile; y < Math.min(height, (ty + 1) * tile); y++) {
        for (let x = tx * tile; x < Math.min(width, (tx + 1) * tile); x++) {
          histogram[data[y * width + x]!]!++;
          n++;
        }
      }
      let seen = 0;
      let g = 0;
      while (g < 255 && seen + histogram[g]! < PAPER_SHARE * n) seen += histogram[g++]!;
      level[ty * cols + tx] = g;
    }
  }
  // A tile dense with ink (a filled cell, a bold title) is a dip: paper brighter on both sides of
  // it along some line through it, within a block's reach. It takes the paper around it. A tile on a
  // shadow's slope keeps its own level, even beside white beyond the sheet's edge (a tilted scan's
  // corner): on its other side the slope goes on, no brighter, and it is no dip.
  const reach = Math.max(1, Math.round(DENSE_BLOCK_INCHES / TILE_INCHES));
  const at = (x: number, y: number) => (y >= 0 && x >= 0 && y < rows && x < cols ? level[y * cols + x]! : -1);
  const brightest = (tx: number, ty: number, dx: number, dy: number) => {
    let best = -1;
    for (let k = 1; k <= reach; k++) best = Math.max(best, at(tx + k * dx, ty + k * dy));
    return best;
  };
  const paper = new Float32Array(level.length);
  for (let ty = 0; ty < rows; ty++) {
    for (let tx = 0; tx < cols; tx++) {
      const own = level[ty * cols + tx]!;
      const dip = AXES.some(([dx, dy]) => own < DENSE * Math.min(brightest(tx, ty, dx, dy), brightest(tx, ty, -dx, -dy)));
      let near = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) near = Math.max(near, at(tx + dx, ty + dy));
      let around = near;
      if (dip && own >= DENSE * near) for (let dy = -reach; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) around = Math.max(around, at(tx + dx, ty + dy));
      paper[ty * cols + tx] = Math.max(1, dip ? around : own);
    }
  }
  // Paper of one level all over (a clean scan) is left as it is: the reader was tuned on such pages.
  let [low, high] = [255, 0];
  for (const p of paper) [low, high] = [Math.min(low, p), Math.max(high, p)];
  if (high - low < EVEN_PAPER) return image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(rows - 1, Math.max(0, (y + 0.5) / tile - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(rows - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(cols - 1, Math.max(0, (x + 0.5) / tile - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(cols - 1, x0 + 1);
      const wx = fx - x0;
      const top = paper[y0 * cols + x0]! * (1 - wx) + paper[y0 * cols + x1]! * wx;
      const bottom = paper[y1 * cols + x0]! * (1 - wx) + paper[y1 * cols + x1]! * wx;
      const bg = top * (1 - wy) + bottom * wy;
      out[y * width + x] = Math.min(255, Math.round((data[y * width + x]! * 255) / bg));
    }
  }
  return { ...image, data: out };
}
