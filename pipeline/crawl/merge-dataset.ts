import { mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DatasetSchema, DocumentResultSchema, type Dataset, type DocumentResult } from '../../schemas/dataset';
import PQueue from 'p-queue';
import { extractDocument, GENERATOR } from '../extract';
import type { ExtractPool } from '../extract-pool';
import { failedResult } from '../run-batch';
import { writeAtomic, writeDataset } from '../output/write-dataset';
import { nameDocument } from './content-type';
import type { ManifestRecord } from '../../schemas/manifest';

const CachedResultSchema = z.object({ generator: z.string(), result: DocumentResultSchema });

/** A document's records, and whether this run parsed it (rather than finding it saved). */
export interface DocumentOutcome {
  record: ManifestRecord;
  result: DocumentResult;
  parsed: boolean;
}

/**
 * The extracted results of crawled documents, one per content (sha256): saved under
 * `<out>/.jixiao/crawl/` as soon as a document is parsed, and taken from the existing
 * dataset.json too, so a document is parsed once per content and per jixiao version.
 */
export class CrawlResults {
  private readonly bySha = new Map<string, DocumentResult>();
  private readonly cacheDir: string;

  private constructor(
    private readonly outDir: string,
    /** The dataset already in the folder: crawled documents and any from `jixiao extract`. */
    readonly existing: Dataset | null,
    private readonly readBytes: (record: ManifestRecord) => Promise<Buffer | null>,
    /** Worker processes documents are parsed in (isolated, under the limits of `extract`); none: in this thread. */
    private readonly pool: ExtractPool | null,
  ) {
    this.cacheDir = join(outDir, '.jixiao', 'crawl');
  }

  static async open(outDir: string, readBytes: (record: ManifestRecord) => Promise<Buffer | null>, pool: ExtractPool | null = null): Promise<CrawlResults> {
    const existing = await readExistingDataset(outDir);
    const results = new CrawlResults(outDir, existing, readBytes, pool);
    await mkdir(results.cacheDir, { recursive: true });
    // Results of an older jixiao are not reused: the newer one may read the document better.
    if (existing?.generator === GENERATOR) for (const d of existing.documents) if (d.document.sha256) results.bySha.set(d.document.sha256, d);
    return results;
  }

  /** The document's result, parsing it only when no saved result exists for its content. */
  async resultFor(record: ManifestRecord): Promise<{ result: DocumentResult; parsed: boolean } | null> {
    const sha = record.sha256;
    if (!sha) return null;
    const known = this.bySha.get(sha) ?? (await this.readCached(sha));
    if (known) {
      this.bySha.set(sha, known);
      return { result: known, parsed: false };
    }
    const bytes = await this.readBytes(record);
    if (!bytes) return null;
    const ext = /\.([a-z0-9]+)$/.exec(record.object ?? '')?.[1] ?? 'bin';
    const mime = record.content_type ?? 'application/octet-stream';
    const options = {
      name: nameDocument(record.final_url ?? record.url, record.link_text, { mime, ext, charset: record.charset }),
      // The charset the crawler settled on (header, <meta> and bytes weighed), not the raw header.
      contentType: record.charset ? `${mime}; charset=${record.charset}` : mime,
      fetchedAt: record.fetched_at ?? undefined,
    };
    const result = this.pool
      ? await this.pool.extract(bytes, record.url, options).catch((err: Error) => failedResult(record.url, err.message, bytes, options.name))
      : await extractDocument(bytes, record.url, options);
    await writeAtomic(join(this.cacheDir, `${sha}.json`), JSON.stringify({ generator: GENERATOR, result }));
    this.bySha.set(sha, result);
    return { result, parsed: true };
  }

