import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { GoldenDocumentSchema, type GoldenDocument } from '../../schemas/golden';
import { extractDocument } from '../extract';
import { compareDocument, type DocumentScore } from './compare';

export interface CorpusDocumentScore extends DocumentScore {
  path: string;
  format: string;
  golden: string;
}

export interface CorpusScore {
  documents: CorpusDocumentScore[];
  byFormat: Map<string, DocumentScore>;
  total: DocumentScore;
}

/** Every file under a folder, recursively, skipping dot-folders. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out.sort();
}

const empty = (): DocumentScore => ({
  reportsExpected: 0,
  reportsFound: 0,
  reportsExtra: 0,
  rowsExpected: 0,
  rowsExact: 0,
  rowsNumbersRight: 0,
  rowsExtra: 0,
  differences: [],
});

function add(into: DocumentScore, s: DocumentScore): void {
  into.reportsExpected += s.reportsExpected;
  into.reportsFound += s.reportsFound;
  into.reportsExtra += s.reportsExtra;
  into.rowsExpected += s.rowsExpected;
  into.rowsExact += s.rowsExact;
  into.rowsNumbersRight += s.rowsNumbersRight;
  into.rowsExtra += s.rowsExtra;
}

/**
 * Extracts every document of a corpus whose name starts with a golden file's id
 * (`golden/003.json` → `seeds/003_….txt`, `html/003-….html`) and compares it with that file.
 */
export async function evaluateCorpus(corpusDir: string, onDocument?: (s: CorpusDocumentScore) => void): Promise<CorpusScore> {
  const goldenDir = join(corpusDir, 'golden');
  const goldens = new Map<string, GoldenDocument>();
  for (const file of (await readdir(goldenDir)).filter((f) => f.endsWith('.json')).sort()) {
    goldens.set(basename(file, '.json'), GoldenDocumentSchema.parse(JSON.parse(await readFile(join(goldenDir, file), 'utf8'))));
  }
  const score: CorpusScore = { documents: [], byFormat: new Map(), total: empty() };
  for (const path of await listFiles(corpusDir)) {
    if (path.startsWith(goldenDir) || /README|\.json$|\/build\//.test(path)) continue;
    const id = [...goldens.keys()].find((k) => basename(path).startsWith(k));
    if (!id) continue;
    const result = await extractDocument(await readFile(path), relative(corpusDir, path), { path });
    const doc: CorpusDocumentScore = {
      ...compareDocument(goldens.get(id)!, result),
      path: relative(corpusDir, path),
      // Variants of a format (`…-unruled.pdf`) are counted apart: they measure another path.
      // Documents read by OCR (scans, table images) are scored as a format of their own too.
      format: result.reports.some((r) => r.report.extraction_method === 'pdf_ocr')
        ? 'ocr'
        : `${result.document.format ?? 'unknown'}${/-unruled\./.test(path) ? ' without rules' : ''}`,
      golden: id,
    };
    if (result.document.status === 'failed') doc.differences.unshift(`failed: ${result.document.error}`);
    score.documents.push(doc);
    if (!score.byFormat.has(doc.format)) score.byFormat.set(doc.format, empty());
    add(score.byFormat.get(doc.format)!, doc);
    add(score.total, doc);
    onDocument?.(doc);
  }
  return score;
}
