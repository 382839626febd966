import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSince } from '../pipeline/commands/crawl';
import { ConfigError, DEFAULT_USER_AGENT, isAllowedHost, parseCrawlConfig, readCrawlConfig } from '../pipeline/crawl/config';
import { ROOT } from './helpers';

const site = (extra: Record<string, unknown> = {}) => ({ name: 'qiannan', startUrls: ['https://www.example.invalid/zwgk/jxxx/index.html'], articleSelector: 'ul.list a', ...extra });
const problems = (input: unknown) => {
  try {
    parseCrawlConfig(input, 'sites.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the config to be refused');
};

describe('crawl config', () => {
  it('fills in a default for every option but the site itself', () => {
    const config = parseCrawlConfig({ sites: [site()] });
    expect(config.userAgent).toBe(DEFAULT_USER_AGENT);
    expect(config.sites[0]).toMatchObject({
      allowedHosts: ['www.example.invalid'],
      pagination: { maxPages: 50 },
      concurrencyPerHost: 2,
      minDelayMs: 1000,
      timeoutMs: 30_000,
      maxBytes: 50 * 1024 * 1024,
      retries: 3,
      retryDelayMs: 1000,
      maxRedirects: 5,
    });
    const attachment = config.sites[0]!.attachmentPattern;
    expect(['/a/附件1.PDF', '/b.docx', '/c.xls', '/d.jpg'].every((p) => attachment.test(p))).toBe(true);
    expect(attachment.test('/zwgk/t2024.html')).toBe(false);
  });

  it('names the option, what it takes and what it got', () => {
    const message = problems({ sites: [site({ timeoutMs: '30s', concurrencyPerHost: 0 })] });
    expect(message).toContain('sites.json: sites[0] (qiannan).timeoutMs: expected a timeout in milliseconds, a whole number from 1 to 600000, got "30s"');
    expect(message).toContain('sites[0] (qiannan).concurrencyPerHost: expected a number of requests at once per host, a whole number from 1 to 64, got 0');
  });

  it('refuses unknown options, so a misspelt one is not silently ignored', () => {
    expect(problems({ sites: [{ ...site(), startUrl: 'https://x.invalid/' }] })).toMatch(/sites\[0\] \(qiannan\): unknown option "startUrl"/);
    expect(problems({ sites: [site({ pagination: { next: 'a.next' } })] })).toMatch(/pagination: unknown option "next"/);
  });

  it('checks URLs, patterns and selectors when the config is read, not in the middle of a crawl', () => {
    expect(problems({ sites: [site({ startUrls: ['ftp://x.invalid/list'] })] })).toMatch(/startUrls\[0\]: expected an absolute http\(s\) URL.*got "ftp:\/\/x.invalid\/list"/);
    expect(problems({ sites: [site({ articlePattern: '(unclosed' })] })).toMatch(/articlePattern: expected a valid JavaScript regular expression.*got "\(unclosed"/);
    expect(problems({ sites: [site({ articleSelector: 'ul >> a' })] })).toMatch(/articleSelector: expected a valid CSS selector.*got "ul >> a"/);
    expect(problems({ sites: [site({ allowedHosts: ['http://x.invalid/'] })] })).toMatch(/allowedHosts\[0\]: expected a host name/);
  });

  it('asks how to recognise articles when neither a selector nor a pattern is given', () => {
    expect(problems({ sites: [{ name: 'x', startUrls: ['https://x.invalid/'] }] })).toMatch(/articleSelector: expected "articleSelector" or "articlePattern"/);
  });

  it('refuses two sites with one name', () => {
    expect(problems({ sites: [site(), site()] })).toMatch(/sites\[1\] \(qiannan\)\.name: expected a name no other site has, got "qiannan"/);
  });

  it('says what is missing', () => {
    expect(problems({})).toMatch(/sites\.json: sites: expected a list of sites, got nothing \(the option is missing\)/);
    expect(problems({ sites: [] })).toMatch(/expected at least one site, got \[\]/);
  });

  it('reports a file that is not JSON with its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-config-'));
    writeFileSync(join(dir, 'sites.json'), '{"sites": [');
    await expect(readCrawlConfig(join(dir, 'sites.json'))).rejects.toThrow(/sites\.json: not valid JSON/);
    await expect(readCrawlConfig(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json: cannot read the sites config \(ENOENT\)/);
  });

  it('accepts the example config shipped in corpus/', async () => {
    const config = await readCrawlConfig(join(ROOT, 'corpus/sites.example.json'));
    expect(config.sites.length).toBeGreaterThan(0);
    for (const s of config.sites) for (const url of s.startUrls) expect(new URL(url).hostname).toMatch(/\.invalid$/);
  });

  it('allows hosts exactly, with a port, or as subdomains of a wildcard', () => {
    const hosts = { allowedHosts: ['www.example.invalid', '*.gov.invalid', '127.0.0.1:8080'] };
    expect(isAllowedHost(hosts, new URL('https://www.example.invalid/a'))).toBe(true);
    expect(isAllowedHost(hosts, new URL('https://example.invalid/a'))).toBe(false);
    expect(isAllowedHost(hosts, new URL('http://czj.gov.invalid/a'))).toBe(true);
    expect(isAllowedHost(hosts, new URL('http://evilgov.invalid/a'))).toBe(false);
    expect(isAllowedHost(hosts, new URL('http://127.0.0.1:8080/'))).toBe(true);
    expect(isAllowedHost(hosts, new URL('http://127.0.0.1:9090/'))).toBe(false);
  });
});

describe('--since', () => {
  it('takes a date, a date-time, or a number of days back', () => {
    const now = new Date('2024-03-31T03:17:00Z');
    expect(readSince('2024-01-31', now)?.toISOString()).toBe('2024-01-31T00:00:00.000Z');
    expect(readSince('2024-01-31T08:00:00+08:00', now)?.toISOString()).toBe('2024-01-31T00:00:00.000Z');
    expect(readSince('60d', now)?.toISOString()).toBe('2024-01-31T03:17:00.000Z');
    expect(() => readSince('last week', now)).toThrow(/got "last week"/);
  });
});
