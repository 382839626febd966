import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeAtomic } from '../output/write-dataset';
import type { SiteConfig } from './config';
import type { ArticlePageLinks, ListPageLinks } from './discover';

/**
 * Bump when readListPage / readArticlePage would find other links in the same page: cached
 * link lists are keyed by it.
 */
const DISCOVERY_VERSION = 1;

const FoundLinkSchema = z.object({ url: z.string(), text: z.string(), date: z.string().nullable() });
const ListPageLinksSchema = z.object({ nextPages: z.array(z.string()), articles: z.array(FoundLinkSchema), attachments: z.array(FoundLinkSchema) });
const ArticlePageLinksSchema = z.object({ title: z.string().nullable(), attachments: z.array(FoundLinkSchema) });

/**
 * The links found in a page, kept under `<store>/links/` so an unchanged page (a 304) is not
 * parsed again on every rerun: reading a large article page with cheerio costs more than the
 * request itself. Keyed by the page's bytes and URL and the site's discovery options.
 */
export class LinkCache {
  constructor(private readonly storeDir: string) {}

  list(pageUrl: string, sha256: string, site: SiteConfig, read: () => ListPageLinks): Promise<ListPageLinks> {
    return this.cached('list', pageUrl, sha256, site, ListPageLinksSchema, read);
  }

  article(pageUrl: string, sha256: string, site: SiteConfig, read: () => ArticlePageLinks): Promise<ArticlePageLinks> {
    return this.cached('article', pageUrl, sha256, site, ArticlePageLinksSchema, read);
  }

  private async cached<T>(kind: string, pageUrl: string, sha256: string, site: SiteConfig, schema: z.ZodType<T>, read: () => T): Promise<T> {
    const options = [site.allowedHosts, site.articleSelector, site.articlePattern?.source, site.attachmentPattern.source, site.pagination.nextSelector, site.pagination.urlPattern?.source];
    const key = createHash('sha256').update(JSON.stringify([DISCOVERY_VERSION, kind, pageUrl, sha256, options])).digest('hex');
    const path = join(this.storeDir, 'links', key.slice(0, 2), `${key}.json`);
    try {
      const saved = schema.safeParse(JSON.parse(await readFile(path, 'utf8')));
      if (saved.success) return saved.data;
    } catch {
      // Not cached yet (or damaged): read the page.
    }
    const links = read();
    await mkdir(join(this.storeDir, 'links', key.slice(0, 2)), { recursive: true });
    await writeAtomic(path, JSON.stringify(links));
    return links;
  }
}
