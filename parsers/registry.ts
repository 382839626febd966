import type { Format } from '../schemas/document';
import { docParser } from './doc';
import { docxParser } from './docx';
import { htmlParser } from './html';
import { imageParser } from './image';
import { ofdParser } from './ofd';
import type { Parser } from './parser';
import { pdfParser } from './pdf';
import { sniffType } from './sniff';
import { textParser } from './text';
import { xlsxParser } from './xlsx';

/** Every format jixiao reads. Adding a format is adding a row here and one in parsers/sniff.ts. */
const PARSERS: readonly Parser[] = [pdfParser, ofdParser, docxParser, docParser, xlsxParser, imageParser, htmlParser, textParser];

export const KNOWN_EXTENSIONS = new Set(PARSERS.flatMap((p) => p.extensions));

export function parserFor(format: Format): Parser | undefined {
  return PARSERS.find((p) => p.format === format);
}

/** Names that say nothing about the content: a server script, a temporary file. */
const NAMELESS = /^(bin|dat|tmp|asp|aspx|php|jsp|do|action)$/;

/**
 * Picks the parser for a file, content first: a signature or a container's entries decide
 * whatever the name says (a .docx saved as `.doc`, an .xls named `.et`, a PDF named `.html`).
 * Text proves less: markup in a `.md` file is still markdown, so for text the extension decides
 * when it names a format, and the markup only when it names none. Undefined when nothing fits.
 */
export function chooseParser(name: string, bytes: Uint8Array): Parser | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const sniffed = sniffType(bytes);
  const byContent = sniffed?.format ? parserFor(sniffed.format) : undefined;
  if (byContent && sniffed?.proof === 'magic') return byContent;
  const byExt = ext === undefined ? undefined : PARSERS.find((p) => p.extensions.includes(ext));
  // A web page saved under a binary format's name (an error page named `.pdf`) is a web page.
  if (byExt && (sniffed?.proof !== 'markup' || byExt.format === 'text')) return byExt;
  if (ext !== undefined && !NAMELESS.test(ext) && !byExt) return undefined;
  return byContent;
}
