import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Block } from '../../schemas/document';
import { isReadableImage, readImageBlocks } from '../image/read-image';
import { OCR_DISABLED, ocrEnabled } from '../ocr';
import type { HtmlContent } from './blocks';

/** Gets an image's bytes by its `src`; null when it is not to be had (never over the network). */
export type ImageLoader = (src: string) => Promise<Uint8Array | null>;

/** Larger image files are not read. */
const MAX_IMAGE_BYTES = 30 * 1024 * 1024;
const DATA_URI = /^data:image\/(png|jpe?g);base64,([a-z0-9+/=\s]+)$/i;

/** Images given inline as `data:image/png;base64,…` (the only kind a page carries itself). */
export function dataUri(src: string): Uint8Array | null {
  const m = DATA_URI.exec(src);
  return m ? new Uint8Array(Buffer.from(m[2]!.replace(/\s/g, ''), 'base64')) : null;
}

/**
 * Images of a page saved on disk: data URIs, and relative paths that stay inside the page's own
 * folder. Anything with a scheme or a host (`http:`, `//host/…`, `file:`), an absolute path, or
 * a path leading out of the folder is not loaded.
 */
export function localImages(pagePath: string | undefined): ImageLoader {
  return async (src) => {
    const inline = dataUri(src);
    if (inline) return inline;
    if (!pagePath || /^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//') || src.startsWith('/') || src.startsWith('\\')) return null;
    let path: string;
    try {
      path = decodeURIComponent(src.replace(/[?#].*$/, ''));
    } catch {
      return null;
    }
    // Inside the folder by the real path, after symlinks: a linked folder beside the page must not lead out.
    const folder = await realpath(dirname(resolve(pagePath))).catch(() => null);
    const file = folder && (await realpath(resolve(folder, path)).catch(() => null));
    if (!folder || !file) return null;
    const inside = relative(folder, file);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
    const info = await stat(file).catch(() => null);
    if (!info?.isFile() || info.size > MAX_IMAGE_BYTES) return null;
    const bytes = await readFile(file).catch(() => null);
    return bytes && new Uint8Array(bytes);
  };
}

/**
 * Reads the tables in a page's images by OCR and puts them where the images stand, numbering
 * all tables in reading order again. An image that holds no ruled table (a photo, a logo, a
 * badge) adds nothing. Returns the blocks, the images read, and what could not be read.
 */
export async function withImageTables(content: HtmlContent, load: ImageLoader, name: string): Promise<{ blocks: Block[]; ocrPages: number; warnings: string[] }> {
  if (content.images.length === 0) return { blocks: content.blocks, ocrPages: 0, warnings: [] };
  const warnings: string[] = [];
  const inserts = new Map<number, Block[]>();
  let ocrPages = 0;
  let skipped = 0;
  let away = 0;
  for (const image of content.images) {
    const bytes = await load(image.src);
    if (!bytes) {
      if (!/^data:/i.test(image.src)) away++;
      continue;
    }
    if (!isReadableImage(bytes)) continue;
    if (!ocrEnabled()) {
      skipped++;
      continue;
    }
    const blocks = await readImageBlocks(bytes, `${name} (image ${image.src.slice(0, 60)})`, image.line ? { line: image.line } : {});
    ocrPages++;
    if (!blocks.some((b) => b.kind === 'table')) continue;
    inserts.set(image.at, [...(inserts.get(image.at) ?? []), ...blocks]);
  }
  if (skipped > 0) warnings.push(`${skipped} image(s) not read: ${OCR_DISABLED}`);
  if (away > 0) warnings.push(`${away} image(s) not read (not saved beside the page; images are never fetched): a table published as a picture there is missing`);
  const blocks: Block[] = [];
  content.blocks.forEach((b, i) => {
    blocks.push(...(inserts.get(i) ?? []), b);
  });
  blocks.push(...(inserts.get(content.blocks.length) ?? []));
  let index = 0;
  return {
    blocks: blocks.map((b) => (b.kind === 'table' ? { kind: 'table', table: { ...b.table, index: index++ } } : b)),
    ocrPages,
    warnings,
  };
}
