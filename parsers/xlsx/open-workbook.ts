import * as XLSX from '@e965/xlsx';
import { DocumentError } from '../parser';
import { isSpreadsheetXml, oleStreamNames } from '../sniff';
import { checkInflatedSize, isZip, readZipDirectory } from '../zip-directory';

/**
 * What a spreadsheet may unpack to. Published forms are a few hundred KiB inflated; more is a
 * bomb (or not a form), refused before SheetJS unpacks it.
 */
const MAX_INFLATED_BYTES = 32 * 1024 * 1024;
/** Rows read per sheet: a form has tens to hundreds; a data dump beyond this is cut, with a warning. */
export const MAX_SHEET_ROWS = 10_000;

/**
 * Opens a workbook with SheetJS (`@e965/xlsx`, the maintained npm build): it reads .xlsx and
 * the BIFF8 compound files of Excel 97–2003 (.xls) and WPS (.et) alike, with each cell's
 * number format and the text it displays. exceljs, the other candidate, reads .xlsx only: no
 * BIFF8, which is what most county offices and WPS still save.
 */
export function openWorkbook(bytes: Uint8Array, name: string): XLSX.WorkBook {
  if (isZip(bytes)) {
    const entries = readZipDirectory(bytes);
    if (!entries) throw new DocumentError(`${name} is a truncated .xlsx (its zip has no directory): download it again`);
    const check = checkInflatedSize(bytes, entries, MAX_INFLATED_BYTES);
    if (!check.ok && check.problem === 'too-large') {
      throw new DocumentError(`${name} unpacks to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MiB (a zip bomb, or not a form): it was not read; check the file`);
    }
    if (!check.ok) throw new DocumentError(`${name} is damaged or truncated (a zip entry does not unpack): download it again`);
  } else if (isSpreadsheetXml(bytes)) {
    // SheetJS places the cells after a merged-down cell in the wrong columns of such files (as
    // LibreOffice writes them): a read that can put numbers in the wrong column is refused.
    throw new DocumentError(`${name} is an Excel 2003 XML spreadsheet, which jixiao does not read: open it in Excel or WPS and save it as .xlsx`);
  } else {
    const streams = oleStreamNames(bytes);
    if (streams === null) throw new DocumentError(`${name} is not a spreadsheet (neither an .xlsx zip nor an Excel/WPS compound file): check its type`);
    if (streams.length === 0) throw new DocumentError(`${name} is a damaged or truncated compound file (its directory cannot be read): download it again`);
    if (!streams.some((n) => n === 'Workbook' || n === 'Book')) {
      throw new DocumentError(`${name} is a compound file without a workbook stream (not an Excel .xls or WPS .et file, or damaged): check its type`);
    }
  }
  try {
    return XLSX.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellText: true,
      cellHTML: false,
      // For the hidden rows and columns (`!rows`, `!cols`).
      cellStyles: true,
      cellDates: false,
      sheetRows: MAX_SHEET_ROWS + 1,
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new DocumentError(`cannot read ${name} as a spreadsheet (${reason}): the file is damaged or truncated; download it again`);
  }
}
