import { isEverydayChinese } from '../ideographs/everyday';
import { loadPdfJs, type PdfPage } from './open';

/** One glyph of a font as the page shows it: its code, what the text layer decodes it to, its advance in ems. */
export interface GlyphUse {
  code: number;
  unicode: string;
  em: number;
  isSpace: boolean;
}

/** A font whose text layer cannot be right, with what gives it away. */
export interface DistrustedFont {
  /** The font's resource name on the page (pdf.js `loadedName`, as text items carry it). */
  font: string;
  /** Decoded characters of its glyphs that cannot be right (`''`: a glyph that decodes to nothing). */
  wrong: Set<string>;
  /** Each decoded character stands for one glyph code only: a read of one instance holds for all. */
  oneCodePerChar: boolean;
  /** No decoded character of it can be trusted: its map is noise that lands on everyday characters by chance. */
  whole: boolean;
  reasons: string[];
}

const CJK = /[\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
/** Controls: no printed glyph means these. */
const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** Private use: icon fonts print it honestly; among ideographs it is a map that gave up. */
const PRIVATE_USE = /[\ue000-\uf8ff]|[\udb80-\udbff]/;
/**
 * A font's missing-glyph box (`.notdef`, text U+0000) or a printed replacement character: honest
 * when one glyph decodes to it (the page prints the box), a lost map when several different glyphs do.
 */
const NO_CHARACTER = /^[\u0000\ufffd]$/;
/**
 * Latin letters with accents (Latin-1 Supplement, Latin Extended-A/B) and ASCII marks that forms
 * do not print: set a full em wide in a font of Chinese glyphs they are ideographs under a wrong
 * map (Ghostscript re-distilling a browser's Type 3 glyphs leaves `务` as `ó`, `当` as `` ` ``).
 * Symbols CJK fonts do set full width (`·`, `×`, `°`, `§`, `±`) are not among them.
 */
const LATIN_AS_IDEOGRAPH = /^[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f`_^~|\\{}@$#]$/;
/** Accented Latin letters: no Chinese form prints one an em wide. */
export const ACCENTED_LETTER = /^[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]$/;
/** Advances this wide (in ems) are an ideograph's, not a Latin letter's. */
const FULL_EM = 0.9;
/** A character decoded from this many different glyph codes of one font is a map that lumps glyphs together. */
const CODES_PER_CHAR = 3;
/**
 * A font of ideographs whose glyphs decode outside everyday Chinese this often has a map that is
 * noise (glyph numbers read as code points land in GB2312 about one time in five). Real text
 * comes nowhere near: GB2312 holds some 99.75% of running text, so even a page of names with a
 * rare character in every tenth one stays far below half of its distinct glyphs.
 */
const NOISE_SHARE = 0.5;
/**
 * A font with fewer distinct ideograph glyphs than this on the page is too small to judge alone
 * (a fallback font holding one rare character of a name is all rare): it takes the verdict of the
 * page's fonts of ideographs together.
 */
const JUDGED_ALONE = 8;
/** A font, or a page's fonts of ideographs together, show at least this many glyphs outside everyday Chinese before their share says anything. */
const MIN_NOISE = 3;

/**
 * The glyphs each font draws on a page, from the page's operator list (pdf.js keeps it: the
 * rules were read from it, so this costs one pass over glyphs already decoded).
 */
export async function pageGlyphs(page: PdfPage): Promise<Map<string, GlyphUse[]>> {
  const { OPS } = await loadPdfJs();
  const list = await page.getOperatorList();
  const byFont = new Map<string, Map<number, GlyphUse>>();
  // A font's em scale, looked up once per font rather than once per string it shows.
  const scales = new Map<string, number>();
  const stack: string[] = [];
  let font = '';
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    if (fn === OPS.save) stack.push(font);
    else if (fn === OPS.restore) font = stack.pop() ?? font;
    else if (fn === OPS.setFont) font = String((list.argsArray[i] as unknown[])[0]);
    else if (fn === OPS.showText) {
      const glyphs = (list.argsArray[i] as unknown[])[0];
      if (!Array.isArray(glyphs)) continue;
      let uses = byFont.get(font);
      if (!uses) byFont.set(font, (uses = new Map()));
      let scale = scales.get(font);
      if (scale === undefined) scales.set(font, (scale = emScale(page, font)));
      for (const g of glyphs as unknown[]) {
        if (!isGlyph(g) || uses.has(g.originalCharCode)) continue;
        uses.set(g.originalCharCode, { code: g.originalCharCode, unicode: g.unicode, em: g.width * scale, isSpace: g.isSpace });
      }
    }
  }
  return new Map([...byFont].map(([f, uses]) => [f, [...uses.values()]]));
}

/** A glyph of pdf.js's operator list (its types declare none). */
export interface PdfJsGlyph {
  originalCharCode: number;
  unicode: string;
  width: number;
  isSpace: boolean;
}
export const isGlyph = (g: unknown): g is PdfJsGlyph =>
  typeof g === 'object' && g !== null && typeof (g as PdfJsGlyph).originalCharCode === 'number' && typeof (g as PdfJsGlyph).unicode === 'string';

/** Glyph widths are thousandths of an em, except a Type 3 font's, which are in its own glyph space. */
export function emScale(page: PdfPage, font: string): number {
  const object: unknown = page.commonObjs.has(font) ? page.commonObjs.get(font) : null;
  const matrix = (object as { isType3Font?: boolean; fontMatrix?: number[] } | null) ?? {};
  return matrix.isType3Font && matrix.fontMatrix ? Math.abs(matrix.fontMatrix[0] ?? 0.001) : 0.001;
}

/**
 * Which fonts decode to characters that cannot be right: controls, private use or U+FFFD; a drawn
 * glyph that decodes to nothing; accented Latin letters or ASCII marks set a full em wide in a
 * font of ideographs; one character for several different glyphs. Judged per font: one broken
 * font does not make the page's other fonts suspect. A font found wrong on an earlier page of
 * the document (`known`, updated) stays distrusted on every page it prints on, and the glyphs
 * each later page shows wrong are added to it.
 */
export function judgeFonts(glyphs: ReadonlyMap<string, GlyphUse[]>, known: Map<string, DistrustedFont> = new Map()): DistrustedFont[] {
  const out: DistrustedFont[] = [];
  // Each font's kind is judged once: its own checks and the page's noise tally both need it.
  const ideographFonts = new Set([...glyphs].filter(([, uses]) => isIdeographFont(uses)).map(([font]) => font));
  const noisy = noisyMaps(glyphs, ideographFonts);
  for (const [font, uses] of glyphs) {
    const wrong = new Set<string>();
    const reasons = new Set<string>();
    const cjkFont = ideographFonts.has(font);
    const whole = noisy.has(font);
    if (whole) {
      for (const u of uses) if (!u.isSpace && u.unicode.trim() !== '') wrong.add(u.unicode);
      reasons.add('a font of ideographs whose glyphs decode mostly to characters no Chinese form prints (CJK Extension A, hanzi outside GB2312, Yi, Hangul, other scripts, symbols)');
    }
    const codes = new Map<string, number>();
    for (const u of uses) {
      if (u.isSpace || (u.unicode.trim() === '' && u.unicode !== '')) continue;
      codes.set(u.unicode, (codes.get(u.unicode) ?? 0) + 1);
      if (u.unicode === '' && u.em > 0) {
        wrong.add('');
        reasons.add('glyphs without a Unicode map');
      } else if (CONTROL.test(u.unicode) || (cjkFont && PRIVATE_USE.test(u.unicode))) {
        wrong.add(u.unicode);
        reasons.add('glyphs mapped to control or private-use characters');
      } else if (cjkFont && u.em >= FULL_EM && LATIN_AS_IDEOGRAPH.test(u.unicode)) {
        wrong.add(u.unicode);
        reasons.add('Latin letters or marks set a full em wide among ideographs');
      }
    }
    for (const [char, n] of codes) {
      if (char === '' || n < (NO_CHARACTER.test(char) ? 2 : CODES_PER_CHAR)) continue;
      wrong.add(char);
      reasons.add(`one character (${JSON.stringify(char)}) for ${n} different glyphs`);
    }
    const oneCodePerChar = [...codes.values()].every((n) => n === 1);
    const before = known.get(font);
    if (before) {
      // Each page shows other glyphs of the font: what this one finds wrong adds to what earlier pages did.
      for (const c of wrong) before.wrong.add(c);
      before.reasons = [...new Set([...before.reasons, ...reasons])];
      before.oneCodePerChar &&= oneCodePerChar;
      before.whole ||= whole;
      out.push(before);
      continue;
    }
    if (wrong.size === 0) continue;
    const verdict = { font, wrong, oneCodePerChar, whole, reasons: [...reasons] };
    known.set(font, verdict);
    out.push(verdict);
  }
  return out;
}

/**
 * A font of ideographs: it sets some, or every glyph it sets is an em wide (a Type 3 slice of a
 * Chinese font holding a few glyphs, none of them decoded right).
 */
function isIdeographFont(uses: GlyphUse[]): boolean {
  const printed = uses.filter((u) => !u.isSpace && u.em > 0);
  return uses.some((u) => CJK.test(u.unicode)) || (printed.length > 0 && printed.every((u) => u.em >= FULL_EM));
}

/**
 * Fonts of ideographs whose maps are noise: of the distinct glyphs each sets an em wide, at least
 * `NOISE_SHARE` decode outside everyday Chinese. A font with `JUDGED_ALONE` such glyphs or more is
 * judged on its own; smaller ones (a producer that cuts a font into many small subsets, a
 * fallback font for one character) on the page's fonts of ideographs pooled.
 */
function noisyMaps(glyphs: ReadonlyMap<string, GlyphUse[]>, ideographFonts: ReadonlySet<string>): Set<string> {
  const tallies = new Map<string, { glyphs: number; noise: number }>();
  for (const [font, uses] of glyphs) {
    if (!ideographFonts.has(font)) continue;
    const wide = uses.filter((u) => !u.isSpace && u.em >= FULL_EM && u.unicode.trim() !== '');
    tallies.set(font, { glyphs: wide.length, noise: wide.filter((u) => !isEverydayChinese(u.unicode)).length });
  }
  const pooled = [...tallies.values()].reduce((a, t) => ({ glyphs: a.glyphs + t.glyphs, noise: a.noise + t.noise }), { glyphs: 0, noise: 0 });
  const noise = (t: { glyphs: number; noise: number }) => t.noise >= MIN_NOISE && t.noise >= NOISE_SHARE * t.glyphs;
  const pageNoisy = noise(pooled);
  return new Set([...tallies].filter(([, t]) => (t.glyphs < JUDGED_ALONE ? pageNoisy && t.glyphs > 0 : noise(t))).map(([font]) => font));
}
