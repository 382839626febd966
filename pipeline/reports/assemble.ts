import type { Block, ParsedDocument, Provenance } from '../../schemas/document';
import { REPORT_TITLE, SCORE_TABLE_TITLE } from '../vocabulary/lexicon';
import { analyseTable, type SummarySection, type TablePart } from '../tables/analyse';
import { hasFormContent, type FormPart } from '../tables/form';
import { sameHeader } from '../tables/header';
import { readByOcr, type Grid } from '../tables/grid';
import { isMeasured } from '../tables/rows';
import { compact, foldWidth } from '../text';
import { blankForm, headerRowsUnread, readNothing, rowsUnderNoHeader, unalignedAfter, unheldHead, unreadTable, type UnreadTable } from './unread';

export interface TextLine {
  text: string;
  heading: boolean;
  prov: Provenance;
}

/** The pieces of one report, gathered across the document's blocks. */
export interface ReportDraft {
  /** Text printed since the previous report (titles, year line, 单位(盖章), prose). */
  context: TextLine[];
  /** Text printed after this report's first table, up to the next report (prose, notes). */
  after: TextLine[];
  /** Form rows (项目名称, budget block, goals) from this report's tables, first one first. */
  forms: FormPart[];
  /** The table the first budget block is printed in, for the cells of its rows. */
  budgetGrid: Grid | null;
  parts: TablePart[];
  summary: SummarySection | null;
  /**
   * Rows printed right after the report's last indicator rows, in its table or a table of the
   * same width with nothing printed between, that no part reads (the rows after a total, a piece
   * of the table whose header the stitching did not carry): checked for text the read lost.
   * `sameColumns`: the piece has the columns of the report's last table, and is read in them.
   */
  strays: Array<{ grid: Grid; from: number; sameColumns: boolean }>;
  /** Evaluation tables printed beside this report from which no report was read (see unread.ts). */
  unread: UnreadTable[];
}

const opensReport = (text: string) => {
  const key = compact(foldWidth(text));
  return REPORT_TITLE.test(key) && !SCORE_TABLE_TITLE.test(key);
};

/**
 * Groups a document's evaluation tables into reports. A table continues the report before it
 * when nothing opens a new one in between: no report title, no form rows of its own, the same
 * columns, and its first level-1 label not a restart. A narrative report's score tables (seed
 * 003) thus stay one report, while seed 000's three titled tables are three. `unheld`: the
 * headers under which no row was read when no report is left to say so (the document's);
 * `blank`: blank forms' headers (`blankForm`).
 */
