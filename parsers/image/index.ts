import { OCR_DISABLED, ocrEnabled } from '../ocr';
import { DocumentError, type Parser } from '../parser';
import { readImageBlocks } from './read-image';

/** Images of tables (a scanned form, a screenshot): read by OCR into the same tables. */
export const imageParser: Parser = {
  format: 'image',
  async parse(bytes, ctx) {
    if (bytes.length === 0) throw new DocumentError('the file is empty: check that the download completed');
    if (!ocrEnabled()) throw new DocumentError(`${ctx.name} is an image: reading it needs OCR; ${OCR_DISABLED}`);
    return { format: 'image', pages: 1, blocks: await readImageBlocks(bytes, ctx.name, undefined, ctx.ocr), ocrPages: 1 };
  },
};
