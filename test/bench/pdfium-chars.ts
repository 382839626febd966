// Text runs from PDFium's character API, joined the way pdf.js's getTextContent joins glyphs into
// items (src/core/evaluator.js, compareWithLastPosition): one run per font and size while each
// glyph starts where the last one's advance ended; a gap over 0.102 of the font size is a space
// in the run, over 0.6 of it (or a step back over 0.2, or off the baseline) starts a new run.
// Boxes are pdf.js's: from the first origin along the text by the advances, up by the font size.
import type { WrappedPdfiumModule } from '@embedpdf/pdfium';
import type { TextRun } from '../../schemas/page';

/** A run in PDF space, with the quarter turn its text runs in. */
export type AngledRun = TextRun & { angle: number };

const TRACKING_SPACE = 0.102;
const SPACE_IN_FLOW_MAX = 0.6;
const NEGATIVE_SPACE = -0.2;
const VERTICAL_SHIFT = 0.25;

interface Open {
  font: number;
  /** The text object (one shown string) of the last glyph. */
  obj: number;
  tf: number;
  /** Unit vector along the text, in PDF space. */
  ux: number;
  uy: number;
  /** Font size on the page (points). */
  size: number;
  ox: number;
  oy: number;
  /** Where the last glyph's advance ended, along and across the text. */
  endAlong: number;
  endAcross: number;
  text: string;
}

/** What every glyph of one text object shares. */
interface ObjectInfo {
  hidden: boolean;
  font: number;
  tf: number;
  ux: number;
  uy: number;
  size: number;
  /** The text matrix's scale along the text (text space to page). */
  norm: number;
}

