import { decodeText } from '../../parsers/decode';
import type { SiteConfig } from './config';
import { detectContentType } from './content-type';
import type { CrawlOptions, CrawlSummary } from './crawl';
import { readArticlePage, readListPage, type FoundLink } from './discover';
import type { PoliteFetcher } from './fetch-politely';
import { FinalFetchError, RetryableFetchError, type FetchedResponse } from './fetch-url';
import { LinkCache } from './link-cache';
import type { ManifestRecord } from '../../schemas/manifest';
import type { RawStore } from './store';

export type Kind = ManifestRecord['kind'];

interface Obtained {
  record: ManifestRecord;
  bytes: Buffer;
}

export interface Target {
  url: string;
  kind: Kind;
  site: SiteConfig;
  referrer: string | null;
  linkText: string | null;
  articleTitle: string | null;
  listDate: string | null;
}

// Finishing a started article before opening more keeps a killed crawl's loss small.
const PRIORITY: Record<Kind, number> = { attachment: 2, article: 1, list: 0 };
// Failures that asking again will not cure; remembered so a scheduled rerun does not repeat them.
const REMEMBERED = new Set(['client_error', 'too_large', 'redirect_loop', 'too_many_redirects', 'bad_response']);
const isHtml = (record: ManifestRecord) => record.content_type === 'text/html' || record.content_type === 'application/xhtml+xml';
const now = () => new Date().toISOString();

/** One run over the sites: every URL visited once, its outcome recorded as soon as it is known. */
export class CrawlRun {
  readonly summary: CrawlSummary = { pages: 0, attachments: 0, newUrls: 0, changedUrls: 0, parsed: 0, reports: 0, skipped: 0, failures: [], requests: 0, downloads: 0, resumed: false, dataset: { documents: 0, reports: 0, added: 0 }, timings: { fetchMs: 0, parseMs: 0 } };
  private readonly seen = new Set<string>();
  private readonly listPages = new Map<string, number>();
  private readonly tasks: Array<Promise<void>> = [];
  private readonly links: LinkCache;

  constructor(
    private readonly store: RawStore,
    private readonly fetcher: PoliteFetcher,
    private readonly runStartedAt: string,
    private readonly options: CrawlOptions,
  ) {
    this.links = new LinkCache(store.dir);
  }

