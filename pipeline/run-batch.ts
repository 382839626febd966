import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import PQueue from 'p-queue';
import { configureLimits } from '../parsers/limits';
import { chooseParser } from '../parsers/registry';
import { DocumentResultSchema, type DocumentResult } from '../schemas/dataset';
import { DocumentLimitsSchema, type DocumentLimits } from '../schemas/limits';
import { extractDocument, GENERATOR } from './extract';
import { createExtractPool, type ExtractPool } from './extract-pool';
import { listContentOnce } from './output/same-content';
import { writeAtomic, writeDataset } from './output/write-dataset';
import { countFindings, type FindingCounts } from './validate';

export interface BatchOptions {
  outDir: string;
  /** Documents read at once; defaults to 4. */
  concurrency?: number;
  /** Files above this size are refused with a clear error instead of exhausting memory. */
  maxBytes?: number;
  /** What one document may use (time, heap, pages, pixels, inflated bytes); defaults in schemas/limits.ts. */
  limits?: Partial<DocumentLimits>;
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

/**
 * One thing to read: `path` is what the file system is given (bytes, so names that are not
 * UTF-8 still open), `source` how it is shown; `problem` is set when it is not to be read.
 */
export interface BatchInput {
  source: string;
  path: string | Buffer;
  problem?: string;
  /** A symlink (to a file inside the folder): the file itself, when also read, lists the reports. */
  linked?: boolean;
}

const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

/** A file name's bytes as text: bytes that are not UTF-8 are shown as \xNN, never as U+FFFD. */
function showName(name: Buffer): string {
  const text = name.toString('utf8');
  if (!text.includes('\ufffd') || Buffer.from(text).equals(name)) return text;
  let out = '';
  for (let at = 0; at < name.length; ) {
    const len = utf8Length(name, at);
    out += len > 0 ? name.subarray(at, at + len).toString('utf8') : `\\x${name[at]!.toString(16).padStart(2, '0')}`;
    at += Math.max(len, 1);
  }
  return out;
}

/** Length of the valid UTF-8 character at `at`, or 0. */
function utf8Length(b: Buffer, at: number): number {
  const c = b[at]!;
  const len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3 : c >= 0xf0 && c < 0xf5 ? 4 : 0;
  if (len === 0 || at + len > b.length) return 0;
  for (let i = 1; i < len; i++) if ((b[at + i]! & 0xc0) !== 0x80) return 0;
  return Buffer.from(b.subarray(at, at + len).toString('utf8')).equals(b.subarray(at, at + len)) ? len : 0;
}

/** Names of a folder that are about it rather than in it, and hidden entries, are passed over. */
const isSkipped = (name: string) => name.startsWith('.') || name === 'node_modules' || /^(readme|conventions|license)\b/i.test(name);

/**
 * Files named on the command line, and every file inside named folders: a file of an unknown
 * type gets its row (failed, with the reason) rather than being dropped. Walked without
 * recursion (depth comes from the input); a symlink is followed only when its real path stays
 * inside the folder given; a folder that cannot be listed gets a row.
 */
export async function collectInputs(paths: string[]): Promise<BatchInput[]> {
  const out: BatchInput[] = [];
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (!info?.isDirectory()) {
      out.push({ source: given, path: given });
      continue;
    }
    const root = await realpath(given);
    const inside = (real: string) => real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
    const walked = new Set<string>([root]);
    // One frame per open folder: its entries in order and how far they are read.
    const stack: Array<{ entries: Array<{ path: Buffer; source: string }>; next: number }> = [];
    const enter = async (path: Buffer, source: string) => {
      const names = await readdir(path, { encoding: 'buffer' }).catch((err: NodeJS.ErrnoException) => err);
      if (names instanceof Error) {
        out.push({ source, path, problem: cannotOpen(names, 'list the folder') });
        return;
      }
      const entries = names
        .map((name) => ({ name, text: showName(name) }))
        .filter((e) => !isSkipped(e.text))
        .sort((a, b) => a.text.localeCompare(b.text))
        .map((e) => ({ path: Buffer.concat([path, Buffer.from(sep), e.name]), source: `${source}${sep}${e.text}` }));
      stack.push({ entries, next: 0 });
    };
    await enter(Buffer.from(given.replace(/[\\/]+$/, '') || sep), given.replace(/[\\/]+$/, '') || sep);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const entry = frame.entries[frame.next++];
      if (!entry) {
        stack.pop();
        continue;
      }
      const link = await lstat(entry.path).catch((err: NodeJS.ErrnoException) => err);
      if (link instanceof Error) {
        out.push({ ...entry, problem: cannotOpen(link, 'read the file') });
        continue;
      }
      let real = entry.path.toString('latin1');
      if (link.isSymbolicLink()) {
        const target = await realpath(entry.path, { encoding: 'buffer' }).catch(() => null);
        if (!target) {
          out.push({ ...entry, problem: 'a symlink whose target does not exist: fix or remove the link' });
          continue;
        }
        if (!inside(target.toString())) {
          out.push({ ...entry, problem: `a symlink leading outside ${given} (to ${showName(target)}): not followed; copy the file into the folder if it belongs to the batch` });
          continue;
        }
        real = target.toString('latin1');
      }
      const info = link.isSymbolicLink() ? await stat(entry.path).catch(() => null) : link;
      if (info?.isDirectory()) {
        const key = link.isSymbolicLink() ? real : (await realpath(entry.path, { encoding: 'buffer' }).catch(() => entry.path)).toString('latin1');
        if (walked.has(key)) continue;
        walked.add(key);
        await enter(entry.path, entry.source);
      } else out.push(info?.isFile() || !info ? { ...entry, ...(link.isSymbolicLink() ? { linked: true } : {}) } : { ...entry, problem: notRegular(info) });
    }
  }
  return out;
}

