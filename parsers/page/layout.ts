import type { Block } from '../../schemas/document';
import type { PageContent } from '../../schemas/page';
import type { TextRun } from '../../schemas/page';
import { findAlignedTables, lineGroups } from './aligned-tables';
import { findRuledTables, type RuledTable, splitAtTextRows } from './ruled-tables';
import { alikeAsRead, repeatKey, runningLines } from './running-lines';
import { rulesMarkEachCut, stitchTables, toRows } from './stitch';
import { buildLines, CJK, topOf, type TextLine } from './text-lines';
import { headRowLines } from './unruled-head-rows';
import { appendUnruled, findUnruledForms, type UnruledColumns } from './unruled-forms';
import { splitOverprinted } from './unruled-rows';

type PageItem =
  | { kind: 'table'; table: RuledTable; page: number }
  | { kind: 'line'; line: TextLine; page: number; margin: boolean; beside: boolean }
  | { kind: 'unaligned'; page: number };

/** Page furniture: page numbers such as `—23—`, `- 5 -`, `第 3 页 共 9 页`, in the top or bottom margin. */
const PAGE_NUMBER = /^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$|^\d+\s*\/\s*\d+$/;
const MARGIN = 0.08;
/** A table whose bottom is this close (points) to the type area's bottom fills its page. */
const PAGE_BOTTOM_SLACK = 24;
/** A table whose bottom is this close (points) to the paper's edge is drawn on past it. */
const PAPER_EDGE = 1;
/** A running head or foot stands this close (points) to where it stands on other pages. */
const SAME_PLACE = 1;

/** The document's warning for `pagesToBlocks`'s unaligned pages, worded once for every source. */
export function unalignedWarnings(pages: readonly number[]): string[] {
  return pages.length > 0
    ? [`text laid out like a table without rules on page ${pages.join(', ')} could not be aligned into columns reliably and was read as text: check those pages by hand`]
    : [];
}

/**
 * The page engine's one entry: pages of content (a PDF's text layer, a scan or picture read by
 * OCR) to blocks in reading order, tables rebuilt and stitched across pages, page furniture
 * dropped. `unalignedPages` are pages whose table-like text could not be put into columns.
 * `scanned`: pages read by OCR whole. A scanned page on which no ruled table is found (printed
 * without rules: the OCR infers only rules a table lost) is read as a text layer's is, its words
 * cut at their gutters by the OCR (`parsers/ocr/text-gutters.ts`). `sizedByInk`: pages whose text
 * has no font, each line's size its glyphs' ink (outlines read as text).
 */
export function pagesToBlocks(contents: PageContent[], scanned: ReadonlySet<number> = new Set(), sizedByInk: ReadonlySet<number> = new Set()): { blocks: Block[]; unalignedPages: number[] } {
  let carried: UnruledColumns | null = null;
  // Worked out only when a page is searched for a form without rules (most pages have rules).
  let edges: Set<TextRun> | undefined;
  const furniture = () => (edges ??= runningEdges(contents));
  const pages: PageItem[][] = [];
  for (const content of contents) {
    const { items, ending, continued } = layoutPage(content, carried, furniture, scanned.has(content.page));
    // A form's header that ended the page before with no continuation read here: its rows were lost.
    if (carried?.headerOnly && !continued) items.push({ kind: 'unaligned', page: contents[pages.length - 1]!.page });
    carried = ending;
    pages.push(items);
  }
  if (carried?.headerOnly) pages[pages.length - 1]!.push({ kind: 'unaligned', page: contents[contents.length - 1]!.page });
  markPastPageEdge(pages, contents);
  const unalignedPages = [...new Set(pages.flat().filter((i) => i.kind === 'unaligned').map((i) => i.page))];
  return { blocks: toBlocks(dropRunningLines(pages, contents.length > 0 && contents.every((c) => scanned.has(c.page))), scanned, sizedByInk), unalignedPages };
}

/**
 * Marks the last row of a table drawn on past the paper's bottom edge, with no rule there, when
 * the next page does not go on with it (its first table starts under a rule of its own, or there
 * is none): a spreadsheet printer does not split a row taller than a page, and what the row held
 * below the edge, its text's end or a label centred in it, is printed nowhere. (wkhtmltopdf also
 * draws a table past the paper, on every page; the next page goes on with it, unruled at its top.)
 */
