import { pagesToBlocks, unalignedWarnings } from '../page/layout';
import { DocumentError, type Parser } from '../parser';
import { readOfdPages } from './container';
import { readOfdPageContent } from './page-content';

/**
 * OFD (GB/T 33190-2016): each page's text objects and path objects, templates included, become
 * the page engine's runs and rules; tables are rebuilt by the same reader as a PDF's.
 */
export const ofdParser: Parser = {
  format: 'ofd',
  async parse(bytes, ctx) {
    if (bytes.length === 0) throw new DocumentError('the file is empty: check that the download completed');
    const contents = (await readOfdPages(bytes, ctx.name)).map(readOfdPageContent);
    if (!contents.some((c) => c.runs.length > 0)) {
      throw new DocumentError(`${ctx.name} has no text objects on any page (its text is drawn as outlines or images): it needs OCR; convert it to PDF or images and read those`);
    }
    const { blocks, unalignedPages } = pagesToBlocks(contents);
    return { format: 'ofd', pages: contents.length, blocks, warnings: unalignedWarnings(unalignedPages) };
  },
};
