import type { Block } from '../../schemas/document';
import { readHtmlBlocks } from '../html/blocks';
import { readTextBlocks } from './lines';

/**
 * Text as PDF-to-markdown converters (MinerU and the like) write it: prose and markdown, with
 * each table an HTML `<table>` (rowspan/colspan kept). The tables are read by the HTML table
 * reader, the prose around them by the text reader; line provenance counts in the whole file.
 */
export function readTextWithHtmlTables(text: string): Block[] {
  const blocks: Block[] = [];
  let at = 0;
  const add = (part: Block[], firstLine: number) => {
    for (const block of part) blocks.push(shiftLines(block, firstLine - 1));
  };
  for (const { start, end } of htmlTables(text)) {
    add(readTextBlocks(text.slice(at, start)), lineAt(text, at));
    add(readHtmlBlocks(text.slice(start, end)).blocks, lineAt(text, start));
    at = end;
  }
  add(readTextBlocks(text.slice(at)), lineAt(text, at));
  let index = 0;
  return blocks.map((b) => (b.kind === 'table' ? { kind: 'table', table: { ...b.table, index: index++ } } : b));
}

/** Where each outermost `<table>…</table>` is (a table left open runs to the end). */
function htmlTables(text: string): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  const tag = /<(\/?)table\b[^>]*>/gi;
  let depth = 0;
  let start = 0;
  for (let m = tag.exec(text); m; m = tag.exec(text)) {
    if (m[1] === '') {
      if (depth++ === 0) start = m.index;
    } else if (depth > 0 && --depth === 0) found.push({ start, end: m.index + m[0].length });
  }
  if (depth > 0) found.push({ start, end: text.length });
  return found;
}

const lineAt = (text: string, offset: number) => {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

function shiftLines(block: Block, by: number): Block {
  const shift = <T extends { line?: number }>(prov: T): T => (prov.line === undefined ? prov : { ...prov, line: prov.line + by });
  if (block.kind === 'text') return { ...block, prov: shift(block.prov) };
  return {
    kind: 'table',
    table: { ...block.table, prov: shift(block.table.prov), rows: block.table.rows.map((row) => row.map((cell) => ({ ...cell, prov: shift(cell.prov) }))) },
  };
}

/**
 * Converters write a percentage as inline LaTeX, `$69.33\%$`, padded with spaces: printed,
 * it is `69.33%`. Only that pattern is rewritten; other mathematics is left as it is.
 */
export function normaliseLatexPercent(text: string): string {
  return text.replace(/([ \t]*)\$\s*(\d+(?:\.\d+)?)\s*\\%\s*\$([ \t]*)/g, (_m, before: string, number: string, after: string, offset: number, all: string) => {
    // Padding is kept only between two Latin letters or digits, where a space is printed.
    const left = all[offset - 1] ?? '';
    const right = all[offset + _m.length] ?? '';
    const latin = /[A-Za-z0-9]/;
    return `${before && latin.test(left) ? ' ' : ''}${number}%${after && latin.test(right) ? ' ' : ''}`;
  });
}
