import { relabelReport, type DocumentResult } from '../../schemas/dataset';

/**
 * Files holding the same bytes (a copy, or a symlink to a file inside the folder) get the same
 * doc_id, the sha256 prefix, and so the same report ids. Every file keeps its row in
 * documents.csv; the first in input order (a file before a symlink to it) keeps the id, each
 * later one gets an id of its own (`<doc_id>-2`, `-3`, …). A report is listed once: a later file read the same way lists none
 * (summing report_count gives the rows of reports.csv, and a total over reports counts each
 * report once), its row naming the file that lists them. A later file read differently (an HTML
 * page whose pictures beside it differ) keeps its reports under its own id.
 */
export function listContentOnce(results: DocumentResult[], linked: boolean[] = []): DocumentResult[] {
  const firsts = new Map<string, { first: DocumentResult; files: number }>();
  // Files before symlinks to them: the file itself is the first, whatever the names' order.
  const order = results.map((_, i) => i).sort((a, b) => Number(linked[a] === true) - Number(linked[b] === true) || a - b);
  const listed: DocumentResult[] = new Array(results.length);
  for (const i of order) listed[i] = listOnce(results[i]!, firsts);
  return listed;
}

function listOnce(result: DocumentResult, firsts: Map<string, { first: DocumentResult; files: number }>): DocumentResult {
  const id = result.document.doc_id;
  const seen = firsts.get(id);
  if (!seen) {
    firsts.set(id, { first: result, files: 1 });
    return result;
  }
  seen.files++;
  const docId = `${id}-${seen.files}`;
  const { first } = seen;
  const same = `the same bytes as ${first.document.source} (doc_id ${id})`;
  if (readAlike(result, first)) {
    const listed = first.reports.length > 0 ? `: its ${first.reports.length} report(s) are listed once, under that document` : '';
    return { document: { ...result.document, doc_id: docId, report_count: 0, error: joinNotes(same + listed, result.document.error) }, reports: [] };
  }
  const relabelled = (reportId: string) => (reportId.startsWith(id) ? docId + reportId.slice(id.length) : `${docId}-${reportId}`);
  return {
    document: { ...result.document, doc_id: docId, error: joinNotes(`${same}, read differently here (what it refers to beside it differs): listed under its own id`, result.document.error) },
    reports: result.reports.map((r) => relabelReport(r, relabelled(r.report.report_id), docId)),
  };
}

/** Same reports whatever the file was called. */
function readAlike(a: DocumentResult, b: DocumentResult): boolean {
  const unnamed = (d: DocumentResult) => JSON.stringify(d.reports.map((r) => ({ ...r, report: { ...r.report, source: '' } })));
  return a.document.status === b.document.status && unnamed(a) === unnamed(b);
}

const joinNotes = (note: string, error: string | null) => (error ? `${note}; ${error}` : note);
