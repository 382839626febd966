import { unifyIdeographs } from './index';

/**
 * GB2312's characters: its 6,763 hanzi (rows 0xB0–0xF7) and its symbol rows (0xA1–0xA9:
 * punctuation, full-width ASCII, numbered marks, kana, Greek, Cyrillic, pinyin letters, box
 * drawing), enumerated from the GBK decoder Node carries (GBK adds a few symbols inside those
 * rows, no hanzi), so no data file is needed. GB2312 covers about 99.75% of the characters of
 * modern running Chinese text: what mainland forms print, bar a rare character in a name.
 */
let gb2312: ReadonlySet<string> | null = null;
function gb2312Characters(): ReadonlySet<string> {
  if (gb2312) return gb2312;
  const decoder = new TextDecoder('gbk');
  const out = new Set<string>();
  for (let lead = 0xa1; lead <= 0xf7; lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) {
      const c = decoder.decode(new Uint8Array([lead, trail]));
      if ([...c].length === 1 && c !== '\ufffd') out.add(c);
    }
  }
  return (gb2312 = out);
}

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
  return set.has(c) || set.has(unifyIdeographs(c)) || [...c.normalize('NFKC')].every((k) => /^[\u0020-\u007e]$/.test(k) || set.has(k));
}
