import { inflateRawSync } from 'node:zlib';
import { checkDecoded, checkMarkupDepth, documentLimits } from './limits';

/** One entry of a zip's central directory, as the directory declares it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  declaredSize: number;
  localHeader: number;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

export const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** The central directory of a zip; null when there is none (not a zip, or cut short before it). */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  if (!isZip(bytes)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is within the last 64 KiB (its comment is at most 65535 bytes).
  for (let end = bytes.length - 22; end >= Math.max(0, bytes.length - 22 - 0xffff); end--) {
    if (view.getUint32(end, true) !== END) continue;
    const entries: ZipEntry[] = [];
    let at = view.getUint32(end + 16, true);
    for (let n = view.getUint16(end + 10, true); n > 0 && at + 46 <= bytes.length && view.getUint32(at, true) === CENTRAL; n--) {
      const nameLength = view.getUint16(at + 28, true);
      entries.push({
        name: Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8'),
        method: view.getUint16(at + 10, true),
        compressedSize: view.getUint32(at + 20, true),
        declaredSize: view.getUint32(at + 24, true),
        localHeader: view.getUint32(at + 42, true),
      });
      at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    }
    return entries.length > 0 ? entries : null;
  }
  return null;
}

/** Entry names from the local headers: what can be told of a zip cut short before its directory. */
export function localEntryNames(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const signature = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  const names: string[] = [];
  for (let at = 0; at >= 0 && at + 30 <= buffer.length && buffer.readUInt32LE(at) === LOCAL; at = buffer.indexOf(signature, at + 30)) {
    names.push(buffer.subarray(at + 30, at + 30 + buffer.readUInt16LE(at + 26)).toString('utf8'));
  }
  return names;
}

export type InflateCheck = { ok: true; bytes: number; kept?: Buffer } | { ok: false; problem: 'too-large' | 'damaged' };

/**
 * Inflates every entry against a budget, stopping as soon as it is spent: the sizes a directory
 * declares can lie, so they are checked first and then measured. A bomb costs at most the budget.
 * The inflated bytes of the entry named `keep` come back, for checks of its content.
 */
export function checkInflatedSize(bytes: Uint8Array, entries: readonly ZipEntry[], budget: number, keep?: string): InflateCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let kept: Buffer | undefined;
  for (const entry of entries) {
    if (entry.declaredSize > budget - total) return { ok: false, problem: 'too-large' };
    const header = entry.localHeader;
    if (header + 30 > bytes.length || view.getUint32(header, true) !== LOCAL) return { ok: false, problem: 'damaged' };
    const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
    const data = bytes.subarray(start, start + entry.compressedSize);
    if (entry.method !== 8) {
      total += data.length;
      if (entry.name === keep) kept = Buffer.from(data);
    } else {
      try {
        const inflated = inflateRawSync(data, { maxOutputLength: budget - total + 1 });
        total += inflated.length;
        if (entry.name === keep) kept = inflated;
      } catch (err) {
        return { ok: false, problem: err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'damaged' };
      }
    }
    if (total > budget) return { ok: false, problem: 'too-large' };
  }
  return { ok: true, bytes: total, ...(kept ? { kept } : {}) };
}

/**
 * Checks a zip container (.docx, .ofd) before its reader unpacks it: what its entries inflate to
 * against the decoded-bytes limit, and the nesting depth of its main XML part. Returns quietly
 * when the zip is too damaged to walk: the reader then says it is damaged.
 */
export function checkZipLimits(bytes: Uint8Array, name: string, mainEntry: string): void {
  const entries = readZipDirectory(bytes);
  if (!entries) return;
  const check = checkInflatedSize(bytes, entries, documentLimits().maxDecodedBytes, mainEntry);
  if (!check.ok) {
    if (check.problem === 'too-large') checkDecoded(Number.POSITIVE_INFINITY, name);
    return;
  }
  if (check.kept) checkMarkupDepth(check.kept.toString('utf8'), `${name} (${mainEntry})`, 'xml');
}
