import type { Block, Provenance } from '../../schemas/document';
import { decodeImage, ocrConfig, ocrPageImage, rateCells, type OcrConfig } from '../ocr';
import { ocrProgress } from '../ocr/progress';
import { pagesToBlocks } from '../page/layout';
import { imageSize } from '../limits';
import { DocumentError } from '../parser';

export { imageSize };

/** Larger images are refused before decoding (a hostile PNG can claim 100 000 × 100 000 px). */
const MAX_PIXELS = 60_000_000;
/** Smaller images are icons, logos, bullets: not tables. */
const MIN_SIDE = 120;

/** Whether an image is worth reading: a PNG or JPEG of plausible size for a table. */
export function isReadableImage(bytes: Uint8Array): boolean {
  const size = imageSize(bytes);
  return size !== null && Math.min(size.width, size.height) >= MIN_SIDE && size.width * size.height <= MAX_PIXELS;
}

/**
 * Reads an image of a table (or a page) by OCR into blocks: its ruled tables as table blocks,
 * its other text as text blocks, every table cell rated (confidence, corrections). `prov`
 * replaces the blocks' page provenance when the image sits inside another document (an HTML
 * line); the cells keep their box in the image (points at the image's resolution).
 */
export async function readImageBlocks(bytes: Uint8Array, name: string, prov?: Provenance, config: OcrConfig = ocrConfig()): Promise<Block[]> {
  const size = imageSize(bytes);
  if (!size) throw new DocumentError(`${name} is not a PNG or JPEG image: convert it to one of these`);
  if (size.width * size.height > MAX_PIXELS) throw new DocumentError(`${name} is too large to read (${size.width} × ${size.height} px): scale it down below ${MAX_PIXELS / 1e6} megapixels`);
  let image;
  try {
    image = await decodeImage(bytes);
  } catch (err) {
    throw new DocumentError(`cannot decode the image ${name} (${err instanceof Error ? err.message : String(err)}): it is damaged or truncated`);
  }
  ocrProgress.queued();
  const page = await ocrPageImage(image, 1, config);
  ocrProgress.done(name, 1, page.cached);
  const { blocks } = pagesToBlocks([page.content], new Set([page.content.page]));
  rateCells(blocks, new Map([[1, page.words]]));
  if (!prov) return blocks;
  const place = (p: Provenance): Provenance => {
    const { page: _page, ...rest } = p;
    return { ...rest, ...prov };
  };
  return blocks.map((b) =>
    b.kind === 'text'
      ? { ...b, prov: place(b.prov) }
      : { kind: 'table', table: { ...b.table, prov: place(b.table.prov), rows: b.table.rows.map((row) => row.map((c) => ({ ...c, prov: place(c.prov) }))) } },
  );
}
