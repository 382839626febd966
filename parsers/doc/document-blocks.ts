import type { Block } from '../../schemas/document';
import { paragraphPropsReader, type RowDef } from './paragraph-props';
import type { WordText } from './pieces';
import { rowsWithSpans, type RawRow } from './table-grid';
import type { WordFile } from './word-file';

const PARAGRAPH_END = new Set(['\r', '\x07', '\x0c']);
/** Built-in heading styles keep the fixed style indexes 1–9. */
const isHeadingStyle = (istd: number) => istd >= 1 && istd <= 9;

/**
 * The main text as paragraphs, with tables rebuilt from Word 97's marks: a cell's last
 * paragraph ends with \x07, a row ends with a paragraph of its own marked as the row end (TTP),
 * which carries the row's cell boundaries and merge flags. Field codes are dropped (the field's
 * shown result is kept); tables nested inside a cell are read as that cell's text.
 */
export function documentBlocks(file: WordFile, { text, fcOf }: WordText): Block[] {
  const propsAt = paragraphPropsReader(file);
  const blocks: Block[] = [];
  let tableIndex = 0;
  let rows: RawRow[] = [];
  let cells: string[] = [];
  let paragraphs: string[] = [];
  const endTable = () => {
    if (cells.length > 0 || paragraphs.length > 0) endRow(undefined);
    if (rows.length > 0) blocks.push({ kind: 'table', table: { index: tableIndex++, rows: rowsWithSpans(rows), prov: {} } });
    rows = [];
  };
  const endCell = () => {
    cells.push(paragraphs.filter((p) => p !== '').join('\n'));
    paragraphs = [];
  };
  const endRow = (def: RowDef | undefined) => {
    if (paragraphs.length > 0) endCell();
    rows.push({ cells, ...(def ? { def } : {}) });
    cells = [];
  };

  let paragraph = '';
  const fields: Array<'code' | 'result'> = [];
  for (let cp = 0; cp < text.length; cp++) {
    const ch = text[cp]!;
    if (ch === '\x13') fields.push('code');
    else if (ch === '\x14') fields[fields.length - 1] = 'result';
    else if (ch === '\x15') fields.pop();
    else if (PARAGRAPH_END.has(ch)) {
      const props = propsAt(fcOf(cp));
      const shown = clean(paragraph);
      paragraph = '';
      if (!props.inTable) {
        endTable();
        if (shown) for (const line of shown.split('\n')) blocks.push({ kind: 'text', text: line, heading: isHeadingStyle(props.istd), prov: {} });
      } else if (props.depth > 1) {
        if (shown) paragraphs.push(shown);
      } else if (props.rowEnd) {
        endRow(props.row);
      } else {
        paragraphs.push(shown);
        if (ch === '\x07') endCell();
      }
    } else if (!fields.includes('code')) paragraph += shownChar(ch);
  }
  endTable();
  if (paragraph.trim()) blocks.push({ kind: 'text', text: clean(paragraph), heading: false, prov: {} });
  return blocks;
}

/** Word's special characters as they print: a line break is a new line, markers print nothing. */
function shownChar(ch: string): string {
  if (ch === '\x0b') return '\n';
  if (ch === '\t') return ' ';
  if (ch === '\x1e') return '-';
  if (ch < ' ' || ch === '\x1f') return '';
  return ch;
}

const clean = (s: string) =>
  s
    .split('\n')
    .map((line) => line.replace(/[\s\u00a0\u3000]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
