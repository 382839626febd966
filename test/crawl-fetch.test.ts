import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, parseCrawlConfig } from '../pipeline/crawl/config';
import { PoliteFetcher } from '../pipeline/crawl/fetch-politely';
import { FinalFetchError, fetchUrl, RetryableFetchError } from '../pipeline/crawl/fetch-url';
import { RawStore } from '../pipeline/crawl/store';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

/** A local server whose routes each test sets; it logs every request with its time. */
let server: Server;
let origin: string;
let routes: Map<string, Handler>;
let log: Array<{ path: string; at: number; headers: IncomingMessage['headers'] }>;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    log.push({ path, at: Date.now(), headers: req.headers });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const handler = routes.get(path);
    if (handler) handler(req, res, log.filter((e) => e.path === path).length);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  routes = new Map([['/robots.txt', (_req, res) => res.writeHead(404).end()]]);
  log = [];
  maxInFlight = 0;
});

const OPTIONS = { userAgent: DEFAULT_USER_AGENT, timeoutMs: 300, maxBytes: 1000, maxRedirects: 3 };
// For the tests that are not about time: a 300 ms idle timeout fires on a loaded machine (the
// server answers from this same process), and a limit or a redirect then fails as a timeout.
const UNHURRIED = { ...OPTIONS, timeoutMs: 10_000 };
const requestsFor = (path: string) => log.filter((e) => e.path === path);
const failure = async (p: Promise<unknown>) => p.then(() => expect.fail('expected the request to fail'), (err: unknown) => err);

async function politeFetcher(site: Record<string, unknown> = {}) {
  const config = parseCrawlConfig({ sites: [{ name: 't', startUrls: [`${origin}/`], articlePattern: 'x', minDelayMs: 0, timeoutMs: 300, retryDelayMs: 50, ...site }] });
  return { fetcher: new PoliteFetcher(config, await RawStore.open(mkdtempSync(join(tmpdir(), 'jixiao-fetch-')))), site: config.sites[0]! };
}

describe('fetchUrl', () => {
  it('gives up on a response that does not come within the timeout, as a retryable error', async () => {
    // The answer comes long after the timeout, so giving up before it is the timeout's doing even
    // when a loaded machine runs the 300 ms timer late.
    routes.set('/slow', (_req, res) => setTimeout(() => res.destroyed || res.end('late'), 4000));
    const started = Date.now();
    const err = await failure(fetchUrl(`${origin}/slow`, OPTIONS));
    expect(err).toBeInstanceOf(RetryableFetchError);
    expect(err).toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(3500);
  });

  it('times out on silence, not on a long download that keeps coming', async () => {
    routes.set('/trickle', (_req, res) => {
      let n = 0;
      const timer = setInterval(() => (++n < 6 ? res.write('x') : (clearInterval(timer), res.end())), 100);
    });
    const started = Date.now();
    const res = await fetchUrl(`${origin}/trickle`, OPTIONS);
    expect(res.body?.toString()).toBe('xxxxx');
    expect(Date.now() - started).toBeGreaterThan(OPTIONS.timeoutMs);
  });

  it('refuses a body over the limit, declared or streamed, as final', async () => {
    routes.set('/declared', (_req, res) => res.writeHead(200, { 'content-length': 5000 }).end(Buffer.alloc(5000)));
    routes.set('/chunked', (_req, res) => {
      res.writeHead(200);
      for (let i = 0; i < 10; i++) res.write(Buffer.alloc(500));
      res.end();
    });
    for (const path of ['/declared', '/chunked']) {
      const err = await failure(fetchUrl(`${origin}${path}`, UNHURRIED));
      expect(err).toBeInstanceOf(FinalFetchError);
      expect(err).toMatchObject({ reason: 'too_large' });
      expect((err as Error).message).toMatch(/over the 1000-byte limit: raise "maxBytes"/);
    }
  });

  it('follows redirects up to the bound, and catches loops', async () => {
    routes.set('/r1', (_req, res) => res.writeHead(301, { location: '/r2' }).end());
    routes.set('/r2', (_req, res) => res.writeHead(302, { location: `${origin}/r3` }).end());
    routes.set('/r3', (_req, res) => res.writeHead(307, { location: 'doc' }).end());
    routes.set('/doc', (_req, res) => res.end('the document'));
    routes.set('/r0', (_req, res) => res.writeHead(302, { location: '/r1' }).end());
    routes.set('/loop-a', (_req, res) => res.writeHead(302, { location: '/loop-b' }).end());
    routes.set('/loop-b', (_req, res) => res.writeHead(302, { location: '/loop-a' }).end());
    const res = await fetchUrl(`${origin}/r1`, UNHURRIED);
    expect(res).toMatchObject({ status: 200, finalUrl: `${origin}/doc` });
    expect(res.body?.toString()).toBe('the document');
    expect(await failure(fetchUrl(`${origin}/r0`, UNHURRIED))).toMatchObject({ reason: 'too_many_redirects' });
    const loop = await failure(fetchUrl(`${origin}/loop-a`, UNHURRIED));
    expect(loop).toMatchObject({ reason: 'redirect_loop' });
    expect(requestsFor('/loop-a')).toHaveLength(1);
  });

  it('sends the validators of our copy and the User-Agent; a 304 carries no body', async () => {
    routes.set('/cond', (req, res) => (req.headers['if-none-match'] === '"v1"' ? res.writeHead(304, { etag: '"v1"' }).end() : res.writeHead(200, { etag: '"v1"' }).end('body')));
    const res = await fetchUrl(`${origin}/cond`, { ...UNHURRIED, etag: '"v1"', lastModified: 'Tue, 02 Jan 2024 08:00:00 GMT' });
    expect(res).toMatchObject({ status: 304, body: null, etag: '"v1"' });
    expect(log[0]!.headers).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Tue, 02 Jan 2024 08:00:00 GMT', 'user-agent': DEFAULT_USER_AGENT });
  });
});

