// What a document's `error` says when it gives no report, or gives fewer than it prints: one
// place for extraction (which writes it) and the evaluation (which asks whether it warns of a
// lost table).

/** A document's `error` when it gives no report and its parser said nothing more. */
export const NO_TABLE_FOUND = 'no performance-evaluation table found (no header with 三级指标/一级指标 and 指标值/分值/得分 columns): nothing to extract';

const onPage = (page: number | null | undefined) => (page != null ? ` on page ${page}` : '');

/**
 * An evaluation table's header no report holds (no row under it was read, and no report is left
 * to say so): the document does, for a page whose form was lost is not one without a form.
 */
export const unreadHeaderReason = (printed: string, page: number | null | undefined) =>
  `an evaluation table's header is printed${onPage(page)} (「${printed}」), but no row under it was read: its table is missing from the dataset, check this page against the document`;

/**
 * A scanned evaluation table whose rows hold no value the read could place, under a header with a
 * cell the vocabulary does not know: declined like a target framework, but its value column's
 * header may be what the scan misread.
 */
export const unvaluedScanReason = (printed: string, page: number | null | undefined) =>
  `an evaluation table's header is read from the scan${onPage(page)} (「${printed}」) with a column it could not name, and none of its rows holds a value: if that column is the table's results (a misread header word), the table is missing from the dataset, check this page against the document`;

/**
 * A scanned document that gives no report while its text prints indicator rows (a target beside
 * its actual) under no header that was read: the header is what the scan lost.
 */
export const unheadedScanRowsReason = (printed: string, page: number | null | undefined) =>
  `an evaluation table's rows are read from the scan${onPage(page)} (「${printed}」: a target beside its actual) but no header of one was read: if the scan lost the header (a seal or a stain over it, a table without rules), the table is missing from the dataset, check this page against the document`;

/**
 * A scanned form's head (its key rows, its budget block) that no evaluation table follows, in a
 * document that gives no report: the scan lost the table under it (its header garbled, its rules gone).
 */
export const unheldHeadReason = (printed: string, page: number | null | undefined) =>
  `an evaluation form's head is read from the scan${onPage(page)} (「${printed}」) but no evaluation table under it was read: if the scan lost the table's header or its rules, the table is missing from the dataset, check the pages after it against the document`;

/**
 * A scanned table's row that prints an evaluation table's header words but was not read as its
 * header: what sets the header's columns apart was lost (a column edge, a level word's numeral),
 * and the rows under it with it, or some of them.
 */
export const unreadScanHeaderReason = (printed: string, page: number | null | undefined) =>
  `an evaluation table's header words are read from the scan${onPage(page)} (「${printed}」) but not as a header (the scan lost what sets its columns apart): rows under it may be missing from the dataset, check this page against the document`;

const BLANK_FORM_OPENING = 'a blank evaluation form is printed';

/**
 * A header over rows that print their labels or placeholders and no value (a template, a form
 * not filled in): nothing was lost, there is nothing to read.
 */
export const blankFormReason = (printed: string, page: number | null | undefined) =>
  `${BLANK_FORM_OPENING}${onPage(page)} (「${printed}」): its rows print labels but no indicator, target, actual, weight or score, nothing to extract`;

/**
 * A form read from a scan whose rows print their labels and no value: a blank form, or one whose
 * values the scan lost (faint, broken or thinned print reads as nothing). The read cannot tell which,
 * so it is said as a doubt, not as the document's state (`blankFormReason` is for text, which reads
 * what is printed).
 */
export const blankScanFormReason = (printed: string, page: number | null | undefined) =>
  `an evaluation form is read from the scan${onPage(page)} (「${printed}」) with no indicator, target, actual, weight or score in any row: a blank form, or a scan whose values were not read (faint or broken print); if the document prints values, the table is missing from the dataset, check this page against the document`;

/** Whether a document's `error` (its reasons joined by `; `) says only that nothing was found or that its forms are blank: no table lost. */
export const saysNothingLost = (error: string) => error.split('; ').every((reason) => reason === NO_TABLE_FOUND || reason.startsWith(BLANK_FORM_OPENING));
