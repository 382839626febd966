// A line printed twice over itself: a renderer without a bold face draws a bold title twice, a
// hair apart (wkhtmltopdf, Qt), and a PDF's text layer keeps both passes. Read in order they come
// out whole one after the other (`XX`) or interleaved in pieces where the passes' line breaks
// differ (`医疗服务与保医疗服务与保障能力提升障能力提升…`): a title no reader should take as printed.

const IDEOGRAPH = /\p{Script=Han}/u;
/** States the search may visit before it gives up: a title is tens of characters, its passes a few pieces each. */
const SEARCH_LIMIT = 20_000;
/** Fewer ideographs than this may repeat each of them by chance. */
const MIN_IDEOGRAPHS = 8;

/** What one pass of a line printed twice reads, or the readings it may have (none when the search ran out). */
export type Overprint = { once: string } | { readings: string[] } | null;

/**
 * The text of a line printed twice over itself, once: `{ once }` when the line splits into two
 * identical passes in exactly one way (characters outside the ideographs, a year or a space in a
 * font with a bold of its own, may be printed once between the passes' pieces); `{ readings }`
 * when every ideograph is there twice but no single split says what one pass reads; null for a
 * line with an ideograph printed once, or that splits into no two like passes: no double print.
 */
export function overprint(text: string): Overprint {
  const chars = [...text];
  const counts = new Map<string, number>();
  for (const c of chars) if (IDEOGRAPH.test(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const ideographs = [...counts.values()].reduce((a, b) => a + b, 0);
  if (ideographs < 2 * MIN_IDEOGRAPHS || [...counts.values()].some((n) => n % 2 !== 0)) return null;
  const passes = splitPasses(chars);
  if (passes === null) return { readings: [] };
  if (passes.length === 0) return null;
  return passes.length === 1 ? { once: passes[0]! } : { readings: passes };
}

/**
 * Every text one pass can read (at most two: more says nothing new; none when the line does not
 * split), or null when the search ran out. Each character either starts the pass read first (it waits for the other pass), or is the
 * other pass's next, matching the oldest one waiting; a non-ideograph may stand alone where no
 * character waits.
 */
function splitPasses(chars: string[]): string[] | null {
  const memo = new Map<string, string[]>();
  let visited = 0;
  const from = (i: number, waiting: string): string[] | null => {
    if (i === chars.length) return waiting === '' ? [''] : [];
    const key = `${i}\u0000${waiting}`;
    const known = memo.get(key);
    if (known) return known;
    if (++visited > SEARCH_LIMIT) return null;
    const c = chars[i]!;
    const out = new Set<string>();
    const add = (rest: string[] | null, lead: string) => {
      if (rest === null) return false;
      for (const r of rest) if (out.size < 2) out.add(lead + r);
      return true;
    };
    if (waiting.startsWith(c) && !add(from(i + 1, waiting.slice(c.length)), '')) return null;
    if (!add(from(i + 1, waiting + c), c)) return null;
    if (waiting === '' && !IDEOGRAPH.test(c) && !add(from(i + 1, ''), c)) return null;
    const found = [...out];
    memo.set(key, found);
    return found;
  };
  return from(0, '');
}

/**
 * The line with one later copy of a piece it prints before (two ideographs or more) dropped, every
 * way (`…资金绩效评年城乡价报告` → `…资金绩效评价报告`: a bold's second pass drawn over a piece of the
 * line only, which the text layer keeps in the middle of the first). Which copy is the pass printed
 * is not known: these are readings to test the line by, never its text.
 */
export function partlyTwice(text: string): string[] {
  const chars = [...text];
  const out = new Set<string>();
  for (let start = 1; start < chars.length; start++) {
    for (let end = start + 2; end <= chars.length; end++) {
      const piece = chars.slice(start, end).join('');
      if (!IDEOGRAPH.test(piece[0]!) || !chars.slice(0, start).join('').includes(piece)) break;
      out.add([...chars.slice(0, start), ...chars.slice(end)].join(''));
    }
  }
  return [...out];
}