describe('PoliteFetcher', () => {
  it('retries a 500 with growing pauses until it recovers', async () => {
    routes.set('/flaky', (_req, res, n) => (n < 3 ? res.writeHead(500).end() : res.end('ok')));
    const { fetcher, site } = await politeFetcher({ retries: 3 });
    const res = await fetcher.fetch(`${origin}/flaky`, site, null);
    expect(res.body?.toString()).toBe('ok');
    const times = requestsFor('/flaky').map((e) => e.at);
    expect(times).toHaveLength(3);
    // Backoff 50 ms then 100 ms, ±25 % jitter.
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(35);
    expect(times[2]! - times[1]!).toBeGreaterThan(times[1]! - times[0]!);
  });

  it('retries a reset connection and a timeout, but never a 4xx', async () => {
    routes.set('/reset', (req, res, n) => (n === 1 ? req.socket.destroy() : res.end('ok')));
    routes.set('/gone', (_req, res) => res.writeHead(410).end());
    routes.set('/slow', (_req, res) => setTimeout(() => res.destroyed || res.end('late'), 1000));
    const { fetcher, site } = await politeFetcher({ retries: 2 });
    expect((await fetcher.fetch(`${origin}/reset`, site, null)).body?.toString()).toBe('ok');
    expect(await failure(fetcher.fetch(`${origin}/gone`, site, null))).toMatchObject({ reason: 'client_error', status: 410 });
    expect(requestsFor('/gone')).toHaveLength(1);
    expect(await failure(fetcher.fetch(`${origin}/slow`, site, null))).toMatchObject({ reason: 'timeout' });
    expect(requestsFor('/slow')).toHaveLength(3);
  });

  it('never requests a path robots.txt disallows, nor a host outside allowedHosts, even by redirect', async () => {
    routes.set('/robots.txt', (_req, res) => res.end('User-agent: *\nDisallow: /private/\n'));
    routes.set('/to-private', (_req, res) => res.writeHead(302, { location: '/private/x' }).end());
    routes.set('/to-elsewhere', (_req, res) => res.writeHead(302, { location: 'http://other.invalid/x' }).end());
    const { fetcher, site } = await politeFetcher();
    expect(await failure(fetcher.fetch(`${origin}/private/x`, site, null))).toMatchObject({ reason: 'robots' });
    expect(await failure(fetcher.fetch(`${origin}/to-private`, site, null))).toMatchObject({ reason: 'robots' });
    expect(await failure(fetcher.fetch(`${origin}/to-elsewhere`, site, null))).toMatchObject({ reason: 'host_not_allowed' });
    expect(requestsFor('/private/x')).toHaveLength(0);
    expect(requestsFor('/robots.txt')).toHaveLength(1);
  });

  it('fetches nothing from a host whose robots.txt cannot be read', async () => {
    routes.set('/robots.txt', (_req, res) => res.writeHead(503).end());
    const { fetcher, site } = await politeFetcher({ retries: 1, retryDelayMs: 10 });
    const err = await failure(fetcher.fetch(`${origin}/page`, site, null));
    expect(err).toBeInstanceOf(RetryableFetchError);
    expect((err as Error).message).toMatch(/robots\.txt .* could not be read/);
    expect(requestsFor('/page')).toHaveLength(0);
  });

  it('keeps to the concurrency per host', async () => {
    routes.set('/wait', (_req, res) => setTimeout(() => res.end('ok'), 80));
    const { fetcher, site } = await politeFetcher({ concurrencyPerHost: 2, timeoutMs: 2000 });
    await Promise.all(Array.from({ length: 6 }, () => fetcher.fetch(`${origin}/wait`, site, null)));
    expect(requestsFor('/wait')).toHaveLength(6);
    expect(maxInFlight).toBe(2);
  });

  it('spaces requests by minDelayMs, or by a longer robots.txt Crawl-delay', async () => {
    routes.set('/page', (_req, res) => res.end('ok'));
    const { fetcher, site } = await politeFetcher({ minDelayMs: 120 });
    for (let i = 0; i < 3; i++) await fetcher.fetch(`${origin}/page`, site, null);
    const gaps = (ts: number[]) => ts.slice(1).map((t, i) => t - ts[i]!);
    expect(Math.min(...gaps(requestsFor('/page').map((e) => e.at)))).toBeGreaterThanOrEqual(110);

    log = [];
    routes.set('/robots.txt', (_req, res) => res.end('User-agent: *\nCrawl-delay: 0.25\n'));
    const slowed = await politeFetcher({ minDelayMs: 0 });
    for (let i = 0; i < 3; i++) await slowed.fetcher.fetch(`${origin}/page`, slowed.site, null);
    expect(Math.min(...gaps(requestsFor('/page').map((e) => e.at)))).toBeGreaterThanOrEqual(240);
  });
});
