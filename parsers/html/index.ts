import { decodeText, headerCharset, looksBinary, metaCharset } from '../decode';
import { checkMarkupDepth } from '../limits';
import { pagesToBlocks, unalignedWarnings } from '../page/layout';
import { DocumentError, type Parser } from '../parser';
import { readHtmlBlocks } from './blocks';
import { localImages, withImageTables } from './images';
import { readPositionedPages } from './positioned';

/** Disclosure article pages: the table inline, page chrome around it. */
export const htmlParser: Parser = {
  format: 'html',
  async parse(bytes, ctx) {
    if (bytes.length === 0) throw new DocumentError('the page is empty: check that the download completed');
    if (looksBinary(bytes)) throw new DocumentError(`${ctx.name} is not an HTML page (it holds binary data): check its type`);
    const html = decodeText(bytes, declaredCharset(bytes, ctx.contentType));
    checkMarkupDepth(html, ctx.name, 'html');
    // A page converted from PDF (every line an absolutely placed box) is read by the page engine.
    const positioned = await readPositionedPages(html, localImages(ctx.path));
    if (positioned) {
      const { blocks, unalignedPages } = pagesToBlocks(positioned.pages);
      const warnings = unalignedWarnings(unalignedPages);
      return { format: 'html', title: positioned.title, pages: positioned.pages.length, blocks, ...(warnings.length > 0 ? { warnings } : {}) };
    }
    const content = readHtmlBlocks(html);
    // Tables published as images (a screenshot of the form) are read by OCR where they stand.
    const { blocks, ocrPages, warnings } = await withImageTables(content, localImages(ctx.path), ctx.name);
    return { format: 'html', title: content.title, blocks, ...(ocrPages > 0 ? { ocrPages } : {}), ...(warnings.length > 0 ? { warnings } : {}) };
  },
};

/** The charset a page declares: the HTTP header first, then a <meta> tag near the top. */
const declaredCharset = (bytes: Uint8Array, contentType?: string) => headerCharset(contentType) ?? metaCharset(bytes);
