import iconv from 'iconv-lite';
import { DocumentError } from '../parser';
import { FC_CLX, type WordFile } from './word-file';

/** A run of text stored in one piece: characters [cpStart, cpEnd) at byte `fc` of WordDocument. */
interface Piece {
  cpStart: number;
  cpEnd: number;
  fc: number;
  /** One byte per character (cp1252) instead of UTF-16. */
  compressed: boolean;
}

/** The main text with, for each character, its byte offset in the WordDocument stream. */
export interface WordText {
  text: string;
  fcOf: (cp: number) => number;
}

/**
 * The document text from the piece table (CLX, [MS-DOC] 2.9.38): the text is stored in pieces,
 * each either compressed (cp1252, one byte a character) or UTF-16; Chinese text is UTF-16.
 */
export function readText(file: WordFile, name: string): WordText {
  const pieces = readPieces(file, name);
  const parts: string[] = [];
  for (const p of pieces) {
    const start = Math.max(0, p.cpStart);
    const end = Math.min(p.cpEnd, file.ccpText);
    if (end <= start) continue;
    const from = p.fc + (start - p.cpStart) * (p.compressed ? 1 : 2);
    const to = from + (end - start) * (p.compressed ? 1 : 2);
    if (to > file.main.length) throw new DocumentError(`${name} is damaged (its text runs past the end of the file): download it again`);
    parts.push(p.compressed ? iconv.decode(file.main.subarray(from, to), 'win1252') : file.main.subarray(from, to).toString('utf16le'));
  }
  const fcOf = (cp: number) => {
    const p = pieces.find((q) => cp >= q.cpStart && cp < q.cpEnd);
    return p ? p.fc + (cp - p.cpStart) * (p.compressed ? 1 : 2) : -1;
  };
  return { text: parts.join(''), fcOf };
}

function readPieces(file: WordFile, name: string): Piece[] {
  const { fc, lcb } = file.fcLcb(FC_CLX);
  const clx = file.table.subarray(fc, fc + lcb);
  const damaged = () => new DocumentError(`${name} is damaged (its piece table cannot be read): download it again, or save it as .docx`);
  if (lcb === 0 || clx.length < lcb) throw damaged();
  let at = 0;
  // Prc entries (clxt 1: property modifiers of pieces) come before the Pcdt (clxt 2).
  while (at < clx.length && clx[at] === 0x01) at += 3 + clx.readInt16LE(at + 1);
  if (clx[at] !== 0x02 || at + 5 > clx.length) throw damaged();
  const size = clx.readUInt32LE(at + 1);
  const plc = clx.subarray(at + 5, at + 5 + size);
  const n = (size - 4) / 12;
  if (!Number.isInteger(n) || n < 1 || plc.length < size) throw damaged();
  const pieces: Piece[] = [];
  for (let i = 0; i < n; i++) {
    const raw = plc.readUInt32LE((n + 1) * 4 + i * 8 + 2);
    const compressed = (raw & 0x40000000) !== 0;
    const fcRaw = raw & 0x3fffffff;
    pieces.push({ cpStart: plc.readUInt32LE(i * 4), cpEnd: plc.readUInt32LE((i + 1) * 4), fc: compressed ? fcRaw / 2 : fcRaw, compressed });
  }
  return pieces;
}
