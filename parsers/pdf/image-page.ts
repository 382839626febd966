import { inflateSync } from 'node:zlib';
import { documentLimits } from '../limits';
import { multiply, type Matrix } from './matrix';
import { fileOf, type PdfPage } from './open';
import { entries, RawPdf, type RawValue } from './raw-objects';

/** The one image a page paints: its stream object, its size in samples, where it is drawn. */
export interface PaintedImage {
  ref: { num: number; gen: number };
  width: number;
  height: number;
  /** The image's unit square to the page's user space (its CTM where it is painted). */
  matrix: Matrix;
}

/** A scan page's content stream is a few dozen bytes; one longer than this is not read here. */
const MAX_CONTENT_BYTES = 4096;
/** Content stream tokens: white space apart, names, numbers and operators only (anything else declines). */
const TOKEN = /[\0\t\n\f\r ]*(?:(\/[^\0\t\n\f\r /<>[\]()%{}]+)|([+-]?(?:\d+\.?\d*|\.\d+))|([A-Za-z]+)|(\S))/y;
const WHITE_ONLY = /^[\0\t\n\f\r ]*$/;

const known = new WeakMap<PdfPage, Promise<PaintedImage | null>>();

/**
 * The image XObject a page paints, when its content stream (from the file's bytes) does nothing
 * else: `q`, `Q` and `cm` around one `Do` of an image of the page's own resources, no
 * annotations, no optional content, within the pixel limit. Such a page (a scan) has no text and
 * no rules, and pdf.js need not build its operator list: that decodes the image in JavaScript
 * (a third of a scan page's JavaScript time), only for the page's content to come out empty.
 * Null for anything else, or anything the raw reader cannot read: pdf.js reads the page.
 */
export function paintedImage(page: PdfPage): Promise<PaintedImage | null> {
  let found = known.get(page);
  if (!found) known.set(page, (found = readPainted(page).catch(() => null)));
  return found;
}

async function readPainted(page: PdfPage): Promise<PaintedImage | null> {
  if (!page.ref) return null;
  const raw = RawPdf.of(await fileOf(page));
  if (raw.encrypted) return null;
  const pageDict = entries(raw.dictionary(page.ref.num, page.ref.gen)?.text ?? '<<>>');
  if (!pageDict || pageDict.has('Annots')) return null;
  const content = contentBytes(raw, pageDict.get('Contents'));
  const painted = content === null ? null : onlyDo(content);
  if (!painted) return null;
  const ref = xObjectsOf(raw, pageDict)?.get(painted.name);
  if (ref?.kind !== 'ref') return null;
  const image = raw.dictionary(ref.num, ref.gen);
  const dict = image ? entries(image.text) : null;
  const subtype = dict?.get('Subtype');
  if (!dict || subtype?.kind !== 'other' || subtype.text !== '/Image' || dict.has('OC')) return null;
  const width = raw.integer(dict.get('Width') ?? null);
  const height = raw.integer(dict.get('Height') ?? null);
  // pdf.js leaves out an image over the pixel limit (the page is then blank to it).
  if (!width || !height || width * height > documentLimits().maxPixels) return null;
  return { ref: { num: ref.num, gen: ref.gen }, width, height, matrix: painted.matrix };
}

/** The XObjects a page's resources name, by name (null when its resources name none or cannot be read). */
export function xObjectsOf(raw: RawPdf, pageDict: Map<string, RawValue>): Map<string, RawValue> | null {
  const resources = raw.resolveDict(pageDict.get('Resources') ?? null);
  const xobjects = resources ? raw.resolveDict(entries(resources)?.get('XObject') ?? null) : null;
  return xobjects ? entries(xobjects) : null;
}

/** The page's content stream(s) undone of Flate, joined; null for any other filter, or too long. */
function contentBytes(raw: RawPdf, contents: RawValue | undefined): string | null {
  const refs = contents?.kind === 'ref' ? [contents] : contents?.kind === 'other' ? arrayRefs(contents.text) : null;
  if (!refs || refs.length === 0) return null;
  const parts: string[] = [];
  for (const { num, gen } of refs) {
    const stream = raw.stream(num, gen);
    const dict = stream ? entries(stream.dict) : null;
    if (!stream || !dict || dict.has('DecodeParms')) return null;
    const filter = dict.get('Filter');
    const flate = filter?.kind === 'other' && /^(?:\/FlateDecode|\[\s*\/FlateDecode\s*\])$/.test(filter.text);
    if (filter && !flate) return null;
    const bytes = flate ? inflateSync(stream.data, { maxOutputLength: MAX_CONTENT_BYTES }) : stream.data;
    if (bytes.length > MAX_CONTENT_BYTES) return null;
    parts.push(bytes.toString('latin1'));
  }
  // pdf.js reads an array's streams as one, each ended by white space.
  return parts.join('\n');
}

/** The references of an array's text (`[4 0 R 5 0 R]`); null when it holds anything else. */
function arrayRefs(text: string): Array<{ num: number; gen: number }> | null {
  const m = /^\[\s*((?:\d+\s+\d+\s+R\s*)*)\]$/.exec(text);
  return m ? [...m[1]!.matchAll(/(\d+)\s+(\d+)\s+R/g)].map((r) => ({ num: Number(r[1]), gen: Number(r[2]) })) : null;
}

/** The name and CTM of the one `Do` of a content stream of only `q`, `Q`, `cm` and that `Do`. */
function onlyDo(content: string): { name: string; matrix: Matrix } | null {
  const operands: Array<string | number> = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  let painted: { name: string; matrix: Matrix } | null = null;
  const token = new RegExp(TOKEN);
  let end = 0;
  for (let m = token.exec(content); m; m = token.exec(content)) {
    end = token.lastIndex;
    const [, name, number, operator] = m;
    if (name !== undefined) operands.push(name.slice(1));
    else if (number !== undefined) operands.push(Number(number));
    else if (operator === 'q' && operands.length === 0) stack.push(ctm);
    else if (operator === 'Q' && operands.length === 0) ctm = stack.pop() ?? ctm;
    else if (operator === 'cm' && operands.length === 6 && operands.every((o) => typeof o === 'number')) ctm = multiply(ctm, operands.splice(0) as Matrix);
    else if (operator === 'Do' && !painted && operands.length === 1 && typeof operands[0] === 'string') painted = { name: operands.pop() as string, matrix: ctm };
    else return null;
  }
  // Only white space may be left after the last token.
  return painted && operands.length === 0 && WHITE_ONLY.test(content.slice(end)) ? painted : null;
}
