// Benchmark of the crawler (a script, not a test): serves a generated disclosure site of about
// 1,000 pages and documents on 127.0.0.1 from a child process, crawls it into a fresh store,
// crawls it again unchanged, then again after a few attachments changed.
// Usage: npx tsx test/bench/crawl-bench.ts [--articles 490] [--per-page 25] [--changed 10] [--keep]
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatSummary } from '../../pipeline/commands/crawl';
import { parseCrawlConfig } from '../../pipeline/crawl/config';
import { crawlSites, type CrawlSummary } from '../../pipeline/crawl/crawl';

const ROOT = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '490' },
    'per-page': { type: 'string', default: '25' },
    changed: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '4' },
    keep: { type: 'boolean' },
    serve: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(`Usage: npx tsx test/bench/crawl-bench.ts [options]

Serves a generated disclosure site on 127.0.0.1 (list pages of --per-page articles; each article
one of the corpus HTML pages with its inline tables and one corpus Word attachment, every file
made unique so each is stored and parsed), then crawls it three times into a fresh store:
  1. first crawl: everything is downloaded and parsed;
  2. rerun, nothing changed: conditional requests only (304s);
  3. rerun after --changed attachments were republished.
Prints each summary line, URLs/s of the fetching phase, documents/s of the parsing phase, and
the rerun time as a share of the first crawl's. Nothing but 127.0.0.1 is contacted.

Options:
  --articles <n>      articles, each with one attachment (default 490: ~1,000 URLs)
  --per-page <n>      articles per list page (default 25)
  --changed <n>       attachments changed before the third crawl (default 10)
  --concurrency <n>   concurrencyPerHost of the crawl (default 4)
  --keep              keep the store and dataset in the temp folder
`);
  process.exit(0);
}

const articles = Number(values.articles);
const perPage = Number(values['per-page']);

