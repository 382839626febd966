import type { Format } from '../schemas/document';
import { docxParser } from './docx';
import { htmlParser } from './html';
import { imageParser } from './image';
import { ofdParser } from './ofd';
import { pdfParser } from './pdf';
import type { Parser } from './parser';
import { textParser } from './text';

/** Every format jixiao reads, most specific sniff first. Adding a format is adding a row. */
const PARSERS: readonly Parser[] = [pdfParser, ofdParser, docxParser, imageParser, htmlParser, textParser];

export const KNOWN_EXTENSIONS = new Set(PARSERS.flatMap((p) => p.extensions));

export function parserFor(format: Format): Parser | undefined {
  return PARSERS.find((p) => p.format === format);
}

/**
 * Picks the parser for a file: the extension decides when it names a known format; the
 * bytes decide otherwise (crawled files are often misnamed). Undefined when nothing fits.
 */
export function chooseParser(name: string, bytes: Uint8Array): Parser | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const byExt = PARSERS.find((p) => ext !== undefined && p.extensions.includes(ext));
  if (byExt) return byExt;
  if (ext !== undefined && !['bin', 'dat', 'tmp'].includes(ext) && !/^(asp|aspx|php|jsp|do|action)$/.test(ext)) return undefined;
  return PARSERS.find((p) => p.sniff(bytes));
}
