import type { Block } from '../../schemas/document';
import { DocumentError, type Parser } from '../parser';
import { OCR_DISABLED, ocrEnabled, rateCells, startPageOcr, wordsByPage, type OcrPage } from '../ocr';
import { withPdf } from './open';
import { readPageContent, type PageContent } from './page-content';
import { findAlignedTables } from './aligned-tables';
import { findRuledTables, type RuledTable } from './ruled-tables';
import { stitchTables, toRows } from './stitch';
import { buildLines, CJK, type TextLine } from './text-lines';

type PageItem =
  | { kind: 'table'; table: RuledTable; page: number }
  | { kind: 'line'; line: TextLine; page: number }
  | { kind: 'unaligned'; page: number };

/** Page furniture: page numbers such as `—23—`, `- 5 -`, `第 3 页 共 9 页`, in the top or bottom margin. */
const PAGE_NUMBER = /^[-—–－\s]*\d{1,4}[-—–－\s]*$|^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$|^\d+\s*\/\s*\d+$/;
const MARGIN = 0.08;
/** A table whose bottom is this close (points) to the type area's bottom fills its page. */
const PAGE_BOTTOM_SLACK = 24;
/** A page with fewer real characters than this and images is a scan. */
const MIN_TEXT_CHARS = 1;

/**
 * PDFs: tables rebuilt from ruling lines, page by page, stitched across pages; pages without a
 * usable text layer (scans) read by OCR into the same page content first.
 */
export const pdfParser: Parser = {
  format: 'pdf',
  extensions: ['pdf'],
  sniff: (bytes) => Buffer.from(bytes.subarray(0, 1024)).toString('latin1').includes('%PDF-'),
  async parse(bytes, ctx) {
    if (bytes.length === 0) throw new DocumentError('the file is empty: check that the download completed');
    return withPdf(bytes, ctx.name, async (doc) => {
      const read: Array<PageContent | Promise<OcrPage>> = [];
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const content = await readPageContent(page);
        // A page without a usable text layer is rendered now and read by OCR in the worker pool.
        read.push(!hasUsableText(content) && ocrEnabled() ? (await startPageOcr(page, ctx.name)).result : content);
        page.cleanup();
      }
      const settled = await Promise.all(read);
      const scans = settled.filter((r): r is OcrPage => 'words' in r);
      const contents = settled.map((r) => ('words' in r ? r.content : r));
      if (scans.length === 0 && !contents.some(hasUsableText)) {
        throw new DocumentError(`${ctx.name} has no usable text layer (a scan or fonts without a Unicode map): it needs OCR; ${OCR_DISABLED}`);
      }
      // With OCR off, pages without text in an otherwise readable PDF are said to be unread.
      const unread = settled.filter((r): r is PageContent => !('words' in r) && !hasUsableText(r)).map((r) => r.page);
      const pages = contents.map(layoutPage);
      const unaligned = pages.flat().filter((i) => i.kind === 'unaligned').map((i) => i.page);
      const warnings = unaligned.length
        ? [`text laid out like a table without rules on page ${[...new Set(unaligned)].join(', ')} could not be aligned into columns reliably and was read as text: check those pages by hand`]
        : [];
      const blocks = toBlocks(dropRunningLines(pages));
      rateCells(blocks, wordsByPage(scans));
      if (unread.length > 0) warnings.push(`page ${unread.join(', ')} has no usable text layer and was not read: ${OCR_DISABLED}`);
      return { format: 'pdf', pages: doc.numPages, blocks, warnings, ...(scans.length > 0 ? { ocrPages: scans.length } : {}) };
    });
  },
};

/** Enough real characters, and not mostly unmapped glyphs (`\ufffd`, private use). */
function hasUsableText(content: PageContent): boolean {
  let chars = 0;
  let garbage = 0;
  for (const run of content.runs) {
    chars += run.text.replace(/\s/g, '').length;
    garbage += (run.text.match(/[\ufffd\ue000-\uf8ff]/g) ?? []).length;
  }
  return chars >= MIN_TEXT_CHARS && garbage <= chars / 3;
}

/** Blocks from pages of content (an image read by OCR is such a page too). */
export const blocksFromPages = (contents: PageContent[]): Block[] => toBlocks(dropRunningLines(contents.map(layoutPage)));

