import mammoth from 'mammoth';
import { readHtmlBlocks } from '../html/blocks';
import { withImageTables } from '../html/images';
import { DocumentError, type Parser } from '../parser';
import { checkZipLimits } from '../zip-directory';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Word .docx through mammoth, which turns merged cells (gridSpan, vMerge) into colspan/rowspan;
 * the HTML it writes is read by the same block reader as web pages; embedded images of tables
 * are read by OCR.
 */
export const docxParser: Parser = {
  format: 'docx',
  async parse(bytes, ctx) {
    if (bytes.length === 0) throw new DocumentError('the file is empty: check that the download completed');
    if (!startsWith(bytes, ZIP_MAGIC)) throw new DocumentError(`${ctx.name} is not a .docx file (no zip header): check its type`);
    checkZipLimits(bytes, ctx.name, 'word/document.xml');
    let html: string;
    // Images are kept aside by a key (not inlined as base64) and read by OCR where they stand.
    const images = new Map<string, Uint8Array>();
    const convertImage = mammoth.images.imgElement(async (image) => {
      const src = `docx-image:${images.size}`;
      images.set(src, new Uint8Array(await image.read()));
      return { src };
    });
    try {
      html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { convertImage })).value;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      throw new DocumentError(`cannot read ${ctx.name} as .docx (${reason}): the file is damaged or truncated; download it again`);
    }
    const { blocks, ocrPages, warnings } = await withImageTables(readHtmlBlocks(html), async (src) => images.get(src) ?? null, ctx.name);
    return { format: 'docx', blocks, ...(ocrPages > 0 ? { ocrPages } : {}), ...(warnings.length > 0 ? { warnings } : {}) };
  },
};
