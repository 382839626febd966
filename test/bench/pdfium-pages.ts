// PDFium (@embedpdf/pdfium, WASM) behind the page interface, for the benchmark only: text runs
// built from its characters as pdf.js joins glyphs into items (./pdfium-chars.ts), and rules from
// painted paths, in the same page coordinates as parsers/pdf/page-content.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { init, type WrappedPdfiumModule } from '@embedpdf/pdfium';
import { fillRules, frameRules, strokeRules } from '../../parsers/page/path-rules';
import { boxUnder } from '../../parsers/pdf/clipped-text';
import { apply, multiply, type Matrix } from '../../parsers/pdf/matrix';
import { clipToPage } from '../../parsers/pdf/page-content';
import type { PageContent, Segment, TextRun } from '../../schemas/page';
import { clipBox, readCharRuns } from './pdfium-chars';

const OBJ_PATH = 2;
/** FPDF_FILLMODE_ALTERNATE: the even-odd rule. */
const FILL_EVEN_ODD = 1;
const OBJ_FORM = 5;
const SEG_LINETO = 0;
const SEG_BEZIERTO = 1;
const SEG_MOVETO = 2;

let loaded: Promise<WrappedPdfiumModule> | undefined;
export function loadPdfium(): Promise<WrappedPdfiumModule> {
  loaded ??= (async () => {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm'));
    const m = await init({ wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) } as never);
    m.PDFiumExt_Init();
    return m;
  })();
  return loaded;
}

/**
 * Opens a PDF in PDFium and runs `read` on each page (its page and text page loaded) in order;
 * null when PDFium cannot open it. `scratchBytes`: WASM memory handed to `read` for out-parameters.
 */
