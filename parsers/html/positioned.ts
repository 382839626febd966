import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { PageContent, Segment, TextRun } from '../../schemas/page';
import { CJK } from '../page/text-lines';
import type { ImageLoader } from './images';
import { pageRules } from './positioned-rules';
import { classRules, pixels, styleOf, transformScale, type ClassRules, type Style } from './positioned-style';

/** Fewer absolutely placed text boxes than this, and a page is an ordinary web page. */
const MIN_PLACED = 8;
/** Share of the body's text the placed boxes must hold. */
const MIN_PLACED_SHARE = 0.6;
/** CSS pixels to points (96 px an inch, 72 pt). */
const PT_PER_PX = 0.75;
/** A box starting this close (ems) to where the one before it ends continues its line. */
const JOIN_EM = 0.5;
/** Font size of a box that declares none (the CSS default). */
const DEFAULT_FONT_PX = 16;

/** A converted page: its title and its printed pages in the page engine's content model. */
export interface PositionedDocument {
  title?: string;
  pages: PageContent[];
}

/**
 * Reads a page converted from PDF (poppler's `pdftohtml -c`, pdf2htmlEX): every text line an
 * absolutely placed box whose position and size come from inline styles or CSS classes, inside
 * page containers, rules in inline SVG or the page's background image. Undefined for any other
 * page (text in tables or in flow): the ordinary HTML reader takes those.
 */
export async function readPositionedPages(html: string, load: ImageLoader): Promise<PositionedDocument | undefined> {
  const $ = cheerio.load(html);
  $('script, noscript, template').remove();
  const rules = classRules($);
  const placed = placedBoxes($, rules);
  if (placed.length < MIN_PLACED) return undefined;
  const placedChars = placed.reduce((n, el) => n + visibleLength($(el).text()), 0);
  const bodyChars = visibleLength($('body').text() || $.root().text());
  if (placedChars < bodyChars * MIN_PLACED_SHARE || placed.some((el) => $(el).closest('table').length > 0)) return undefined;

  const byPage = new Map<Element | null, Element[]>();
  for (const el of placed) {
    const page = pageOf(el, rules);
    byPage.set(page, [...(byPage.get(page) ?? []), el]);
  }
  const pages: PageContent[] = [];
  for (const [container, boxes] of byPage) {
    inheritFontClasses(boxes, Number(/page(\d+)/.exec(container?.attribs.id ?? '')?.[1] ?? pages.length + 1), rules);
    const pieces = boxes.flatMap((el, i) => boxPieces(el, i, rules, container));
    const size = pageSize(container, rules, pieces);
    const segments = container ? await pageRules($, container, size, rules, load) : [];
    const runs = joinPieces(pieces, segments);
    const pt = (v: number) => v * PT_PER_PX;
    pages.push({
      page: pages.length + 1,
      width: pt(size.width),
      height: pt(size.height),
      runs: runs.map((r) => ({ text: r.text, x0: pt(r.x0), y0: pt(r.y0), x1: pt(r.x1), y1: pt(r.y1), size: pt(r.size) })),
      segments: segments.map((s) => ({ x0: pt(s.x0), y0: pt(s.y0), x1: pt(s.x1), y1: pt(s.y1) })),
    });
  }
  return { title: $('title').first().text().trim() || undefined, pages };
}

const visibleLength = (text: string) => text.replace(/\s/g, '').length;
const isElement = (node: AnyNode | null): node is Element => node?.type === 'tag';

/** Absolutely placed boxes holding text, innermost only (a text line, not the page around it). */
function placedBoxes($: CheerioAPI, rules: ClassRules): Element[] {
  const absolute = $('body *')
    .toArray()
    .filter((el) => styleOf(el, rules).get('position') === 'absolute');
  // An element holding a placed box is not itself a text line: one walk up from each box.
  const outer = new Set<AnyNode>();
  for (const el of absolute) for (let at = el.parent; at && !outer.has(at); at = at.parent) outer.add(at);
  return absolute.filter((el) => !outer.has(el) && visibleLength($(el).text()) > 0);
}

/** The nearest ancestor that declares a width and a height: the printed page. */
function pageOf(el: Element, rules: ClassRules): Element | null {
  for (let at = el.parent; isElement(at); at = at.parent) {
    if (at.name === 'body') break;
    const style = styleOf(at, rules);
    if (pixels(style.get('width')) !== undefined && pixels(style.get('height')) !== undefined) return at;
  }
  return null;
}

