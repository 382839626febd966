import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractDocument } from '../pipeline/extract';
import type { DocumentResult } from '../schemas/dataset';
import { GoldenDocumentSchema, type GoldenDocument } from '../schemas/golden';

export const ROOT = join(import.meta.dirname, '..');
export const CORPUS = join(ROOT, 'corpus');

export function golden(id: string): GoldenDocument {
  return GoldenDocumentSchema.parse(JSON.parse(readFileSync(join(CORPUS, 'golden', `${id}.json`), 'utf8')));
}

/** The corpus file of a golden id in a format folder (`seeds`, `html`, `docx`). */
export function corpusFile(folder: string, id: string): string {
  // The shortest name: `002-….pdf` rather than its `002-…-unruled.pdf` variant.
  const name = readdirSync(join(CORPUS, folder))
    .filter((f) => f.startsWith(id))
    .sort((a, b) => a.length - b.length)[0];
  if (!name) throw new Error(`no ${folder} file for ${id}`);
  return join(CORPUS, folder, name);
}

const cache = new Map<string, Promise<DocumentResult>>();
/** Extracts a file once per test run (several tests look at the same document). */
export function extractFile(path: string): Promise<DocumentResult> {
  if (!cache.has(path)) cache.set(path, extractDocument(readFileSync(path), path));
  return cache.get(path)!;
}

export function rowsByLevel3(result: DocumentResult, reportIndex: number) {
  const report = result.reports[reportIndex]!;
  return new Map(report.indicators.map((i) => [i.level3, i]));
}

/** Reads RFC 4180 CSV back (quoted fields, doubled quotes, CRLF), as a spreadsheet would. */
export function readCsv(text: string): { header: string[]; rows: Array<Record<string, string>> } {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  const [header, ...rows] = records;
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? '']))) };
}

/**
 * A copy of a document's text with edits made, each `[from, to]`: a string `from` must occur
 * exactly once (an edit that misses would leave a test reading the unedited file), a global RegExp
 * at least once. Fixtures that differ from a committed file by a few cells are made so, the
 * differences written out where they are used.
 */
export function edited(text: string, edits: ReadonlyArray<readonly [string | RegExp, string]>): string {
  return edits.reduce((t, [from, to]) => {
    const count = typeof from === 'string' ? t.split(from).length - 1 : (t.match(from) ?? []).length;
    if (typeof from === 'string' ? count !== 1 : count === 0) throw new Error(`edit ${String(from)} matches ${count} times`);
    return typeof from === 'string' ? t.replace(from, () => to) : t.replace(from, to);
  }, text);
}

/** Extracts a document's text (an edited copy) as a file of that name would be. */
export const extractText = (text: string, name: string): Promise<DocumentResult> => extractDocument(Buffer.from(text), name);
