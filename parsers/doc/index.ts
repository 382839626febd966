import { DocumentError, type Parser } from '../parser';
import { documentBlocks } from './document-blocks';
import { readText } from './pieces';
import { openWordFile } from './word-file';

/**
 * Word 97–2003 binary files (.doc) and WPS Writer files (.wps, the same format), read in
 * JavaScript from the compound file (`cfb`): the piece table gives the text, the paragraph
 * properties the table rows and merged cells; the blocks are those the .docx reader gives.
 * Pictures (tables pasted as images), headers, footers, footnotes and text boxes are not read.
 */
export const docParser: Parser = {
  format: 'doc',
  async parse(bytes, ctx) {
    if (bytes.length === 0) throw new DocumentError('the file is empty: check that the download completed');
    const file = openWordFile(bytes, ctx.name);
    return { format: 'doc', blocks: documentBlocks(file, readText(file, ctx.name)) };
  },
};
