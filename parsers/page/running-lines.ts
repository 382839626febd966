/*
 * Running heads and feet: lines a document prints again on its pages (a title, a sheet's name,
 * `Page 1`, a browser print's address and `3/29`). One rule for the page engine's two looks for
 * them: at a page's edge lines before a form without rules is searched (whose columns they would
 * fall in), and at every line of the laid-out pages (which are then dropped).
 */

/**
 * What a line repeats as: its text; an edge line's (a page's first or last, or one in its top or
 * bottom margin) numbers, marks and spacing aside (a browser's print puts the page's address and
 * `3/29` at the foot of every page, and OCR reads the marks of an address differently page by
 * page: `file:///tmp/…` on one, `file //tmp/…` on the next), and with them the Latin letters OCR
 * reads for digits and digits for them (`t12QfM` on one page, `ti2QfM` on the next; `9cobuc`, `9c0buc`).
 */
export const repeatKey = (text: string, edge: boolean): string =>
  edge ? text.replace(/[\s\p{P}\p{S}]+/gu, '').replace(/[oOD]/g, '0').replace(/[iIlL]/g, '1').replace(/[zZ]/g, '2').replace(/[sS]/g, '5').replace(/b/g, '6').replace(/B/g, '8').replace(/[gq]/g, '9').replace(/\d+/g, '#') : text;

/**
 * The running lines among pages' lines (`keyOf`: a line's repeatKey; `edge`: whether it is an
 * edge line): an edge line that stands at an edge of most pages, or of every page of two or more.
 * Only edge lines count: a line repeated inside the pages is a document's own text (a form's
 * title, `(2023年度)`, `填报日期：…` over each of a run of forms, wherever a form starts on
 * its page), and one at an edge counts only where it is an edge line (a form's title that ends
 * one page or two is no running head of the other pages, where it stands inside).
 */
export function runningLines<T>(pages: ReadonlyArray<ReadonlyArray<T>>, keyOf: (line: T) => string, edge: (line: T) => boolean, alike: (a: string, b: string) => boolean = (a, b) => a === b): (line: T) => boolean {
  if (pages.length < 2) return () => false;
  const keys = pages.map((page) => [...new Set(page.filter(edge).map(keyOf))]);
  const counts = new Map<string, number>();
  for (const key of new Set(keys.flat())) counts.set(key, keys.filter((onPage) => onPage.some((k) => alike(key, k))).length);
  return (line) => {
    if (!edge(line)) return false;
    const count = counts.get(keyOf(line)) ?? 0;
    return count >= Math.max(3, pages.length * 0.6) || count === pages.length;
  };
}

/** Characters of a running line's key per character OCR may misread or drop in it. */
const CHARACTERS_PER_MISREAD = 10;
/** A key shorter than this is matched exactly: a few characters off leave little of a short line. */
const MIN_READ_KEY = 10;

/**
 * Whether two running lines' keys (`repeatKey`) read by OCR are one line: a running head in
 * small type (a browser print's page title) is read a character off from page to page under a
 * scan's blur (`…(修改)坊市…` on one page, `…(修改)-廊坊市…` on the next), and a key that must
 * match exactly is then on no page but its own. Keys of at least `MIN_READ_KEY` characters that
 * differ by one edit (a character dropped, added or misread) per `CHARACTERS_PER_MISREAD` are alike.
 */
export function alikeAsRead(a: string, b: string): boolean {
  if (a === b) return true;
  const x = [...a];
  const y = [...b];
  const shorter = Math.min(x.length, y.length);
  if (shorter < MIN_READ_KEY) return false;
  const most = Math.floor(shorter / CHARACTERS_PER_MISREAD);
  if (Math.abs(x.length - y.length) > most) return false;
  // Edit distance row by row, given up once a whole row is past `most`.
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1)));
    if (Math.min(...next) > most) return false;
    row = next;
  }
  return row[y.length]! <= most;
}