function pageSize(container: Element | null, rules: ClassRules, runs: TextRun[]): { width: number; height: number } {
  const style = container ? styleOf(container, rules) : new Map<string, string>();
  return {
    width: pixels(style.get('width')) ?? Math.max(0, ...runs.map((r) => r.x1)),
    height: pixels(style.get('height')) ?? Math.max(0, ...runs.map((r) => r.y1)),
  };
}

/**
 * A word of a placed box: a run, the box it came from, whether a space stood before or after it,
 * and whether that space was a no-break space: converters write the text's own spaces as spaces
 * and a gap between two words they put in one box (two cells' words, too) as `&#160;`.
 */
interface Piece extends TextRun {
  box: number;
  spaceBefore: boolean;
  spaceAfter: boolean;
  gapBefore: boolean;
}

/**
 * The words of one placed box, in CSS pixels from its page's top-left: a line per `<br>`, cut at
 * spaces. A converter may print two cells of a table row in one box with a space between them;
 * which spaces are such gaps is decided against the rules (`joinPieces`).
 */
function boxPieces(el: Element, box: number, rules: ClassRules, page: Element | null): Piece[] {
  const style = inherited(el, rules, page);
  const font = pixels(style.get('font-size')) ?? DEFAULT_FONT_PX;
  const scale = transformScale(style);
  const size = font * scale;
  const lineHeight = (pixels(style.get('line-height')) ?? size / scale) * scale;
  const left = pixels(style.get('left')) ?? 0;
  const top = pixels(style.get('top'));
  const bottom = pixels(style.get('bottom'));
  const pageHeight = page ? pixels(styleOf(page, rules).get('height')) : undefined;
  const family = style.get('font-family') ?? '';
  const lines = textLines(el);
  // `bottom` (pdf2htmlEX) places the baseline of the box's last line from the page's foot.
  const firstTop = top ?? (bottom !== undefined && pageHeight !== undefined ? pageHeight - bottom - size - (lines.length - 1) * lineHeight : 0);
  const pieces: Piece[] = [];
  lines.forEach((line, i) => {
    const y0 = firstTop + i * lineHeight;
    let x = left;
    let space = false;
    let gap = false;
    for (const token of line.split(/([\s\u00a0]+)/)) {
      if (token === '') continue;
      const width = textWidth(token, size, family);
      if (/^[\s\u00a0]+$/.test(token)) {
        space = true;
        gap ||= token.includes('\u00a0');
        const before = pieces[pieces.length - 1];
        if (before && before.y0 === y0) before.spaceAfter = true;
      } else {
        pieces.push({ text: token, x0: x, y0, x1: x + width, y1: y0 + size, size, box, spaceBefore: space, spaceAfter: false, gapBefore: gap });
        space = false;
        gap = false;
      }
      x += width;
    }
  });
  return pieces;
}

/**
 * Words back into runs, in the order the converter wrote them. The next word of the same box, or
 * of a box starting within half an em of where the last one is estimated to end on the same line
 * (converters start a box where the font changes, CJK to Latin), continues the run, unless a
 * vertical rule stands between the two: then it starts a cell of its own, right of the rule.
 * Widths here are estimates, so the engine would otherwise read their error as spaces or gaps.
 */