function markPastPageEdge(pages: PageItem[][], contents: PageContent[]): void {
  pages.forEach((page, p) => {
    const next = pages[p + 1]?.find((i) => i.kind === 'table');
    if (next?.kind === 'table' && !next.table.topRuled) return;
    for (const item of page) {
      if (item.kind !== 'table' || item.table.bottomRuled !== false || item.table.y1 < contents[p]!.height - PAPER_EDGE) continue;
      for (const c of item.table.cells) if (c.row + c.cell.rowSpan === item.table.rowCount) c.cell.prov.pastPageEdge = true;
    }
  });
}

/**
 * A page's tables and its other text lines, top to bottom; and the columns of an evaluation form
 * printed without rules that the page ends in (`carried`: the page before's; `scanned`: a page
 * read by OCR).
 */
function layoutPage(
  content: PageContent,
  carried: UnruledColumns | null,
  furniture: () => ReadonlySet<TextRun>,
  scanned: boolean,
): { items: PageItem[]; ending: UnruledColumns | null; continued: boolean } {
  const ruled = findRuledTables(content.segments, content.runs, content.page);
  // Without rules, a table is found by alignment, else as an evaluation form by its header's
  // words; a page with ruled tables keeps its other text as text.
  const plain = ruled.tables.length > 0 ? { ...ruled, rejected: 0 } : findAlignedTables(ruled.rest, content.page);
  // A page that goes on with a form the page before ended in is read in that form's columns even
  // where its rows line up as a grid: read so, the grid's rows would be a table of their own, cut
  // from the form above, and any form's header under them no table's.
  const tried = ruled.tables.length === 0 && (plain.tables.length === 0 || carried !== null) ? findUnruledForms(ruled.rest.filter((r) => !furniture().has(r)), content.page, carried, scanned, content.clipped) : null;
  const read = tried && (plain.tables.length === 0 || tried.continued) ? tried : null;
  const aligned = read && (read.tables.length > 0 || read.continued) ? { tables: read.tables, rest: [...read.rest, ...ruled.rest.filter((r) => furniture().has(r))], rejected: 0 } : plain;
  // A page without rules may print a form's head as text in cells: its rows that wrap are read
  // cell by cell, and figures in cells side by side kept apart.
  const head = ruled.tables.length === 0 ? headRowLines(aligned.rest) : { rows: [], rest: aligned.rest, starts: [] };
  const lines = [...buildLines(head.rest, head.starts), ...head.rows].filter((line) => !isPageNumber(line, content.height) && !(scanned && isScanSpeck(line, content)));
  const items: PageItem[] = [
    ...aligned.tables.map((table) => ({ kind: 'table' as const, table, page: content.page })),
    ...lines.map((line) => ({ kind: 'line' as const, line, page: content.page, margin: inMargin(line, content.height), beside: scanned && aligned.tables.some((t) => besideRows(line, t)) })),
    ...(aligned.rejected > 0 || read?.unread ? [{ kind: 'unaligned' as const, page: content.page }] : []),
  ];
  items.sort((a, b) => top(a) - top(b));
  // A page's first and last lines stand where running heads and feet do, whatever margins the
  // producer keeps (Calc prints its `Page 1` foot 9 % above the page's edge).
  for (const edge of [items[0], items.findLast((i) => i.kind !== 'unaligned')]) if (edge?.kind === 'line') edge.margin = true;
  return { items, ending: read?.ending ?? null, continued: read?.continued ?? false };
}

/**
 * The runs of pages' first and last lines that are running heads and feet (Calc's `Page 1`, a
 * sheet's name), kept out of tables found without rules, whose columns they would fall in. Such a
 * line is one wherever it stands where it runs on other pages, its page's first or last line or
 * not (Calc's `Page 12` over the text of a row run on past it).
 */
