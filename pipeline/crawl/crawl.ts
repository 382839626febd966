import type { CrawlConfig } from './config';
import { CrawlRun } from './crawl-run';
import { PoliteFetcher } from './fetch-politely';
import { DocumentLimitsSchema } from '../../schemas/limits';
import { createExtractPool } from '../extract-pool';
import { CrawlResults } from './merge-dataset';
import { RawStore } from './store';

export interface CrawlOptions {
  storeDir: string;
  outDir: string;
  /** Skip articles the list page dates before this, and do not ask again for documents fetched before it. */
  since?: Date;
  /** Ask again for URLs that failed for good in an earlier run (4xx, too large, redirect loop). */
  retryFailed?: boolean;
  /** A line worth keeping in a log: each failure and each URL robots.txt kept us from. */
  onLog?: (line: string) => void;
}

export interface CrawlFailure {
  url: string;
  reason: string;
  /** The URL had failed in the run before this one too (a scheduler may not care again). */
  again: boolean;
}

export interface CrawlSummary {
  /** List and article pages visited (fetched, found unchanged, or taken from the store). */
  pages: number;
  /** Attachments visited, likewise. */
  attachments: number;
  /** Article and attachment URLs downloaded for the first time (several may hold the same bytes: URLs, not documents). */
  newUrls: number;
  /** Article and attachment URLs whose content changed since the last download. */
  changedUrls: number;
  /** Documents (distinct contents) parsed in this run, and the reports found in them. */
  parsed: number;
  reports: number;
  /** URLs not requested: robots.txt, --since, or failed for good in an earlier run. */
  skipped: number;
  failures: CrawlFailure[];
  /** HTTP requests sent and bodies downloaded (a 304 downloads nothing). */
  requests: number;
  downloads: number;
  /** This run continued one that was killed. */
  resumed: boolean;
  /** What the dataset holds after the run; `added`: its documents that were not in it before. */
  dataset: { documents: number; reports: number; added: number };
  /** Wall time of the fetching phase, and of parsing and writing the dataset. */
  timings: { fetchMs: number; parseMs: number };
}

/**
 * Crawls every site of the config into the store, then brings the dataset in `outDir` up to
 * date. Each request's outcome is in the manifest as soon as it is known and each parsed
 * document is saved at once, so a killed crawl started again repeats nothing it finished.
 */
export async function crawlSites(config: CrawlConfig, options: CrawlOptions): Promise<CrawlSummary> {
  const started = performance.now();
  const store = await RawStore.open(options.storeDir);
  try {
    const run = await store.beginRun(now());
    const crawl = new CrawlRun(store, new PoliteFetcher(config, store), run.startedAt, options);
    crawl.summary.resumed = run.resumed;
    for (const site of config.sites) for (const url of site.startUrls) crawl.schedule({ url, kind: 'list', site, referrer: null, linkText: null, articleTitle: null, listDate: null });
    await crawl.finish();
    const fetched = performance.now();
    crawl.summary.timings.fetchMs = Math.round(fetched - started);
    // Parsing after fetching: a long parse blocks the event loop and would time out requests in flight.
    // Parsed as `extract` parses: in worker processes under the per-document limits, so a hostile
    // download fails alone instead of taking the crawl down.
    const pool = createExtractPool(DocumentLimitsSchema.parse({}));
    let dataset;
    let added = 0;
    try {
      const results = await CrawlResults.open(options.outDir, (r) => store.readObject(r.object, r.sha256), pool);
      const before = new Set(results.existing?.documents.map((d) => d.document.sha256));
      dataset = await results.write(store.manifest.records(), ({ record, result, parsed }) => {
        if (!parsed) return;
        crawl.summary.parsed++;
        crawl.summary.reports += result.reports.length;
        if (result.document.status === 'failed') crawl.fail(record.url, `cannot be read: ${result.document.error ?? 'unknown reason'}`, false);
      });
      added = dataset.documents.filter((d) => !before.has(d.document.sha256)).length;
    } finally {
      await pool.close();
    }
    crawl.summary.dataset = { documents: dataset.documents.length, reports: dataset.documents.reduce((n, d) => n + d.reports.length, 0), added };
    crawl.summary.timings.parseMs = Math.round(performance.now() - fetched);
    await store.finishRun(run.startedAt, now());
    return crawl.summary;
  } finally {
    await store.close();
  }
}

const now = () => new Date().toISOString();
