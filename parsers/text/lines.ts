import type { Block, Cell } from '../../schemas/document';

/**
 * Plain-text extractions of reports come in three table layouts, all seen in real files:
 * - tab rows: one table row per line, cells separated by tabs;
 * - cell-per-line rows: each cell on its own line starting with a tab, rows separated by blank
 *   lines, a line without a leading tab continuing the cell above (Word/WPS "save as text");
 * - markdown pipe tables.
 * Everything else is text; markdown `#` headings and `**bold**` lines are headings.
 */
export function readTextBlocks(text: string): Block[] {
  const lines = text.split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let tableIndex = 0;
  let i = 0;
  const pushTable = (rows: Cell[][], firstLine: number) => {
    if (rows.length === 0) return;
    blocks.push({ kind: 'table', table: { index: tableIndex++, rows, prov: { line: firstLine } } });
  };
  while (i < lines.length) {
    const line = lines[i]!;
    if (isCellLine(line)) {
      const start = i;
      const { rows, next } = readCellPerLineRows(lines, i);
      pushTable(rows, start + 1);
      i = next;
    } else if (isTabRow(line)) {
      const start = i;
      const rows: Cell[][] = [];
      // Blank lines between tab rows are page breaks: the table goes on after them.
      while (i < lines.length && (isTabRow(lines[i]!) || (isBlank(lines[i]!) && continuesAfterBlank(lines, i)))) {
        if (isTabRow(lines[i]!)) rows.push(lines[i]!.split('\t').map((t) => cell(t, i + 1)));
        i++;
      }
      pushTable(rows, start + 1);
    } else if (isPipeRow(line)) {
      const start = i;
      const rows: Cell[][] = [];
      while (i < lines.length && isPipeRow(lines[i]!)) {
        const inner = lines[i]!.trim().replace(/^\|/, '').replace(/\|$/, '');
        const parts = inner.split('|');
        if (!parts.every((p) => /^\s*:?-{3,}:?\s*$/.test(p))) rows.push(parts.map((t) => cell(t, i + 1)));
        i++;
      }
      pushTable(rows, start + 1);
    } else {
      const block = textBlock(line, i + 1);
      if (block) blocks.push(block);
      i++;
    }
  }
  return blocks;
}

const cell = (text: string, line: number): Cell => ({ text: text.trim(), rowSpan: 1, colSpan: 1, prov: { line } });

/** A line that is one cell of a cell-per-line table: a single tab, at its start. */
const isCellLine = (line: string) => /^ *\t[^\t]*$/.test(line);
const isTabRow = (line: string) => line.includes('\t') && !isCellLine(line);
const continuesAfterBlank = (lines: string[], i: number) => {
  let j = i;
  while (j < lines.length && isBlank(lines[j]!)) j++;
  return j < lines.length && isTabRow(lines[j]!);
};
const isPipeRow = (line: string) => /^\s*\|.*\|\s*$/.test(line);
/** Blank: nothing but spaces (a lone tab is an empty cell, not a blank line). */
const isBlank = (line: string) => /^[ \u3000]*$/.test(line);

function readCellPerLineRows(lines: string[], from: number): { rows: Cell[][]; next: number } {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let i = from;
  const endRow = () => {
    if (row.length > 0) rows.push(row);
    row = [];
  };
  while (i < lines.length) {
    const line = lines[i]!;
    if (isCellLine(line)) {
      row.push(cell(line.replace(/^ *\t/, ''), i + 1));
    } else if (isBlank(line)) {
      endRow();
      // A blank line ends the table unless the next non-blank line starts another row.
      let j = i + 1;
      while (j < lines.length && isBlank(lines[j]!)) j++;
      if (j >= lines.length || !isCellLine(lines[j]!)) return { rows: joinSplitRows(rows), next: j };
      i = j;
      continue;
    } else if (row.length > 0 && !line.includes('\t')) {
      const last = row[row.length - 1]!;
      last.text = last.text === '' ? line.trim() : `${last.text}\n${line.trim()}`;
    } else {
      break;
    }
    i++;
  }
  endRow();
  return { rows: joinSplitRows(rows), next: i };
}

/**
 * A blank line inside a cell (a rule text with an empty line) splits one row in two. Two short
 * rows that together are as wide as the rows around them are one row.
 */
function joinSplitRows(rows: Cell[][]): Cell[][] {
  const out: Cell[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const width = out[out.length - 1]?.length;
    const row = rows[i]!;
    const next = rows[i + 1];
    const after = rows[i + 2];
    if (
      width !== undefined &&
      next !== undefined &&
      row.length < width &&
      next.length < width &&
      row.length + next.length === width &&
      (after === undefined || after.length === width)
    ) {
      out.push([...row, ...next]);
      i++;
    } else out.push(row);
  }
  return out;
}

function textBlock(line: string, lineNo: number): Block | null {
  let text = line.replace(/\[bookmark: [^\]]*\]/g, '').trim();
  if (text === '') return null;
  let heading = false;
  const md = /^(#{1,6})\s+(.*)$/.exec(text);
  if (md) {
    heading = true;
    text = md[2]!;
  }
  if (/^\*\*.*\*\*$/.test(text) && !text.slice(2, -2).includes('**')) heading = true;
  text = text.replace(/\*\*/g, '').trim();
  return text === '' ? null : { kind: 'text', text, heading, prov: { line: lineNo } };
}
