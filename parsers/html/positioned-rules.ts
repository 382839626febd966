import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { Segment } from '../../schemas/page';
import { decodeImage } from '../ocr/decode-image';
import { detectRules, ruleOptions } from '../ocr/detect-rules';
import { fillRules, strokeRules } from '../page/path-rules';
import type { ImageLoader } from './images';
import { pixels, styleOf, type ClassRules } from './positioned-style';

/** A background image covers at least this share of its page's width and height. */
const BACKGROUND_COVER = 0.8;
/** Gray levels darker than this are ink in a converter's background image: it holds only the drawing, its thin rules anti-aliased to light gray. */
const INK = 240;

/**
 * The ruling lines of a converted page, in CSS pixels from its top-left: lines and thin
 * rectangles of inline SVG, else the long dark runs of the page's background image.
 */
export async function pageRules($: CheerioAPI, page: Element, size: { width: number; height: number }, rules: ClassRules, load: ImageLoader): Promise<Segment[]> {
  const svg = svgRules($, page);
  if (svg.length > 0) return svg;
  for (const img of $(page).find('img').toArray()) {
    const style = styleOf(img, rules);
    const width = pixels(img.attribs.width) ?? pixels(style.get('width'));
    const height = pixels(img.attribs.height) ?? pixels(style.get('height'));
    if (width === undefined || height === undefined || width < size.width * BACKGROUND_COVER || height < size.height * BACKGROUND_COVER) continue;
    const bytes = await load(img.attribs.src ?? '');
    if (!bytes) continue;
    const left = pixels(style.get('left')) ?? 0;
    const top = pixels(style.get('top')) ?? 0;
    return imageRules(bytes, { left, top, width, height });
  }
  return [];
}

async function imageRules(bytes: Uint8Array, at: { left: number; top: number; width: number; height: number }): Promise<Segment[]> {
  const image = await decodeImage(bytes).catch(() => undefined);
  if (!image) return [];
  const mask = new Uint8Array(image.data.length);
  for (let i = 0; i < mask.length; i++) mask[i] = image.data[i]! < INK ? 1 : 0;
  // The image holds the drawing only (the text is in the markup): short borders of narrow cells count too.
  const defaults = ruleOptions(image.dpi);
  const found = detectRules(image, mask, { ...defaults, minHorizontal: Math.round(image.dpi * 0.08), minVertical: Math.round(image.dpi * 0.08) });
  const sx = at.width / image.width;
  const sy = at.height / image.height;
  return [...found.horizontal, ...found.vertical].map((r) => ({ x0: at.left + r.x0 * sx, x1: at.left + r.x1 * sx, y0: at.top + r.y0 * sy, y1: at.top + r.y1 * sy }));
}

/** `<line>`, thin `<rect>` and straight `<path>` pieces of the page's inline SVG. */
function svgRules($: CheerioAPI, page: Element): Segment[] {
  const out: Segment[] = [];
  for (const svg of $(page).find('svg').toArray()) {
    const [ox, oy] = [pixels(svg.attribs.x) ?? 0, pixels(svg.attribs.y) ?? 0];
    $(svg)
      .find('line, rect, path, polyline')
      .each((_, el) => {
        const n = (name: string) => Number(el.attribs[name] ?? 0);
        if (el.name === 'line') out.push(...strokeRules([[n('x1'), n('y1')], [n('x2'), n('y2')]]));
        else if (el.name === 'rect') {
          const [x, y, w, h] = [n('x'), n('y'), n('width'), n('height')];
          const corners: Array<[number, number]> = [[x, y], [x + w, y], [x + w, y + h], [x, y + h], [x, y]];
          // A thin filled rectangle is a rule; a larger one counts only by its stroked outline.
          const thin = fillRules(corners);
          out.push(...(thin.length > 0 ? thin : el.attribs.stroke && el.attribs.stroke !== 'none' ? strokeRules(corners) : []));
        } else if (el.name === 'polyline') out.push(...strokeRules(pairs(el.attribs.points ?? '')));
        else out.push(...pathPieces(el.attribs.d ?? '').flatMap(strokeRules));
      });
    for (const s of out) Object.assign(s, { x0: s.x0 + ox, x1: s.x1 + ox, y0: s.y0 + oy, y1: s.y1 + oy });
  }
  return out;
}

const pairs = (text: string): Array<[number, number]> => {
  const v = text.trim().split(/[\s,]+/).map(Number);
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < v.length; i += 2) out.push([v[i]!, v[i + 1]!]);
  return out;
};

/**
 * Straight pieces of an SVG path in absolute M/L/H/V/Z commands (what converters write for
 * rules); a curve or a relative command ends a piece and the path is read again from its next M.
 */
function pathPieces(d: string): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  const end = () => {
    if (current.length > 1) out.push(current);
    current = [];
  };
  for (const m of d.matchAll(/([A-Za-z])([^A-Za-z]*)/g)) {
    const op = m[1]!;
    const v = m[2]!.trim().split(/[\s,]+/).filter((t) => t !== '').map(Number);
    const at = current[current.length - 1];
    if (op === 'M') {
      end();
      for (let i = 0; i + 1 < v.length; i += 2) current.push([v[i]!, v[i + 1]!]);
    } else if (op === 'L' && at) for (let i = 0; i + 1 < v.length; i += 2) current.push([v[i]!, v[i + 1]!]);
    else if (op === 'H' && at && v[0] !== undefined) current.push([v[0], at[1]]);
    else if (op === 'V' && at && v[0] !== undefined) current.push([at[0], v[0]]);
    else if ((op === 'Z' || op === 'z') && current[0]) current.push(current[0]);
    else end();
  }
  end();
  return out;
}
