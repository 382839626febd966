import { z } from 'zod';

/**
 * The input formats jixiao reads, by what the file is (its bytes), not by its name; `extraction_method`
 * in the dataset is derived from these. `xlsx` is every spreadsheet (.xlsx, and BIFF8 .xls / WPS .et);
 * `doc` is the Word 97 binary format (.doc, and WPS Writer .wps); `ofd` is GB/T 33190.
 */
export const FormatSchema = z.enum(['html', 'docx', 'doc', 'xlsx', 'ofd', 'text', 'pdf', 'image']);
export type Format = z.infer<typeof FormatSchema>;

/**
 * Where a piece of text was printed. `line` is 1-based in a text source (or HTML markup); `page`
 * is 1-based; `bbox` is [x0, y0, x1, y1] in PDF points, origin at the top-left of the page as
 * displayed (rotation applied), y growing downwards.
 */
export const ProvenanceSchema = z.object({
  page: z.number().int().positive().optional(),
  line: z.number().int().positive().optional(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  /**
   * Read by OCR: the lowest confidence (0–100) of the words read here. Kept on the provenance
   * because every later stage carries a cell's provenance along with its text.
   */
  confidence: z.number().min(0).max(100).optional(),
  /** Read by OCR: what the number post-correction changed here, each `read → kept`. */
  corrections: z.array(z.string()).optional(),
  /**
   * Read by OCR: marks whose printed width (`,` or `，`) the ink left undecided, kept as the reader
   * gave them, each `「mark」 in 「line」`.
   */
  markWidthsUnsure: z.array(z.string()).optional(),
  /** Read by OCR: the table's rules were lost and its rows cut at the text's gaps, a guess of structure. */
  rowsInferred: z.boolean().optional(),
  /**
   * An empty cell at the foot of a page, no rule under it, over a cell at the top of the next page
   * that prints a label and that stitching did not join to it: the rules do not say whether its
   * block goes on there, and its label may be that one.
   */
  cutBeforeLabel: z.boolean().optional(),
  /**
   * A cell of a table drawn on past the paper's edge (a row taller than the page, which a
   * spreadsheet printer does not split) that no next page continues: what it held beyond the
   * edge, its text or a label centred in it, is not in the document.
   */
  pastPageEdge: z.boolean().optional(),
  /**
   * A text line of a page whose table-like text could not be put into columns and was read as
   * text: rows of a table may be among its lines, in no record.
   */
  unaligned: z.boolean().optional(),
  /**
   * Read from a table printed without rules, its columns and rows guessed from where the text
   * stands: '' when every structural check of that guess held, else what could not be decided.
   */
  unruled: z.string().optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

/** A cell as printed: spans are the merged-cell extents the source declares. */
export const CellSchema = z.object({
  text: z.string(),
  rowSpan: z.number().int().positive(),
  colSpan: z.number().int().positive(),
  prov: ProvenanceSchema,
});
export type Cell = z.infer<typeof CellSchema>;

export const TableSchema = z.object({
  /** Position of the table among the document's tables, from 0. */
  index: z.number().int().nonnegative(),
  rows: z.array(z.array(CellSchema)),
  prov: ProvenanceSchema,
});
export type Table = z.infer<typeof TableSchema>;

export const BlockSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('text'),
    text: z.string(),
    /** A heading or a title-like line (markdown `#`, `<h1>`, Word heading style). */
    heading: z.boolean(),
    prov: ProvenanceSchema,
  }),
  z.object({ kind: z.literal('table'), table: TableSchema }),
]);
export type Block = z.infer<typeof BlockSchema>;

/** What every parser returns: the document's text and tables in reading order. */
export const ParsedDocumentSchema = z.object({
  format: FormatSchema,
  title: z.string().optional(),
  pages: z.number().int().nonnegative().optional(),
  blocks: z.array(BlockSchema),
  /** Pages (or images) whose text was read by OCR. */
  ocrPages: z.number().int().nonnegative().optional(),
  /** What the parser could not read reliably: reported with the document, never dropped. */
  warnings: z.array(z.string()).optional(),
});
export type ParsedDocument = z.infer<typeof ParsedDocumentSchema>;
