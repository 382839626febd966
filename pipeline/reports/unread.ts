import type { Evidence } from '../../schemas/dataset';
import type { Table } from '../../schemas/document';
import { INDICATOR_HEADERS, REPORT_TITLE, SUMMARY_HEADERS } from '../vocabulary/lexicon';
import type { TablePart } from '../tables/analyse';
import { readHeader } from '../tables/header';
import type { FormPart } from '../tables/form';
import { readByOcr, rowCells, type Grid } from '../tables/grid';
import { readProjectList } from '../tables/project-list';
import { compact, foldWidth } from '../text';
import type { ReportDraft, TextLine } from './assemble';
import { placeOf } from './places';

/** An evaluation table the document prints and no report holds, at its header. */
export type UnreadTable = Evidence['unread_tables'][number];

/**
 * A draft under whose headers not one row was read. A blank template or a target framework has
 * rows, with nothing measured in them, and is declined on purpose; a header with nothing read
 * under it is a table the read lost (its header read twice, a page break cutting it off).
 */
export const readNothing = (draft: ReportDraft) => draft.parts.every((p) => p.indicators!.rows.length === 0);

/**
 * A draft that read nothing under headers whose rows print level names and placeholders only, no
 * value (`产出 | 数量 |  |  `): a blank form. What is printed was read; there is no value to read.
 */
export const blankForm = (draft: ReportDraft) =>
  readNothing(draft) && draft.parts.some((p) => p.indicators!.unfilled.blank > 0) && draft.parts.every((p) => p.indicators!.unfilled.other === 0);

/** A line that names a form, a note in brackets after the name aside (`…绩效自评表（2023年度）`). */
const namesForm = (text: string) => REPORT_TITLE.test(compact(foldWidth(text)).replace(/\([^()]*\)$/, ''));

/** What a lost draft prints: the form's title and project name where it has them, and its first header's cells, at that header. */
export function unreadTable(draft: ReportDraft): UnreadTable {
  const part = draft.parts[0]!;
  const { top } = part.indicators!.header;
  const cells = rowCells(part.grid, top).filter((c) => c.text !== '');
  const title = draft.forms.find((f) => f.title !== null)?.title ?? draft.context.findLast((l) => namesForm(l.text))?.text;
  const project = draft.forms.find((f) => f.keys.project_name !== undefined)?.keys.project_name;
  const printed = [title, project, cells.map((c) => c.text).join(' ')].filter((t) => t !== undefined && t !== '').join(' | ');
  const first = cells.find((c) => c.anchorRow === top) ?? cells[0];
  return { printed, at: placeOf(first?.prov ?? part.grid.prov, { table: part.grid.tableIndex, row: top, column: first?.col ?? null }) };
}

const VALUE_FIELDS: ReadonlySet<string> = new Set(['points', 'share', 'score', 'target', 'actual']);

/** Header words as a line is searched for them: each of a vocabulary's patterns, and the field it names. */
type HeaderWordsAt = ReadonlyArray<{ field: string; pattern: RegExp }>;

/**
 * A vocabulary's header words, each tried at one place of a line (sticky): a word read at that
 * place only, as if the line started there (its `^` anchors dropped, `$` still the line's end).
 * Tried so, a line costs its length, not its length squared, as slicing the rest at each place did.
 */
