import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCrawlConfig } from '../pipeline/crawl/config';
import { detectCharset, detectContentType, nameDocument } from '../pipeline/crawl/content-type';
import { readArticlePage, readListPage } from '../pipeline/crawl/discover';
import { isAllowedByRobots, parseRobots } from '../pipeline/crawl/robots';
import { DOCX } from './crawl-fake-site';

const UA = 'jixiao/0.1 (+https://example.invalid/jixiao; research crawler)';
const allowed = (robots: string, path: string) => isAllowedByRobots(parseRobots(robots, UA), new URL(path, 'https://www.example.invalid'));

describe('robots.txt', () => {
  const text = `# comment
User-agent: *
Disallow: /

User-agent: Googlebot
User-agent: JIXIAO
Disallow: /private/
Allow: /private/open/
Disallow: /*.xls$
Crawl-delay: 2
`;

  it('follows the group naming our product token, not "*"', () => {
    expect(allowed(text, '/zwgk/index.html')).toBe(true);
    expect(allowed('User-agent: *\nDisallow: /\n', '/zwgk/index.html')).toBe(false);
    expect(allowed('User-agent: jixiaobot\nDisallow: /\n', '/zwgk/index.html')).toBe(true);
  });

  it('lets the longest matching rule win, with wildcards and end anchors', () => {
    expect(allowed(text, '/private/secret.pdf')).toBe(false);
    expect(allowed(text, '/private/open/report.pdf')).toBe(true);
    expect(allowed(text, '/files/budget.xls')).toBe(false);
    expect(allowed(text, '/files/budget.xlsx')).toBe(true);
    expect(allowed(text, '/robots.txt')).toBe(true);
  });

  it('prefers Allow on a tie and ignores an empty Disallow', () => {
    expect(allowed('User-agent: *\nDisallow: /a\nAllow: /a\n', '/a/b')).toBe(true);
    expect(allowed('User-agent: *\nDisallow:\n', '/anything')).toBe(true);
  });

  it('reads the Crawl-delay of the chosen group', () => {
    expect(parseRobots(text, UA).crawlDelayMs).toBe(2000);
  });
});

describe('content types and names', () => {
  const gbkPage = iconv.encode('<html><head><title>绩效自评</title></head><body><table><tr><td>一级指标</td></tr></table></body></html>', 'gbk');

  it('believes the bytes over the server', () => {
    expect(detectContentType('application/octet-stream', DOCX.jiange, 'http://x.invalid/download.jsp?id=1')).toMatchObject({ mime: expect.stringContaining('wordprocessingml'), ext: 'docx' });
    expect(detectContentType('text/html', Buffer.from('%PDF-1.7\n...'), 'http://x.invalid/a.html')).toMatchObject({ mime: 'application/pdf', ext: 'pdf' });
    expect(detectContentType(null, Buffer.from('\x89PNG\r\n\x1a\n....', 'latin1'), 'http://x.invalid/a')).toMatchObject({ ext: 'png' });
    expect(detectContentType('application/octet-stream', Buffer.from('plain words'), 'http://x.invalid/files/a.xls')).toMatchObject({ ext: 'xls' });
  });

  it('finds the charset of a GBK page declared in the header, in a <meta>, or nowhere', () => {
    expect(detectCharset('text/html; charset=GBK', gbkPage)).toBe('gb18030');
    expect(detectCharset('text/html', Buffer.concat([Buffer.from('<meta charset="gb2312">'), gbkPage]))).toBe('gb18030');
    expect(detectCharset(null, gbkPage)).toBe('gb18030');
    expect(detectCharset(null, Buffer.from('<p>绩效</p>'))).toBe('utf-8');
  });

  it('does not trust a UTF-8 declaration over bytes that are not UTF-8', () => {
    expect(detectCharset('text/html; charset=utf-8', gbkPage)).toBe('gb18030');
    expect(detectContentType('text/html; charset=utf-8', gbkPage, 'http://x.invalid/a.html').charset).toBe('gb18030');
  });

  it('names a download-script document after its link text, with the extension of what it is', () => {
    const docx = detectContentType('application/octet-stream', DOCX.jiange, 'http://x.invalid/download.jsp?id=1');
    expect(nameDocument('http://x.invalid/download.jsp?id=1', '附件1.doc', docx)).toBe('附件1.docx');
    expect(nameDocument('http://x.invalid/files/%E9%99%84%E4%BB%B61.docx', null, docx)).toBe('附件1.docx');
    expect(nameDocument('http://x.invalid/files/..%2F..%2Fetc%2Fpasswd', null, docx)).toBe('.._.._etc_passwd.docx');
  });
});

describe('discovering links', () => {
  const site = parseCrawlConfig({
    sites: [{ name: 's', startUrls: ['https://www.example.invalid/zwgk/jxxx/index.html'], articleSelector: 'ul.list', pagination: { nextSelector: 'a.next', urlPattern: '/jxxx/index_\\d+\\.html$' } }],
  }).sites[0]!;
  const list = `<html><head><base href="https://www.example.invalid/zwgk/jxxx/"></head><body>
<nav><a href="/">首页</a></nav>
<ul class="list">
 <li><a href="./202403/t20240315_1.html" title="关于公开黔南州2023年度项目支出绩效自评情况的公告">关于公开黔南州2023年度…</a><span>2024-03-15</span></li>
 <li><a href="https://other.invalid/t.html">别处</a><span>2024-03-14</span></li>
 <li><a href="./P020240301.pdf">2023年度绩效自评表.pdf</a> 2024年3月1日</li>
 <li><a href="javascript:void(0)">无</a></li>
</ul>
<a class="next" href="index_1.html">下一页</a> <a href="index_7.html">7</a> <a href="#top">顶部</a>
</body></html>`;

  it('sorts a list page into list pages, articles and attachments, resolved against <base>, on allowed hosts only', () => {
    const links = readListPage(list, 'https://www.example.invalid/zwgk/jxxx/index.html', site);
    expect(links.nextPages.sort()).toEqual(['https://www.example.invalid/zwgk/jxxx/index_1.html', 'https://www.example.invalid/zwgk/jxxx/index_7.html']);
    expect(links.articles).toEqual([
      { url: 'https://www.example.invalid/zwgk/jxxx/202403/t20240315_1.html', text: '关于公开黔南州2023年度项目支出绩效自评情况的公告', date: '2024-03-15' },
    ]);
    expect(links.attachments).toEqual([{ url: 'https://www.example.invalid/zwgk/jxxx/P020240301.pdf', text: '2023年度绩效自评表.pdf', date: '2024-03-01' }]);
  });

  it('reads an article title and its attachments, recognising a download script by its link text', () => {
    const article = `<html><head><meta name="ArticleTitle" content="关于公开剑阁县2022年度绩效自评情况的公告"><title>剑阁县人民政府</title></head>
<body><h1>剑阁县人民政府</h1><p><a href="/download.jsp?fileid=9">附件1.xlsx</a> <a href="../files/附件2.PDF">附件2</a> <a href="/zwgk/other.html">上一篇</a></p></body></html>`;
    const links = readArticlePage(article, 'https://www.example.invalid/zwgk/jxxx/202403/t1.html', site);
    expect(links.title).toBe('关于公开剑阁县2022年度绩效自评情况的公告');
    expect(links.attachments.map((a) => [a.url, a.text])).toEqual([
      ['https://www.example.invalid/download.jsp?fileid=9', '附件1.xlsx'],
      ['https://www.example.invalid/zwgk/jxxx/files/%E9%99%84%E4%BB%B62.PDF', '附件2'],
    ]);
  });
});
