import { ConfigError, parseCrawlConfig, readCrawlConfig } from '../crawl/config';
import { crawlSites, type CrawlSummary } from '../crawl/crawl';
import { StoreBusyError } from '../crawl/store';
import { readArgs, UsageError, type Command } from './command';

// The defaults as the schema fills them in, so the help text cannot drift from the code.
const DEFAULTS = parseCrawlConfig({ sites: [{ name: 'x', startUrls: ['http://x.invalid/'], articlePattern: 'x' }] });
const SITE = DEFAULTS.sites[0]!;

const HELP = `Usage: jixiao crawl <sites-config> --store <dir> --out <dir> [options]

Crawls the disclosure sites listed in <sites-config> (JSON): their list pages and pagination,
the article pages and the attachments they link. Raw documents go into --store, named by their
sha256, with a manifest (URL, final URL, status, type, ETag / Last-Modified, the page and the
link text that pointed to each). New and changed documents are parsed and merged into the
dataset in --out (the files of "jixiao extract"). A rerun sends conditional requests and
downloads only what changed; a killed crawl started again continues where it stopped.

Options:
  --store <dir>        raw documents, manifest.jsonl and crawl state (required)
  --out <dir>          the dataset to update (required)
  --since <date>       skip articles their list page dates before <date> (YYYY-MM-DD, or 60d
                       for 60 days ago), and do not ask again for documents fetched before it
  --retry-failed       ask again for URLs that failed for good in an earlier run (4xx, too
                       large, redirect loop); otherwise they are skipped
  --fail-on <when>     when failures make the exit code 3: "any" (default), "new" (only when
                       a URL fails that did not fail in the previous run: an endpoint that is
                       always down does not fail every nightly run), "never"
  --quiet              no line per failure on stderr
  -h, --help           this text

Sites config: {"userAgent": …, "sites": [{…}, …]}; per site, defaults in brackets:
  name                 the site's name, in messages and the manifest (required)
  startUrls            disclosure list pages to start from (required)
  articleSelector      CSS selector of the article links on a list page, and/or
  articlePattern       regular expression the article URLs match (one of the two required)
  allowedHosts         hosts that may be requested; "*.example.gov.cn" takes subdomains
                       [the hosts of the start URLs]
  pagination           {"nextSelector": CSS selector of the next-page link,
                        "urlPattern": regular expression of list-page URLs,
                        "maxPages": list pages at most [${SITE.pagination.maxPages}]}
  attachmentPattern    regular expression tested on an attachment's URL and its link text
                       [${SITE.attachmentPattern.source}]
  concurrencyPerHost   requests at once per host [${SITE.concurrencyPerHost}]
  minDelayMs           between two requests to a host; robots.txt Crawl-delay raises it [${SITE.minDelayMs}]
  timeoutMs            give up a request after this long without a byte [${SITE.timeoutMs}]
  maxBytes             refuse larger bodies [${SITE.maxBytes}]
  retries              after a 5xx, a reset or a timeout; never after a 4xx [${SITE.retries}]
  retryDelayMs         first pause before a retry, doubled each time [${SITE.retryDelayMs}]
  maxRedirects         [${SITE.maxRedirects}]
userAgent [${DEFAULTS.userAgent}]
robots.txt is honoured (the group for "jixiao", else "*"). Patterns match case-insensitively.

Output: one line, e.g.
  crawl: visited 31 pages, 16 attachments (14 URLs new, 1 changed, 0 skipped), 2 failures;
  parsed this run: 13 documents, 40 reports; dataset now: 46 documents (13 new), 99 reports (…)
URLs are counted as URLs (two URLs may serve the same file); documents as distinct contents:
what this run parsed, then what the dataset in --out holds after it.
Exit codes: 0 all fine; 3 some URLs could not be fetched or documents parsed (each on stderr;
as --fail-on says);
2 wrong command line or config, or another crawl is using the store; 1 crash.

Example (corpus/sites.example.json shows the config):
  jixiao crawl sites.json --store /var/lib/jixiao/store --out /var/lib/jixiao/dataset
`;

export const crawlCommand: Command = {
  name: 'crawl',
  summary: 'jixiao crawl <sites-config> --store <dir> --out <dir>  fetch sites, update the dataset',
  help: HELP,
  async run(args) {
    const parsed = readArgs(args, HELP, {
      store: { type: 'string' },
      out: { type: 'string' },
      since: { type: 'string' },
      'retry-failed': { type: 'boolean' },
      'fail-on': { type: 'string' },
      quiet: { type: 'boolean' },
    });
    if (!parsed) return 0;
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError('name one sites config (a JSON file)');
    if (!values.store) throw new UsageError('--store <dir> is required: the folder that keeps the raw documents and the crawl state');
    if (!values.out) throw new UsageError('--out <dir> is required: the folder of the dataset to update');
    const since = readSince(values.since);
    const failOn = values['fail-on'] ?? 'any';
    if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on takes ${FAIL_ON.join(', ')}, got "${failOn}"`);
    let config;
    try {
      config = await readCrawlConfig(positionals[0]!);
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
    const log = (line: string) => {
      if (!values.quiet) process.stderr.write(`crawl: ${line}\n`);
    };
    let summary: CrawlSummary;
    try {
      summary = await crawlSites(config, { storeDir: values.store, outDir: values.out, since, retryFailed: values['retry-failed'], onLog: log });
    } catch (err) {
      if (!(err instanceof StoreBusyError)) throw err;
      process.stderr.write(`jixiao: ${err.message}\n`);
      return 2;
    }
    process.stdout.write(`${formatSummary(summary)} → ${values.out}\n`);
    const counted = failOn === 'never' ? [] : failOn === 'new' ? summary.failures.filter((f) => !f.again) : summary.failures;
    return counted.length > 0 ? 3 : 0;
  },
};

const FAIL_ON = ['any', 'new', 'never'];

/** URLs and documents kept apart: what was visited, what this run parsed, what the dataset now holds. */
export function formatSummary(s: CrawlSummary): string {
  return (
    `crawl: visited ${count(s.pages, 'page')}, ${count(s.attachments, 'attachment')} (${count(s.newUrls, 'URL')} new, ${s.changedUrls} changed, ${s.skipped} skipped), ` +
    `${count(s.failures.length, 'failure')}; parsed this run: ${count(s.parsed, 'document')}, ${count(s.reports, 'report')}; ` +
    `dataset now: ${count(s.dataset.documents, 'document')} (${s.dataset.added} new), ${count(s.dataset.reports, 'report')} ` +
    `(${count(s.requests, 'request')}, ${count(s.downloads, 'download')}${s.resumed ? ', resumed a killed run' : ''})`
  );
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `2024-01-31`, an ISO date-time, or `60d` (days before now: a cron line needs no date arithmetic). */
export function readSince(value: string | undefined, now = new Date()): Date | undefined {
  if (value === undefined) return undefined;
  const days = /^(\d+)d$/.exec(value)?.[1];
  const date = days !== undefined ? new Date(now.getTime() - Number(days) * 86_400_000) : /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--since takes a date such as 2024-01-31, or a number of days such as 60d, got "${value}"`);
  return date;
}
