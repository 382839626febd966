/**
 * A fake government disclosure site on 127.0.0.1 for the crawler tests: a real node:http
 * server, three paginated list pages (one GBK), article pages carrying the corpus pages'
 * inline tables, corpus Word files as attachments, and the troubles real portals have.
 * Every request is logged with what was answered, so tests can say what was downloaded.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import JSZip from 'jszip';
import { corpusFile } from './helpers';

export interface LoggedRequest {
  path: string;
  host: string;
  userAgent: string;
  conditional: boolean;
  status: number;
  /** The response was sent in full (false when the client gave up first). */
  completed: boolean;
}

export interface FakeSite {
  origin: string;
  log: LoggedRequest[];
  /** Called on every request before it is answered (the kill-and-resume test uses it). */
  onRequest?: (count: number) => void;
  /** Publishes a corrected /files/changing.docx (budget 6560.14 → 6560.15; new ETag and Last-Modified). */
  changeAttachment(): void;
  close(): Promise<void>;
}

export const DOCX = {
  qiannan: readFileSync(corpusFile('docx', '004')),
  transfer: readFileSync(corpusFile('docx', '000')),
  jiange: readFileSync(corpusFile('docx', '001')),
  guangxi: readFileSync(corpusFile('docx', '002')),
  jinfeng: readFileSync(corpusFile('docx', '003')),
};
export const HTML = {
  qiannan: readFileSync(corpusFile('html', '004'), 'utf8'),
  transfer: readFileSync(corpusFile('html', '000'), 'utf8'),
  guangxiGbk: readFileSync(corpusFile('html', '002')),
  jinfeng: readFileSync(corpusFile('html', '003'), 'utf8'),
};
export const OFFSITE_HOST = 'localhost';

/** A site entry for the fake site, with short timeouts and no delay so tests stay fast. */
export const fakeSiteEntry = (origin: string, extra: Record<string, unknown> = {}) => ({
  name: 'fake',
  startUrls: [`${origin}/list/index.html`],
  articleSelector: 'ul.list a',
  pagination: { nextSelector: 'a.next' },
  minDelayMs: 0,
  timeoutMs: 300,
  retries: 1,
  retryDelayMs: 20,
  maxBytes: 200_000,
  ...extra,
});

interface Resource {
  body: Buffer;
  type: string;
  lastModified: string;
  /** List pages validate by date only, documents by ETag too: both kinds of conditional request get tested. */
  etag: boolean;
}

const html = (text: string) => Buffer.from(text, 'utf8');
const withLinks = (page: string, links: string) => page.replace('</body>', `<div class="attachments">${links}</div></body>`);
const listPage = (items: string, next: string) =>
  `<!doctype html><html><head><title>绩效信息公开</title></head><body><nav><a href="/">首页</a> <a href="/zwgk/">政务公开</a></nav>
<ul class="list">${items}</ul><div class="pages">${next}</div></body></html>`;
const OLD = 'Tue, 02 Jan 2024 08:00:00 GMT';

