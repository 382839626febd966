import * as CFB from 'cfb';
import type { Format } from '../schemas/document';
import { looksBinary } from './decode';
import { isZip, localEntryNames, readZipDirectory } from './zip-directory';

/**
 * What bytes are, by their content: the one table the parser registry and the crawler share.
 * `proof` says how sure it is: `magic` (a signature, a container's entries: a file named
 * `.doc` that is a zip of `word/document.xml` is a .docx), `markup` (HTML tags near the top: a
 * markdown file can hold HTML too, so its name may still decide), `text` (any non-binary bytes).
 */
export interface SniffedType {
  mime: string;
  /** The extension this content goes by, without the dot. */
  ext: string;
  /** The format jixiao reads it as, null when no parser reads it (a GIF, an unknown zip). */
  format: Format | null;
  proof: 'magic' | 'markup' | 'text';
}

interface Kind extends SniffedType {
  test(probe: Probe): boolean;
}

/** The bytes with the entry names of the container they are, read once per sniff. */
interface Probe {
  bytes: Uint8Array;
  zip: string[] | null;
  ole: string[] | null;
}

const HTML_MARKUP = /<(!doctype\s+html|html|head|body|table|meta|title|div|p)[\s>]/i;
const startsWith = (b: Uint8Array, ...magic: number[]) => magic.every((v, i) => b[i] === v);
const head = (b: Uint8Array, n: number) => Buffer.from(b.buffer, b.byteOffset, Math.min(b.byteLength, n)).toString('latin1');

/** Most specific first; the first row whose test passes names the content. */
const KINDS: readonly Kind[] = [
  { mime: 'application/pdf', ext: 'pdf', format: 'pdf', proof: 'magic', test: (p) => head(p.bytes, 1024).includes('%PDF-') },
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ext: 'docx',
    format: 'docx',
    proof: 'magic',
    test: (p) => p.zip?.some((n) => n.startsWith('word/')) ?? false,
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ext: 'xlsx',
    format: 'xlsx',
    proof: 'magic',
    test: (p) => p.zip?.some((n) => n === 'xl/workbook.xml' || n === 'xl/workbook.bin') ?? false,
  },
  { mime: 'application/ofd', ext: 'ofd', format: 'ofd', proof: 'magic', test: (p) => p.zip?.some((n) => n.toLowerCase() === 'ofd.xml') ?? false },
  { mime: 'application/zip', ext: 'zip', format: null, proof: 'magic', test: (p) => p.zip !== null },
  // Word 97 and WPS Writer keep the text in a WordDocument stream; Excel BIFF8 (and WPS .et) in
  // Workbook, BIFF5 in Book. A compound file with neither proves nothing about its type.
  { mime: 'application/msword', ext: 'doc', format: 'doc', proof: 'magic', test: (p) => p.ole?.includes('WordDocument') ?? false },
  { mime: 'application/vnd.ms-excel', ext: 'xls', format: 'xlsx', proof: 'magic', test: (p) => p.ole?.some((n) => n === 'Workbook' || n === 'Book') ?? false },
  { mime: 'image/png', ext: 'png', format: 'image', proof: 'magic', test: (p) => startsWith(p.bytes, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
  { mime: 'image/jpeg', ext: 'jpg', format: 'image', proof: 'magic', test: (p) => startsWith(p.bytes, 0xff, 0xd8, 0xff) },
  { mime: 'image/gif', ext: 'gif', format: null, proof: 'magic', test: (p) => startsWith(p.bytes, 0x47, 0x49, 0x46, 0x38) },
  { mime: 'image/bmp', ext: 'bmp', format: null, proof: 'magic', test: (p) => startsWith(p.bytes, 0x42, 0x4d) && p.bytes.length > 26 },
  {
    mime: 'image/tiff',
    ext: 'tif',
    format: null,
    proof: 'magic',
    test: (p) => startsWith(p.bytes, 0x49, 0x49, 0x2a, 0x00) || startsWith(p.bytes, 0x4d, 0x4d, 0x00, 0x2a),
  },
  // Excel 2003 XML (SpreadsheetML), what many systems still export as `.xls`: it has a <Table> too.
  { mime: 'application/vnd.ms-excel', ext: 'xls', format: 'xlsx', proof: 'magic', test: (p) => isSpreadsheetXml(p.bytes) },
  { mime: 'text/html', ext: 'html', format: 'html', proof: 'markup', test: (p) => !looksBinary(p.bytes) && HTML_MARKUP.test(head(p.bytes, 2048)) },
  { mime: 'text/plain', ext: 'txt', format: 'text', proof: 'text', test: (p) => p.bytes.length > 0 && !looksBinary(p.bytes) },
];

/** Excel 2003 XML: its namespace near the top of a text file. */
export const isSpreadsheetXml = (bytes: Uint8Array) =>
  !looksBinary(bytes) && /<\?xml[\s\S]*urn:schemas-microsoft-com:office:spreadsheet/.test(head(bytes, 4096));

/** What the bytes are, or null when they prove nothing (empty, unknown binary, a bare compound file). */
export function sniffType(bytes: Uint8Array): SniffedType | null {
  const probe: Probe = { bytes, zip: zipEntryNames(bytes), ole: oleStreamNames(bytes) };
  const kind = KINDS.find((k) => k.test(probe));
  return kind ? { mime: kind.mime, ext: kind.ext, format: kind.format, proof: kind.proof } : null;
}

/** The entry names of a zip (from what is there when it is cut short); null when not a zip. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  if (!isZip(bytes)) return null;
  return readZipDirectory(bytes)?.map((e) => e.name) ?? localEntryNames(bytes);
}

/** The stream and storage names of an OLE2 compound file: empty when its directory cannot be read, null when the bytes are not one. */
export function oleStreamNames(bytes: Uint8Array): string[] | null {
  if (!startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return null;
  try {
    return CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' }).FileIndex.map((e) => e.name);
  } catch {
    return [];
  }
}