/** A page's tables and its other text lines, top to bottom. */
function layoutPage(content: PageContent): PageItem[] {
  const ruled = findRuledTables(content.segments, content.runs, content.page);
  // Without rules, a table is found by alignment; a page with ruled tables keeps its other text as text.
  const aligned = ruled.tables.length > 0 ? { ...ruled, rejected: 0 } : findAlignedTables(ruled.rest, content.page);
  const lines = buildLines(aligned.rest).filter((line) => !isPageNumber(line, content.height));
  const items: PageItem[] = [
    ...aligned.tables.map((table) => ({ kind: 'table' as const, table, page: content.page })),
    ...lines.map((line) => ({ kind: 'line' as const, line, page: content.page })),
    ...(aligned.rejected > 0 ? [{ kind: 'unaligned' as const, page: content.page }] : []),
  ];
  return items.sort((a, b) => top(a) - top(b));
}

const top = (item: PageItem) => (item.kind === 'table' ? item.table.y0 : item.kind === 'line' ? item.line.y0 : Infinity);
const isPageNumber = (line: TextLine, height: number) =>
  (line.y1 < height * MARGIN || line.y0 > height * (1 - MARGIN)) && PAGE_NUMBER.test(line.text.trim());

/** Running heads and feet: the same margin line on most pages. */
function dropRunningLines(pages: PageItem[][]): PageItem[][] {
  if (pages.length < 3) return pages;
  const counts = new Map<string, number>();
  for (const page of pages) {
    const seen = new Set(page.flatMap((i) => (i.kind === 'line' ? [i.line.text] : [])));
    for (const text of seen) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  const running = (item: PageItem) => item.kind === 'line' && (counts.get(item.line.text) ?? 0) >= Math.max(3, pages.length * 0.6);
  return pages.map((page) => page.filter((i) => !running(i)));
}

/** A line that continues the paragraph above it: same size, just below, the line above full. */
function wrapsOnto(above: TextLine, line: TextLine, right: number): boolean {
  return (
    Math.abs(above.size - line.size) < 0.5 &&
    line.y0 - above.y1 < line.size * 0.8 &&
    above.x1 > right - line.size * 4 &&
    line.x0 <= above.x0 + line.size
  );
}

const joinWrapped = (a: string, b: string) => (CJK.test(a.slice(-1)) || CJK.test(b.charAt(0)) ? `${a}${b}` : `${a} ${b}`);

/** Blocks in reading order; a table that ends one page and starts the next is one table. */
function toBlocks(pages: PageItem[][]): Block[] {
  const blocks: Block[] = [];
  // The lowest anything is printed on any page: the bottom of the type area.
  const bottom = Math.max(0, ...pages.flat().map((i) => (i.kind === 'table' ? i.table.y1 : i.kind === 'line' ? i.line.y1 : 0)));
  let last: { table: RuledTable; page: number } | null = null;
  let tableIndex = 0;
  const pushTable = () => {
    if (!last) return;
    blocks.push({ kind: 'table', table: { index: tableIndex++, rows: toRows(last.table), prov: { page: last.page } } });
    last = null;
  };
  for (const page of pages) {
    const sizes = page.flatMap((i) => (i.kind === 'line' ? [i.line.size] : [])).sort((a, b) => a - b);
    const body = sizes[Math.floor(sizes.length / 2)] ?? 0;
    const right = Math.max(0, ...page.flatMap((i) => (i.kind === 'line' ? [i.line.x1] : [])));
    let previous: TextLine | null = null;
    page.forEach((item, k) => {
      if (item.kind === 'unaligned') return;
      if (item.kind === 'table') {
        const endsAtBottom = last !== null && last.table.y1 >= bottom - PAGE_BOTTOM_SLACK;
        const continued = last && k === 0 ? stitchTables(last.table, item.table, endsAtBottom) : null;
        if (continued && last) last.table = continued;
        else {
          pushTable();
          last = { table: item.table, page: item.page };
        }
        return;
      }
      pushTable();
      const block = blocks[blocks.length - 1];
      if (previous && block?.kind === 'text' && wrapsOnto(previous, item.line, right)) block.text = joinWrapped(block.text, item.line.text);
      else blocks.push({ kind: 'text', text: item.line.text, heading: item.line.size >= body * 1.25, prov: { page: item.page } });
      previous = item.line;
    });
  }
  pushTable();
  return blocks;
}
