import { DocumentLimitsSchema, type DocumentLimits } from '../schemas/limits';
import { DocumentError } from './parser';

let limits: DocumentLimits = DocumentLimitsSchema.parse({});

/** The limits parsers in this thread apply; a worker is configured once when it starts. */
export const documentLimits = (): DocumentLimits => limits;

export function configureLimits(overrides: Partial<DocumentLimits>): DocumentLimits {
  limits = DocumentLimitsSchema.parse({ ...limits, ...overrides });
  return limits;
}

/** A document over one of its limits: the message names the limit and how to raise it. */
export class LimitError extends DocumentError {
  constructor(what: string, raise: string) {
    super(`${what}: ${raise}`);
    this.name = 'LimitError';
  }
}

const megapixels = (n: number) => `${Math.round(n / 1e5) / 10} megapixels`;

/** Refuses an image or page before a decoder or canvas is made for it. */
export function checkPixels(width: number, height: number, what: string): void {
  const { maxPixels } = limits;
  if (!(width * height <= maxPixels)) {
    throw new LimitError(
      `${what} is ${Math.round(width)} × ${Math.round(height)} px (${megapixels(width * height)}), over the ${megapixels(maxPixels)} limit per image`,
      'raise --max-pixels if it is genuine, or scale it down',
    );
  }
}

export function checkPages(pages: number, name: string): void {
  if (pages > limits.maxPages) {
    throw new LimitError(`${name} has ${pages} pages, over the ${limits.maxPages}-page limit per document`, 'raise --max-pages if it is genuine');
  }
}

/** Counts bytes a container inflates to (declared sizes first, then what actually comes out). */
export function checkDecoded(bytes: number, name: string): void {
  if (bytes > limits.maxDecodedBytes) {
    throw new LimitError(
      `${name} inflates to more than ${Math.round(limits.maxDecodedBytes / 2 ** 20)} MB (a zip bomb, or a huge document)`,
      'raise --max-decoded if it is genuine',
    );
  }
}

export function checkPageItems(count: number, kind: string, page: number, name: string): void {
  if (count > limits.maxPageItems) {
    throw new LimitError(
      `page ${page} of ${name} draws more than ${limits.maxPageItems} ${kind}`,
      'no genuine report page comes near this; the file is hostile or broken (the limit is fixed)',
    );
  }
}

/** Width and height from a PNG (IHDR) or JPEG (SOFn) header, without decoding; null if neither. */
export function imageSize(bytes: Uint8Array): { width: number; height: number; type: 'png' | 'jpeg' } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length >= 24 && buf.readUInt32BE(0) === 0x89504e47 && buf.toString('latin1', 12, 16) === 'IHDR') {
    return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), type: 'png' };
  }
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  for (let at = 2; at + 9 < buf.length; ) {
    if (buf[at] !== 0xff) return null;
    const marker = buf[at + 1]!;
    const length = buf.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: buf.readUInt16BE(at + 5), width: buf.readUInt16BE(at + 7), type: 'jpeg' };
    }
    at += 2 + length;
  }
  return null;
}

/**
 * The largest image a PDF declares, read from the image dictionaries' /Width and /Height
 * without decoding anything (an image is a stream, so its dictionary is never compressed).
 */
export function largestPdfImage(bytes: Uint8Array): { width: number; height: number } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let best: { width: number; height: number } | null = null;
  for (let at = buf.indexOf('/Image'); at >= 0; at = buf.indexOf('/Image', at + 6)) {
    const dict = buf.toString('latin1', Math.max(0, at - 400), Math.min(buf.length, at + 400));
    const width = Number(/\/Width\s+(\d+)/.exec(dict)?.[1] ?? 0);
    const height = Number(/\/Height\s+(\d+)/.exec(dict)?.[1] ?? 0);
    if (width * height > (best ? best.width * best.height : 0)) best = { width, height };
  }
  return best;
}

/** HTML elements a page may leave open (the next sibling closes them), and empty ones: not nesting. */
const NOT_NESTING = new Set([
  'p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup', 'caption',
  'rb', 'rt', 'rp', 'html', 'head', 'body', 'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link',
  'meta', 'source', 'track', 'wbr', 'param',
]);

/**
 * Refuses markup nested deeper than the limit, counted on the text before any parser builds a
 * tree (tree builders and walks are quadratic or recursive in the depth). In HTML, elements
 * whose end tag may be left out are not counted, so sloppy pages are not taken for deep ones.
 */
export function checkMarkupDepth(markup: string, name: string, kind: 'html' | 'xml'): void {
  const { maxDepth } = limits;
  const tag = /<(\/?)([A-Za-z][\w:.-]*)[^<>]*?(\/?)>/g;
  let depth = 0;
  for (let m = tag.exec(markup); m; m = tag.exec(markup)) {
    if (m[3] || (kind === 'html' && NOT_NESTING.has(m[2]!.toLowerCase()))) continue;
    depth = m[1] ? Math.max(0, depth - 1) : depth + 1;
    if (depth > maxDepth) {
      throw new LimitError(
        `${name} nests its elements more than ${maxDepth} deep`,
        'no genuine report is built so; the file is hostile or broken (the limit is fixed)',
      );
    }
  }
}

/** Refuses a table whose merged cells spread over more grid positions than a page may hold items. */
export function checkTableArea(area: number): void {
  if (area > limits.maxPageItems) {
    throw new LimitError(
      `a table spans more than ${limits.maxPageItems} grid cells once its merged cells (rowspan × colspan) are laid out`,
      'no genuine report table comes near this; the file is hostile or broken (the limit is fixed)',
    );
  }
}
