import type { Format } from '../schemas/document';
import type { Parser } from './parser';
import { sniffType } from './sniff';

/** A format's parser with the file-name endings it claims, lower case, without the dot. */
export interface RegisteredParser extends Parser {
  extensions: readonly string[];
  /** Loads the format's code (once; `parse` does it too): a worker does it before a document's time starts. */
  load(): Promise<Parser>;
}

/**
 * A format whose code is loaded when its first document comes: a worker process that reads only
 * PDFs never loads Word's, the spreadsheets' or the web pages' readers (mammoth alone costs a
 * worker ~0.6 s CPU to import through the TypeScript loader).
 */
function lazy(format: Format, extensions: readonly string[], load: () => Promise<Parser>): RegisteredParser {
  let loaded: Promise<Parser> | undefined;
  const once = () => (loaded ??= load());
  return { format, extensions, load: once, parse: async (bytes, ctx) => (await once()).parse(bytes, ctx) };
}

/** Every format jixiao reads. Adding a format is adding a row here and one in parsers/sniff.ts. */
const PARSERS: readonly RegisteredParser[] = [
  lazy('pdf', ['pdf'], async () => (await import('./pdf')).pdfParser),
  lazy('ofd', ['ofd'], async () => (await import('./ofd')).ofdParser),
  lazy('docx', ['docx'], async () => (await import('./docx')).docxParser),
  lazy('doc', ['doc', 'wps', 'dot'], async () => (await import('./doc')).docParser),
  lazy('xlsx', ['xlsx', 'xlsm', 'xls', 'et'], async () => (await import('./xlsx')).xlsxParser),
  lazy('image', ['png', 'jpg', 'jpeg'], async () => (await import('./image')).imageParser),
  lazy('html', ['html', 'htm', 'shtml', 'xhtml'], async () => (await import('./html')).htmlParser),
  lazy('text', ['txt', 'md', 'markdown', 'text'], async () => (await import('./text')).textParser),
];

export const KNOWN_EXTENSIONS = new Set(PARSERS.flatMap((p) => p.extensions));

export function parserFor(format: Format): RegisteredParser | undefined {
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
export function chooseParser(name: string, bytes: Uint8Array): RegisteredParser | undefined {
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
