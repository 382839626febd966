import { apply, IDENTITY, multiply, type Matrix } from './matrix';
import { loadPdfJs, type PdfPage } from './open';
import { emScale, isGlyph } from './text-layer-trust';

/** One glyph a page draws, where it draws it (page view points, y down), in the font that draws it. */
export interface PlacedGlyph {
  font: string;
  code: number;
  /** What the text layer decodes it to. */
  unicode: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  size: number;
}

interface TextState {
  ctm: Matrix;
  font: string;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

const translate = (m: Matrix, x: number, y: number): Matrix => multiply(m, [1, 0, 0, 1, x, y]);

/**
 * Every glyph of the given fonts as the page draws it, one entry a drawn glyph, in drawing
 * order: the text layer (pdf.js's text content) leaves out glyphs that decode to whitespace and
 * joins the others into runs, so how many glyphs a run stands for, and where each one is, is
 * known only here. The text state is followed as PDF defines it (Tm, Tlm, Tc, Tw, Tz, TL, Ts
 * and the CTM); glyph boxes span the font size up from the baseline, as runs do.
 */
export async function placeGlyphs(page: PdfPage, view: Matrix, fonts: ReadonlySet<string>): Promise<PlacedGlyph[]> {
  const { OPS } = await loadPdfJs();
  const list = await page.getOperatorList();
  const out: PlacedGlyph[] = [];
  const drawn = new Set<string>();
  const stack: TextState[] = [];
  let s: TextState = { ctm: IDENTITY, font: '', size: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 };
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let scale = 0.001;
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[];
    const num = (k: number) => Number(args[k] ?? 0);
    if (fn === OPS.save) stack.push({ ...s });
    else if (fn === OPS.restore) s = stack.pop() ?? s;
    else if (fn === OPS.transform) s.ctm = multiply(s.ctm, args as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push({ ...s });
      if (Array.isArray(args[0]) || ArrayBuffer.isView(args[0])) s.ctm = multiply(s.ctm, Array.from(args[0] as ArrayLike<number>) as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) s = stack.pop() ?? s;
    else if (fn === OPS.beginText) tm = tlm = IDENTITY;
    else if (fn === OPS.setFont) {
      s.font = String(args[0]);
      s.size = Math.abs(num(1));
      scale = emScale(page, s.font);
    } else if (fn === OPS.setCharSpacing) s.charSpacing = num(0);
    else if (fn === OPS.setWordSpacing) s.wordSpacing = num(0);
    else if (fn === OPS.setHScale) s.hScale = num(0) / 100;
    else if (fn === OPS.setLeading) s.leading = num(0);
    else if (fn === OPS.setTextRise) s.rise = num(0);
    else if (fn === OPS.setTextMatrix) tm = tlm = Array.from(args[0] as ArrayLike<number>) as Matrix;
    else if (fn === OPS.moveText) tm = tlm = translate(tlm, num(0), num(1));
    else if (fn === OPS.setLeadingMoveText) {
      s.leading = -num(1);
      tm = tlm = translate(tlm, num(0), num(1));
    } else if (fn === OPS.nextLine) tm = tlm = translate(tlm, 0, -s.leading);
    else if (fn === OPS.showText && Array.isArray(args[0])) {
      const keep = fonts.has(s.font);
      const m = multiply(view, s.ctm);
      for (const g of args[0] as unknown[]) {
        if (typeof g === 'number') {
          tm = translate(tm, (-g / 1000) * s.size * s.hScale, 0);
          continue;
        }
        if (!isGlyph(g)) continue;
        const advance = g.width * scale * s.size;
        if (keep) {
          const corners = [
            [0, s.rise],
            [advance * s.hScale, s.rise],
            [0, s.rise + s.size],
            [advance * s.hScale, s.rise + s.size],
          ].map(([x, y]) => apply(multiply(m, tm), x!, y!));
          const xs = corners.map((p) => p[0]);
          const ys = corners.map((p) => p[1]);
          const x0 = Math.min(...xs);
          const y0 = Math.min(...ys);
          const glyph = { font: s.font, code: g.originalCharCode, unicode: g.unicode, x0, y0, x1: Math.max(...xs), y1: Math.max(...ys), size: Math.max(...ys) - y0 };
          // A glyph drawn again where it was drawn (filled, then stroked: a bold face as MuPDF re-writes it) is one glyph.
          const place = `${glyph.font}\u0000${glyph.code}\u0000${glyph.x0.toFixed(2)} ${glyph.y0.toFixed(2)}`;
          if (!drawn.has(place)) out.push(glyph);
          drawn.add(place);
        }
        tm = translate(tm, (advance + s.charSpacing + (g.isSpace ? s.wordSpacing : 0)) * s.hScale, 0);
      }
    }
  }
  return out;
}
