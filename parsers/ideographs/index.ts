import type { ParsedDocument } from '../../schemas/document';
import { RADICALS_SUPPLEMENT } from './radicals-supplement';

/**
 * Radicals and compatibility ideographs: Kangxi Radicals (U+2F00–2FD5), CJK Radicals Supplement
 * (U+2E80–2EF3), CJK Compatibility Ideographs (U+F900–FAFF) and their Supplement
 * (U+2F800–2FA1F). Fonts of browser-printed PDFs map common characters to them (⾰ for 革,
 * ⺠ for 民), which no search for the word finds.
 */
const RADICAL_OR_COMPATIBILITY = /[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff\u{2f800}-\u{2fa1f}]/gu;

/**
 * Kangxi radicals whose glyph in the simplified-Chinese fonts the reports are printed in (Noto
 * Sans/Serif CJK SC, which Chromium prints with) is another unified ideograph than their Unicode
 * equivalent: Chromium writes ⼾ (KANGXI RADICAL DOOR, equivalent 戶 U+6236) for every 户 of the
 * page, because the font draws both with one glyph. jixiao reads mainland reports, where 戶 is
 * not used; the text printed is 户.
 */
const SIMPLIFIED_GLYPH: ReadonlyMap<number, number> = new Map([[0x2f3e, 0x6237]]);

function unified(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const supplement = RADICALS_SUPPLEMENT.get(cp) ?? SIMPLIFIED_GLYPH.get(cp);
  if (supplement !== undefined) return String.fromCodePoint(supplement);
  // Kangxi radicals decompose (compatibility) to their ideograph, compatibility ideographs
  // (canonical singletons) to theirs; NFKC of the one character does both and nothing else.
  // The twelve unified ideographs inside U+FA0E–FA29 have no decomposition and stay.
  return ch.normalize('NFKC');
}

/** The text with every radical and compatibility ideograph replaced by its unified ideograph; all else unchanged. */
export const unifyIdeographs = (text: string): string => text.replace(RADICAL_OR_COMPATIBILITY, unified);

/** Every extracted text of a parsed document (title, text blocks, table cells) with unified ideographs. */
export function unifyDocument(doc: ParsedDocument): ParsedDocument {
  return {
    ...doc,
    ...(doc.title === undefined ? {} : { title: unifyIdeographs(doc.title) }),
    blocks: doc.blocks.map((b) =>
      b.kind === 'text'
        ? { ...b, text: unifyIdeographs(b.text) }
        : { ...b, table: { ...b.table, rows: b.table.rows.map((row) => row.map((cell) => ({ ...cell, text: unifyIdeographs(cell.text) }))) } },
    ),
  };
}