  schedule(target: Target): void {
    target = { ...target, url: new URL(target.url).href.replace(/#.*$/, '') };
    if (this.seen.has(target.url)) return;
    if (target.kind === 'list') {
      const pages = this.listPages.get(target.site.name) ?? 0;
      if (pages >= target.site.pagination.maxPages) return;
      this.listPages.set(target.site.name, pages + 1);
    }
    this.seen.add(target.url);
    this.tasks.push(this.visit(target));
  }

  async finish(): Promise<void> {
    while (this.tasks.length > 0) await Promise.all(this.tasks.splice(0));
    this.summary.requests = this.fetcher.requests;
  }

  /** `again`: the URL failed in the previous run too. */
  fail(url: string, reason: string, again: boolean): void {
    this.summary.failures.push({ url, reason, again });
    this.options.onLog?.(`failed ${url}: ${reason}${again ? ' (failed in the previous run too)' : ''}`);
  }

  private async visit(target: Target): Promise<void> {
    const outcome = await this.obtain(target);
    if (!outcome) return;
    const { record, bytes } = outcome;
    if (target.kind === 'attachment') this.summary.attachments++;
    else this.summary.pages++;
    if (!isHtml(record) || target.kind === 'attachment' || !record.sha256) return;
    const pageUrl = record.final_url ?? record.url;
    // An undecodable page finds no links; it is recorded, and its parse will say why.
    const html = () => {
      try {
        return decodeText(bytes, record.charset ?? undefined);
      } catch {
        return '';
      }
    };
    if (target.kind === 'list') {
      const links = await this.links.list(pageUrl, record.sha256, target.site, () => readListPage(html(), pageUrl, target.site));
      for (const url of links.nextPages) this.schedule({ ...target, url, referrer: pageUrl });
      for (const link of links.articles) this.schedule(this.makeTarget(link, 'article', target.site, pageUrl, null));
      for (const link of links.attachments) this.schedule(this.makeTarget(link, 'attachment', target.site, pageUrl, link.text));
    } else {
      const links = await this.links.article(pageUrl, record.sha256, target.site, () => readArticlePage(html(), pageUrl, target.site));
      const title = links.title ?? target.linkText;
      if (title !== record.article_title) await this.store.manifest.append({ ...record, article_title: title });
      for (const link of links.attachments) this.schedule(this.makeTarget(link, 'attachment', target.site, pageUrl, title));
    }
  }

  private makeTarget(link: FoundLink, kind: Kind, site: SiteConfig, referrer: string, articleTitle: string | null): Target {
    return { url: link.url, kind, site, referrer, linkText: link.text || null, articleTitle, listDate: link.date };
  }

  /** The URL's current bytes and record: from the store when this run already has them, else asked for. */
  private async obtain(target: Target): Promise<Obtained | null> {
    const prev = this.store.manifest.get(target.url);
    const bytes = prev ? await this.store.readObject(prev.object, prev.sha256) : null;
    const copy = prev && bytes ? { record: prev, bytes } : undefined;
    if (prev && prev.checked_at >= this.runStartedAt) {
      // Resuming a killed run: what it already asked for is not asked for again.
      if (prev.error) {
        this.fail(target.url, prev.error, false);
        return null;
      }
      if (copy) return copy;
    } else if (target.kind !== 'list') {
      const since = this.options.since;
      if (since && target.listDate && new Date(`${target.listDate}T23:59:59.999Z`) < since) return this.skip();
      if (since && copy?.record.fetched_at && new Date(copy.record.fetched_at) < since) return copy;
      if (prev?.error_final && !this.options.retryFailed) return this.skip();
    }
    return this.request(target, prev, copy);
  }

  private skip(): null {
    this.summary.skipped++;
    return null;
  }

  /** Asks for the URL, conditionally when a copy is stored, and records the outcome. */
  private async request(target: Target, prev: ManifestRecord | undefined, copy: Obtained | undefined): Promise<Obtained | null> {
    const base = this.startRecord(target, prev);
    const validators = copy ? { etag: copy.record.etag, lastModified: copy.record.last_modified } : null;
    try {
      return await this.fetcher.fetchThen(target.url, target.site, validators, (res) => this.keepResponse(target, prev, copy, base, res), PRIORITY[target.kind]);
    } catch (err) {
      if (err instanceof FinalFetchError && err.reason === 'robots') {
        this.options.onLog?.(`skipped ${target.url}: ${err.message}`);
        return this.skip();
      }
      if (!(err instanceof FinalFetchError || err instanceof RetryableFetchError)) throw err;
      const final = err instanceof FinalFetchError && REMEMBERED.has(err.reason);
      await this.store.manifest.append({ ...base, status: err.status, error: err.message, error_final: final });
      this.fail(target.url, err.message, prev?.error != null);
      return null;
    }
  }

  /** Stores a response and records it in the manifest (run inside the host's queue slot). */
  private async keepResponse(target: Target, prev: ManifestRecord | undefined, copy: Obtained | undefined, base: ManifestRecord, res: FetchedResponse): Promise<Obtained> {
    const meta = { final_url: res.finalUrl, status: res.status, etag: res.etag ?? base.etag, last_modified: res.lastModified ?? base.last_modified };
    if (res.status === 304) {
      if (!copy) throw new FinalFetchError(`304 Not Modified from ${target.url} to a request without validators`, 'bad_response', 304);
      const record = { ...base, ...meta };
      await this.store.manifest.append(record);
      return { record, bytes: copy.bytes };
    }
    const body = res.body ?? Buffer.alloc(0);
    const type = detectContentType(res.contentType, body, res.finalUrl);
    const { sha256, object } = await this.store.putObject(body, type.ext);
    this.summary.downloads++;
    if (target.kind !== 'list') {
      if (!prev?.sha256) this.summary.newUrls++;
      else if (prev.sha256 !== sha256) this.summary.changedUrls++;
    }
    const record: ManifestRecord = { ...base, ...meta, fetched_at: now(), content_type: type.mime, charset: type.charset, sha256, bytes: body.length, object };
    await this.store.manifest.append(record);
    return { record, bytes: body };
  }

  /** What we know of the URL before asking; the stored copy's facts stay until replaced. */
  private startRecord(target: Target, prev: ManifestRecord | undefined): ManifestRecord {
    return {
      url: target.url,
      final_url: prev?.final_url ?? null,
      kind: target.kind,
      site: target.site.name,
      status: null,
      fetched_at: prev?.fetched_at ?? null,
      checked_at: now(),
      content_type: prev?.content_type ?? null,
      charset: prev?.charset ?? null,
      etag: prev?.etag ?? null,
      last_modified: prev?.last_modified ?? null,
      sha256: prev?.sha256 ?? null,
      bytes: prev?.bytes ?? null,
      object: prev?.object ?? null,
      referrer: target.referrer ?? prev?.referrer ?? null,
      link_text: target.linkText ?? prev?.link_text ?? null,
      article_title: target.articleTitle ?? prev?.article_title ?? null,
      list_date: target.listDate ?? prev?.list_date ?? null,
      error: null,
      error_final: false,
    };
  }
}