export async function eachPdfiumPage<T>(bytes: Uint8Array, scratchBytes: number, read: (m: WrappedPdfiumModule, page: number, textPage: number, n: number, scratch: number) => T): Promise<T[] | null> {
  const m = await loadPdfium();
  const data = m.pdfium.wasmExports.malloc(bytes.length);
  (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8.set(bytes, data);
  const scratch = m.pdfium.wasmExports.malloc(scratchBytes);
  const doc = m.FPDF_LoadMemDocument(data, bytes.length, '');
  const out: T[] = [];
  try {
    if (!doc) return null;
    for (let n = 0; n < m.FPDF_GetPageCount(doc); n++) {
      const page = m.FPDF_LoadPage(doc, n);
      const textPage = m.FPDFText_LoadPage(page);
      try {
        out.push(read(m, page, textPage, n, scratch));
      } finally {
        m.FPDFText_ClosePage(textPage);
        m.FPDF_ClosePage(page);
      }
    }
  } finally {
    if (doc) m.FPDF_CloseDocument(doc);
    m.pdfium.wasmExports.free(data);
    m.pdfium.wasmExports.free(scratch);
  }
  return out;
}

/** Every page of a PDF as page content, read by PDFium. */
export async function readPdfiumPages(bytes: Uint8Array): Promise<PageContent[]> {
  // Scratch for out-parameters: six floats, or a string of up to 4096 UTF-16 units.
  const pages = await eachPdfiumPage(bytes, 8192 + 64, (m, page, textPage, n, scratch): PageContent => {
    const heap = () => (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8;
    const floats = (k: number) => {
      const view = new DataView(heap().buffer, scratch, 4 * k);
      return Array.from({ length: k }, (_, i) => view.getFloat32(4 * i, true));
    };
    const runs = readCharRuns(m, textPage, scratch);
    const paths: Array<{ stroke: boolean; evenOdd: boolean; clip: [number, number, number, number] | null; pts: Array<Array<[number, number]>> }> = [];
    const objectMatrix = (obj: number): Matrix => (m.FPDFPageObj_GetMatrix(obj, scratch) ? (floats(6) as Matrix) : [1, 0, 0, 1, 0, 0]);
    const walk = (obj: number, outer: Matrix) => {
      const type = m.FPDFPageObj_GetType(obj);
      if (type === OBJ_FORM) {
        const inner = multiply(outer, objectMatrix(obj));
        for (let i = 0; i < m.FPDFFormObj_CountObjects(obj); i++) walk(m.FPDFFormObj_GetObject(obj, i), inner);
      } else if (type === OBJ_PATH) {
        if (!m.FPDFPath_GetDrawMode(obj, scratch, scratch + 4)) return;
        const view = new DataView(heap().buffer, scratch, 8);
        const fillMode = view.getInt32(0, true);
        const fill = fillMode !== 0;
        const stroke = view.getInt32(4, true) !== 0;
        if (!fill && !stroke) return;
        const t = multiply(outer, objectMatrix(obj));
        const subpaths: Array<Array<[number, number]>> = [];
        let current: Array<[number, number]> = [];
        const count = m.FPDFPath_CountSegments(obj);
        for (let i = 0; i < count; i++) {
          const seg = m.FPDFPath_GetPathSegment(obj, i);
          if (!m.FPDFPathSegment_GetPoint(seg, scratch, scratch + 4)) continue;
          const [x, y] = floats(2);
          const type = m.FPDFPathSegment_GetType(seg);
          if (type === SEG_MOVETO) {
            // A moveTo that nothing follows draws nothing and is no subpath (as page-content.ts).
            if (current.length > 1) subpaths.push(current);
            current = [apply(t, x!, y!)];
          } else if (type === SEG_LINETO || type === SEG_BEZIERTO) current.push(apply(t, x!, y!));
          // PDFium ends a closed path (a rectangle too) with a line back to its start and the close
          // mark on it: the start is added again only where that line did not reach it (pdf.js's
          // closePath draws it), so a rectangle is its four corners and the start once more.
          const start = current[0];
          const end = current[current.length - 1];
          if (m.FPDFPathSegment_GetClose(seg) && start && end && (end[0] !== start[0] || end[1] !== start[1])) current.push(start);
        }
        if (current.length > 1) subpaths.push(current);
        paths.push({ stroke, evenOdd: fillMode === FILL_EVEN_ODD, clip: clipBox(m, obj, scratch), pts: subpaths });
      }
    };
    for (let i = 0; i < m.FPDFPage_CountObjects(page); i++) walk(m.FPDFPage_GetObject(page, i), [1, 0, 0, 1, 0, 0]);
    // The page box and the quarter turn that brings most characters upright, as pdf.js's viewport.
    const box = m.FPDFPage_GetCropBox(page, scratch, scratch + 4, scratch + 8, scratch + 12) || m.FPDFPage_GetMediaBox(page, scratch, scratch + 4, scratch + 8, scratch + 12) ? floats(4) : [0, 0, 595, 842];
    const [left, bottom, right, top] = box as [number, number, number, number];
    const weight = new Map<number, number>();
    for (const r of runs) weight.set(r.angle, (weight.get(r.angle) ?? 0) + r.text.length);
    let rotation = (m.FPDFPage_GetRotation(page) * 90) % 360;
    let best = -1;
    for (const [angle, w] of weight) if (w > best) (best = w), (rotation = angle);
    const { view, width, height } = viewport([Math.min(left, right), Math.min(bottom, top), Math.max(left, right), Math.max(bottom, top)], rotation);
    const onPage = (x: number, y: number) => x >= 0 && x <= width && y >= 0 && y <= height;
    const toPage = (r: TextRun): TextRun => {
      const a = apply(view, r.x0, r.y0);
      const b = apply(view, r.x1, r.y1);
      return { text: r.text, x0: Math.min(a[0], b[0]), y0: Math.min(a[1], b[1]), x1: Math.max(a[0], b[0]), y1: Math.max(a[1], b[1]), size: r.size };
    };
    const segments: Segment[] = [];
    for (const p of paths) {
      const inView = p.pts.map((sub) => sub.map(([x, y]) => apply(view, x, y)));
      if (p.stroke) for (const sub of inView) segments.push(...strokeRules(sub));
      else {
        // Borders drawn as filled frames (two nested rectangles) are rules, as far as their clip shows them (as page-content.ts).
        const clip = p.clip ? boxUnder(view, p.clip) : null;
        const frame = frameRules(inView, p.evenOdd, clip ? { x0: clip[0], y0: clip[1], x1: clip[2], y1: clip[3] } : null);
        for (const rule of frame.length > 0 ? frame : inView.flatMap(fillRules)) segments.push(rule);
      }
    }
    // Text drawn twice at one place (a bold face filled, then stroked) is printed once (as page-content.ts).
    const drawn = new Set<string>();
    const once = (r: TextRun) => {
      const place = `${r.text}\u0000${[r.x0, r.y0, r.x1, r.y1].map((v) => v.toFixed(2)).join(' ')}`;
      return !drawn.has(place) && drawn.add(place) !== undefined;
    };
    return {
      page: n + 1,
      width,
      height,
      runs: runs.map(toPage).filter(once).filter((r) => onPage((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2)),
      segments: clipToPage(segments, width, height),
    };
  });
  if (!pages) throw new Error('PDFium cannot open it');
  return pages;
}

/** pdf.js's PageViewport at scale 1: PDF space to top-left page space, turned by `rotation`. */
function viewport(viewBox: [number, number, number, number], rotation: number): { view: Matrix; width: number; height: number } {
  const centerX = (viewBox[2] + viewBox[0]) / 2;
  const centerY = (viewBox[3] + viewBox[1]) / 2;
  const [a, b, c, d] = rotation === 180 ? [-1, 0, 0, 1] : rotation === 90 ? [0, 1, 1, 0] : rotation === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
  const sideways = a === 0;
  const offsetX = sideways ? Math.abs(centerY - viewBox[1]) : Math.abs(centerX - viewBox[0]);
  const offsetY = sideways ? Math.abs(centerX - viewBox[0]) : Math.abs(centerY - viewBox[1]);
  const width = sideways ? viewBox[3] - viewBox[1] : viewBox[2] - viewBox[0];
  const height = sideways ? viewBox[2] - viewBox[0] : viewBox[3] - viewBox[1];
  return { view: [a, b, c, d, offsetX - a * centerX - c * centerY, offsetY - b * centerX - d * centerY], width, height };
}
