import { load, type CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { isAllowedHost, type SiteConfig } from './config';
import { parseDate } from '../values';

/** A link worth following, with what the page printed about it. */
export interface FoundLink {
  /** Absolute, without the #fragment. */
  url: string;
  /** The link's text (its title attribute when the text is cut short with "…"). */
  text: string;
  /** The date printed beside the link on a list page (YYYY-MM-DD), when there is one. */
  date: string | null;
}

export interface ListPageLinks {
  nextPages: string[];
  articles: FoundLink[];
  /** Some list pages link documents directly. */
  attachments: FoundLink[];
}

export interface ArticlePageLinks {
  title: string | null;
  attachments: FoundLink[];
}

/** The links on a disclosure list page: further list pages, articles, documents. Only allowed hosts. */
export function readListPage(html: string, pageUrl: string, site: SiteConfig): ListPageLinks {
  const page = openPage(html, pageUrl);
  const { $ } = page;
  const nextPages = new Set<string>();
  if (site.pagination.nextSelector) {
    for (const el of findLinksIn($, $(site.pagination.nextSelector).toArray())) {
      const url = page.resolve(el, site);
      if (url) nextPages.add(url);
    }
  }
  const all = $('a[href]').toArray();
  if (site.pagination.urlPattern) {
    for (const el of all) {
      const url = page.resolve(el, site);
      if (url && site.pagination.urlPattern.test(url)) nextPages.add(url);
    }
  }
  nextPages.delete(page.url);
  // A list often links a PDF among its articles: by its type it is an attachment, not a page to read links from.
  const attachments = collectLinks(page, all, site, (url, text) => !nextPages.has(url) && isAttachment(site, url, text));
  const taken = new Set([...nextPages, ...attachments.map((a) => a.url)]);
  const candidates = site.articleSelector ? findLinksIn($, $(site.articleSelector).toArray()) : all;
  const articles = collectLinks(page, candidates, site, (url) => !taken.has(url) && (!site.articlePattern || site.articlePattern.test(url)));
  return { nextPages: [...nextPages], articles, attachments };
}

/** An article page's title and its attachment links. */
export function readArticlePage(html: string, pageUrl: string, site: SiteConfig): ArticlePageLinks {
  const page = openPage(html, pageUrl);
  const { $ } = page;
  // TRS-built portals (most Chinese government sites) put the headline in <meta name="ArticleTitle">.
  const title =
    [$('meta[name="ArticleTitle"]').attr('content'), $('h1').first().text(), $('title').first().text()]
      .map((t) => normaliseSpace(t ?? ''))
      .find((t) => t.length > 0) ?? null;
  const attachments = collectLinks(page, $('a[href]').toArray(), site, (url, text) => isAttachment(site, url, text));
  return { title, attachments };
}

function isAttachment(site: SiteConfig, url: string, text: string): boolean {
  const p = site.attachmentPattern;
  return p.test(url) || p.test(new URL(url).pathname) || p.test(text);
}

interface OpenPage {
  $: CheerioAPI;
  url: string;
  /** The link's absolute URL when it is an http(s) link to an allowed host, else null. */
  resolve(el: Element, site: SiteConfig): string | null;
}

function openPage(html: string, pageUrl: string): OpenPage {
  const $ = load(html);
  let base = new URL(pageUrl);
  const declared = $('base[href]').attr('href');
  if (declared) {
    try {
      base = new URL(declared, pageUrl);
    } catch {
      // An unusable <base> is ignored, as browsers do.
    }
  }
  return {
    $,
    url: pageUrl,
    resolve(el, site) {
      const href = ($(el).attr('href') ?? '').trim();
      if (!href || /^(javascript|mailto|tel|data):/i.test(href) || href.startsWith('#')) return null;
      try {
        const url = new URL(href, base);
        url.hash = '';
        if (!['http:', 'https:'].includes(url.protocol) || !isAllowedHost(site, url)) return null;
        return url.href;
      } catch {
        return null;
      }
    },
  };
}

/** The links a selector chose: the elements themselves when they are links, else links inside them. */
function findLinksIn($: CheerioAPI, nodes: AnyNode[]): Element[] {
  return nodes.flatMap((node) => ($(node).is('a[href]') && 'tagName' in node ? [node] : $(node).find('a[href]').toArray()));
}

function collectLinks(page: OpenPage, elements: Element[], site: SiteConfig, keep: (url: string, text: string) => boolean): FoundLink[] {
  const found = new Map<string, FoundLink>();
  for (const el of elements) {
    const url = page.resolve(el, site);
    if (!url) continue;
    const text = readLinkText(page.$, el);
    if (!keep(url, text)) continue;
    const earlier = found.get(url);
    // The same article is often linked twice (a picture and a headline): keep the words.
    if (!earlier || (!earlier.text && text)) found.set(url, { url, text, date: earlier?.date ?? readPrintedDate(page.$, el) });
  }
  return [...found.values()];
}

function readLinkText($: CheerioAPI, el: Element): string {
  const text = normaliseSpace($(el).text());
  const title = normaliseSpace($(el).attr('title') ?? '');
  if (title.length > text.length && (text === '' || /(\.\.\.|…)$/.test(text))) return title;
  return text || title || normaliseSpace($(el).find('img[alt]').attr('alt') ?? '');
}

/** The date printed in the link's own list item or table row, outside the link text. */
function readPrintedDate($: CheerioAPI, el: Element): string | null {
  const row = $(el).closest('li, tr, dd, dt');
  const container = row.length > 0 ? row : $(el).parent();
  return parseDate(container.text().replace($(el).text(), ' '));
}

const normaliseSpace = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
