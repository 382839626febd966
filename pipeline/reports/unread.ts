import type { Evidence } from '../../schemas/dataset';
import { REPORT_TITLE } from '../vocabulary/lexicon';
import { rowCells } from '../tables/grid';
import { compact, foldWidth } from '../text';
import type { ReportDraft } from './assemble';
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
