import type { Segment, TextRun } from '../../schemas/page';
import type { GrayImage } from '../ocr/gray-image';
import type { Region } from '../ocr/missed-text';

/**
 * A narrow cell sets its text one character a line (`二` over `级` over `指` over `标`). Read
 * alone, such a character has no context and the reader guesses (`二` read as `一`, `一` as `-`);
 * laid side by side, the column reads as the word it is. These are the runs of one character an
 * em wide stacked at one x, line under line, with nothing beside them on their lines and no rule
 * between them (one cell).
 */
export function stackedColumns(runs: TextRun[], segments: Segment[]): TextRun[][] {
  const single = runs.filter((r) => [...r.text].length === 1 && r.text.trim() !== '' && Math.abs(r.x1 - r.x0 - r.size) <= 0.2 * r.size);
  const ruled = segments.filter((s) => s.y0 === s.y1);
  const walls = segments.filter((s) => s.x0 === s.x1);
  // A rule between two runs parts them however close they are (narrow columns of one character each).
  const walled = (a: TextRun, b: TextRun) => {
    const [left, right] = a.x0 < b.x0 ? [a, b] : [b, a];
    const mid = (a.y0 + a.y1) / 2;
    return walls.some((s) => s.x0 >= left.x1 - 0.1 * left.size && s.x0 <= right.x0 + 0.1 * right.size && s.y0 <= mid && s.y1 >= mid);
  };
  const alone = single.filter((r) => !runs.some((o) => o !== r && sameLine(o, r) && o.x0 < r.x1 + 0.5 * r.size && o.x1 > r.x0 - 0.5 * r.size && !walled(o, r)));
  const below = (upper: TextRun, lower: TextRun) =>
    Math.abs(lower.x0 - upper.x0) <= 0.25 * upper.size &&
    Math.abs(lower.size - upper.size) <= 0.1 * upper.size &&
    lower.y0 - upper.y1 >= -0.1 * upper.size &&
    lower.y0 - upper.y1 <= upper.size &&
    !ruled.some((s) => s.y0 > upper.y1 - 0.1 * upper.size && s.y0 < lower.y0 + 0.1 * upper.size && s.x0 < upper.x1 && s.x1 > upper.x0);
  const stacks: TextRun[][] = [];
  const taken = new Set<TextRun>();
  for (const top of [...alone].sort((a, b) => a.y0 - b.y0)) {
    if (taken.has(top)) continue;
    const stack = [top];
    for (;;) {
      const next = alone.find((r) => !taken.has(r) && !stack.includes(r) && below(stack[stack.length - 1]!, r));
      if (!next) break;
      stack.push(next);
    }
    if (stack.length < 2) continue;
    for (const r of stack) taken.add(r);
    stacks.push(stack);
  }
  return stacks;
}

const sameLine = (a: TextRun, b: TextRun) => Math.abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) < 0.5 * Math.min(a.size, b.size);

/** Where one stacked character sits in the laid-out image: its run, its row (a cell) and its span in pixels. */
export interface StackSlot {
  run: TextRun;
  cell: number;
  x0: number;
  x1: number;
}

/**
 * The stacks laid out for the reader: each stack one line of its characters side by side
 * (each character's box with `pad` font sizes of white), one stack under another.
 */
export function layOutStacks(stacks: TextRun[][], page: GrayImage, pad: number): { image: GrayImage; cells: Region[]; slots: StackSlot[] } {
  const px = page.dpi / 72;
  const boxes = stacks.map((stack) => stack.map((run) => pixelBox(run, px, pad, page)));
  const gap = Math.max(4, Math.round(px * 2));
  const width = Math.max(...boxes.map((row) => row.reduce((w, b) => w + b.x1 - b.x0, 0))) + 2 * gap;
  const heights = boxes.map((row) => Math.max(...row.map((b) => b.y1 - b.y0)));
  const height = heights.reduce((h, r) => h + r + gap, gap);
  const data = new Uint8Array(width * height).fill(255);
  const cells: Region[] = [];
  const slots: StackSlot[] = [];
  let top = gap;
  boxes.forEach((row, cell) => {
    let left = gap;
    row.forEach((b, i) => {
      for (let y = b.y0; y < b.y1; y++) data.set(page.data.subarray(y * page.width + b.x0, y * page.width + b.x1), (top + y - b.y0) * width + left);
      slots.push({ run: stacks[cell]![i]!, cell, x0: left, x1: left + b.x1 - b.x0 });
      left += b.x1 - b.x0;
    });
    cells.push({ x0: 0, y0: top - Math.floor(gap / 2), x1: width - 1, y1: Math.min(height - 1, top + heights[cell]! + Math.floor(gap / 2)) });
    top += heights[cell]! + gap;
  });
  return { image: { width, height, data, dpi: page.dpi }, cells, slots };
}

function pixelBox(run: TextRun, px: number, pad: number, page: GrayImage): Region {
  const clamp = (v: number, max: number) => Math.min(Math.max(Math.round(v), 0), max);
  return {
    x0: clamp((run.x0 - pad * run.size) * px, page.width),
    y0: clamp((run.y0 - pad * run.size) * px, page.height),
    x1: clamp((run.x1 + pad * run.size) * px, page.width),
    y1: clamp((run.y1 + pad * run.size) * px, page.height),
  };
}
