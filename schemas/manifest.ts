import { z } from 'zod';

/**
 * What the crawler knows about one URL, as of its latest request. The title and link text
 * travel with the document because an attachment is often named only `附件1.pdf`: the region
 * and year are in the article's title and the link's text, not in the file.
 */
export const ManifestRecordSchema = z.object({
  url: z.string(),
  /** Where the redirects ended. */
  final_url: z.string().nullable(),
  kind: z.enum(['list', 'article', 'attachment']),
  site: z.string(),
  /** HTTP status of the latest response (304 when our copy was current); null when none came. */
  status: z.number().int().nullable(),
  /** When the stored bytes were downloaded. */
  fetched_at: z.string().nullable(),
  /** When the URL was last asked for, whatever the outcome. */
  checked_at: z.string(),
  /** Detected MIME type (bytes first, then the server's header). */
  content_type: z.string().nullable(),
  charset: z.string().nullable(),
  etag: z.string().nullable(),
  last_modified: z.string().nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  bytes: z.number().int().nonnegative().nullable(),
  /** The raw document in the store; only ever a path built from the hash, never from the URL. */
  object: z.string().regex(/^objects\/[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z0-9]{1,8}$/).nullable(),
  /** The page that linked here: a list page for articles, an article for attachments. */
  referrer: z.string().nullable(),
  link_text: z.string().nullable(),
  /** For an article its own title; for an attachment the title of the article linking it. */
  article_title: z.string().nullable(),
  /** The date the list page printed beside the article's link (YYYY-MM-DD). */
  list_date: z.string().nullable(),
  error: z.string().nullable(),
  /** The error will not go away by asking again (4xx, too large, redirect loop). */
  error_final: z.boolean(),
});
export type ManifestRecord = z.infer<typeof ManifestRecordSchema>;
