import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CrawlResults } from '../pipeline/crawl/merge-dataset';
import type { ManifestRecord } from '../schemas/manifest';
import { corpusFile } from './helpers';

const bytes = readFileSync(corpusFile('seeds', '002'));
const sha256 = createHash('sha256').update(bytes).digest('hex');
const record = (url: string): ManifestRecord => ({
  url,
  final_url: url,
  kind: 'attachment',
  site: 'test',
  status: 200,
  fetched_at: '2026-01-01T00:00:00.000Z',
  checked_at: '2026-01-01T00:00:00.000Z',
  content_type: 'text/plain',
  charset: 'utf8',
  etag: null,
  last_modified: null,
  sha256,
  bytes: bytes.length,
  object: `objects/${sha256.slice(0, 2)}/${sha256}.txt`,
  referrer: null,
  link_text: null,
  article_title: null,
  list_date: null,
  error: null,
  error_final: false,
});

async function sourcesAfterWrite(out: string, urls: string[]): Promise<string[]> {
  const results = await CrawlResults.open(out, async () => bytes);
  const dataset = await results.write(urls.map(record));
  return dataset.documents.map((d) => d.document.source);
}

describe('a byte-identical document at several URLs', () => {
  it('is listed once, under a primary URL that does not depend on which URL a crawl saw first', async () => {
    const out = mkdtempSync(join(tmpdir(), 'jixiao-dup-'));
    expect(await sourcesAfterWrite(out, ['http://b.example/x.txt', 'http://a.example/x.txt'])).toEqual(['http://a.example/x.txt']);
    expect(await sourcesAfterWrite(out, ['http://a.example/x.txt', 'http://b.example/x.txt'])).toEqual(['http://a.example/x.txt']);
    // Once listed, it stays under that URL though a URL sorting earlier turns up.
    expect(await sourcesAfterWrite(out, ['http://0.example/x.txt', 'http://b.example/x.txt', 'http://a.example/x.txt'])).toEqual(['http://a.example/x.txt']);
  }, 120_000);
});