function runningEdges(contents: PageContent[]): Set<TextRun> {
  const pages = contents.map((c) => lineGroups(c.runs).flatMap(splitOverprinted));
  const edges = pages.map((lines) => [lines[0], lines[lines.length - 1]].filter((l): l is TextRun[] => l !== undefined));
  // A line's text left to right (`splitOverprinted` orders its runs by height: OCR boxes `PM` a little higher than the date before it).
  const key = (line: TextRun[]) => repeatKey([...line].sort((a, b) => a.x0 - b.x0).map((r) => r.text).join(''), true);
  const running = runningLines(edges, key, () => true);
  const places = new Map<string, number[]>();
  for (const line of edges.flat().filter(running)) places.set(key(line), [...(places.get(key(line)) ?? []), topOf(line)]);
  const standsSo = (line: TextRun[]) => places.get(key(line))?.some((y) => Math.abs(y - topOf(line)) <= SAME_PLACE) ?? false;
  return new Set(pages.flatMap((lines) => lines.filter((l) => running(l) || standsSo(l)).flat()));
}

/**
 * A line a scan reads within a table's height and against its side, not in its cells: ink of the
 * table's own stretch of the page (a label column whose outer rule the scan lost, `绩效指标` set a
 * character a line left of the frame found), however its top sorts it. It is no text between the
 * table and the rest of it on the next page. A line that stands apart from the table, more than a
 * character's width off it, is the page's own (a margin note).
 */
const besideRows = (line: TextLine, table: RuledTable) =>
  line.y0 >= table.y0 && line.y1 <= table.y1 && line.x1 >= table.x0 - line.size && line.x0 <= table.x1 + line.size;

const top = (item: PageItem) => (item.kind === 'table' ? item.table.y0 : item.kind === 'line' ? item.line.y0 : Infinity);
const inMargin = (line: TextLine, height: number) => line.y1 < height * MARGIN || line.y0 > height * (1 - MARGIN);
const isPageNumber = (line: TextLine, height: number) => inMargin(line, height) && PAGE_NUMBER.test(line.text.trim());
/**
 * A line in a scanned page's margins (top, bottom or sides) read as marks alone (`[`, `·`): a
 * binding edge's shadow or a speck, no printed text. Kept, it stands between a table and its
 * continuation on the next page, beside or under the table as it is.
 */
const isScanSpeck = (line: TextLine, page: PageContent) =>
  (inMargin(line, page.height) || line.x1 < page.width * MARGIN || line.x0 > page.width * (1 - MARGIN)) && !/[\p{L}\p{N}]/u.test(line.text);

/**
 * Running heads and feet dropped: lines a document prints again on its pages (running-lines.ts).
 * `readByOcr`: every page was read by OCR, which may read a running line a character off from
 * page to page (`alikeAsRead`); a text layer prints it the same each time.
 */
function dropRunningLines(pages: PageItem[][], readByOcr: boolean): PageItem[][] {
  const lines = pages.map((page) => page.filter((i): i is Extract<PageItem, { kind: 'line' }> => i.kind === 'line'));
  const running = runningLines(lines, (i) => repeatKey(i.line.text, i.margin), (i) => i.margin, readByOcr ? alikeAsRead : undefined);
  return pages.map((page) => page.filter((i) => i.kind !== 'line' || !running(i)));
}

/**
 * How far apart (a share of the smaller) two lines' sizes taken from their glyphs' ink may be and
 * still be one type size: a line's ink reaches higher or lower with the marks it holds (a quote
 * mark over its ideographs, a bracket or a stop under them), by up to an eighth of an em.
 */
const INK_SIZE_SPREAD = 0.15;

/**
 * A line that continues the paragraph above it: same size, just below, the line above full.
 * `sizedByInk`: the sizes are the lines' ink heights, not a font's size.
 */
function wrapsOnto(above: TextLine, line: TextLine, right: number, sizedByInk: boolean): boolean {
  const sameSize = sizedByInk ? Math.abs(above.size - line.size) <= INK_SIZE_SPREAD * Math.min(above.size, line.size) : Math.abs(above.size - line.size) < 0.5;
  return (
    sameSize &&
    line.y0 - above.y1 < line.size * 0.8 &&
    above.x1 > right - line.size * 4 &&
    line.x0 <= above.x0 + line.size
  );
}

