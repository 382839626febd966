import type { OcrWord } from './cache';

/** Ideographs a reader gives for a mark's ink, and the mark: the radical `丶` (no word of a form writes it) is the enumeration comma `、` drawn thin. */
export const MARK_MISREADS: Readonly<Record<string, string>> = { 丶: '、' };

const markFor = (text: string) => MARK_MISREADS[text] ?? text;

/**
 * The word with each ideograph read for a mark's ink put back to the mark, in its text and its
 * glyphs: PP-OCR reads a thin face's `、` (AR PL UMing's, small) as the radical `丶`.
 */
export const withMisreadMarks = (word: OcrWord): OcrWord =>
  [...word.text].some((c) => c in MARK_MISREADS)
    ? { ...word, text: [...word.text].map(markFor).join(''), symbols: word.symbols.map((s) => ({ ...s, text: markFor(s.text) })) }
    : word;
