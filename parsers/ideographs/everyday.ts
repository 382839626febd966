import { unifyIdeographs } from './index';

/**
 * GB2312's hanzi (rows 0xB0–0xF7, 6,763) and the symbol rows forms print among them: 0xA1
 * (punctuation, math and shape symbols), 0xA2 (numbered marks, Roman numerals), 0xA3 (full-width
 * ASCII) and 0xA6 (Greek, for units and formulas). Not its kana (0xA4, 0xA5), Cyrillic (0xA7),
 * pinyin and zhuyin (0xA8) or box drawing (0xA9): no form's text sets those among ideographs.
 * Enumerated from the GBK decoder Node carries (GBK adds no hanzi in these rows), so no data file
 * is needed. GB2312's hanzi cover about 99.75% of the characters of modern running Chinese text:
 * what mainland forms print, bar a rare character in a name.
 */
const ROWS = [0xa1, 0xa2, 0xa3, 0xa6, ...Array.from({ length: 0xf7 - 0xb0 + 1 }, (_, i) => 0xb0 + i)];
let gb2312: ReadonlySet<string> | null = null;
function gb2312Characters(): ReadonlySet<string> {
  if (gb2312) return gb2312;
  const decoder = new TextDecoder('gbk');
  const out = new Set<string>();
  for (const lead of ROWS) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      const c = decoder.decode(new Uint8Array([lead, trail]));
      if ([...c].length === 1 && c !== '\ufffd' && !/[\ue000-\uf8ff]/.test(c)) out.add(c);
    }
  }
  return (gb2312 = out);
}

/** Characters not in GB2312 as they stand, judged: a document's text layer holds few distinct ones (bounded for a process that reads thousands of documents, noise fonts among them). */
const outside = new Map<string, boolean>();
const OUTSIDE_KEPT = 1 << 16;

/**
 * Whether a character is one everyday Chinese text prints: ASCII, or a GB2312 character in
 * any of its forms (a Kangxi radical or compatibility ideograph as its unified ideograph, a
 * full-width form as NFKC's). Not: CJK Extension A/B and hanzi outside GB2312, Yi, Hangul,
 * other scripts, and symbols GB2312 has no place for.
 */
export function isEverydayChinese(c: string): boolean {
  if (c === '') return false;
  if (/^[\u0020-\u007e]$/.test(c)) return true;
  const set = gb2312Characters();
  if (set.has(c)) return true;
  // The same few characters come again on every page of a document: each is judged once.
  let judged = outside.get(c);
  if (judged === undefined) {
    if (outside.size >= OUTSIDE_KEPT) outside.clear();
    outside.set(c, (judged = set.has(unifyIdeographs(c)) || [...c.normalize('NFKC')].every((k) => /^[\u0020-\u007e]$/.test(k) || set.has(k))));
  }
  return judged;
}