function cannotOpen(err: NodeJS.ErrnoException, what: string): string {
  if (err.code === 'EACCES' || err.code === 'EPERM') {
    return `permission denied: cannot ${what}; give this user read permission (chmod a+r, and a+x on folders) or run as a user who may read it`;
  }
  if (err.code === 'ENOENT') return 'no such file: check the path (it may have been removed while the batch ran)';
  if (err.code === 'ELOOP') return 'a symlink loop: fix or remove the link';
  return `cannot ${what} (${err.code ?? err.message}): check the file`;
}

function notRegular(info: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  const kind = info.isFIFO() ? 'a named pipe' : info.isSocket() ? 'a socket' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'not a regular file';
  return `${kind}, not a document: name a file or a folder`;
}

/**
 * Extracts every input, saving each document's result as soon as it is done, then writes the
 * dataset. A killed run started again with the same --out reuses what was saved.
 */
export async function runBatch(given: Array<BatchInput | string>, options: BatchOptions): Promise<BatchSummary> {
  const inputs = given.map((i) => (typeof i === 'string' ? { source: i, path: i } : i));
  const limits = DocumentLimitsSchema.parse(options.limits ?? {});
  const cacheDir = `${options.outDir}${sep}.jixiao${sep}documents`;
  await mkdir(cacheDir, { recursive: true });
  const read: DocumentResult[] = new Array(inputs.length);
  const summary: BatchSummary = { documents: inputs.length, ok: 0, noReport: 0, failed: 0, reused: 0, reports: 0, indicators: 0, findings: 0, validation: countFindings([]) };
  const queue = new PQueue({ concurrency: options.concurrency ?? 4 });
  // Without workers the parsers of this thread apply the limits they can (not heap, and time
  // only while the parser awaits: see extractInThread).
  if (options.workers === 0) configureLimits(limits);
  const pool = options.workers === 0 ? null : createExtractPool(limits, options.workers);
  let done = 0;
  try {
    await Promise.all(
      (await largestFirst(inputs)).map((i) =>
        queue.add(async () => {
          const { result, reused } = await extractOne(inputs[i]!, cacheDir, options, limits, pool);
          read[i] = result;
          if (reused) summary.reused++;
          done++;
          options.onDocument?.(done, inputs.length, result);
        }),
      ),
    );
  } finally {
    await pool?.close();
  }
  const results = listContentOnce(read, inputs.map((i) => i.linked === true));
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

/**
 * The inputs' positions, largest file first (ties in the given order): a large file started last
 * keeps one worker busy after the others have run dry. Results keep the inputs' order.
 */
async function largestFirst(inputs: BatchInput[]): Promise<number[]> {
  const sizes = await Promise.all(inputs.map((input) => (input.problem ? 0 : stat(input.path).then((info) => info.size, () => 0))));
  return inputs.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
}

async function extractOne(input: BatchInput, cacheDir: string, options: BatchOptions, limits: DocumentLimits, pool: ExtractPool | null): Promise<{ result: DocumentResult; reused: boolean }> {
  if (input.problem) return { result: failedResult(input.source, input.problem), reused: false };
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const read = await readInput(input.path, maxBytes);
  if (typeof read === 'string') return { result: failedResult(input.source, read), reused: false };
  const bytes = read;
  const key = createHash('sha256').update(GENERATOR).update('\0').update(JSON.stringify(limits)).update('\0').update(input.source).update('\0').update(bytes).digest('hex');
  const cached = `${cacheDir}${sep}${key}.json`;
  if (options.resume !== false) {
    const saved = await readFile(cached, 'utf8').catch(() => null);
    const parsed = saved === null ? null : DocumentResultSchema.safeParse(JSON.parse(saved));
    if (parsed?.success) return { result: parsed.data, reused: true };
  }
  const name = input.source.split(/[\\/]/).pop() ?? input.source;
  const extractOptions = { name, path: typeof input.path === 'string' ? input.path : undefined };
  const result = pool
    ? await pool.extract(bytes, input.source, extractOptions).catch((err: Error) => failedResult(input.source, err.message, bytes, name))
    : await extractInThread(bytes, input.source, extractOptions, limits).catch((err: Error) => failedResult(input.source, err.message, bytes, name));
  await writeAtomic(cached, JSON.stringify(result));
  return { result, reused: false };
}

/**
 * With --workers 0 the wall-time limit is a race: the document fails on time, but a parser
 * stuck in a loop that never yields cannot be stopped in this thread (use workers for that).
 */
function extractInThread(bytes: Uint8Array, source: string, options: { name: string; path?: string }, limits: DocumentLimits): Promise<DocumentResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`reading it took longer than ${limits.timeoutSeconds} s, the time a document may take: raise --doc-timeout if it is genuine`)),
      limits.timeoutSeconds * 1000,
    );
  });
  return Promise.race([extractDocument(bytes, source, options), late]).finally(() => clearTimeout(timer));
}

