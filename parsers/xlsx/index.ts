import type { Block } from '../../schemas/document';
import { DocumentError, type Parser } from '../parser';
import { MAX_SHEET_ROWS, openWorkbook } from './open-workbook';
import { sheetBlocks } from './sheet-blocks';

/**
 * Spreadsheets: .xlsx, and the BIFF8 compound files of Excel 97–2003 (.xls) and WPS (.et).
 * Every visible sheet is a page; its tables keep their merged cells; cells read as displayed.
 */
export const xlsxParser: Parser = {
  format: 'xlsx',
  async parse(bytes, ctx) {
    if (bytes.length === 0) throw new DocumentError('the file is empty: check that the download completed');
    const book = openWorkbook(bytes, ctx.name);
    const blocks: Block[] = [];
    const warnings: string[] = [];
    book.SheetNames.forEach((name, i) => {
      // A hidden sheet is not printed (helper lists, lookups): what the office published is the rest.
      if (book.Workbook?.Sheets?.[i]?.Hidden) return;
      const sheet = book.Sheets[name]!;
      if ((sheet['!data']?.length ?? 0) > MAX_SHEET_ROWS) {
        warnings.push(`sheet ${i + 1} (${name}) has more than ${MAX_SHEET_ROWS} rows: only the first ${MAX_SHEET_ROWS} were read`);
      }
      blocks.push(...sheetBlocks(sheet, i + 1, blocks.filter((b) => b.kind === 'table').length));
    });
    return { format: 'xlsx', pages: book.SheetNames.length, blocks, ...(warnings.length > 0 ? { warnings } : {}) };
  },
};
