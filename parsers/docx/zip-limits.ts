import { inflateRawSync } from 'node:zlib';
import { checkDecoded, checkMarkupDepth, documentLimits } from '../limits';

const CENTRAL_ENTRY = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const LOCAL_ENTRY = 0x04034b50;

/**
 * Checks a zip container before anything reads it: the entries' declared inflated sizes, then
 * what they actually inflate to (a header may lie), against the decoded-bytes limit; and the
 * nesting depth of the main document's XML. Returns quietly when the zip is too damaged to walk:
 * the reader then says it is damaged.
 */
export function checkZip(bytes: Uint8Array, name: string, mainEntry: string): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0 || end + 22 > buf.length || buf.readUInt32LE(end) !== END_OF_CENTRAL) return;
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const entries: Array<{ name: string; method: number; compressed: number; offset: number }> = [];
  let declared = 0;
  for (let i = 0; i < count && at + 46 <= buf.length && buf.readUInt32LE(at) === CENTRAL_ENTRY; i++) {
    const method = buf.readUInt16LE(at + 10);
    const compressed = buf.readUInt32LE(at + 20);
    declared += buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    entries.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLength), method, compressed, offset: buf.readUInt32LE(at + 42) });
    at += 46 + nameLength + extra + comment;
  }
  checkDecoded(declared, name);
  let left = documentLimits().maxDecodedBytes;
  for (const entry of entries) {
    const local = entry.offset;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL_ENTRY) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, Math.min(buf.length, start + entry.compressed));
    let size: number;
    let text: Buffer | null = null;
    if (entry.method === 0) size = data.length;
    else if (entry.method === 8) {
      try {
        text = inflateRawSync(data, { maxOutputLength: Math.max(1, left) });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') checkDecoded(Number.POSITIVE_INFINITY, name);
        continue;
      }
      size = text.length;
    } else continue;
    left -= size;
    checkDecoded(documentLimits().maxDecodedBytes - left, name);
    if (entry.name === mainEntry) checkMarkupDepth((text ?? data).toString('utf8'), `${name} (${mainEntry})`, 'xml');
  }
}
