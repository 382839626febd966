import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, parseCrawlConfig } from '../pipeline/crawl/config';
import { crawlSites, type CrawlOptions, type CrawlSummary } from '../pipeline/crawl/crawl';
import { ManifestRecordSchema, type ManifestRecord } from '../schemas/manifest';
import { StoreBusyError } from '../pipeline/crawl/store';
import { runBatch } from '../pipeline/run-batch';
import { DatasetSchema, type DocumentResult } from '../schemas/dataset';
import { DOCX, fakeSiteEntry, OFFSITE_HOST, startFakeSite, type FakeSite, type LoggedRequest } from './crawl-fake-site';
import { corpusFile, extractFile, readCsv } from './helpers';

let site: FakeSite;
const dir = mkdtempSync(join(tmpdir(), 'jixiao-crawl-'));
const store = join(dir, 'store');
const out = join(dir, 'out');
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const configFor = (origin: string, extra: Record<string, unknown> = {}) =>
  parseCrawlConfig({
    sites: [fakeSiteEntry(origin, extra)],
  });

/** One crawl, returning its summary and the requests the site saw during it. */
async function crawl(options: Partial<CrawlOptions> = {}, siteOptions: Record<string, unknown> = {}): Promise<{ summary: CrawlSummary; requests: LoggedRequest[] }> {
  site.log.length = 0;
  const summary = await crawlSites(configFor(site.origin, siteOptions), { storeDir: store, outDir: out, ...options });
  return { summary, requests: [...site.log] };
}

