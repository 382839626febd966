import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import type { Block, Cell } from '../../schemas/document';
import { checkTableArea } from '../limits';

/** Page chrome: navigation, menus, footers, share bars. Never part of a report. */
const CHROME_SELECTOR = [
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas',
  'nav', 'footer', 'aside', 'form', 'button', 'select', 'input', 'textarea',
  '[role=navigation]', '[role=banner]', '[role=contentinfo]', '[aria-hidden=true]',
].join(',');
const CHROME_NAME = /(^|[\s_-])(nav|navbar|menu|footer|breadcrumb|crumbs?|sidebar|side|share|copyright|toolbar|topbar|logo|banner|slogan)([\s_-]|$)/i;
/** Whole class or id names of a site's top banner (`article-header` is not one). */
const CHROME_TOKEN = /^(header|head|top|site-header|masthead)$/i;

const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'li', 'ul', 'ol', 'dl', 'dt', 'dd',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'center', 'figure', 'figcaption',
  'caption', 'body', 'html', 'hr', 'address',
]);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Bounds that keep hostile markup (rowspan="99999") from blowing up the grid. */
const MAX_COLSPAN = 64;
const MAX_ROWSPAN = 2000;

export interface HtmlContent {
  title?: string;
  blocks: Block[];
  /** Images in reading order: `at` is the number of blocks before each (where its tables go). */
  images: HtmlImage[];
}

/** An `<img>` in the content, by its `src` as written, and the markup line it is on. */
export interface HtmlImage {
  at: number;
  src: string;
  line?: number;
}

/** Reads an HTML page or fragment into text and table blocks in reading order. */
export function readHtmlBlocks(html: string): HtmlContent {
  const $ = cheerio.load(html, { sourceCodeLocationInfo: true });
  const title = clean($('title').first().text()) || undefined;
  $(CHROME_SELECTOR).remove();
  $('[class],[id]').each((_, el) => {
    const names = `${$(el).attr('class') ?? ''} ${$(el).attr('id') ?? ''}`;
    if (CHROME_NAME.test(names) || names.split(/\s+/).some((t) => CHROME_TOKEN.test(t))) $(el).remove();
  });

  const blocks: Block[] = [];
  const images: HtmlImage[] = [];
  let tableIndex = 0;
  let buffer = '';
  let bufferLine: number | undefined;
  let headingDepth = 0;
  const flush = () => {
    for (const line of buffer.split('\n')) {
      const text = clean(line);
      if (text) blocks.push({ kind: 'text', text, heading: headingDepth > 0, prov: lineProv(bufferLine) });
    }
    buffer = '';
    bufferLine = undefined;
  };

  // Walked with a stack, not recursion: the depth comes from the page. A function on the stack
  // runs when the elements pushed after it are done (closing a block or a heading).
  const stack: Array<AnyNode | (() => void)> = [];
  const pushChildren = (children: AnyNode[]) => {
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  };
  const visit = (node: AnyNode) => {
    if (node.type === 'text') {
      if (buffer === '') bufferLine = sourceLine(node);
      buffer += node.data.replace(/\s+/g, ' ');
      return;
    }
    if (node.type !== 'tag') return;
    const name = node.name.toLowerCase();
    if (name === 'br') {
      buffer += '\n';
      return;
    }
    if (name === 'img') {
      const src = $(node).attr('src')?.trim();
      flush();
      if (src) images.push({ at: blocks.length, src, line: sourceLine(node) });
      return;
    }
    if (name === 'table') {
      flush();
      if ($(node).find('table').length > 0) {
        // A layout table (whole page laid out in a table): its cells are just containers.
        const cells = $(node).find('> tbody > tr > td, > tr > td, > thead > tr > td, > tbody > tr > th').toArray();
        for (let i = cells.length - 1; i >= 0; i--) {
          stack.push(flush);
          pushChildren((cells[i] as Element).children);
        }
      } else {
        const rows = readTableRows($, node);
        if (rows.length > 0) blocks.push({ kind: 'table', table: { index: tableIndex++, rows, prov: lineProv(sourceLine(node)) } });
      }
      return;
    }
    const isBlock = BLOCK_TAGS.has(name);
    const isHeading = HEADING_TAGS.has(name);
    if (isBlock) flush();
    if (isHeading) headingDepth++;
    stack.push(() => {
      if (isBlock) flush();
      if (isHeading) headingDepth--;
    });
    pushChildren(node.children);
  };
  const root = $('body').get(0) ?? $.root().get(0);
  if (root) stack.push(root);
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (typeof item === 'function') item();
    else visit(item);
  }
  flush();
  return { title, blocks, images };
}

function readTableRows($: cheerio.CheerioAPI, table: Element): Cell[][] {
  const rows: Cell[][] = [];
  const trs = $(table).find('tr').toArray();
  let area = 0;
  trs.forEach((tr, r) => {
    const cells: Cell[] = [];
    $(tr)
      .children('td,th')
      .each((_, td) => {
        const el = td as Element;
        cells.push({
          text: cellText($, el),
          rowSpan: clampSpan($(el).attr('rowspan'), Math.min(MAX_ROWSPAN, trs.length - r)),
          colSpan: clampSpan($(el).attr('colspan'), MAX_COLSPAN),
          prov: lineProv(sourceLine(el)),
        });
      });
    for (const cell of cells) area += cell.rowSpan * cell.colSpan;
    checkTableArea(area);
    rows.push(cells);
  });
  return rows;
}

/** Cell text with line breaks where the cell breaks lines (<br>, paragraphs). */
function cellText($: cheerio.CheerioAPI, td: Element): string {
  const parts: string[] = [];
  const stack: Array<AnyNode | '\n'> = [...td.children].reverse();
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node === '\n') parts.push('\n');
    else if (node.type === 'text') parts.push(node.data.replace(/\s+/g, ' '));
    else if (node.type === 'tag') {
      const name = node.name.toLowerCase();
      if (name === 'br') parts.push('\n');
      else if (name !== 'script' && name !== 'style') {
        const block = BLOCK_TAGS.has(name);
        if (block) parts.push('\n');
        if (block) stack.push('\n');
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
      }
    }
  }
  return parts
    .join('')
    .split('\n')
    .map(clean)
    .filter((l) => l !== '')
    .join('\n');
}

function clampSpan(value: string | undefined, max: number): number {
  const n = Number.parseInt(value ?? '1', 10);
  if (!Number.isFinite(n) || n < 1) return 1;
  return Math.max(1, Math.min(n, max));
}

const clean = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();

function sourceLine(node: AnyNode): number | undefined {
  return node.sourceCodeLocation?.startLine;
}
const lineProv = (line: number | undefined) => (line ? { line } : {});
