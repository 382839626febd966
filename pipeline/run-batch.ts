import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import PQueue from 'p-queue';
import { KNOWN_EXTENSIONS } from '../parsers/registry';
import { DocumentResultSchema, type DocumentResult } from '../schemas/dataset';
import { extractDocument, GENERATOR } from './extract';
import { createExtractPool, type ExtractPool } from './extract-pool';
import { writeAtomic, writeDataset } from './output/write-dataset';
import { countFindings, type FindingCounts } from './validate';

export interface BatchOptions {
  outDir: string;
  /** Documents read at once; defaults to 4. */
  concurrency?: number;
  /** Files above this size are refused with a clear error instead of exhausting memory. */
  maxBytes?: number;
  /** Reuse results saved by an earlier (possibly killed) run into the same folder. */
  resume?: boolean;
  /** Worker threads parsing documents (default: one per core); 0 parses in this thread. */
  workers?: number;
  onDocument?: (done: number, total: number, result: DocumentResult) => void;
}

export interface BatchSummary {
  documents: number;
  ok: number;
  noReport: number;
  failed: number;
  reused: number;
  reports: number;
  indicators: number;
  findings: number;
  /** The validator's own findings, by severity. */
  validation: FindingCounts;
}

const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/** Files named on the command line, and the documents inside named folders. */
export async function collectInputs(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (isDocumentName(entry.name)) out.push(path);
    }
  };
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) await walk(path);
    else out.push(path);
  }
  return out;
}

/** In a folder, documents are files of a known type (or with no extension), not READMEs. */
function isDocumentName(name: string): boolean {
  if (/^(readme|conventions|license)/i.test(name)) return false;
  const ext = extname(name).slice(1).toLowerCase();
  return ext === '' || KNOWN_EXTENSIONS.has(ext);
}

/**
 * Extracts every input, saving each document's result as soon as it is done, then writes the
 * dataset. A killed run started again with the same --out reuses what was saved.
 */
export async function runBatch(inputs: string[], options: BatchOptions): Promise<BatchSummary> {
  const cacheDir = join(options.outDir, '.jixiao', 'documents');
  await mkdir(cacheDir, { recursive: true });
  const results: DocumentResult[] = new Array(inputs.length);
  const summary: BatchSummary = { documents: inputs.length, ok: 0, noReport: 0, failed: 0, reused: 0, reports: 0, indicators: 0, findings: 0, validation: countFindings([]) };
  const queue = new PQueue({ concurrency: options.concurrency ?? 4 });
  const pool = options.workers === 0 ? null : createExtractPool(options.workers);
  let done = 0;
  try {
    await Promise.all(
      inputs.map((path, i) =>
        queue.add(async () => {
          const { result, reused } = await extractOne(path, cacheDir, options, pool);
          results[i] = result;
          if (reused) summary.reused++;
          done++;
          options.onDocument?.(done, inputs.length, result);
        }),
      ),
    );
  } finally {
    await pool?.close();
  }
  for (const r of results) {
    if (r.document.status === 'ok') summary.ok++;
    else if (r.document.status === 'no_report') summary.noReport++;
    else summary.failed++;
    summary.reports += r.reports.length;
    for (const rep of r.reports) {
      summary.indicators += rep.indicators.length;
      summary.findings += rep.findings.length;
    }
  }
  summary.validation = countFindings(results.flatMap((r) => r.reports));
  await writeDataset(options.outDir, results);
  return summary;
}

async function extractOne(path: string, cacheDir: string, options: BatchOptions, pool: ExtractPool | null): Promise<{ result: DocumentResult; reused: boolean }> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => err);
  if (info instanceof Error || !info.isFile()) {
    const reason = info instanceof Error && info.code === 'ENOENT' ? 'no such file: check the path' : 'not a regular file: name a file or a folder';
    return { result: unreadable(path, reason), reused: false };
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (info.size > maxBytes) {
    return { result: unreadable(path, `file is ${info.size} bytes, over the ${maxBytes}-byte limit: raise --max-bytes if it is genuine`), reused: false };
  }
  const bytes = await readFile(path);
  const key = createHash('sha256').update(GENERATOR).update('\0').update(path).update('\0').update(bytes).digest('hex');
  const cached = join(cacheDir, `${key}.json`);
  if (options.resume !== false) {
    const saved = await readFile(cached, 'utf8').catch(() => null);
    const parsed = saved === null ? null : DocumentResultSchema.safeParse(JSON.parse(saved));
    if (parsed?.success) return { result: parsed.data, reused: true };
  }
  const extractOptions = { name: basename(path) };
  const result = pool
    ? await pool.extract(bytes, path, extractOptions).catch((err: Error) => unreadable(path, `${err.message}: the file may be too large or hostile; try it alone with --workers 0`))
    : await extractDocument(bytes, path, extractOptions);
  await writeAtomic(cached, JSON.stringify(result));
  return { result, reused: false };
}

function unreadable(path: string, reason: string): DocumentResult {
  return {
    document: {
      doc_id: createHash('sha256').update(path).digest('hex').slice(0, 16),
      source: path,
      sha256: '',
      bytes: 0,
      format: null,
      pages: null,
      status: 'failed',
      error: reason,
      report_count: 0,
      ocr_pages: 0,
      fetched_at: null,
    },
    reports: [],
  };
}