/** The site, in this process (run as a child, so the server does not share the crawler's event loop). */
async function serve(): Promise<void> {
  const html = readdirSync(join(ROOT, 'corpus/html')).map((f) => readFileSync(join(ROOT, 'corpus/html', f), 'utf8'));
  const docx = readdirSync(join(ROOT, 'corpus/docx')).map((f) => readFileSync(join(ROOT, 'corpus/docx', f)));
  const pages = new Map<string, { body: Buffer; type: string }>();
  const lists = Math.ceil(articles / perPage);
  for (let p = 0; p < lists; p++) {
    const items: string[] = [];
    for (let a = p * perPage; a < Math.min(articles, (p + 1) * perPage); a++) {
      items.push(`<li><a href="/art/t${a}.html">第${a}号 绩效自评情况公告</a><span>2024-03-${String((a % 28) + 1).padStart(2, '0')}</span></li>`);
    }
    const next = p + 1 < lists ? `<a class="next" href="/list/index_${p + 1}.html">下一页</a>` : '';
    pages.set(`/list/index_${p}.html`, { body: Buffer.from(`<html><head><meta charset="utf-8"><title>绩效信息</title></head><body><ul class="list">${items.join('\n')}</ul>${next}</body></html>`), type: 'text/html; charset=utf-8' });
  }
  for (let a = 0; a < articles; a++) {
    // A comment and a zip comment make every file unique without changing what it says.
    const page = html[a % html.length]!.replace('</body>', `<!-- article ${a} --><p><a href="/files/f${a}.docx">附件1.docx</a></p></body>`);
    pages.set(`/art/t${a}.html`, { body: Buffer.from(page), type: 'text/html; charset=utf-8' });
    pages.set(`/files/f${a}.docx`, { body: withZipComment(docx[a % docx.length]!, `bench ${a}`), type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  }
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/__change')) {
      // Republishes the first n attachments with new bytes (bench control, not part of the site).
      const n = Number(new URL(req.url, 'http://x').searchParams.get('n'));
      for (let a = 0; a < n; a++) pages.set(`/files/f${a}.docx`, { body: withZipComment(docx[a % docx.length]!, `bench ${a} v2`), type: pages.get(`/files/f${a}.docx`)!.type });
      return res.end('ok');
    }
    const page = pages.get(req.url ?? '');
    if (!page) return res.writeHead(404).end();
    const etag = `"${createHash('sha1').update(page.body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': page.type, etag, 'content-length': page.body.length }).end(page.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  process.send!({ port: (server.address() as AddressInfo).port, urls: pages.size });
}

/** The end-of-central-directory comment of a zip: unique bytes, the same document. */
function withZipComment(zip: Buffer, comment: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const text = Buffer.from(comment);
  const length = Buffer.alloc(2);
  length.writeUInt16LE(text.length);
  return Buffer.concat([zip.subarray(0, eocd + 20), length, text]);
}

async function bench(): Promise<void> {
  const child: ChildProcess = fork(import.meta.filename, ['--serve', '--articles', String(articles), '--per-page', String(perPage)], { execArgv: ['--import', 'tsx'] });
  try {
    const [{ port, urls }] = (await once(child, 'message')) as [{ port: number; urls: number }];
    const origin = `http://127.0.0.1:${port}`;
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-crawl-bench-'));
    const config = parseCrawlConfig({
      sites: [
        {
          name: 'bench',
          startUrls: [`${origin}/list/index_0.html`],
          articleSelector: 'ul.list a',
          pagination: { nextSelector: 'a.next', maxPages: 1000 },
          concurrencyPerHost: Number(values.concurrency),
          minDelayMs: 0,
          timeoutMs: 10_000,
        },
      ],
    });
    const crawl = async (label: string) => {
      const t = performance.now();
      const summary = await crawlSites(config, { storeDir: join(dir, 'store'), outDir: join(dir, 'out') });
      const ms = performance.now() - t;
      const visited = summary.pages + summary.attachments;
      process.stdout.write(`${label}: ${formatSummary(summary)}\n`);
      process.stdout.write(
        `  ${(ms / 1000).toFixed(1)} s: fetching ${(summary.timings.fetchMs / 1000).toFixed(1)} s (${rate(visited, summary.timings.fetchMs)} URLs/s, ${summary.requests} requests), ` +
          `parsing and writing ${(summary.timings.parseMs / 1000).toFixed(1)} s (${rate(summary.parsed, summary.timings.parseMs)} documents/s); ${rate(visited, ms)} URLs/s overall\n`,
      );
      return { summary, ms };
    };
    process.stdout.write(`site: ${urls} URLs (${Math.ceil(articles / perPage)} list pages, ${articles} articles, ${articles} attachments) on ${origin}\n`);
    const first = await crawl('first crawl');
    const rerun = await crawl('rerun, unchanged');
    await fetch(`${origin}/__change?n=${values.changed}`).then((r) => r.text());
    const changed = await crawl(`rerun, ${values.changed} attachments changed`);
    const share = (r: { ms: number }) => `${((100 * r.ms) / first.ms).toFixed(1)} % of the first crawl`;
    process.stdout.write(`\nrerun unchanged: ${(rerun.ms / 1000).toFixed(2)} s = ${share(rerun)}; with ${values.changed} changed: ${(changed.ms / 1000).toFixed(2)} s = ${share(changed)}\n`);
    check(first.summary, rerun.summary, changed.summary);
    if (values.keep) process.stdout.write(`kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  } finally {
    child.kill();
  }
}

const rate = (n: number, ms: number) => (ms > 0 ? ((1000 * n) / ms).toFixed(1) : '—');

/** The figures only mean something if the crawls did what they should. */
function check(first: CrawlSummary, rerun: CrawlSummary, changed: CrawlSummary): void {
  const problems = [
    first.failures.length > 0 && `first crawl had ${first.failures.length} failures`,
    rerun.downloads > 0 && `the unchanged rerun downloaded ${rerun.downloads} bodies`,
    rerun.parsed > 0 && `the unchanged rerun parsed ${rerun.parsed} documents`,
    changed.changedUrls !== Number(values.changed) && `expected ${values.changed} changed attachments, got ${changed.changedUrls}`,
  ].filter(Boolean);
  if (problems.length > 0) {
    process.stderr.write(`bench: ${problems.join('; ')}\n`);
    process.exitCode = 1;
  }
}

// Last, so every helper above is initialised before it runs.
if (values.serve) await serve();
else await bench();
