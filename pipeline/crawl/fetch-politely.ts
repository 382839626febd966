import { setTimeout as sleep } from 'node:timers/promises';
import { isAllowedHost, type CrawlConfig, type SiteConfig } from './config';
import { FinalFetchError, fetchUrl, RetryableFetchError, type FetchedResponse } from './fetch-url';
import { HostQueues, type HostLimits } from './host-queue';
import { ALLOW_ALL, isAllowedByRobots, parseRobots, RobotsCache, type Robots } from './robots';
import type { RawStore } from './store';

export interface Validators {
  etag: string | null;
  lastModified: string | null;
}

const MAX_BACKOFF_MS = 5 * 60_000;
// RFC 9309 asks crawlers to read at least 500 KiB of robots.txt.
const ROBOTS_MAX_BYTES = 512 * 1024;

/**
 * Requests as a guest: only allowed hosts, only what robots.txt permits, through each origin's
 * queue, retrying what is worth retrying with growing pauses in between. Throws the fetch
 * error classes; the caller decides what a failure means for the crawl.
 */
export class PoliteFetcher {
  /** HTTP requests sent so far (redirect hops, retries and robots.txt included). */
  requests = 0;
  private readonly robots: RobotsCache;
  private readonly queues: HostQueues;

  constructor(
    private readonly config: CrawlConfig,
    private readonly store: RawStore,
  ) {
    this.robots = new RobotsCache((origin) => this.readRobots(origin));
    this.queues = new HostQueues((origin) => this.limitsFor(origin));
  }

  async fetch(url: string, site: SiteConfig, validators: Validators | null, priority = 0): Promise<FetchedResponse> {
    return this.fetchThen(url, site, validators, async (res) => res, priority);
  }

  /**
   * Fetches, then runs `keep` on the response while still holding the host's queue slot, so
   * the next request waits until this one is stored: a crawl killed at any moment then has
   * at most the requests in flight to make again.
   */
  async fetchThen<T>(url: string, site: SiteConfig, validators: Validators | null, keep: (res: FetchedResponse) => Promise<T>, priority = 0): Promise<T> {
    const target = new URL(url);
    await this.checkUrl(target, site);
    const robots = await this.robots.forUrl(target);
    if (robots.unreachable) {
      // Not retried now (the answer is cached for the run) but not final either: next run asks again.
      throw new RetryableFetchError(`robots.txt of ${target.origin} could not be read (${robots.unreachable}): nothing is fetched from the host until it can`, 'network');
    }
    const checkHop = async (hop: URL) => {
      await this.checkUrl(hop, site);
      if (!isAllowedByRobots(await this.robots.forUrl(hop), hop)) throw new FinalFetchError(`robots.txt disallows ${hop.href}`, 'robots');
    };
    const options = { ...this.requestOptions(site), etag: validators?.etag, lastModified: validators?.lastModified, checkUrl: checkHop };
    return this.withRetries(site, () => this.queues.run(target.origin, async () => keep(await fetchUrl(url, options)), priority));
  }

  private async checkUrl(url: URL, site: SiteConfig): Promise<void> {
    if (!isAllowedHost(site, url)) {
      throw new FinalFetchError(`${url.href} is on ${url.host}, not in the allowedHosts of site "${site.name}": add the host if it is the site's`, 'host_not_allowed');
    }
  }

  private requestOptions(site: SiteConfig) {
    return {
      userAgent: this.config.userAgent,
      timeoutMs: site.timeoutMs,
      maxBytes: site.maxBytes,
      maxRedirects: site.maxRedirects,
      onRequest: () => {
        this.requests++;
      },
    };
  }

  private async withRetries<T>(site: SiteConfig, attempt: () => Promise<T>): Promise<T> {
    for (let n = 0; ; n++) {
      try {
        return await attempt();
      } catch (err) {
        if (!(err instanceof RetryableFetchError) || n >= site.retries) throw err;
        // Exponential backoff with jitter, so retries from many workers do not arrive together;
        // a server's Retry-After is honoured when it asks for longer.
        const backoff = site.retryDelayMs * 2 ** n * (0.75 + Math.random() / 2);
        await sleep(Math.min(MAX_BACKOFF_MS, Math.max(backoff, err.retryAfterMs ?? 0)));
      }
    }
  }

  /** The strictest limits of the sites that may fetch from the origin, slowed by Crawl-delay. */
  private limitsFor(origin: string): HostLimits {
    const url = new URL(origin);
    const sites = this.config.sites.filter((s) => isAllowedHost(s, url));
    const crawlDelayMs = this.robots.known(origin)?.crawlDelayMs ?? 0;
    return {
      concurrency: Math.min(...sites.map((s) => s.concurrencyPerHost), 64),
      minDelayMs: Math.max(crawlDelayMs, ...sites.map((s) => s.minDelayMs)),
    };
  }

  /**
   * robots.txt with a conditional request against the copy kept in the store. Missing (4xx)
   * means everything is allowed; unreachable (5xx, no connection) means nothing is, unless an
   * earlier copy exists (RFC 9309 §2.3.1).
   */
  private async readRobots(origin: string): Promise<Robots> {
    const url = new URL('/robots.txt', origin);
    const site = this.config.sites.find((s) => isAllowedHost(s, url));
    if (!site) return ALLOW_ALL;
    const saved = await this.store.loadRobots(origin);
    const now = new Date().toISOString();
    try {
      const res = await this.withRetries(site, () =>
        fetchUrl(url.href, {
          ...this.requestOptions(site),
          maxBytes: ROBOTS_MAX_BYTES,
          etag: saved?.etag,
          lastModified: saved?.last_modified,
          checkUrl: async (hop) => this.checkUrl(hop, site),
        }),
      );
      const body = res.status === 304 && saved ? saved.body : (res.body ?? Buffer.alloc(0)).toString('utf8');
      await this.store.saveRobots({ origin, status: res.status, etag: res.etag ?? saved?.etag ?? null, last_modified: res.lastModified ?? saved?.last_modified ?? null, body, checked_at: now });
      return parseRobots(body, this.config.userAgent);
    } catch (err) {
      if (err instanceof RetryableFetchError) {
        return saved ? parseRobots(saved.body, this.config.userAgent) : { ...ALLOW_ALL, unreachable: err.message };
      }
      if (err instanceof FinalFetchError) return ALLOW_ALL;
      throw err;
    }
  }
}