const manifest = (storeDir = store) => {
  const latest = new Map<string, ManifestRecord>();
  for (const line of readFileSync(join(storeDir, 'manifest.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const record = ManifestRecordSchema.parse(JSON.parse(line));
    latest.set(record.url, record);
  }
  return latest;
};
const dataset = (outDir = out) => DatasetSchema.parse(JSON.parse(readFileSync(join(outDir, 'dataset.json'), 'utf8')));
const documentAt = (path: string, outDir = out) => dataset(outDir).documents.find((d) => d.document.source === new URL(path, site.origin).href);
/** A result without what depends on where it was read from, for comparing a crawled document with the same file read locally. */
const portable = (r: DocumentResult) => ({
  document: { ...r.document, source: '', fetched_at: null },
  reports: r.reports.map((x) => ({ ...x, report: { ...x.report, source: '' } })),
});

let first: Awaited<ReturnType<typeof crawl>>;

beforeAll(async () => {
  site = await startFakeSite();
  first = await crawl();
}, 180_000);
afterAll(() => site.close());

describe('a first crawl of the fake disclosure site', () => {
  it('visits the three list pages, six articles and five attachments, and lists what failed', () => {
    expect(first.summary).toMatchObject({ pages: 9, attachments: 5, newUrls: 11, changedUrls: 0, parsed: 11, skipped: 1, resumed: false });
    const failed = Object.fromEntries(first.summary.failures.map((f) => [new URL(f.url).pathname, f.reason]));
    expect(Object.keys(failed).sort()).toEqual(['/files/big.pdf', '/files/missing.pdf', '/files/slow.pdf', '/loop/a.pdf']);
    expect(failed['/files/slow.pdf']).toMatch(/sent nothing for 300 ms/);
    expect(failed['/loop/a.pdf']).toMatch(/redirect loop: .*\/loop\/a\.pdf → .*\/loop\/b\.pdf → .*\/loop\/a\.pdf/);
    expect(failed['/files/big.pdf']).toMatch(/over the 200000-byte limit/);
    expect(failed['/files/missing.pdf']).toMatch(/HTTP 404/);
  });

  it('retries the 500 until it recovers and the timeout until it gives up, never the 404 or the loop', () => {
    const count = (path: string) => first.requests.filter((r) => r.path === path).map((r) => r.status);
    expect(count('/art/2024/t20240220_5.html')).toEqual([500, 200]);
    expect(count('/files/slow.pdf')).toHaveLength(2);
    expect(count('/files/missing.pdf')).toEqual([404]);
    expect(count('/loop/a.pdf')).toEqual([302]);
    expect(count('/loop/b.pdf')).toEqual([302]);
  });

  it('reads robots.txt first, keeps out of /private/ and off other hosts, and says who it is', () => {
    expect(first.requests[0]!.path).toBe('/robots.txt');
    expect(first.requests.filter((r) => r.path.startsWith('/private/'))).toEqual([]);
    expect(first.requests.filter((r) => r.host.startsWith(OFFSITE_HOST))).toEqual([]);
    expect(new Set(first.requests.map((r) => r.userAgent))).toEqual(new Set([DEFAULT_USER_AGENT]));
  });

  it('stores each raw document under its sha256, never under a name from the URL', () => {
    const files = readdirSync(join(store, 'objects'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBe(14); // 3 list pages, 6 articles, 5 attachments
    for (const f of files) {
      const path = join(f.parentPath, f.name);
      const [, hash] = /^objects\/[0-9a-f]{2}\/([0-9a-f]{64})\.(html|docx)$/.exec(relative(store, path)) ?? [];
      expect(hash).toBe(sha256(readFileSync(path)));
    }
  });

  it('records where each document came from: list page, link text, article title, date', () => {
    const records = manifest();
    const attachment = records.get(new URL('/files/附件1.docx', site.origin).href)!;
    expect(attachment).toMatchObject({
      kind: 'attachment',
      status: 200,
      referrer: `${site.origin}/art/2024/t20240315_1.html`,
      link_text: '附件1.docx',
      article_title: '关于公开黔南州2023年度项目支出绩效自评情况的公告',
      sha256: sha256(DOCX.qiannan),
      content_type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      last_modified: 'Tue, 02 Jan 2024 08:00:00 GMT',
      error: null,
    });
    expect(attachment.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(records.get(`${site.origin}/art/2024/t20240315_1.html`)).toMatchObject({
      kind: 'article',
      referrer: `${site.origin}/list/index.html`,
      // The list page cut the title short; its title attribute has it whole.
      link_text: '关于公开黔南州2023年度项目支出绩效自评情况的公告',
      list_date: '2024-03-15',
    });
    // A download script served as application/octet-stream: the bytes say .docx.
    expect(records.get(`${site.origin}/download.jsp?id=7`)).toMatchObject({ link_text: '附件2.docx', object: expect.stringMatching(/\.docx$/) });
    // A document linked straight from a list page: its link text stands for the article title.
    expect(records.get(`${site.origin}/files/direct.docx`)).toMatchObject({ kind: 'attachment', referrer: `${site.origin}/list/index_2.html`, article_title: '广西转移支付区域绩效自评表.docx' });
    expect(records.get(`${site.origin}/files/missing.pdf`)).toMatchObject({ status: 404, error_final: true, sha256: null });
    expect(records.get(`${site.origin}/files/slow.pdf`)).toMatchObject({ status: null, error_final: false });
    // The server answered these, though nothing was kept: the record says how it answered.
    expect(records.get(`${site.origin}/files/big.pdf`)).toMatchObject({ status: 200, error_final: true, sha256: null });
    expect(records.get(`${site.origin}/loop/a.pdf`)).toMatchObject({ status: 302, error_final: true, sha256: null });
  });

  it('decodes the GBK list page and the GBK article (declared only in a <meta>)', async () => {
    const records = manifest();
    expect(records.get(`${site.origin}/list/index_1.html`)!.charset).toBe('gb18030');
    expect(records.get(`${site.origin}/art/2024/t20240301_4.html`)).toMatchObject({ link_text: '广西医疗救助补助资金转移支付区域绩效自评', list_date: '2024-03-01', charset: 'gb18030' });
    const crawled = documentAt('/art/2024/t20240301_4.html')!;
    expect(crawled.reports[0]!.report.province).toBe('广西壮族自治区');
    expect(portable(crawled)).toEqual(portable(await extractFile(corpusFile('html', '002'))));
  });

  it('extracts every document as if read from disk, and writes one dataset row per content', async () => {
    const same: Array<[string, string]> = [
      ['/files/附件1.docx', corpusFile('docx', '004')],
      ['/download.jsp?id=7', corpusFile('docx', '000')],
      ['/files/changing.docx', corpusFile('docx', '001')],
      ['/files/direct.docx', corpusFile('docx', '002')],
      ['/art/2024/t20240201_6.html', corpusFile('html', '003')],
    ];
    for (const [path, file] of same) expect(portable(documentAt(path)!)).toEqual(portable(await extractFile(file)));
    // The article pages with only a link and no table are documents without a report, not failures.
    expect(documentAt('/art/2024/t20240310_2.html')!.document.status).toBe('no_report');
    const rows = readCsv(readFileSync(join(out, 'documents.csv'), 'utf8').slice(1)).rows;
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map((r) => r.sha256)).size).toBe(11);
    expect(first.summary.dataset).toEqual({ documents: 11, reports: first.summary.reports, added: 11 });
  });
});

describe('crawling again', () => {
  it('downloads nothing from the unchanged site: every answer is a 304 to a conditional request', async () => {
    const before = readFileSync(join(out, 'dataset.json'), 'utf8');
    const written = statSync(join(out, 'dataset.json')).mtimeMs;
    const { summary, requests } = await crawl();
    expect(summary).toMatchObject({ newUrls: 0, changedUrls: 0, parsed: 0, reports: 0, downloads: 0, dataset: { documents: 11, added: 0 } });
    // The timed-out URL is asked again (a timeout may pass), but never answered in time;
    // the 404, the loop and the oversize file are not asked again.
    expect(summary.failures.map((f) => new URL(f.url).pathname)).toEqual(['/files/slow.pdf']);
    expect(summary.skipped).toBe(4);
    const answered = requests.filter((r) => r.completed);
    expect(answered.length).toBe(15); // robots.txt, 3 list pages, 6 articles, 5 attachments
    expect(answered.every((r) => r.status === 304 && r.conditional)).toBe(true);
    expect(requests.filter((r) => !r.completed).map((r) => r.path)).toEqual(['/files/slow.pdf', '/files/slow.pdf']);
    expect(readFileSync(join(out, 'dataset.json'), 'utf8')).toBe(before);
    // Nothing changed, so nothing is rewritten: whoever watches the files sees no new version.
    expect(statSync(join(out, 'dataset.json')).mtimeMs).toBe(written);
  });

  it('finds the links again when the site\'s options change, though the pages have not', async () => {
    const { summary, requests } = await crawl({}, { attachmentPattern: String.raw`\.docx$` });
    expect(requests.filter((r) => r.path.endsWith('.pdf'))).toEqual([]);
    expect(summary.failures).toEqual([]);
    // With the default options again, the slow PDF is asked for again (a timeout is retried).
    expect((await crawl()).requests.filter((r) => r.path === '/files/slow.pdf')).toHaveLength(2);
  });

  it('fetches a changed attachment once, parses it once, and replaces its old version in the dataset', async () => {
    const oldSha = documentAt('/files/changing.docx')!.document.sha256;
    const cached = readdirSync(join(out, '.jixiao', 'crawl')).length;
    site.changeAttachment();
    const { summary, requests } = await crawl();
    expect(summary).toMatchObject({ newUrls: 0, changedUrls: 1, parsed: 1, downloads: 1, dataset: { documents: 11, added: 1 } });
    expect(requests.filter((r) => r.status === 200 && r.completed).map((r) => r.path)).toEqual(['/files/changing.docx']);
    const doc = documentAt('/files/changing.docx')!;
    expect(doc.document.sha256).not.toBe(oldSha);
    expect(doc.reports[0]!.report.budget_annual).toBe('6560.15');
    expect(dataset().documents.filter((d) => d.document.sha256 === oldSha)).toEqual([]);
    expect(dataset().documents).toHaveLength(11);
    expect(readdirSync(join(out, '.jixiao', 'crawl')).length).toBe(cached + 1);

    const again = await crawl();
    expect(again.summary).toMatchObject({ changedUrls: 0, parsed: 0, downloads: 0 });
  });

  it('asks again for what failed for good only with --retry-failed', async () => {
    const remembered = ['/files/big.pdf', '/files/missing.pdf', '/loop/a.pdf'];
    const asked = (requests: LoggedRequest[]) => remembered.filter((path) => requests.some((r) => r.path === path));
    expect(asked((await crawl()).requests)).toEqual([]);
    const retried = await crawl({ retryFailed: true });
    expect(asked(retried.requests)).toEqual(remembered);
    expect(retried.summary.failures.map((f) => new URL(f.url).pathname).sort()).toEqual([...remembered, '/files/slow.pdf'].sort());
  });

  it('with --since, skips articles the list dates earlier, and does not ask again for documents fetched earlier', async () => {
    const fresh = { storeDir: join(dir, 'store-since'), outDir: join(dir, 'out-since') };
    // Results are keyed by content: copying them spares parsing the same documents again.
    cpSync(join(out, '.jixiao'), join(fresh.outDir, '.jixiao'), { recursive: true });
    const dated = await crawl({ ...fresh, since: new Date('2024-01-01T00:00:00Z') });
    const paths = dated.requests.map((r) => r.path);
    expect(paths).not.toContain('/art/2023/t20230620_3.html');
    expect(paths).not.toContain('/files/old.docx');
    expect(paths).toContain('/art/2024/t20240201_6.html');
    expect(dated.summary.newUrls).toBe(9);

    const { requests } = await crawl({ since: new Date(Date.now() + 86_400_000) });
    expect(new Set(requests.map((r) => r.path))).toEqual(new Set(['/robots.txt', '/list/index.html', '/list/index_1.html', '/list/index_2.html']));
  });

  it('keeps a second crawl off a store that one is using', async () => {
    const small = configFor(site.origin, { startUrls: [`${site.origin}/list/index_2.html`], pagination: { maxPages: 1 } });
    const options = { storeDir: join(dir, 'store-busy'), outDir: join(dir, 'out-busy') };
    const both = await Promise.allSettled([crawlSites(small, options), crawlSites(small, options)]);
    const refused = both.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(StoreBusyError);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/another crawl \(pid \d+\) is using the store .*store-busy: wait for it to finish/);
    // Released at the end: the next crawl gets in.
    expect((await crawlSites(small, options)).downloads).toBe(0);
  });

  it('merges into a dataset that jixiao extract wrote into the same folder, parsing only what has no saved result', async () => {
    const changing = documentAt('/files/changing.docx')!.document.sha256;
    await runBatch([corpusFile('seeds', '002')], { outDir: out });
    expect(dataset().documents).toHaveLength(1);
    rmSync(join(out, '.jixiao', 'crawl', `${changing}.json`));
    const { summary } = await crawl();
    expect(summary).toMatchObject({ downloads: 0, parsed: 1 });
    const sources = dataset().documents.map((d) => d.document.source);
    expect(sources).toHaveLength(12);
    expect(sources[0]).toBe(corpusFile('seeds', '002'));
    expect(new Set(dataset().documents.map((d) => d.document.sha256)).size).toBe(12);
    const again = await crawl();
    expect(again.summary.parsed).toBe(0);
    expect(dataset().documents.map((d) => d.document.source)).toEqual(sources);
  }, 180_000);
});
