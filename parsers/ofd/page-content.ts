import type { Element } from 'domhandler';
import type { PageContent, Segment, TextRun } from '../../schemas/page';
import { CJK } from '../page/text-lines';
import { fillRules, strokeRules } from '../page/path-rules';
import type { OfdPage } from './container';
import { child, childElements, localName, numbers, textOf } from './xml';

/** OFD measures in millimetres; the page engine in points. */
const PT_PER_MM = 72 / 25.4;
/** A glyph advance wider than its own width by this many ems is a gap between two runs (two cells). */
const RUN_GAP_EM = 1;

/** x' = a·x + c·y + e, y' = b·x + d·y + f. */
type Matrix = [number, number, number, number, number, number];
type Point = [number, number];
const apply = (m: Matrix, [x, y]: Point): Point => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** An object's drawing space: its CTM, then the offset of its Boundary, then the page's origin. */
function objectMatrix(obj: Element, box: OfdPage['box']): Matrix {
  const [bx = 0, by = 0] = numbers(obj.attribs.Boundary);
  const ctm = numbers(obj.attribs.CTM);
  const [a, b, c, d, e, f] = ctm.length === 6 ? ctm : [1, 0, 0, 1, 0, 0];
  // Millimetres in the page's physical box to points from its top-left corner.
  const k = PT_PER_MM;
  return [a! * k, b! * k, c! * k, d! * k, (e! + bx - box[0]) * k, (f! + by - box[1]) * k];
}

/** A page's text runs and ruling lines, its templates included, in points from its top-left. */
export function readOfdPageContent(page: OfdPage): PageContent {
  const runs: TextRun[] = [];
  const segments: Segment[] = [];
  for (const part of [...page.templates, page.content]) {
    const content = child(part, 'Content');
    if (content) walk(content, page.box, runs, segments);
  }
  return { page: page.number, width: page.box[2] * PT_PER_MM, height: page.box[3] * PT_PER_MM, runs, segments };
}

/** Layers and page blocks nest objects; every visible text and path object is read. */
function walk(el: Element, box: OfdPage['box'], runs: TextRun[], segments: Segment[]): void {
  for (const obj of childElements(el)) {
    if (obj.attribs.Visible === 'false') continue;
    const name = localName(obj);
    if (name === 'TextObject') runs.push(...textRuns(obj, box));
    else if (name === 'PathObject') segments.push(...pathRules(obj, box));
    else if (name === 'Layer' || name === 'PageBlock') walk(obj, box, runs, segments);
  }
}

/** A glyph-advance list: numbers, and `g n v` for n advances of v. */
export function expandDeltas(value: string | undefined): number[] {
  const tokens = (value ?? '').trim().split(/\s+/).filter((t) => t !== '');
  const out: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'g') {
      const n = Number(tokens[i + 1]);
      const v = Number(tokens[i + 2]);
      if (Number.isFinite(n) && Number.isFinite(v)) for (let k = 0; k < Math.min(n, 100_000); k++) out.push(v);
      i += 2;
    } else if (Number.isFinite(Number(tokens[i]))) out.push(Number(tokens[i]));
  }
  return out;
}

/** The width a glyph takes without a given advance: an em for CJK and full-width forms, half otherwise. */
const nominalWidth = (ch: string, size: number) => (CJK.test(ch) ? size : size / 2);

/**
 * A text object's runs. Each TextCode places its first glyph at X/Y (inherited from the previous
 * TextCode when absent) and the next ones by DeltaX/DeltaY; a run is cut where an advance leaves
 * a gap (a converter may print a whole table row as one TextCode).
 */
function textRuns(obj: Element, box: OfdPage['box']): TextRun[] {
  const m = objectMatrix(obj, box);
  const size = Number(obj.attribs.Size) || 0;
  // The font size on the page: the object's size scaled by its CTM's vertical axis.
  const sizePt = size * Math.hypot(m[2], m[3]);
  const runs: TextRun[] = [];
  let x = 0;
  let y = 0;
  for (const code of childElements(obj, 'TextCode')) {
    x = code.attribs.X !== undefined ? Number(code.attribs.X) || 0 : x;
    y = code.attribs.Y !== undefined ? Number(code.attribs.Y) || 0 : y;
    const chars = [...textOf(code)];
    const dx = expandDeltas(code.attribs.DeltaX);
    const dy = expandDeltas(code.attribs.DeltaY);
    let start = 0;
    let startX = x;
    let startY = y;
    for (let i = 0; i < chars.length; i++) {
      const own = nominalWidth(chars[i]!, size);
      const advance = dx[i] ?? (i < chars.length - 1 ? (dx[dx.length - 1] ?? own) : own);
      const last = i === chars.length - 1;
      const cut = !last && (advance - own > size * RUN_GAP_EM || Math.abs(dy[i] ?? 0) > size * 0.5);
      if (last || cut) {
        const run = placeRun(chars.slice(start, i + 1).join(''), startX, startY, x + own, size, m, sizePt);
        if (run) runs.push(run);
        start = i + 1;
      }
      x += last ? 0 : advance;
      y += last ? 0 : (dy[i] ?? 0);
      if (cut) {
        startX = x;
        startY = y;
      }
    }
  }
  return runs;
}

/** A run from its first glyph's origin to the end of its last glyph, from the baseline up an em. */
function placeRun(text: string, x0: number, baseline: number, x1: number, size: number, m: Matrix, sizePt: number): TextRun | undefined {
  if (text.trim() === '') return undefined;
  const corners = ([[x0, baseline], [x1, baseline], [x0, baseline - size], [x1, baseline - size]] as Point[]).map((p) => apply(m, p));
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  return { text, x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys), size: sizePt };
}

/**
 * Ruling lines of a path object: its stroked axis-aligned pieces (Stroke defaults to true), or
 * a filled thin rectangle (Word and WPS exports draw cell borders so).
 */
function pathRules(obj: Element, box: OfdPage['box']): Segment[] {
  const m = objectMatrix(obj, box);
  const stroke = obj.attribs.Stroke !== 'false';
  const fill = obj.attribs.Fill === 'true';
  const out: Segment[] = [];
  for (const sub of subpaths(textOf(child(obj, 'AbbreviatedData')))) {
    const pts = sub.map((p) => apply(m, p));
    if (stroke) out.push(...strokeRules(pts));
    else if (fill) out.push(...fillRules(pts));
  }
  return out;
}

/** Splits AbbreviatedData (S/M move, L line, Q/B curves, A arc, C close) into its straight polylines. */
export function subpaths(data: string): Point[][] {
  const tokens = data.trim().split(/\s+/).filter((t) => t !== '');
  const arity: Record<string, number> = { S: 2, M: 2, L: 2, Q: 4, B: 6, A: 7, C: 0 };
  const out: Point[][] = [];
  let current: Point[] = [];
  for (let i = 0; i < tokens.length; ) {
    const op = tokens[i++]!;
    const n = arity[op];
    if (n === undefined) break;
    const args = tokens.slice(i, i + n).map(Number);
    i += n;
    if (args.some((v) => !Number.isFinite(v))) break;
    const end: Point | undefined = n > 0 ? [args[n - 2]!, args[n - 1]!] : undefined;
    if (op === 'S' || op === 'M' || op === 'Q' || op === 'B' || op === 'A') {
      // A curve is no rule: the straight pieces before and after it are kept apart.
      if (current.length > 1) out.push(current);
      current = [end!];
    } else if (op === 'C') {
      if (current.length > 0) current.push(current[0]!);
    } else current.push(end!);
  }
  if (current.length > 1) out.push(current);
  return out;
}
