import * as CFB from 'cfb';
import { DocumentError } from '../parser';
import { oleStreamNames } from '../sniff';

/** The streams and File Information Block of a Word 97–2003 binary file ([MS-DOC] 2.5). */
export interface WordFile {
  /** The WordDocument stream: the FIB, the text, the formatted disk pages (FKPs). */
  main: Buffer;
  /** The 0Table or 1Table stream, as the FIB names it: piece table, bin tables. */
  table: Buffer;
  /** The Data stream (huge paragraph properties), empty when absent. */
  data: Buffer;
  /** Characters of the main document text (before footnotes, headers, text boxes). */
  ccpText: number;
  /** Where a structure of the table stream is, by its index in FibRgFcLcb97. */
  fcLcb: (index: number) => { fc: number; lcb: number };
}

/** Indexes in FibRgFcLcb97 ([MS-DOC] 2.5.6). */
export const FC_PLCF_BTE_PAPX = 13;
export const FC_CLX = 33;

const WORD_IDENT = 0xa5ec;
/** nFib of Word 97 and later; Word 6/95 files (lower) keep another layout. */
const NFIB_WORD97 = 0x00c1;

/** Opens the compound file and reads the FIB; a file that is not Word 97 gets a clear error. */
export function openWordFile(bytes: Uint8Array, name: string): WordFile {
  if (oleStreamNames(bytes) === null) {
    // Word and WPS save RTF under a .doc name too ("Rich Text Format" in Save As).
    if (Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '{\\rtf') {
      throw new DocumentError(`${name} is an RTF file, not a Word 97 .doc: open it in Word or WPS and save it as .docx`);
    }
    throw new DocumentError(`${name} is not a Word .doc/.wps file (not a compound file): check its type`);
  }
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { type: 'buffer' });
  } catch {
    throw new DocumentError(`${name} is a damaged or truncated compound file (its directory cannot be read): download it again`);
  }
  const stream = (streamName: string) => {
    const entry = CFB.find(container, streamName);
    return entry?.content ? Buffer.from(entry.content as Uint8Array) : null;
  };
  const main = stream('WordDocument');
  if (!main) {
    const names = container.FileIndex.map((e) => e.name);
    const what = names.includes('Workbook') || names.includes('Book') ? 'an Excel/WPS spreadsheet' : names.includes('PowerPoint Document') ? 'a PowerPoint file' : 'not a Word document';
    throw new DocumentError(`${name} is a compound file without a WordDocument stream (${what}): check its type`);
  }
  if (main.length < 0x200 || main.readUInt16LE(0) !== WORD_IDENT) throw new DocumentError(`${name} has a damaged WordDocument stream (no Word signature): download it again`);
  const nFib = main.readUInt16LE(2);
  const flags = main.readUInt16LE(0x0a);
  if (flags & 0x0100) throw new DocumentError(`${name} is password-protected (encrypted): ask the publisher for an open copy`);
  if (nFib < NFIB_WORD97) throw new DocumentError(`${name} is a Word 6/95 file (nFib ${nFib}), an older format than Word 97: save it as .docx and read that`);
  const table = stream(flags & 0x0200 ? '1Table' : '0Table');
  if (!table) throw new DocumentError(`${name} has no table stream (${flags & 0x0200 ? '1Table' : '0Table'}): the file is damaged; download it again`);
  // FibBase (32 bytes), csw + FibRgW, cslw + FibRgLw, cbRgFcLcb + FibRgFcLcbBlob.
  const csw = main.readUInt16LE(32);
  const lwAt = 34 + csw * 2;
  const cslw = main.readUInt16LE(lwAt);
  const ccpText = main.readInt32LE(lwAt + 2 + 3 * 4);
  const blobAt = lwAt + 2 + cslw * 4;
  const cbRgFcLcb = main.readUInt16LE(blobAt);
  const fcLcb = (index: number) => {
    if (index >= cbRgFcLcb) return { fc: 0, lcb: 0 };
    const at = blobAt + 2 + index * 8;
    return { fc: main.readUInt32LE(at), lcb: main.readUInt32LE(at + 4) };
  };
  if (ccpText < 0 || ccpText > main.length) throw new DocumentError(`${name} declares ${ccpText} characters of text, more than the file holds: it is damaged; download it again`);
  return { main, table, data: stream('Data') ?? Buffer.alloc(0), ccpText, fcLcb };
}
