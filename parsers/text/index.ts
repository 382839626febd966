import { decodeText, looksBinary } from '../decode';
import { DocumentError, type Parser } from '../parser';
import { normaliseLatexPercent, readTextWithHtmlTables } from './embedded-tables';

/** Plain text and markdown extractions (tab rows, cell-per-line rows, pipe tables, HTML tables). */
export const textParser: Parser = {
  format: 'text',
  async parse(bytes, ctx) {
    if (bytes.length === 0) throw new DocumentError('the file is empty: check that the download completed');
    if (looksBinary(bytes)) throw new DocumentError(`${ctx.name} is not text (it holds binary data): check its type`);
    return { format: 'text', blocks: readTextWithHtmlTables(normaliseLatexPercent(decodeText(bytes))) };
  },
};
