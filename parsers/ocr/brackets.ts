/**
 * 发文字号, a document's number: the issuing body's short name, the year in brackets, the serial
 * and 号. GB/T 9704 prints the year in 六角括号 〔〕, which the reader takes for any bracket
 * (`桂政办发(2022) 5号`, `桂医保发【2023]12号`).
 */
const DOCUMENT_NUMBER = /(?<=[\u3400-\u9fff])[[［【〔〈《(（<]\s*((?:19|20)\d\d)\s*[\]］】〕〉》)）>]\s*(\d{1,4})\s*号/g;
/** Closers and the opener each pairs with. */
export const OPENER: ReadonlyMap<string, string> = new Map([
  [')', '('],
  ['）', '（'],
  ['》', '《'],
  ['〉', '〈'],
  ['〕', '〔'],
  ['】', '【'],
  [']', '['],
]);
const OPENERS = new Set(OPENER.values());
/** Openers the reader gives for a parenthesis: a parenthesis closes them, so they were one. */
const READ_FOR_PARENTHESIS = new Set(['(', '（', '〈', '《', '〔', '【', '[']);

/** Characters of context shown either side of a changed opener. */
const CONTEXT = 4;

/**
 * Brackets and quotes of text read by OCR made to pair as printed: a document number's year
 * gets its 〔〕; an opener that a parenthesis closes is a parenthesis of the closer's width
 * (`〈含拒付）`, `《试行）》`: the closer is read more reliably than the opener, whose shapes are
 * alike); curly quotes alternate. Returns the text and each change as `read → kept`.
 */
export function settleBrackets(text: string): { text: string; changes: string[] } {
  const changes: string[] = [];
  const numbered = settleDocumentNumbers(text, changes);
  const chars = [...numbered];
  const open: number[] = [];
  chars.forEach((c, i) => {
    if (OPENERS.has(c)) {
      open.push(i);
      return;
    }
    const opener = OPENER.get(c);
    if (opener === undefined || open.length === 0) return;
    const top = open.pop()!;
    if (chars[top] === opener) return;
    if ((c === ')' || c === '）') && READ_FOR_PARENTHESIS.has(chars[top]!)) {
      const around = (s: string[]) => s.slice(top, Math.min(i + 1, top + CONTEXT + 1)).join('').replace(/\s+/g, ' ');
      const read = around(chars);
      chars[top] = opener;
      changes.push(`${read} → ${around(chars)}`);
    } else open.push(top);
  });
  alternateQuotes(chars, changes);
  return { text: chars.join(''), changes };
}

/** Each document number's year given its 〔〕, each change added to `changes` as `read → kept`. */
export function settleDocumentNumbers(text: string, changes: string[]): string {
  return text.replace(DOCUMENT_NUMBER, (read: string, year: string, serial: string) => {
    const kept = `〔${year}〕${serial}号`;
    if (kept !== read) changes.push(`${read.replace(/\s+/g, ' ')} → ${kept}`);
    return kept;
  });
}

/**
 * Curly double quotes open and close in turn; the reader often turns one the wrong way
 * (`“全覆盖“`). Only a text with an even number of them is set right: an odd one out may
 * belong to a quote that runs on beyond the text.
 */
function alternateQuotes(chars: string[], changes: string[]): void {
  const at = chars.flatMap((c, i) => (c === '“' || c === '”' ? [i] : []));
  if (at.length % 2 !== 0) return;
  at.forEach((i, k) => {
    const kept = k % 2 === 0 ? '“' : '”';
    if (chars[i] === kept) return;
    const around = () => chars.slice(Math.max(0, i - CONTEXT), i + 1).join('').replace(/\s+/g, ' ');
    const read = around();
    chars[i] = kept;
    changes.push(`${read} → ${around()}`);
  });
}