function joinPieces(pieces: Piece[], segments: Segment[]): TextRun[] {
  const verticals = segments.filter((s) => s.x0 === s.x1);
  const out: Piece[] = [];
  let previous: Piece | undefined;
  for (const piece of pieces) {
    const last = out[out.length - 1];
    const size = Math.max(piece.size, last?.size ?? 0);
    const sameLine = last !== undefined && previous !== undefined && Math.abs(piece.y1 - last.y1) < size * 0.3 && piece.x0 > previous.x0;
    const mid = (piece.y0 + piece.y1) / 2;
    // A box starts exactly where the converter placed it. A word after a gap inside a box is only
    // estimated: text never crosses a cell border, so a word that would cross a rule after the
    // word before it is beyond that rule (two cells in one box). The text's own spaces never part
    // words. (A gap wider than a space that still leaves room before the rule is not seen.)
    const reach = previous && piece.box === previous.box ? (piece.gapBefore ? piece.x1 : -Infinity) : piece.x0 + 1;
    const rule = sameLine ? verticals.find((v) => v.y0 <= mid && v.y1 >= mid && v.x0 > (previous!.x0 + previous!.x1) / 2 && v.x0 < reach) : undefined;
    const near = last !== undefined && (piece.box === last.box || Math.abs(piece.x0 - last.x1) < size * JOIN_EM);
    if (last && previous && sameLine && near && !rule) {
      const spaced = (last.spaceAfter || piece.spaceBefore) && !(CJK.test(last.text.slice(-1)) && CJK.test(piece.text.charAt(0)));
      Object.assign(last, { text: `${last.text}${spaced ? ' ' : ''}${piece.text}`, x1: Math.max(last.x1, piece.x1), y0: Math.min(last.y0, piece.y0), y1: Math.max(last.y1, piece.y1), size, spaceAfter: piece.spaceAfter, box: piece.box });
    } else {
      const shift = rule && piece.x0 <= rule.x0 ? rule.x0 + 1 - piece.x0 : 0;
      out.push({ ...piece, x0: piece.x0 + shift, x1: piece.x1 + shift });
    }
    previous = piece;
  }
  return out.map(({ text, x0, y0, x1, y1, size }) => ({ text, x0, y0, x1, y1, size }));
}

/**
 * pdftohtml names a font's class `ft<page><font>` and writes its rule only on the first page
 * using the font: on later pages, `ft<n><font>` has no rule and means the earlier class.
 */
function inheritFontClasses(boxes: Element[], page: number, rules: ClassRules): void {
  const prefix = `ft${page}`;
  for (const cls of new Set(boxes.flatMap((el) => (el.attribs.class ?? '').split(/\s+/)))) {
    if (rules.styles.has(cls) || !cls.startsWith(prefix) || !/^\d+$/.test(cls.slice(prefix.length))) continue;
    const font = cls.slice(prefix.length);
    for (let earlier = page - 1; earlier >= 1; earlier--) {
      const earlierClass = `ft${earlier}${font}`;
      const rule = rules.styles.get(earlierClass);
      if (rule) {
        rules.styles.set(cls, rule);
        rules.order.set(cls, rules.order.get(earlierClass)!);
        break;
      }
    }
  }
}

/** Font size, line height and family may be set on the box or on an ancestor inside the page. */
function inherited(el: Element, rules: ClassRules, page: Element | null): Style {
  const style = styleOf(el, rules);
  for (let at = el.parent; isElement(at) && at !== page; at = at.parent) {
    const outer = styleOf(at, rules);
    for (const key of ['font-size', 'line-height', 'font-family']) if (!style.has(key) && outer.has(key)) style.set(key, outer.get(key)!);
  }
  return style;
}

/** The box's text lines (split at `<br>`), no-break spaces kept: they mark gaps. */
function textLines(el: Element): string[] {
  const lines = [''];
  const walk = (node: AnyNode) => {
    if (node.type === 'text') lines[lines.length - 1] += node.data.replace(/[\t\n\r]+/g, ' ');
    else if (isElement(node)) {
      if (node.name === 'br') lines.push('');
      else node.children.forEach(walk);
    }
  };
  el.children.forEach(walk);
  while (lines.length > 1 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines;
}

/** Advance widths (ems) of Latin characters in the common serif (Times) and sans (Arial) faces. */
const LATIN_WIDTHS: Array<[RegExp, number, number]> = [
  [/[0-9]/, 0.5, 0.556],
  [/[\s\u00a0]/, 0.25, 0.278],
  [/[.,:;'/|!il]/, 0.27, 0.278],
  [/[()[\]\-fjrt]/, 0.333, 0.333],
  [/[%]/, 0.833, 0.889],
  [/[MW@]/, 0.9, 0.9],
  [/[A-Z]/, 0.68, 0.68],
];
const SANS = /sans|arial|helvetica|hei|gothic|verdana|tahoma|yahei/i;

/**
 * Width estimate without the font's metrics (converted pages do not give glyph widths): an em per
 * CJK or full-width character, the common faces' widths for Latin ones, half an em otherwise.
 */
function textWidth(text: string, size: number, family: string): number {
  const sans = SANS.test(family);
  let ems = 0;
  for (const ch of text) {
    const latin = LATIN_WIDTHS.find(([re]) => re.test(ch));
    ems += CJK.test(ch) ? 1 : latin ? (sans ? latin[2] : latin[1]) : 0.5;
  }
  return ems * size;
}