/** The 剑阁县 Word file with its budget figure corrected, as a site republishes a document. */
export async function correctedJiange(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(DOCX.jiange);
  const xml = await zip.file('word/document.xml')!.async('string');
  if (!xml.includes('6560.14')) throw new Error('corpus/docx/001 no longer prints 6560.14: update the fake site');
  zip.file('word/document.xml', xml.replaceAll('6560.14', '6560.15'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function startFakeSite(): Promise<FakeSite> {
  const corrected = await correctedJiange();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const offsite = `http://${OFFSITE_HOST}:${port}`;
  const routes = new Map<string, Resource>();
  const add = (path: string, body: Buffer, type: string, etag = true) => routes.set(path, { body, type, lastModified: OLD, etag });

  add(
    '/robots.txt',
    html('# everyone else stays out; jixiao may read all but /private/\nUser-agent: *\nDisallow: /\n\nUser-agent: jixiao\nDisallow: /private/\n'),
    'text/plain',
  );
  add(
    '/list/index.html',
    html(
      listPage(
        `<li><a href="../art/2024/t20240315_1.html" title="关于公开黔南州2023年度项目支出绩效自评情况的公告">关于公开黔南州2023年度项目支出绩效…</a><span>2024-03-15</span></li>
<li><a href="/art/2024/t20240310_2.html">剑阁县医疗保障局2022年度部门整体支出绩效自评</a><span>2024-03-10</span></li>
<li><a href="/art/2023/t20230620_3.html">金凤区2021年度绩效自评（旧）</a><span>2023-06-20</span></li>`,
        '<a class="next" href="index_1.html">下一页</a>',
      ),
    ),
    'text/html; charset=utf-8',
    false,
  );
  // GBK, declared only in the Content-Type header, as many portals do.
  add(
    '/list/index_1.html',
    iconv.encode(
      listPage(
        `<li><a href="/art/2024/t20240301_4.html">广西医疗救助补助资金转移支付区域绩效自评</a> 2024年3月1日</li>
<li><a href="/art/2024/t20240220_5.html">医疗保障转移支付资金绩效自评</a><span>2024-02-20</span></li>
<li><a href="${offsite}/art/2024/elsewhere.html">别处的文章</a><span>2024-02-19</span></li>`,
        '<a href="index.html">上一页</a> <a class="next" href="index_2.html">下一页</a>',
      ),
      'gbk',
    ),
    'text/html; charset=GBK',
    false,
  );
  add(
    '/list/index_2.html',
    html(
      listPage(
        `<li><a href="/art/2024/t20240201_6.html">金凤区医疗救助补助资金绩效评价报告</a><span>2024-02-01</span></li>
<li><a href="/files/direct.docx">广西转移支付区域绩效自评表.docx</a><span>2024-01-30</span></li>`,
        '<a href="index_1.html">上一页</a>',
      ),
    ),
    'text/html; charset=utf-8',
    false,
  );
  // The same Word file at two URLs (only from this list page, a start URL of its own): two URLs, one document.
  add(
    '/list/copies.html',
    html(
      listPage(
        `<li><a href="/art/2024/t20240201_6.html">金凤区医疗救助补助资金绩效评价报告</a><span>2024-02-01</span></li>
<li><a href="/files/direct.docx">广西转移支付区域绩效自评表.docx</a><span>2024-01-30</span></li>
<li><a href="/files/direct-copy.docx">广西转移支付区域绩效自评表（副本）.docx</a><span>2024-01-30</span></li>`,
        '',
      ),
    ),
    'text/html; charset=utf-8',
    false,
  );
  // Article pages: the corpus pages (inline tables) with attachment links added.
  add(
    '/art/2024/t20240315_1.html',
    html(withLinks(HTML.qiannan, '<a href="/files/附件1.docx">附件1.docx</a> <a href="/download.jsp?id=7">附件2.docx</a>')),
    'text/html; charset=utf-8',
  );
  add(
    '/art/2024/t20240310_2.html',
    html('<html><head><meta charset="utf-8"><title>剑阁县医疗保障局2022年度部门整体支出绩效自评 - 剑阁县</title></head><body><h1>剑阁县医疗保障局2022年度部门整体支出绩效自评</h1><p>详见附件。</p><a href="/files/changing.docx">附件1.docx</a></body></html>'),
    'text/html; charset=utf-8',
  );
  add(
    '/art/2023/t20230620_3.html',
    html('<html><head><meta charset="utf-8"><title>金凤区2021年度绩效自评</title></head><body><h1>金凤区2021年度绩效自评</h1><a href="/files/old.docx">附件.docx</a></body></html>'),
    'text/html; charset=utf-8',
  );
  add('/art/2024/t20240301_4.html', HTML.guangxiGbk, 'text/html');
  add(
    '/art/2024/t20240220_5.html',
    html(
      withLinks(
        HTML.transfer,
        ['/files/slow.pdf', '/loop/a.pdf', '/files/big.pdf', '/private/secret.docx', `${offsite}/files/offsite.docx`, '/files/missing.pdf']
          .map((href, i) => `<a href="${href}">附件${i + 1}</a>`)
          .join(' '),
      ),
    ),
    'text/html; charset=utf-8',
  );
  add('/art/2024/t20240201_6.html', html(HTML.jinfeng), 'text/html; charset=utf-8');
  add('/files/附件1.docx', DOCX.qiannan, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  // A download script: no extension, a generic type; the link text and the bytes say what it is.
  add('/download.jsp?id=7', DOCX.transfer, 'application/octet-stream');
  add('/files/changing.docx', DOCX.jiange, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  add('/files/old.docx', DOCX.jinfeng, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  add('/files/direct.docx', DOCX.guangxi, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  add('/files/direct-copy.docx', DOCX.guangxi, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  add('/private/secret.docx', DOCX.jiange, 'application/octet-stream');
  add('/files/offsite.docx', DOCX.jiange, 'application/octet-stream');

  let flakyFailures = 1;
  const site: FakeSite = {
    origin: `http://127.0.0.1:${port}`,
    log: [],
    changeAttachment() {
      routes.set('/files/changing.docx', { ...routes.get('/files/changing.docx')!, body: corrected, lastModified: new Date().toUTCString() });
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(req.url ?? '/');
    const entry: LoggedRequest = {
      path,
      host: req.headers.host ?? '',
      userAgent: req.headers['user-agent'] ?? '',
      conditional: Boolean(req.headers['if-none-match'] || req.headers['if-modified-since']),
      status: 0,
      completed: false,
    };
    site.log.push(entry);
    res.on('finish', () => (entry.completed = true));
    site.onRequest?.(site.log.length);
    const send = (status: number, headers: Record<string, string | number> = {}, body?: Buffer | string) => {
      entry.status = status;
      res.writeHead(status, headers);
      res.end(body);
    };
    // The troubles of real portals.
    if (path === '/art/2024/t20240220_5.html' && flakyFailures > 0) {
      flakyFailures--;
      return send(500, { 'content-type': 'text/plain' }, 'temporarily unavailable');
    }
    if (path === '/files/slow.pdf') {
      entry.status = 200;
      setTimeout(() => res.writableEnded || res.destroyed || send(200, { 'content-type': 'application/pdf' }, '%PDF-1.4 late'), 1000);
      return;
    }
    if (path === '/loop/a.pdf') return send(302, { location: '/loop/b.pdf' });
    if (path === '/loop/b.pdf') return send(302, { location: '/loop/a.pdf' });
    if (path === '/files/big.pdf') {
      // Chunked, no Content-Length: the limit has to be enforced while reading.
      entry.status = 200;
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 40 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    const resource = routes.get(path);
    if (!resource) return send(404, { 'content-type': 'text/plain' }, 'not found');
    const etag = `"${createHash('sha1').update(resource.body).digest('hex').slice(0, 16)}"`;
    const headers: Record<string, string | number> = { 'content-type': resource.type, 'last-modified': resource.lastModified, 'content-length': resource.body.length };
    if (resource.etag) headers.etag = etag;
    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    const unchanged =
      resource.etag && ifNoneMatch ? ifNoneMatch === etag : ifModifiedSince ? Date.parse(ifModifiedSince) >= Date.parse(resource.lastModified) : false;
    if (unchanged) return send(304, resource.etag ? { etag, 'last-modified': resource.lastModified } : { 'last-modified': resource.lastModified });
    send(200, headers, resource.body);
  });
  return site;
}