export function assembleReports(doc: ParsedDocument): {
  drafts: ReportDraft[];
  unheld: UnreadTable[];
  blank: UnreadTable[];
  /** Blank forms read from a scan (`blankForm` on a table read from the ink): blank, or their values not read. */
  blankScans: UnreadTable[];
  unvalued: UnreadTable[];
  /** Scanned tables' rows of header words read as no header (`headerRowsUnread`). */
  headerRows: Array<{ printed: string; page: number | undefined }>;
  /** Scanned tables' rows under no indicator header, as lines (`rowsUnderNoHeader`). */
  unheadedRows: TextLine[];
  /** Scanned forms' heads that no indicator table followed (`unheldHead`). */
  unheldHeads: Array<{ printed: string; page: number | undefined }>;
} {
  const drafts: ReportDraft[] = [];
  let context: TextLine[] = [];
  let pendingForms: Array<{ form: FormPart; grid: Grid }> = [];
  let pendingSummary: SummarySection | null = null;
  let current: ReportDraft | null = null;
  let titleSeen = false;
  const unheldHeads: Array<{ printed: string; page: number | undefined }> = [];
  // A form's head that no indicator table follows before the next form's title or the document's
  // end: on a scan, the table the read lost (its header garbled, its rows run together).
  const dropForms = () => {
    for (const { form, grid } of pendingForms) {
      const head = readByOcr(grid) ? unheldHead(form, grid) : null;
      if (head) unheldHeads.push(head);
    }
    pendingForms = [];
  };

  const onText = (block: Extract<Block, { kind: 'text' }>) => {
    context.push({ text: block.text, heading: block.heading, prov: block.prov });
    if (opensReport(block.text)) {
      titleSeen = true;
      dropForms();
    }
  };
  const onPart = (part: TablePart) => {
    if (part.indicators) {
      const continues =
        current !== null &&
        !titleSeen &&
        pendingForms.length === 0 &&
        !hasFormContent(part.form) &&
        part.form.title === null &&
        sameHeader(current.parts[0]!.indicators!.header, part.indicators.header) &&
        !restarts(current, part);
      if (continues) {
        current!.parts.push(part);
        current!.after.push(...context);
      } else {
        if (current) current.after.push(...context);
        const forms = [...pendingForms, { form: part.form, grid: part.grid }];
        current = {
          context,
          after: [],
          forms: forms.map((f) => f.form),
          budgetGrid: forms.find((f) => f.form.budget)?.grid ?? null,
          parts: [part],
          summary: pendingSummary,
          strays: [],
          unread: [],
        };
        drafts.push(current);
        pendingForms = [];
        pendingSummary = null;
      }
      context = [];
      titleSeen = false;
    } else if (part.summary) {
      if (current && !titleSeen && current.summary === null) current.summary = part.summary;
      else pendingSummary = part.summary;
    } else if (hasFormContent(part.form)) {
      pendingForms.push({ form: part.form, grid: part.grid });
    } else if (part.form.title !== null) {
      onText({ kind: 'text', text: part.form.title, heading: true, prov: part.grid.prov });
    } else if (current && pendingForms.length === 0 && (context.length === 0 || (!titleSeen && readByOcr(part.grid)))) {
      // On a scan, lines between the report's table and the piece that opens no report (a misread
      // margin, a line the page engine could not set aside) do not make the piece nobody's: its
      // rows are checked for text the read lost like any piece right after the table.
      const last = current.parts[current.parts.length - 1]!;
      if (part.grid === last.grid) current.strays.push({ grid: part.grid, from: last.indicators!.endRow, sameColumns: true });
      // A piece in other columns too: a continuation the stitching did not join (its frame's
      // outer line lost on a fax page) prints its rows in a table of its own, fewer columns wide.
      else current.strays.push({ grid: part.grid, from: 0, sameColumns: part.grid.width === last.grid.width });
    }
  };
  /** A one-column "table" (a boxed title, a figure caption) is text. */
  const onOneColumn = (table: Extract<Block, { kind: 'table' }>['table']) => {
    for (const row of table.rows) {
      for (const cell of row) if (cell.text.trim()) onText({ kind: 'text', text: cell.text.trim(), heading: false, prov: cell.prov });
    }
  };

  const headerRows: Array<{ printed: string; page: number | undefined }> = [];
  const unheadedRows: TextLine[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'text') onText(block);
    else if (block.table.rows.every((row) => row.length <= 1)) onOneColumn(block.table);
    else {
      const parts = analyseTable(block.table);
      headerRows.push(...headerRowsUnread(parts, block.table));
      unheadedRows.push(...rowsUnderNoHeader(parts));
      parts.forEach(onPart);
    }
  }
  if (current) (current as ReportDraft).after.push(...context);
  dropForms();
  // A report needs a value: blank templates and target frameworks print none (tables/rows.ts).
  const kept = drafts.filter((d) => d.parts.some((p) => isMeasured(p.indicators!)));
  // A header under which no row at all was read is a table the read lost: the nearest report says
  // so, or the document when it gives none. A blank form lost nothing: the document names it.
  const unheld: UnreadTable[] = [];
  const blank: UnreadTable[] = [];
  // A form read blank from a scan may be one whose values the read lost (faint, broken or thinned
  // print reads as nothing): a doubt the document says, never "nothing to extract".
  const blankScans: UnreadTable[] = [];
  // Rows with no value under a scanned header with a cell the vocabulary does not know (`值` for
  // 全年实际完成值): a target framework is declined on purpose, but this may be a form whose value
  // column's header the scan misread, and its values with it. Said, never dropped without a word.
  const unvalued: UnreadTable[] = [];
  const keptSet = new Set(kept);
  drafts.forEach((d, i) => {
    const misreadHeader = !readNothing(d) && !keptSet.has(d) && d.parts.some((p) => p.indicators!.header.unnamed.length > 0);
    if (!readNothing(d) && !misreadHeader) return;
    const near = nearest(drafts, i, keptSet);
    if (blankForm(d)) (readByOcr(d.parts[0]!.grid) ? blankScans : blank).push(unreadTable(d));
    else if (near) near.unread.push(unreadTable(d));
    else (misreadHeader ? unvalued : unheld).push(unreadTable(d));
  });
  for (const d of kept) {
    const lost = unalignedAfter(d);
    if (lost) d.unread.push(lost);
  }
  return { drafts: kept, unheld, blank, blankScans, unvalued, headerRows, unheadedRows, unheldHeads };
}

/** The kept draft nearest to the `i`th in the document, the one after it on a tie (a lost header's rows went there, if anywhere). */
function nearest(drafts: ReportDraft[], i: number, kept: Set<ReportDraft>): ReportDraft | undefined {
  for (let k = 1; k < drafts.length; k++) {
    const near = [drafts[i + k], drafts[i - k]].find((d) => d !== undefined && kept.has(d));
    if (near) return near;
  }
  return undefined;
}

/** A table whose first level-1 label is the current report's first one starts over. */
function restarts(current: ReportDraft, part: TablePart): boolean {
  const first = (p: TablePart) => p.indicators!.rows.find((r) => r.level1)?.level1?.text;
  const a = first(current.parts[0]!);
  const b = first(part);
  return a !== undefined && b !== undefined && compact(a) === compact(b);
}