const wordsAt = (headers: ReadonlyArray<{ field: string; pattern: RegExp }>): HeaderWordsAt =>
  headers.map((h) => ({ field: h.field, pattern: new RegExp(h.pattern.source.replace(/(^|[|(])\^/g, '$1'), `${h.pattern.flags}y`) }));

const HEADER_WORDS_AT = wordsAt(INDICATOR_HEADERS);
/**
 * The header words of a table that lists one project per row (项目名称 … 预算数 … 自评得分), with the
 * indicator vocabulary's: a scan's `白评得分` (自 thinned to 白) still ends in its 得分.
 */
const LISTING_WORDS_AT = [...HEADER_WORDS_AT, ...wordsAt(SUMMARY_HEADERS)];

/** The header words a line is made of, left to right, and how many of its characters they cover. */
function headerWords(text: string, vocabulary: HeaderWordsAt = HEADER_WORDS_AT): { fields: string[]; covered: number; length: number } {
  const key = compact(foldWidth(text));
  const fields: string[] = [];
  let covered = 0;
  for (let i = 0; i < key.length; ) {
    let best: { field: string; length: number } | undefined;
    for (const h of vocabulary) {
      h.pattern.lastIndex = i;
      const m = h.pattern.exec(key);
      if (m && m[0].length > (best?.length ?? 0)) best = { field: h.field, length: m[0].length };
    }
    if (!best) i++;
    else {
      fields.push(best.field);
      covered += best.length;
      i += best.length;
    }
  }
  return { fields, covered, length: key.length };
}

/**
 * Lines of text that print an evaluation table's header row, made of three header words or more
 * (`二级指标三级指标分值得分`; `标准值评分标准指标说明分值实际完成情况` under level words a narrow
 * column wrapped): a table the page reader could not put into columns and read as text, so no
 * report holds it. A sentence that names a level and a score (`设置三级指标12个，总分值100分`) is
 * mostly other words. The document says so, with the page: a lost table is never a document
 * without one.
 */
export function headersReadAsText(lines: ReadonlyArray<TextLine>): Array<{ printed: string; page: number | undefined }> {
  return lines.flatMap((line) => (printsHeaderWords(line.text) ? [{ printed: line.text, page: line.prov.page }] : []));
}

/** Three header words or more, one of them a value's (`设置三级指标12个，总分值100分` names a level and a score only). */
const namesHeader = (fields: string[]) => new Set(fields).size >= 3 && fields.some((f) => VALUE_FIELDS.has(f));

/**
 * The columns a project list is read by (tables/project-list.ts): a project's name, its score and its
 * money. A form's budget block names money and a score too, never a project name in the same row.
 */
const namesProjectList = (fields: string[]) => fields.includes('project_name') && fields.includes('score') && (fields.includes('budget') || fields.includes('executed'));

/** Text made of header words (`namesHeader`) and little else (`headersReadAsText`). */
function printsHeaderWords(text: string): boolean {
  const { fields, covered, length } = headerWords(text);
  return namesHeader(fields) && covered >= 0.6 * length;
}

/**
 * A table row's cells that name a header (`namesHeader`), half of them or more made mostly of
 * header words: each cell is read on its own, so a cell the scan garbled (`l .级级指指标标`, two
 * columns' level words read as one) weighs as one cell, not as the length of its text.
 */
function headerCells(texts: string[], vocabulary: HeaderWordsAt = HEADER_WORDS_AT, names = namesHeader): boolean {
  const words = texts.map((text) => headerWords(text, vocabulary));
  const worded = words.filter((w) => w.covered >= 0.5 * w.length).length;
  return names(words.flatMap((w) => w.fields)) && worded * 2 >= texts.length;
}

/**
 * Rows of a scanned table that print an evaluation table's header words (`绩效指标 | 级指标 | 指标值 |
 * 全年实际完成值 | 未完成原因…`) where no header was read: outside every indicator section the table
 * was read into, and not a header to `readHeader`. The scan lost what tells the header's columns
 * apart (a column edge not found, two columns read as one cell, a level word's numeral thinned
 * away), and with it the rows under it, or some of them: a miss the document says, with its page,
 * never a scan without a table. So is a project list's header (`序号 项目名称 … 白评得分`) in a table
 * (`table`, the parts' own) from which no project was read: the rows under it lost with what set them
 * apart. Text layers read their header words as printed; only a table read from the ink is looked at.
 */
export function headerRowsUnread(parts: ReadonlyArray<TablePart>, table: Table): Array<{ printed: string; page: number | undefined }> {
  const grid = parts[0]?.grid;
  if (!grid || !readByOcr(grid)) return [];
  let listed: boolean | undefined;
  return grid.rows.flatMap((_, r) => {
    if (readUnderHeader(parts, r) || readHeader(grid, r) !== null) return [];
    const cells = rowCells(grid, r).filter((c) => c.text !== '');
    const texts = cells.map((c) => c.text);
    const header = headerCells(texts) || (headerCells(texts, LISTING_WORDS_AT, namesProjectList) && !(listed ??= readProjectList(table) !== null));
    // A header two rows high is said at its first: a row whose own cells name no column (`中央 省级`
    // under 预算数) holds its header words only in the cells merged down from the row above.
    const opens = cells.some((c) => !c.spannedFromAbove && headerWords(c.text, LISTING_WORDS_AT).fields.length > 0);
    return cells.length > 1 && header && opens ? [{ printed: texts.join(' '), page: cells[0]!.prov.page }] : [];
  }).filter((row, i, rows) => i === 0 || row.printed !== rows[i - 1]!.printed);
}

/** Whether row `r` of the parts' grid is in an indicator section read under its header. */
const readUnderHeader = (parts: ReadonlyArray<TablePart>, r: number) => parts.some((p) => p.indicators && r >= p.indicators.header.top && r < p.indicators.endRow);

/**
 * The first line after a report's table, up to the next report, from a page whose table-like text
 * could not be put into columns and was read as text (`unaligned`): the table may go on there, its
 * rows in no record. Said on the report as a table beside it that went unread, at that line.
 */
export function unalignedAfter(draft: ReportDraft): UnreadTable | null {
  const line = draft.after.find((l) => l.prov.unaligned);
  return line ? { printed: line.text, at: placeOf(line.prov) } : null;
}

/**
 * The rows of a scanned table that no indicator header was read over, each as a line of its cells
 * (merged cells at their first row): what `rowsReadAsText` looks through with the text's lines, for
 * a table whose header the scan lost keeps its rows' cells apart (a fax page's broken rules).
 */
export function rowsUnderNoHeader(parts: ReadonlyArray<TablePart>): TextLine[] {
  const grid = parts[0]?.grid;
  if (!grid || !readByOcr(grid)) return [];
  return grid.rows.flatMap((_, r) => {
    if (readUnderHeader(parts, r)) return [];
    const cells = rowCells(grid, r).filter((c) => c.text !== '' && !c.spannedFromAbove);
    // A cell up to its first full stop: a figure's explanation after it (`100%。符合救助条件的…`) is prose.
    return cells.length > 0 ? [{ text: cells.map((c) => c.text.split('。')[0]).join(' '), heading: false, prov: cells[0]!.prov }] : [];
  });
}

/**
 * A target with its comparison mark and, across a gap, a figure beside it (`≥80% 81.77%无`, `≥99% ≥99%`):
 * the target and actual columns of an indicator row, which prose does not print so.
 */
const TARGET_BESIDE_ACTUAL = /[≥≤＞＜><]\s*\d+(?:\.\d+)?%?\s+[≥≤＞＜><]?\s*\d+(?:\.\d+)?%?/;
/** Rows read so before any of them says a table was there: one such line may be a sentence's figures. */
const MIN_ROW_LINES = 2;

/**
 * Lines of a scanned document that print indicator rows (a target beside its actual), when there
 * are MIN_ROW_LINES of them or more: a table whose header the scan lost (a seal over it, a table
 * printed without rules), read as text. The first such line, with its page.
 */
export function rowsReadAsText(lines: ReadonlyArray<TextLine>): { printed: string; page: number | undefined } | null {
  const rows = lines.filter((line) => TARGET_BESIDE_ACTUAL.test(foldWidth(line.text)));
  return rows.length >= MIN_ROW_LINES ? { printed: rows[0]!.text, page: rows[0]!.prov.page } : null;
}

/**
 * A form's head (its key rows, its budget block) as printed at its first key or budget row, with its
 * page; null for a part that has neither (goals alone name no form).
 */
export function unheldHead(form: FormPart, grid: Grid): { printed: string; page: number | undefined } | null {
  const rows = [...Object.values(form.keyCells).map((c) => c.row), ...(form.budget ? [form.budget.row] : [])];
  if (rows.length === 0) return null;
  const cells = rowCells(grid, Math.min(...rows)).filter((c) => c.text !== '');
  return { printed: cells.map((c) => c.text).join(' '), page: cells[0]?.prov.page };
}
