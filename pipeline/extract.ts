import { createHash } from 'node:crypto';
import { unifyDocument } from '../parsers/ideographs';
import { chooseParser } from '../parsers/registry';
import { DocumentError, type ParseContext } from '../parsers/parser';
import { DocumentResultSchema, relabelReport, type DocumentResult } from '../schemas/dataset';
import type { ParsedDocument } from '../schemas/document';
import { assembleReports } from './reports/assemble';
import { buildReport } from './reports/build';
import { headersReadAsText, rowsReadAsText } from './reports/unread';
import { readMetadata, unreadHeadNotes, unreadKeyLineNotes, type CrawlContext } from './reports/metadata';
import { summaryReports } from './reports/summary';
import { validateReport } from './validate';
import { blankFormReason, blankScanFormReason, NO_TABLE_FOUND, unheadedScanRowsReason, unheldHeadReason, unreadHeaderReason, unreadScanHeaderReason, unvaluedScanReason } from './vocabulary/reasons';

/** Names the code that made a result; saved results of another version are not reused. */
export const GENERATOR = 'jixiao 0.22.0';

export interface ExtractOptions extends Partial<ParseContext> {
  fetchedAt?: string;
  /** The article title and link text beside the document in the crawl store's manifest. */
  crawl?: CrawlContext;
}

/**
 * One document, bytes to records. Never throws for bad input: a document that cannot be read
 * comes back with status `failed` and a reason that says what to do.
 */
export async function extractDocument(bytes: Uint8Array, source: string, options: ExtractOptions = {}): Promise<DocumentResult> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const docId = sha256.slice(0, 16);
  const base = {
    doc_id: docId,
    source,
    sha256,
    bytes: bytes.length,
    ocr_pages: 0,
    fetched_at: options.fetchedAt ?? null,
  };
  const parser = chooseParser(options.name ?? source, bytes);
  if (!parser) {
    return failed(base, null, `unsupported file type (${source}): jixiao reads .pdf, .html, .docx, .doc/.wps, .xlsx/.xls/.et, .png, .jpg, .txt and .md; convert the file to one of these`);
  }
  let parsed: ParsedDocument;
  try {
    if (bytes.length === 0) throw new DocumentError('the file is empty (0 bytes): check that the download completed');
    // A local file's path lets a page's images be found beside it; a URL is never a path.
    const path = options.path ?? (/^[a-z][a-z0-9+.-]*:\/\//i.test(source) ? undefined : source);
    parsed = unifyDocument(await parser.parse(bytes, { name: options.name ?? source, contentType: options.contentType, path, ocr: options.ocr }));
  } catch (err) {
    const reason = err instanceof DocumentError ? err.message : `unexpected ${err instanceof Error ? err.name : 'error'} while parsing: ${String(err instanceof Error ? err.message : err)}; please report it with the file`;
    return failed(base, parser.format, reason);
  }
  const { reports, unheld, blank, blankScans, asText, unvalued, rowsAsText, headerRows, unheldHeads } = documentReports(parsed, { docId, source }, options.crawl);
  // A lost table another reason names; rows read as text are said only where nothing else is, in a scan that gave no report,
  // and a form's head with no table under it where not even rows are.
  const said = unheld.length + blank.length + blankScans.length + asText.length + unvalued.length + headerRows.length > 0;
  const unheaded = reports.length === 0 && !said && (parsed.ocrPages ?? 0) > 0 ? rowsAsText : null;
  const headOnly = reports.length === 0 && !said && !unheaded ? (unheldHeads[0] ?? null) : null;
  const seen = new Set<string>();
  // Parsed through the schema: every record that leaves here is valid and in column order.
  return DocumentResultSchema.parse({
    document: {
      ...base,
      ocr_pages: parsed.ocrPages ?? 0,
      format: parser.format,
      pages: parsed.pages ?? null,
      status: reports.length > 0 ? 'ok' : 'no_report',
      // The parser's warnings travel with the document, whether or not it gave reports.
      error:
        [
          ...(reports.length > 0 || said || unheaded || headOnly ? [] : [NO_TABLE_FOUND]),
          ...(unheaded ? [unheadedScanRowsReason(unheaded.printed, unheaded.page)] : []),
          ...(headOnly ? [unheldHeadReason(headOnly.printed, headOnly.page)] : []),
          ...headerRows.map((u) => unreadScanHeaderReason(u.printed, u.page)),
          ...unheld.map((u) => unreadHeaderReason(u.printed, u.at?.page)),
          ...asText.map((u) => unreadHeaderReason(u.printed, u.page)),
          ...unvalued.map((u) => unvaluedScanReason(u.printed, u.at?.page)),
          ...blank.map((u) => blankFormReason(u.printed, u.at?.page)),
          ...blankScans.map((u) => blankScanFormReason(u.printed, u.at?.page)),
          ...(parsed.warnings ?? []),
        ].join('; ') || null,
      report_count: reports.length,
    },
    reports: reports.map((r) => {
      let id = r.report.report_id;
      for (let n = 2; seen.has(id); n++) id = `${r.report.report_id}-${n}`;
      seen.add(id);
      return id === r.report.report_id ? r : relabelReport(r, id);
    }),
  });
}

function documentReports(parsed: ParsedDocument, ids: { docId: string; source: string }, crawl: CrawlContext = {}) {
  const documentLines = parsed.blocks.flatMap((b) => (b.kind === 'text' ? [{ text: b.text, heading: b.heading, prov: b.prov }] : []));
  if (parsed.title) documentLines.unshift({ text: parsed.title, heading: true, prov: {} });
  const { drafts, unheld, blank, blankScans, unvalued, headerRows, unheadedRows, unheldHeads } = assembleReports(parsed);
  const metas = drafts.map((draft) => readMetadata(draft, documentLines, crawl));
  unreadKeyLineNotes(metas);
  unreadHeadNotes(metas, drafts);
  const forms = drafts.map((draft, i) => {
    const reportId = `${ids.docId}-t${draft.parts[0]!.grid.tableIndex}`;
    return validateReport(buildReport({ ...ids, format: parsed.format }, draft, metas[i]!, reportId));
  });
  return {
    reports: [...forms, ...summaryReports({ ...ids, format: parsed.format }, parsed, crawl).map((r) => validateReport(r))],
    unheld,
    blank,
    blankScans,
    unvalued,
    headerRows,
    unheldHeads,
    asText: headersReadAsText(documentLines),
    // Indicator rows the scan kept in a table's cells under no header read count as the text's lines do.
    rowsAsText: rowsReadAsText([...documentLines, ...unheadedRows]),
  };
}

function failed(base: Omit<DocumentResult['document'], 'format' | 'pages' | 'status' | 'error' | 'report_count'>, format: string | null, error: string): DocumentResult {
  return DocumentResultSchema.parse({ document: { ...base, format, pages: null, status: 'failed', error, report_count: 0 }, reports: [] });
}