/** The file's bytes, or why they cannot be had. Opened once: the checks and the read see the same file. */
async function readInput(path: string | Buffer, maxBytes: number): Promise<Uint8Array | string> {
  // O_NONBLOCK: opening a named pipe must not wait for a writer.
  const file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((err: NodeJS.ErrnoException) => err);
  if (file instanceof Error) return cannotOpen(file, 'read the file');
  try {
    const info = await file.stat();
    if (!info.isFile()) return info.isDirectory() ? 'a folder where a file was expected: name a file or a folder' : notRegular(info);
    if (info.size > maxBytes) return `file is ${info.size} bytes, over the ${maxBytes}-byte limit: raise --max-bytes if it is genuine`;
    return await file.readFile();
  } catch (err) {
    return cannotOpen(err as NodeJS.ErrnoException, 'read the file');
  } finally {
    await file.close();
  }
}

/** A document that could not be read, with the reason; its hash and type when its bytes were had. */
export function failedResult(source: string, reason: string, bytes?: Uint8Array, name?: string): DocumentResult {
  const sha256 = bytes ? createHash('sha256').update(bytes).digest('hex') : '';
  return DocumentResultSchema.parse({
    document: {
      doc_id: (sha256 || createHash('sha256').update(source).digest('hex')).slice(0, 16),
      source,
      sha256,
      bytes: bytes?.length ?? 0,
      format: bytes ? (chooseParser(name ?? source, bytes)?.format ?? null) : null,
      pages: null,
      status: 'failed',
      error: reason,
      report_count: 0,
      ocr_pages: 0,
      fetched_at: null,
    },
    reports: [],
  });
}
