import type { PageContent, Segment, TextRun } from '../../schemas/page';
import { fillRules, frameRules, strokeRules, type Box } from '../page/path-rules';
import { checkPageItems } from '../limits';
import { boxUnder, ClipTracker } from './clipped-text';
import { paintedImage } from './image-page';
import { apply, ctmFollower, multiply, textBox, type Matrix } from './matrix';
import { loadPdfJs, type PdfPage } from './open';
import { operatorTextItems, type OperatorTextItem } from './operator-text';

/** Text items as pdf.js's text content gives them (marked content items have no `str`). */
type TextItems = ReadonlyArray<Pick<OperatorTextItem, 'str' | 'transform' | 'width' | 'height'> | { type: string }>;

/**
 * Reads a page turned so that its text runs left to right: a page's /Rotate is only how it is
 * shown, and a landscape table may be drawn sideways on a portrait page; the text says which
 * way is up.
 */
export async function readPageContent(page: PdfPage, name = 'the PDF'): Promise<PageContent> {
  // A page of one image and no text (a scan) has no rules: its operator list, which would decode
  // the image, is not built.
  if (await paintedImage(page)) {
    const { width, height } = textView(page, []);
    return { page: page.pageNumber, width, height, runs: [], segments: [] };
  }
  // The text is read from the operator list the rules are read from: pdf.js's text content would
  // parse the content stream a second time (its own reading is left for pages the operator list
  // cannot read as it would).
  return contentOfItems(page, (await operatorTextItems(page)) ?? (await page.getTextContent()).items, name);
}

/** A page's content from its text items (pdf.js's text content, or their reading from the operator list) and its operator list's rules. */
export async function contentOfItems(page: PdfPage, items: TextItems, name: string): Promise<PageContent> {
  checkPageItems(items.length, 'text runs', page.pageNumber, name);
  const { view, width, height } = textView(page, items);
  const onPage = (x: number, y: number) => x >= 0 && x <= width && y >= 0 && y <= height;
  const { segments, clips } = await readSegments(page, view, name);
  // Text drawn only outside its clip path is not printed (Calc's copy of a merged cell's text on the page that does not show it).
  // Kept apart: where a cell's text runs past its cell, the clip cuts it, and the cell's read says so.
  const cut = new Set(items.filter((item) => 'str' in item && clips.cutAway(item)));
  const inside = (r: { x0: number; y0: number; x1: number; y1: number }) => onPage((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
  return {
    page: page.pageNumber,
    width,
    height,
    runs: readRuns(items.filter((item) => !cut.has(item)), view).filter(inside),
    segments: clipToPage(segments, width, height),
    ...(cut.size > 0 ? { clipped: readRuns([...cut], view).filter(inside) } : {}),
  };
}

/** The page's view (PDF space to top-left points) turned so that its text runs left to right, and its size. */
export function textView(page: PdfPage, items: TextItems): { view: Matrix; width: number; height: number } {
  const viewport = page.getViewport({ scale: 1, rotation: textRotation(items) ?? page.rotate });
  return { view: viewport.transform as Matrix, width: viewport.width, height: viewport.height };
}

/**
 * Rules as far as the page shows them. Some producers (wkhtmltopdf) draw the whole table on
 * every page and let the page cut it: what lies beyond the page's edge is not printed.
 */
export function clipToPage(segments: Segment[], width: number, height: number): Segment[] {
  const clip = (v: number, max: number) => Math.min(Math.max(v, 0), max);
  return segments
    .filter((s) => s.x1 >= 0 && s.x0 <= width && s.y1 >= 0 && s.y0 <= height)
    .map((s) => ({ x0: clip(s.x0, width), x1: clip(s.x1, width), y0: clip(s.y0, height), y1: clip(s.y1, height) }))
    .filter((s) => s.x1 - s.x0 > 1 || s.y1 - s.y0 > 1);
}

/** The quarter turn (0, 90, 180, 270) that brings most of the page's characters upright. */
function textRotation(items: TextItems): number | undefined {
  const weight = new Map<number, number>();
  for (const item of items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const [a, b] = item.transform as Matrix;
    // Most text is set upright: no arc tangent for it.
    const angle = b === 0 && a > 0 ? 0 : ((Math.round(Math.atan2(b, a) / (Math.PI / 2)) * 90) % 360 + 360) % 360;
    weight.set(angle, (weight.get(angle) ?? 0) + item.str.length);
  }
  let best: number | undefined;
  for (const [angle, w] of weight) if (best === undefined || w > weight.get(best)!) best = angle;
  return best;
}

function readRuns(items: TextItems, view: Matrix): TextRun[] {
  const runs: TextRun[] = [];
  const drawn = new Set<string>();
  for (const item of items) {
    if (!('str' in item) || item.str.trim() === '') continue;
    const t = item.transform as Matrix;
    // A run is as tall as its em at least. pdf.js scales a Type 3 glyph's height by its font's box
    // when the font size is 1 or less: cairo re-writes a print's glyphs as Type 3 fonts of a few glyphs
    // each, so a comma's "height" came out a third of its neighbours', its box sat apart from their line
    // and the comma was read at the line's end. The advance across (t[0], t[1]) is the em pdf.js leaves.
    const across = Math.hypot(t[0], t[1]);
    const size = Math.max(Math.hypot(t[2], t[3]), across);
    const ux = t[0] / (across || 1);
    const uy = t[1] / (across || 1);
    const height = Math.max(item.height, size);
    // The run's box in PDF space: along its direction by its width, up by its height; in the view.
    const [x0, y0, x1, y1] = textBox(view, t[4], t[5], ux, uy, item.width, height);
    const run = { text: item.str, x0, y0, x1, y1, size };
    // Text drawn twice at one place (filled, then stroked: a bold face as MuPDF re-writes it) is printed once.
    const place = `${run.text}\u0000${[run.x0, run.y0, run.x1, run.y1].map((v) => v.toFixed(2)).join(' ')}`;
    if (drawn.has(place)) continue;
    drawn.add(place);
    runs.push(run);
  }
  return runs;
}

async function readSegments(page: PdfPage, view: Matrix, name: string): Promise<{ segments: Segment[]; clips: ClipTracker }> {
  const { OPS } = await loadPdfJs();
  const PAINT_STROKE = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const PAINT_FILL = new Set<number>([OPS.fill, OPS.eoFill]);
  const list = await page.getOperatorList();
  const segments: Segment[] = [];
  const clips = new ClipTracker(OPS);
  const walk = ctmFollower(OPS);
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i]!;
    const args = list.argsArray[i] as unknown[];
    clips.see(fn, args, walk.ctm);
    if (walk.step(fn, args)) continue;
    if (fn === OPS.constructPath) {
      const paint = args[0] as number;
      const data = (args[1] as unknown[] | undefined)?.[0];
      if (!data || !(PAINT_STROKE.has(paint) || PAINT_FILL.has(paint))) continue;
      // Counted before any point is made: a hostile path of millions of lines is refused, not built.
      checkPageItems(segments.length + pathSegments(data as ArrayLike<number>), 'ruling segments', page.pageNumber, name);
      const paths = subpaths(data as ArrayLike<number>, multiply(view, walk.ctm));
      if (PAINT_STROKE.has(paint)) for (const pts of paths) segments.push(...strokeRules(pts));
      else {
        const frame = frameRules(paths, paint === OPS.eoFill, clipInView(clips.current, view));
        for (const rule of frame.length > 0 ? frame : paths.flatMap(fillRules)) segments.push(rule);
      }
    }
  }
  return { segments, clips };
}

