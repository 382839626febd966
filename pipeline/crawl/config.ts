import { readFile } from 'node:fs/promises';
import { load } from 'cheerio';
import { z } from 'zod';

/** Sent with every request so a site's operators can see who we are and how to reach us. */
export const DEFAULT_USER_AGENT = 'jixiao/0.1 (+https://example.invalid/jixiao; research crawler)';

/**
 * Links that are attachments, tested against the link's URL, its path and its text (download
 * scripts like `download.jsp?id=3` are often only recognisable by a text such as `附件1.pdf`).
 * HTML is left out: on an article page most .html links are menus, not attachments.
 */
export const DEFAULT_ATTACHMENT_PATTERN = String.raw`\.(pdf|ofd|docx?|wps|xlsx?|et|jpe?g|png|gif|bmp|tiff?)$`;

/** A config that cannot be used; the message names the option, what it takes and what it got. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const makeWholeNumber = (what: string, min: number, max: number) => {
  const error = `expected ${what}, a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};

const isHttpUrl = (s: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol);
  } catch {
    return false;
  }
};

const isRegExp = (s: string) => {
  try {
    new RegExp(s, 'i');
    return true;
  } catch {
    return false;
  }
};

const isSelector = (s: string) => {
  try {
    load('<a href="x">x</a>')(s);
    return true;
  } catch {
    return false;
  }
};

const httpUrl = z
  .string({ error: 'expected an absolute http(s) URL' })
  .refine(isHttpUrl, { error: 'expected an absolute http(s) URL such as "https://www.example.gov.cn/xxgk/jxxx/index.html"' });
// Patterns are matched case-insensitively: sites mix `.PDF` and `.pdf`.
const pattern = z
  .string({ error: 'expected a regular expression as a string' })
  .refine(isRegExp, { error: 'expected a valid JavaScript regular expression (backslashes doubled in JSON)' })
  .transform((s) => new RegExp(s, 'i'));
const selector = z
  .string({ error: 'expected a CSS selector as a string' })
  .min(1, { error: 'expected a CSS selector, not an empty string' })
  .refine(isSelector, { error: 'expected a valid CSS selector such as "ul.list li a"' });
const hostName = z
  .string({ error: 'expected a host name' })
  .regex(/^(\*\.)?[a-z0-9.-]+(:\d+)?$/i, { error: 'expected a host name such as "www.example.gov.cn", "*.example.gov.cn" or "127.0.0.1:8080"' });

const PaginationSchema = z.strictObject(
  {
    /** Elements whose href is the next list page (e.g. `a.next`, `a:contains("下一页")`). */
    nextSelector: selector.optional(),
    /** Any link on a list page whose absolute URL matches is another list page. */
    urlPattern: pattern.optional(),
    /** List pages read per site at most, start pages included. */
    maxPages: makeWholeNumber('a number of list pages', 1, 100_000).default(50),
  },
  { error: 'expected an object such as {"nextSelector": "a.next", "maxPages": 50}' },
);

