// PDFium's glyphs judged as parsers/pdf/text-layer-trust.ts judges pdf.js's (benchmark only).
// @embedpdf/pdfium 2.15.1 exports no glyph-code getter (neither its .d.ts nor its WASM's exports
// have one; FPDFFont_GetGlyphWidth and FPDFFont_GetGlyphPath take a Unicode value and map it back
// to a code): a glyph is told apart from the font's others by what PDFium gives, its Unicode,
// its advance and its ink box in glyph space.
import { hasUsableText } from '../../parsers/pdf';
import { judgeFonts, type DistrustedFont, type GlyphUse } from '../../parsers/pdf/text-layer-trust';
import { eachPdfiumPage } from './pdfium-pages';

/** A document's text-layer verdict: pages with a distrusted font (and the reasons), pages without a usable text layer. */
export interface Verdict {
  distrusted: Map<number, string[]>;
  unusable: number[];
}

/** Enough real characters, and not mostly unmapped glyphs: the PDF parser's test on the page's text. */
const usable = (text: string) => hasUsableText({ page: 0, width: 0, height: 0, runs: [{ text, x0: 0, y0: 0, x1: 0, y1: 0, size: 0 }], segments: [] });

/** The verdict from PDFium's characters; null when PDFium cannot open the file. */
export async function pdfiumVerdict(bytes: Uint8Array): Promise<Verdict | null> {
  const v: Verdict = { distrusted: new Map(), unusable: [] };
  const known = new Map<string, DistrustedFont>();
  const read = await eachPdfiumPage(bytes, 64, (m, _page, textPage, n, scratch) => {
    const heap = () => (m.pdfium as unknown as { HEAPU8: Uint8Array }).HEAPU8;
    const byFont = new Map<string, Map<string, GlyphUse>>();
    let text = '';
    // PDFium splits a glyph whose map gives several characters (a ligature's "fi") into as many
    // characters at the glyph's origin, its box shared among them: they are joined back into one.
    let glyph: { obj: number; ox: number; oy: number; unicode: string; em: number; ink: number[]; tf: number; m: number[] } | undefined;
    const add = () => {
      if (!glyph) return;
      const g = glyph;
      glyph = undefined;
      const font = String(m.FPDFTextObj_GetFont(g.obj));
      const [a, b, c, d] = g.m as [number, number, number, number];
      const det = a * d - b * c;
      const inv = (x: number, y: number) => [(d * x - c * y) / det / g.tf, (-b * x + a * y) / det / g.tf];
      const ink = [...inv(g.ink[0]! - g.ox, g.ink[2]! - g.oy), ...inv(g.ink[1]! - g.ox, g.ink[3]! - g.oy)].map((x) => x.toFixed(3)).join(',');
      const key = `${g.unicode}\u0000${g.em.toFixed(3)}\u0000${ink}`;
      let uses = byFont.get(font);
      if (!uses) byFont.set(font, (uses = new Map()));
      if (!uses.has(key)) uses.set(key, { code: uses.size, unicode: g.unicode, em: g.em, isSpace: g.unicode === ' ' });
    };
    for (let i = 0; i < m.FPDFText_CountChars(textPage); i++) {
      const obj = m.FPDFText_GetTextObject(textPage, i);
      if (!obj) continue;
      const u = m.FPDFText_GetUnicode(textPage, i);
      // A glyph without a Unicode map: PDFium hands its code for its Unicode.
      const unicode = m.FPDFText_HasUnicodeMapError(textPage, i) ? '' : String.fromCodePoint(u === 2 ? 0x2d : u);
      text += unicode;
      m.FPDFText_GetMatrix(textPage, i, scratch);
      const mt = Array.from(new Float32Array(heap().buffer, scratch, 4));
      const [a, b] = mt as [number, number];
      const tf = m.FPDFText_GetFontSize(textPage, i);
      m.FPDFText_GetCharOrigin(textPage, i, scratch, scratch + 8);
      const [ox, oy] = Array.from(new Float64Array(heap().buffer, scratch, 2)) as [number, number];
      const size = tf * (Math.hypot(a, b) || 1);
      let em = 0;
      if (m.FPDFText_GetLooseCharBox(textPage, i, scratch)) {
        const r = new Float32Array(heap().buffer, scratch, 4)[2]!;
        em = Math.abs(b) < 1e-3 ? (r - ox) / size : 0;
      }
      let ink = [ox, ox, oy, oy];
      if (m.FPDFText_GetCharBox(textPage, i, scratch, scratch + 8, scratch + 16, scratch + 24)) ink = Array.from(new Float64Array(heap().buffer, scratch, 4));
      if (glyph && glyph.obj === obj && glyph.ox === ox && glyph.oy === oy) {
        glyph.unicode += unicode;
        glyph.em = Math.max(glyph.em, em);
        glyph.ink = [Math.min(glyph.ink[0]!, ink[0]!), Math.max(glyph.ink[1]!, ink[1]!), Math.min(glyph.ink[2]!, ink[2]!), Math.max(glyph.ink[3]!, ink[3]!)];
        continue;
      }
      add();
      glyph = { obj, ox, oy, unicode, em, ink, tf, m: mt };
    }
    add();
    if (!usable(text)) v.unusable.push(n + 1);
    else {
      const d = judgeFonts(new Map([...byFont].map(([f, u]) => [f, [...u.values()]])), known);
      if (d.length > 0) v.distrusted.set(n + 1, [...new Set(d.flatMap((f) => f.reasons))]);
    }
  });
  return read ? v : null;
}