const joinWrapped = (a: string, b: string) => (CJK.test(a.slice(-1)) || CJK.test(b.charAt(0)) ? `${a}${b}` : `${a} ${b}`);

/** Blocks in reading order; a table that ends one page and starts the next is one table. */
function toBlocks(pages: PageItem[][], scanned: ReadonlySet<number>, sizedByInk: ReadonlySet<number>): Block[] {
  const blocks: Block[] = [];
  // The lowest anything is printed on any page: the bottom of the type area.
  const bottom = Math.max(0, ...pages.flat().map((i) => (i.kind === 'table' ? i.table.y1 : i.kind === 'line' ? i.line.y1 : 0)));
  // The tables that meet at each page break: the last item of a page and the first of the next.
  const breaks = pages.flatMap((page, p) => {
    const above = page.findLast((i) => i.kind !== 'line' || !i.beside);
    const below = pages[p + 1]?.[0];
    return above?.kind === 'table' && below?.kind === 'table' ? [[above.table, below.table] as const] : [];
  });
  // How the producer draws a cut: somewhere no rule under a page's last table and none over the
  // next page's first.
  const cutsUnruled = breaks.some(([above, below]) => above.bottomRuled === false && !below.topRuled);
  // How the producer draws a cut: somewhere the rules say cell by cell which cells it cut, and
  // nowhere does it cut a row without a rule (WeasyPrint marks merged blocks so too, but cuts rows).
  const marksCuts = !cutsUnruled && breaks.some(([above, below]) => rulesMarkEachCut(above, below));
  let last: { table: RuledTable; page: number } | null = null;
  // Lines read beside the open table's rows (`besideRows`): text after it, once it is whole.
  let beside: Block[] = [];
  let tableIndex = 0;
  const pushTable = () => {
    if (!last) return;
    for (const part of splitAtTextRows(last.table)) {
      if (part.kind === 'text') blocks.push({ kind: 'text', text: part.cell.text, heading: false, prov: part.cell.prov });
      else blocks.push({ kind: 'table', table: { index: tableIndex++, rows: toRows(part.table), prov: { page: part.table.cells[0]?.cell.prov.page ?? last.page } } });
    }
    blocks.push(...beside);
    beside = [];
    last = null;
  };
  for (const page of pages) {
    const sizes = page.flatMap((i) => (i.kind === 'line' ? [i.line.size] : [])).sort((a, b) => a - b);
    const body = sizes[Math.floor(sizes.length / 2)] ?? 0;
    const right = Math.max(0, ...page.flatMap((i) => (i.kind === 'line' ? [i.line.x1] : [])));
    let previous: TextLine | null = null;
    // Lines of a page whose table-like text was not put into columns say so: a table's rows may be among them.
    const unaligned = page.some((i) => i.kind === 'unaligned');
    page.forEach((item, k) => {
      if (item.kind === 'unaligned') return;
      if (item.kind === 'table') {
        const endsAtBottom = last !== null && last.table.y1 >= bottom - PAGE_BOTTOM_SLACK;
        const continued =
          last && k === 0
            ? last.table.unruled || item.table.unruled
              ? appendUnruled(last.table, item.table)
              : stitchTables(last.table, item.table, endsAtBottom, cutsUnruled, marksCuts, scanned.has(item.page))
            : null;
        if (continued && last) last.table = continued;
        else {
          pushTable();
          last = { table: item.table, page: item.page };
        }
        return;
      }
      if (item.beside && last) {
        beside.push({ kind: 'text', text: item.line.text, heading: false, prov: { page: item.page } });
        return;
      }
      pushTable();
      const block = blocks[blocks.length - 1];
      if (previous && block?.kind === 'text' && wrapsOnto(previous, item.line, right, sizedByInk.has(item.page))) block.text = joinWrapped(block.text, item.line.text);
      else blocks.push({ kind: 'text', text: item.line.text, heading: item.line.size >= body * 1.25, prov: unaligned ? { page: item.page, unaligned } : { page: item.page } });
      previous = item.line;
    });
  }
  pushTable();
  return blocks;
}
