import { headerCharset, metaCharset, normaliseCharset } from '../../parsers/decode';
import { sniffType } from '../../parsers/sniff';

/** What a downloaded body is, decided from its bytes first and the server's word second. */
export interface DetectedType {
  /** MIME type without parameters, e.g. `application/pdf`. */
  mime: string;
  /** File extension the store and the parser registry use, without the dot. */
  ext: string;
  /** For text: the charset the body decodes with (`utf-8`, `gb18030`, …), else null. */
  charset: string | null;
}

const EXT_BY_MIME: Record<string, string> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-excel': 'xls',
  'application/zip': 'zip',
  'application/ofd': 'ofd',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/bmp': 'bmp',
  'image/tiff': 'tif',
  'text/plain': 'txt',
};

/** Extension → MIME for bodies the server does not type; the first MIME of an extension wins. */
const EXT_MIME: Record<string, string> = { htm: 'text/html', shtml: 'text/html', jpeg: 'image/jpeg', tiff: 'image/tiff', wps: 'application/msword', et: 'application/vnd.ms-excel' };
for (const [mime, ext] of Object.entries(EXT_BY_MIME)) EXT_MIME[ext] ??= mime;

// Servers often send these for every download, so they say nothing about the body.
const GENERIC = new Set(['application/octet-stream', 'application/x-download', 'application/force-download', 'binary/octet-stream', 'application/download', '']);

/**
 * The type of a body: its content wins (parsers/sniff.ts: a PDF served as text/html is a PDF, a
 * zip of `word/document.xml` is a .docx), then a specific
 * Content-Type header, then the URL's extension; text gets its charset.
 */
export function detectContentType(header: string | null, body: Uint8Array, url: string): DetectedType {
  const declared = (header ?? '').split(';')[0]!.trim().toLowerCase();
  const urlExt = /\.([a-z0-9]{1,5})$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  // Plain text proves nothing (a CSV, an error message): only signatures and markup count here.
  const sniffed = sniffType(body);
  const proven = sniffed && sniffed.proof !== 'text' ? sniffed.mime : null;
  const mime = proven ?? (GENERIC.has(declared) ? (urlExt ? EXT_MIME[urlExt] : undefined) ?? 'application/octet-stream' : declared);
  const ext = EXT_BY_MIME[mime] ?? (GENERIC.has(declared) && urlExt ? urlExt : 'bin');
  const isText = mime.startsWith('text/') || mime === 'application/xhtml+xml';
  return { mime, ext, charset: isText ? detectCharset(header, body) : null };
}

/**
 * The charset a text body decodes with. Chinese sites declare GBK as gb2312, in the header or
 * only in a <meta> tag, and sometimes declare UTF-8 over GBK bytes: a declaration is trusted
 * only when the bytes agree with it, else valid UTF-8 means UTF-8 and anything else GB18030.
 */
export function detectCharset(header: string | null, body: Uint8Array): string {
  const validUtf8 = isValidUtf8(body);
  for (const name of [headerCharset(header), metaCharset(body)]) {
    const charset = normaliseCharset(name);
    if (!charset) continue;
    if (charset === 'utf8') {
      if (validUtf8) return 'utf-8';
      continue;
    }
    return charset;
  }
  return validUtf8 ? 'utf-8' : 'gb18030';
}

function isValidUtf8(body: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

/**
 * The name the parser registry sees: the URL's file name, or the link text when the URL's
 * name says nothing (`download.jsp`), with the extension of the detected type. Only ever a
 * label, never a path on disk.
 */
export function nameDocument(url: string, linkText: string | null, type: DetectedType): string {
  let stem = '';
  try {
    stem = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    stem = new URL(url).pathname.split('/').pop() ?? '';
  }
  const scripted = /\.(jsp|asp|aspx|php|do|action|cgi)$/i.test(stem) || stem === '';
  if (scripted && linkText) stem = linkText;
  stem = stem.replace(/[\\/\0]/g, '_').replace(/\.[a-z0-9]{1,5}$/i, '') || 'document';
  return type.ext === 'bin' ? stem : `${stem}.${type.ext}`;
}
