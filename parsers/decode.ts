import iconv from 'iconv-lite';
import { DocumentError } from './parser';

/** Charset names as pages declare them, mapped to what iconv-lite decodes. */
const CHARSET_ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  gb18030: 'gb18030',
  'x-gbk': 'gb18030',
  'utf-8': 'utf8',
  utf8: 'utf8',
  big5: 'big5',
};

export function normaliseCharset(name: string | undefined): string | undefined {
  if (!name) return undefined;
  return CHARSET_ALIASES[name.trim().toLowerCase().replace(/^["']|["']$/g, '')];
}

/** The charset named in a Content-Type header (`text/html; charset=GBK`). */
export function headerCharset(contentType: string | null | undefined): string | undefined {
  return /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
}

/** The charset a page names in a <meta> tag near its top. */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  return /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
}

/** True when the bytes look like a binary file rather than text (NUL bytes early on). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Decodes text bytes: a BOM or a declared charset wins; otherwise UTF-8 when the bytes are
 * valid UTF-8, else GB18030 (a superset of GBK and GB2312, what Chinese sites use).
 */
export function decodeText(bytes: Uint8Array, declared?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return Buffer.from(bytes.subarray(3)).toString('utf8');
  const charset = normaliseCharset(declared);
  if (charset && charset !== 'utf8') return iconv.decode(Buffer.from(bytes), charset);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (charset === 'utf8') {
      throw new DocumentError('declared UTF-8 but the bytes are not valid UTF-8: re-save the file as UTF-8');
    }
    return iconv.decode(Buffer.from(bytes), 'gb18030');
  }
}