const SiteSchema = z
  .strictObject(
    {
      name: z.string({ error: 'expected a name for the site (used in messages and the manifest)' }).min(1, { error: 'expected a non-empty name' }),
      startUrls: z
        .array(httpUrl, { error: 'expected a list of list-page URLs' })
        .min(1, { error: 'expected at least one start URL (a disclosure list page)' }),
      /** Hosts the crawler may request; defaults to the hosts of the start URLs. */
      allowedHosts: z.array(hostName, { error: 'expected a list of host names' }).optional(),
      pagination: PaginationSchema.default({ maxPages: 50 }),
      /** Links on a list page that are articles: matched by this selector (and articlePattern when both are given). */
      articleSelector: selector.optional(),
      /** Links on a list page whose absolute URL matches are articles. */
      articlePattern: pattern.optional(),
      attachmentPattern: pattern.default(new RegExp(DEFAULT_ATTACHMENT_PATTERN, 'i')),
      concurrencyPerHost: makeWholeNumber('a number of requests at once per host', 1, 64).default(2),
      /** Between the starts of two requests to one host; robots.txt Crawl-delay raises it. */
      minDelayMs: makeWholeNumber('a delay in milliseconds', 0, 600_000).default(1000),
      /** A request is abandoned when no byte arrives for this long (then retried). */
      timeoutMs: makeWholeNumber('a timeout in milliseconds', 1, 600_000).default(30_000),
      maxBytes: makeWholeNumber('a size in bytes', 1, 2 ** 31 - 1).default(50 * 1024 * 1024),
      /** Retries after a 5xx, a reset connection or a timeout; never after a 4xx. */
      retries: makeWholeNumber('a number of retries', 0, 10).default(3),
      /** First backoff; doubled on every retry. */
      retryDelayMs: makeWholeNumber('a delay in milliseconds', 0, 600_000).default(1000),
      maxRedirects: makeWholeNumber('a number of redirects', 0, 20).default(5),
    },
    { error: 'expected an object with at least "name", "startUrls" and "articleSelector" or "articlePattern"' },
  )
  .superRefine((site, ctx) => {
    if (!site.articleSelector && !site.articlePattern) {
      ctx.addIssue({ code: 'custom', path: ['articleSelector'], message: 'expected "articleSelector" or "articlePattern" to say which links on a list page are articles' });
    }
  })
  .transform((site) => ({
    ...site,
    allowedHosts: site.allowedHosts ?? [...new Set(site.startUrls.map((u) => new URL(u).host))],
  }));

export const CrawlConfigSchema = z
  .strictObject(
    {
      userAgent: z.string({ error: 'expected a User-Agent string' }).min(1, { error: 'expected a non-empty User-Agent' }).default(DEFAULT_USER_AGENT),
      sites: z.array(SiteSchema, { error: 'expected a list of sites' }).min(1, { error: 'expected at least one site' }),
    },
    { error: 'expected an object such as {"sites": [{"name": …, "startUrls": […], "articleSelector": …}]}' },
  )
  .superRefine((config, ctx) => {
    // Names key the manifest and the page limits: two sites with one name would share them.
    config.sites.forEach((site, i) => {
      if (config.sites.findIndex((s) => s.name === site.name) < i) {
        ctx.addIssue({ code: 'custom', path: ['sites', i, 'name'], message: 'expected a name no other site has', input: site.name });
      }
    });
  });

export type CrawlConfig = z.output<typeof CrawlConfigSchema>;
export type SiteConfig = CrawlConfig['sites'][number];

/** Validates a parsed config; every problem is listed, one per line. */
export function parseCrawlConfig(input: unknown, origin = 'config'): CrawlConfig {
  const result = CrawlConfigSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `${origin}: ${describeIssue(issue, input)}`);
  throw new ConfigError(lines.join('\n'));
}

export async function readCrawlConfig(path: string): Promise<CrawlConfig> {
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new ConfigError(`${path}: cannot read the sites config (${err.code ?? err.message})`);
  });
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${path}: not valid JSON (${(err as Error).message})`);
  }
  return parseCrawlConfig(input, path);
}

/** True when a URL's host is one of the site's allowed hosts (`*.example.gov.cn` takes subdomains). */
export function isAllowedHost(site: Pick<SiteConfig, 'allowedHosts'>, url: URL): boolean {
  return site.allowedHosts.some((allowed) => {
    const a = allowed.toLowerCase();
    if (a.startsWith('*.')) return url.hostname === a.slice(2) || url.hostname.endsWith(a.slice(1));
    return a === url.host || a === url.hostname;
  });
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const where = formatPath(issue.path, input);
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    return `${where || 'top level'}: unknown option ${keys}: check the spelling (jixiao crawl --help lists the options)`;
  }
  return `${where || 'top level'}: ${issue.message}, got ${describeValue(issue.input)}`;
}

function formatPath(path: PropertyKey[], input: unknown): string {
  let out = '';
  let node: unknown = input;
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    // Naming the site beside its index: "sites[3]" alone is hard to find in a long file.
    const name = node !== null && typeof node === 'object' ? (node as { name?: unknown }).name : undefined;
    if (typeof key === 'number' && typeof name === 'string') out += ` (${name})`;
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the option is missing)';
  const json = JSON.stringify(value);
  return json.length > 80 ? `${json.slice(0, 77)}...` : json;
}
