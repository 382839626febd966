import type { OcrWord } from './cache';
import type { DetectedRules } from './detect-rules';

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/;
/** Words further apart than this (in line heights) stay separate runs. */
const MAX_GAP = 1.5;
/** Between Chinese and anything, a gap up to this (line heights) is typesetting, not a space. */
const CJK_SPACE = 1.2;
/** Between Latin letters or digits, a gap over this (line heights) is a space. */
const LATIN_SPACE = 0.2;

/**
 * Joins the words of each line the reader found into runs of text as printed. The reader puts a
 * space between Chinese characters (each is a word to it) and around digits next to them
 * (`2023 年`); Chinese text is set without spaces, so only a gap wide enough to be a space in
 * Latin text gets one. Words are never joined over a vertical rule (two cells) or a wide gap;
 * `apart` (a page that may print a table without rules): nor over a space, which may be the
 * narrow gutter between two columns (`13.00 4.13`): the page engine sets such runs apart or
 * together by where they stand, as it does a text layer's.
 */
export function joinWords(words: OcrWord[], rules: DetectedRules, apart = false): OcrWord[] {
  const lines = new Map<number, OcrWord[]>();
  for (const w of words) lines.set(w.line, [...(lines.get(w.line) ?? []), w]);
  const out: OcrWord[] = [];
  for (const line of lines.values()) {
    line.sort((a, b) => a.x0 - b.x0);
    let run: OcrWord | null = null;
    for (const w of line) {
      const gap: number = run ? w.x0 - run.x1 : Infinity;
      const em = Math.max(1, Math.min(run?.lineHeight ?? w.lineHeight, w.lineHeight));
      const a: string = run?.text[run.text.length - 1] ?? '';
      const b = w.text[0] ?? '';
      const spaced: boolean = CJK.test(a) || CJK.test(b) ? gap > CJK_SPACE * em : gap > LATIN_SPACE * em;
      if (!run || gap > MAX_GAP * em || ruleBetween(run, w, rules) || (apart && spaced)) {
        if (run) out.push(run);
        run = { ...w };
        continue;
      }
      run = {
        ...run,
        text: `${run.text}${spaced ? ' ' : ''}${w.text}`,
        confidence: Math.min(run.confidence, w.confidence),
        x1: Math.max(run.x1, w.x1),
        y0: Math.min(run.y0, w.y0),
        y1: Math.max(run.y1, w.y1),
        symbols: [...run.symbols, ...w.symbols],
      };
    }
    if (run) out.push(run);
  }
  return out;
}

/**
 * A vertical rule between two words' centres (the reader's boxes for Chinese are loose, often
 * wider than the glyphs, so their edges can reach over the rule).
 */
export const ruleBetween = (a: { x0: number; x1: number; y0: number; y1: number }, b: { x0: number; x1: number; y0: number; y1: number }, rules: DetectedRules) => {
  const [left, right] = [(a.x0 + a.x1) / 2, (b.x0 + b.x1) / 2].sort((p, q) => p - q);
  return rules.vertical.some((v) => v.x0 > left! && v.x0 < right! && v.y0 <= Math.max(a.y1, b.y1) && v.y1 >= Math.min(a.y0, b.y0));
};
