/** Text helpers shared by every stage: how printed text is normalised and compared. */

const CJK = '\\u3000-\\u303f\\u3400-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'g');

/**
 * Whitespace-normalised text as printed: runs of white space (line breaks from cell wrapping
 * included) become one space, and the spaces PDF converters put between CJK characters go.
 */
export function cleanText(s: string): string {
  return s
    .replace(/[\s\u00a0\u3000]+/g, ' ')
    .trim()
    .replace(SPACE_BETWEEN_CJK, '');
}

/** Text with no white space at all: the key used to match headers, labels and golden values. */
export function compact(s: string): string {
  return s.replace(/[\s\u00a0\u3000]+/g, '');
}

/** Full-width ASCII (０-９, ％, （） …) folded to half-width, for matching numbers and labels. */
export function foldWidth(s: string): string {
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
