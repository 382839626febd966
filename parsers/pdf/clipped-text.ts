import type { loadPdfJs } from './open';
import { apply, IDENTITY, type Matrix, multiply, textBox } from './matrix';

type Ops = Awaited<ReturnType<typeof loadPdfJs>>['OPS'];
/** A box in PDF user space of the page: x0, y0, x1, y1. */
export type Box = [number, number, number, number];

/** Where a text piece starts (PDF space) and the clip it was drawn under (null: none but the page). */
interface TextStart {
  x: number;
  y: number;
  clip: Box | null;
}

/** How near (points) a text item's origin must be to a drawn text's to be that text. */
const SAME_ORIGIN = 0.5;
/** How far (points) a text item may reach into its clip and still count as cut away. */
const CLIP_SLACK = 0.5;

const intersect = (a: Box | null, b: Box): Box => (a ? [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])] : b);

/** The box a box (x0, y0, x1, y1) covers under matrix `m`. */
export function boxUnder(m: Matrix, minMax: ArrayLike<number>): Box {
  const pts = [apply(m, minMax[0]!, minMax[1]!), apply(m, minMax[2]!, minMax[1]!), apply(m, minMax[0]!, minMax[3]!), apply(m, minMax[2]!, minMax[3]!)];
  return [Math.min(...pts.map((p) => p[0])), Math.min(...pts.map((p) => p[1])), Math.max(...pts.map((p) => p[0])), Math.max(...pts.map((p) => p[1]))];
}

/**
 * Follows the clip paths and text positions of a page's operator list, op by op, as the content
 * reading walks it. A spreadsheet printer (LibreOffice Calc) draws the text of a merged cell cut
 * by a page break on both pages, each clipped to the part of the cell its page holds: the copy
 * outside its clip is not printed, and the text layer must not read it.
 * Clips are taken as their bounding boxes: a text is judged cut away only when it lies wholly
 * outside the box, so a clip of another shape never hides printed text.
 */
export class ClipTracker {
  private clip: Box | null = null;
  private readonly clips: Array<Box | null> = [];
  private clipNext = false;
  private line: Matrix = [1, 0, 0, 1, 0, 0];
  private placed = false;
  /** Drawn text starts by their rounded y, for looking items up by origin. */
  private readonly starts = new Map<number, TextStart[]>();

  constructor(private readonly OPS: Ops) {}

  /** One operator with its arguments, under the current transformation matrix `ctm`. */
  see(fn: number, args: unknown[] | null, ctm: Matrix): void {
    // Called for every operator of every page: the matrices are worked out only where text is placed or drawn.
    const OPS = this.OPS;
    if (fn === OPS.showText || fn === OPS.showSpacedText) {
      // Only a text's first piece after it was placed starts where the matrices say.
      if (this.placed) this.addStart(ctm);
      this.placed = false;
    } else if (fn === OPS.save || fn === OPS.paintFormXObjectBegin) this.clips.push(this.clip);
    else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) this.clip = this.clips.length > 0 ? this.clips.pop()! : this.clip;
    else if (fn === OPS.clip || fn === OPS.eoClip) this.clipNext = true;
    else if (fn === OPS.constructPath) {
      const minMax = args?.[2] as ArrayLike<number> | null | undefined;
      if (this.clipNext && minMax && minMax.length === 4 && Number.isFinite(minMax[0])) this.clip = intersect(this.clip, boxUnder(ctm, minMax));
      this.clipNext = false;
    } else if (fn === OPS.beginText) this.moveTo([1, 0, 0, 1, 0, 0]);
    else if (fn === OPS.setTextMatrix && args) this.moveTo(Array.from(args[0] as ArrayLike<number>) as Matrix);
    else if ((fn === OPS.moveText || fn === OPS.setLeadingMoveText) && args) this.moveTo(multiply(this.line, [1, 0, 0, 1, args[0] as number, args[1] as number]));
    else if (fn === OPS.nextLine) this.placed = false;
  }

  /** A drawn text's start: the line matrix's origin under `ctm`. */
  private addStart(ctm: Matrix): void {
    const [x, y] = apply(multiply(ctm, this.line), 0, 0);
    const key = Math.round(y);
    const row = this.starts.get(key);
    if (row) row.push({ x, y, clip: this.clip });
    else this.starts.set(key, [{ x, y, clip: this.clip }]);
  }

  /** The clip paths' box now in force (PDF space: x0, y0, x1, y1), null when only the page clips. */
  get current(): Box | null {
    return this.clip;
  }

  private moveTo(line: Matrix): void {
    this.line = line;
    this.placed = true;
  }

  /**
   * Whether a text item (pdf.js text content: its transform, width and height in PDF space) was
   * drawn only outside its clip: every text drawn from its origin lies wholly outside the clip it
   * was drawn under. An item no drawn text starts at is kept.
   */
  cutAway(item: { transform: number[]; width: number; height: number }): boolean {
    // Called for every text item of every page: a few lookups, and the item's box only for an item drawn under a clip.
    const t = item.transform;
    const e = t[4]!;
    const f = t[5]!;
    const drawn: TextStart[] = [];
    for (let d = -1; d <= 1; d++) {
      for (const s of this.starts.get(Math.round(f) + d) ?? []) if (Math.abs(s.x - e) <= SAME_ORIGIN && Math.abs(s.y - f) <= SAME_ORIGIN) drawn.push(s);
    }
    if (drawn.length === 0 || drawn.some((s) => s.clip === null)) return false;
    const norm = Math.hypot(t[0]!, t[1]!) || 1;
    const ux = t[0]! / norm;
    const uy = t[1]! / norm;
    const [x0, y0, x1, y1] = textBox(IDENTITY, e, f, ux, uy, item.width, item.height);
    return drawn.every(({ clip }) => x1 <= clip![0] + CLIP_SLACK || x0 >= clip![2] - CLIP_SLACK || y1 <= clip![1] + CLIP_SLACK || y0 >= clip![3] - CLIP_SLACK);
  }
}
