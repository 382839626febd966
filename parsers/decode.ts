import iconv from 'iconv-lite';

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

/**
 * UTF-16 text, by its byte-order mark or, without one, by NUL bytes in every other position
 * (ASCII markup and CJK text alike leave that pattern): 'utf16le', 'utf16be' or undefined.
 */
export function utf16Of(bytes: Uint8Array): 'utf16le' | 'utf16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  // ASCII characters put their NUL on one side (CJK ones like U+4E00 rarely, on the other), so
  // only a strong lean counts: many NULs on one side, few on the other.
  if (odd > n / 8 && even < odd / 8) return 'utf16le';
  if (even > n / 8 && odd < even / 8) return 'utf16be';
  return undefined;
}

/** True when the bytes look like a binary file rather than text (NUL bytes early on, not UTF-16). */
export function looksBinary(bytes: Uint8Array): boolean {
  if (utf16Of(bytes)) return false;
  const n = Math.min(bytes.length, 4096);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

/**
 * Decodes text bytes: a BOM (UTF-8 or UTF-16) or the UTF-16 pattern wins, then a declared
 * charset; otherwise UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK and
 * GB2312, what Chinese sites use). A UTF-8 declaration over bytes that are not UTF-8 is not
 * believed (sites copy templates that declare UTF-8 over GBK text).
 */
export function decodeText(bytes: Uint8Array, declared?: string): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return Buffer.from(bytes.subarray(3)).toString('utf8');
  const utf16 = utf16Of(bytes);
  if (utf16) return iconv.decode(Buffer.from(bytes), utf16);
  const charset = normaliseCharset(declared);
  if (charset && charset !== 'utf8') return iconv.decode(Buffer.from(bytes), charset);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gb18030');
  }
}