  /**
   * The dataset: the earlier documents that did not come from the crawl, then one document per
   * content among the crawled URLs' latest versions (a changed document replaces its old
   * version; the same file at two URLs appears once, under one primary URL that does not change
   * from run to run: the one the dataset listed it under, else the first in sort order, never
   * merely the first a crawl happened to see).
   */
  async write(records: ManifestRecord[], onDocument?: (outcome: DocumentOutcome) => void): Promise<Dataset> {
    const crawledUrls = new Set(records.map((r) => r.url));
    const listedUnder = new Map((this.existing?.documents ?? []).map((d) => [d.document.sha256, d.document.source]));
    const primary = new Map<string, string>();
    for (const r of records) {
      if (r.kind === 'list' || !r.sha256) continue;
      const current = primary.get(r.sha256);
      if (current !== undefined && current === listedUnder.get(r.sha256)) continue;
      if (current === undefined || r.url === listedUnder.get(r.sha256) || r.url < current) primary.set(r.sha256, r.url);
    }
    const crawled: DocumentResult[] = [];
    const shas = new Set<string>();
    let parsed = 0;
    // Each content parsed once, several at a time (the pool's workers), a few bytes held ahead.
    const queue = new PQueue({ concurrency: this.pool ? 4 : 1 });
    const outcomes = new Map<string, Promise<Awaited<ReturnType<CrawlResults['resultFor']>>>>();
    for (const record of records) {
      const sha = record.sha256;
      if (record.kind !== 'list' && sha && !outcomes.has(sha)) {
        const outcome = queue.add(() => this.resultFor(record), { throwOnTimeout: true });
        outcome.catch(() => undefined);
        outcomes.set(sha, outcome);
      }
    }
    for (const record of records) {
      if (record.kind === 'list' || !record.sha256 || shas.has(record.sha256)) continue;
      const outcome = await outcomes.get(record.sha256)!;
      if (!outcome) continue;
      shas.add(record.sha256);
      if (outcome.parsed) parsed++;
      onDocument?.({ record, ...outcome });
      crawled.push(relabelSource(outcome.result, primary.get(record.sha256) ?? record.url));
    }
    const kept = (this.existing?.documents ?? []).filter((d) => !crawledUrls.has(d.document.source) && !shas.has(d.document.sha256));
    const documents = [...kept, ...crawled];
    // Nothing new: the files stay as they are (and keep their times, for whoever watches them).
    if (parsed === 0 && this.existing?.generator === GENERATOR && haveSameDocuments(this.existing.documents, documents) && (await allFilesExist(this.outDir))) {
      return this.existing;
    }
    return writeDataset(this.outDir, documents);
  }

  private async readCached(sha: string): Promise<DocumentResult | null> {
    try {
      const cached = CachedResultSchema.safeParse(JSON.parse(await readFile(join(this.cacheDir, `${sha}.json`), 'utf8')));
      return cached.success && cached.data.generator === GENERATOR ? cached.data.result : null;
    } catch {
      return null;
    }
  }
}

const OUTPUT_FILES = ['reports.csv', 'indicators.csv', 'findings.csv', 'documents.csv', 'dataset.json'];

async function allFilesExist(outDir: string): Promise<boolean> {
  const found = await Promise.all(OUTPUT_FILES.map((f) => stat(join(outDir, f)).then(() => true, () => false)));
  return found.every(Boolean);
}

/** Same documents in the same order; with no document parsed, equal hashes mean equal results. */
function haveSameDocuments(a: DocumentResult[], b: DocumentResult[]): boolean {
  return a.length === b.length && a.every((d, i) => d.document.sha256 === b[i]!.document.sha256 && d.document.source === b[i]!.document.source);
}

async function readExistingDataset(outDir: string): Promise<Dataset | null> {
  try {
    const parsed = DatasetSchema.safeParse(JSON.parse(await readFile(join(outDir, 'dataset.json'), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The same bytes first read at another URL: the record names the URL it is listed under now. */
function relabelSource(result: DocumentResult, source: string): DocumentResult {
  if (result.document.source === source) return result;
  return {
    document: { ...result.document, source },
    reports: result.reports.map((r) => ({ ...r, report: { ...r.report, source } })),
  };
}