/** A clip box of PDF space in the page's view coordinates. */
function clipInView(clip: ArrayLike<number> | null, view: Matrix): Box | null {
  if (!clip) return null;
  const [x0, y0, x1, y1] = boxUnder(view, clip);
  return { x0, x1, y0, y1 };
}

/** How many segments (lines, curves, closings) path data draws, without building its points. */
function pathSegments(data: ArrayLike<number>): number {
  let count = 0;
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === 0) i += 2;
    else if (op === 1) (i += 2), count++;
    else if (op === 2) (i += 6), count++;
    else if (op === 3) (i += 4), count++;
    else if (op === 4) count++;
    else break;
  }
  return count;
}

/**
 * Splits pdf.js path data (moveTo/lineTo/curveTo/closePath codes) into point lists, each point
 * taken through `m` as it is read. A moveTo that nothing follows draws nothing and is no subpath
 * (cairo ends each WeasyPrint border fill with one, which made its two-rectangle frames three subpaths).
 */
function subpaths(data: ArrayLike<number>, m: Matrix): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === 0) {
      if (current.length > 1) out.push(current);
      current = [apply(m, data[i]!, data[i + 1]!)];
      i += 2;
    } else if (op === 1) {
      current.push(apply(m, data[i]!, data[i + 1]!));
      i += 2;
    } else if (op === 2) {
      current.push(apply(m, data[i + 4]!, data[i + 5]!));
      i += 6;
    } else if (op === 3) {
      current.push(apply(m, data[i + 2]!, data[i + 3]!));
      i += 4;
    } else if (op === 4) {
      if (current.length > 0) current.push(current[0]!);
    } else break;
  }
  if (current.length > 1) out.push(current);
  return out;
}