/** Every text run of a loaded text page. `scratch` holds at least 32 bytes. */
export function readCharRuns(m: WrappedPdfiumModule, textPage: number, scratch: number): AngledRun[] {
  const heap = () => (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8;
  let f32 = new Float32Array(heap().buffer, scratch, 8);
  let f64 = new Float64Array(heap().buffer, scratch, 4);
  // The WASM memory may grow (and its buffer be replaced) inside any call.
  const fresh = () => {
    if (f32.buffer !== heap().buffer) (f32 = new Float32Array(heap().buffer, scratch, 8)), (f64 = new Float64Array(heap().buffer, scratch, 4));
  };
  const runs: AngledRun[] = [];
  let open: Open | undefined;
  let pendingSpace = false;
  // The last glyph's end and size, kept across runs as pdf.js keeps prevTransform.
  let last: { endX: number; endY: number; size: number; ux: number; uy: number } | undefined;
  const flush = () => {
    if (open && open.text.trim() !== '') runs.push(box(open));
    open = undefined;
  };
  const count = m.FPDFText_CountChars(textPage);
  // Characters PDFium makes up (spaces and line ends between text it read) belong to no text object.
  const objects = new Int32Array(count);
  for (let i = 0; i < count; i++) objects[i] = m.FPDFText_GetTextObject(textPage, i);
  const glyphByGlyph = placesGlyphByGlyph(objects);
  const info = new Map<number, ObjectInfo>();
  const objectInfo = (obj: number, i: number): ObjectInfo | undefined => {
    if (!m.FPDFText_GetMatrix(textPage, i, scratch)) return undefined;
    fresh();
    const [a, b, c, d] = [f32[0]!, f32[1]!, f32[2]!, f32[3]!];
    const tf = m.FPDFText_GetFontSize(textPage, i);
    const norm = Math.hypot(a, b) || 1;
    return { hidden: cutAway(m, obj, scratch), font: m.FPDFTextObj_GetFont(obj), tf, ux: a / norm, uy: b / norm, size: tf * (Math.hypot(c, d) || norm), norm };
  };
  for (let i = 0; i < count; i++) {
    const obj = objects[i]!;
    if (!obj) continue;
    // PDFium marks a hyphen that ends a line with U+0002 (FPDFText_IsHyphen); pdf.js keeps the hyphen.
    const unicode = m.FPDFText_GetUnicode(textPage, i);
    const code = unicode === 0x02 ? 0x2d : unicode;
    let o = info.get(obj);
    if (!o) {
      o = objectInfo(obj, i);
      if (!o) continue;
      info.set(obj, o);
    }
    if (o.hidden) continue;
    if (code === 0x20 || code === 0xa0 || code === 0x3000 || code === 0x09 || code === 0x0a || code === 0x0d) {
      pendingSpace = true;
      continue;
    }
    const { font, tf, ux, uy, size } = o;
    m.FPDFText_GetCharOrigin(textPage, i, scratch, scratch + 8);
    fresh();
    const ox = f64[0]!;
    const oy = f64[1]!;
    // PDFium's loose box is not the glyph's advance for every font (12.32 for a CID glyph of width
    // 1000 at 12 pt on corpus/pdf 004): the font's width for the glyph, as pdf.js takes it, where
    // the Unicode maps back to one glyph; the box elsewhere.
    const advance = m.FPDFFont_GetGlyphWidth(font, unicode, tf, scratch) ? (fresh(), f32[0]! * o.norm) : glyphAdvance(m, textPage, i, scratch, ox, oy, ux, uy);
    const along = ox * ux + oy * uy;
    const across = -ox * uy + oy * ux;
    let space = false;
    if (open && ((open.obj !== obj && !glyphByGlyph) || open.font !== font || open.tf !== tf || Math.abs(open.ux - ux) > 1e-3 || Math.abs(open.uy - uy) > 1e-3)) flush();
    if (last && Math.abs(last.ux - ux) < 1e-3 && Math.abs(last.uy - uy) < 1e-3) {
      const gap = along - (last.endX * ux + last.endY * uy);
      const shift = across - (-last.endX * uy + last.endY * ux);
      const s = last.size;
      if (gap < NEGATIVE_SPACE * s || Math.abs(shift) > s) flush();
      else if (gap <= TRACKING_SPACE * s) {
        // A space glyph set tighter than a tracking space ends pdf.js's item.
        if (pendingSpace) flush();
      } else if (gap <= SPACE_IN_FLOW_MAX * s) space = true;
      else flush();
      if (open && Math.abs(shift) > VERTICAL_SHIFT * s) flush();
    } else flush();
    if (open) {
      if (space || pendingSpace) open.text += ' ';
      open.text += String.fromCodePoint(code);
      open.endAlong = along + advance;
      open.endAcross = across;
      open.obj = obj;
    } else {
      open = { font, obj, tf, ux, uy, size, ox, oy, endAlong: along + advance, endAcross: across, text: String.fromCodePoint(code) };
    }
    pendingSpace = false;
    last = { endX: ox + ux * advance, endY: oy + uy * advance, size, ux, uy };
  }
  flush();
  return runs;
}

/**
 * Whether three in four text objects of the page draw a single glyph. On the corpus, pages of
 * string-by-string producers have at most 0.67 of them, glyph-by-glyph producers at least 0.83
 * (README, PDF speed). pdf.js ends an item where the font
 * is set again (Tf after the graphics state was restored), which PDFium does not show. Producers
 * that print string by string (LibreOffice: q BT Td Tf Tj ET Q for every string) set it for every
 * string: a new text object is a new run. Producers that place glyph by glyph (Chromium's Skia,
 * ps2pdf of it) set it once for a line of glyphs: pdf.js joins them by position, and so does this.
 */
function placesGlyphByGlyph(objects: Int32Array): boolean {
  const glyphs = new Map<number, number>();
  for (const obj of objects) if (obj) glyphs.set(obj, (glyphs.get(obj) ?? 0) + 1);
  let single = 0;
  for (const n of glyphs.values()) if (n === 1) single++;
  return single >= 0.75 * glyphs.size;
}

/**
 * A glyph's advance along the text: PDFium's loose box spans the advance for text that is not
 * turned; for turned text its loose box is not (it scales by the matrix's a), so the ink box stands in.
 */
function glyphAdvance(m: WrappedPdfiumModule, textPage: number, i: number, scratch: number, ox: number, oy: number, ux: number, uy: number): number {
  const heap = () => (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer;
  if (Math.abs(uy) < 1e-3 && ux > 0 && m.FPDFText_GetLooseCharBox(textPage, i, scratch)) {
    // FS_RECTF: left, top, right, bottom.
    return Math.max(0, new Float32Array(heap(), scratch, 4)[2]! - ox);
  }
  if (!m.FPDFText_GetCharBox(textPage, i, scratch, scratch + 8, scratch + 16, scratch + 24)) return 0;
  const [l, r, b, t] = new Float64Array(heap(), scratch, 4) as unknown as [number, number, number, number];
  const corners: Array<[number, number]> = [
    [l, b],
    [r, b],
    [l, t],
    [r, t],
  ];
  return Math.max(0, ...corners.map(([x, y]) => (x - ox) * ux + (y - oy) * uy));
}

/** How far (points) a text may reach into its clip and still count as cut away (as parsers/pdf/clipped-text.ts). */
const CLIP_SLACK = 0.5;

/**
 * Whether a text object lies wholly outside the box of its clip path: LibreOffice Calc draws a
 * merged cell cut by a page break on both pages, each clipped to its part (parsers/pdf/clipped-text.ts).
 */
function cutAway(m: WrappedPdfiumModule, obj: number, scratch: number): boolean {
  const clip = clipBox(m, obj, scratch);
  if (!clip) return false;
  const [cx0, cy0, cx1, cy1] = clip;
  const view = () => new DataView((m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer, scratch, 16);
  if (!m.FPDFPageObj_GetBounds(obj, scratch, scratch + 4, scratch + 8, scratch + 12)) return false;
  const [l, b, r, t] = [0, 1, 2, 3].map((k) => view().getFloat32(4 * k, true)) as [number, number, number, number];
  return r <= cx0 + CLIP_SLACK || l >= cx1 - CLIP_SLACK || t <= cy0 + CLIP_SLACK || b >= cy1 - CLIP_SLACK;
}

/** The box (PDF space: x0, y0, x1, y1) of the clip paths an object is drawn under, their boxes intersected (as clipped-text's ClipTracker); null without a clip. */
export function clipBox(m: WrappedPdfiumModule, obj: number, scratch: number): [number, number, number, number] | null {
  const clip = m.FPDFPageObj_GetClipPath(obj);
  if (!clip) return null;
  const view = () => new DataView((m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8.buffer, scratch, 16);
  let [cx0, cy0, cx1, cy1] = [-Infinity, -Infinity, Infinity, Infinity];
  for (let p = 0; p < m.FPDFClipPath_CountPaths(clip); p++) {
    let [px0, py0, px1, py1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let k = 0; k < m.FPDFClipPath_CountPathSegments(clip, p); k++) {
      if (!m.FPDFPathSegment_GetPoint(m.FPDFClipPath_GetPathSegment(clip, p, k), scratch, scratch + 4)) continue;
      const x = view().getFloat32(0, true);
      const y = view().getFloat32(4, true);
      [px0, py0, px1, py1] = [Math.min(px0, x), Math.min(py0, y), Math.max(px1, x), Math.max(py1, y)];
    }
    if (px0 > px1) continue;
    [cx0, cy0, cx1, cy1] = [Math.max(cx0, px0), Math.max(cy0, py0), Math.min(cx1, px1), Math.min(cy1, py1)];
  }
  return cx0 === -Infinity && cx1 === Infinity ? null : [cx0, cy0, cx1, cy1];
}

function box(run: Open): AngledRun {
  const { ux, uy, size, ox, oy } = run;
  const width = run.endAlong - (ox * ux + oy * uy);
  const corners: Array<[number, number]> = [
    [ox, oy],
    [ox + ux * width, oy + uy * width],
    [ox - uy * size, oy + ux * size],
    [ox + ux * width - uy * size, oy + uy * width + ux * size],
  ];
  return {
    text: run.text,
    x0: Math.min(...corners.map((p) => p[0])),
    y0: Math.min(...corners.map((p) => p[1])),
    x1: Math.max(...corners.map((p) => p[0])),
    y1: Math.max(...corners.map((p) => p[1])),
    size,
    angle: ((Math.round(Math.atan2(uy, ux) / (Math.PI / 2)) * 90) % 360 + 360) % 360,
  };
}
