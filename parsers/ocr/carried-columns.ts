import type { DetectedRules } from './detect-rules';
import { ruledGroups } from './gutter-columns';

/** The column borders (pixels, left to right) a page's lowest table reaches its bottom with, on a page `width` pixels wide. */
export interface EndingColumns {
  width: number;
  xs: number[];
}

/**
 * The column borders of one document's OCR pages handed on from each page to the next: a
 * table a page break cut goes on at the top of the next page, and a fax that lost the rules
 * there (`gutterColumns`) draws its columns where the part above drew them. A page's borders
 * are known once its rules are found, long before its words are read: the next page waits for
 * that, not for the reading. Pages are announced in order (`expect`) before they are read.
 */
export interface ColumnCarry {
  /** Page `page` is read by OCR: the page after it waits for what it `ends` on. */
  expect(page: number): void;
  /** The borders page `page` ends on (null: it ends on no table); also called when it fails, so that no page waits for ever. */
  ends(page: number, columns: EndingColumns | null): void;
  /** What the page before `page` ends on: null when that page was not read by OCR. */
  above(page: number): Promise<EndingColumns | null>;
}

export function columnCarry(): ColumnCarry {
  const pages = new Map<number, { promise: Promise<EndingColumns | null>; resolve: (c: EndingColumns | null) => void }>();
  return {
    expect(page) {
      let resolve: (c: EndingColumns | null) => void = () => undefined;
      const promise = new Promise<EndingColumns | null>((r) => (resolve = r));
      pages.set(page, { promise, resolve });
    },
    ends(page, columns) {
      pages.get(page)?.resolve(columns);
    },
    above(page) {
      return pages.get(page - 1)?.promise ?? Promise.resolve(null);
    },
  };
}

/** Borders ending within this (inches) of their table's bottom reach it: a rule's end frays a pixel or two. */
const BOTTOM_INCHES = 0.05;
/** Borders closer than this (inches) are one border. */
const SAME_BORDER_INCHES = 0.03;

/** The borders of the page's lowest ruled structure that reach its bottom: the columns a table cut by the page's foot goes on in. */
export function endingColumns(rules: DetectedRules, width: number, dpi: number): EndingColumns | null {
  const lowest = ruledGroups(rules, dpi)
    .map((g) => ({ rules: g, y1: Math.max(...g.map((r) => r.y1)) }))
    .sort((a, b) => b.y1 - a.y1)[0];
  if (!lowest) return null;
  const reaching = lowest.rules
    .filter((r) => rules.vertical.includes(r) && r.y1 >= lowest.y1 - BOTTOM_INCHES * dpi)
    .map((r) => r.x0)
    .sort((a, b) => a - b);
  const xs = reaching.filter((x, i) => i === 0 || x - reaching[i - 1]! > SAME_BORDER_INCHES * dpi);
  return xs.length >= 3 ? { width, xs } : null;
}
