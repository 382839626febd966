import type { Place } from '../../schemas/dataset';

/**
 * `page 1, table 0, row 4, column 2`: where something is printed, as far as its place is known
 * (a prose statement has a page and a line, a cell a table, row and column); '' when nothing is.
 * The one way the validator's messages say where, so a reader learns one form.
 */
export const showPlace = (at: Place | null): string =>
  at
    ? [at.page !== null ? `page ${at.page}` : null, at.line !== null ? `line ${at.line}` : null, at.table_index !== null ? `table ${at.table_index}` : null, at.row !== null ? `row ${at.row}` : null, at.column !== null ? `column ${at.column}` : null]
        .filter((p) => p !== null)
        .join(', ')
    : '';
