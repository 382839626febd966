import { z } from 'zod';

/**
 * What one document may use while it is read. Parsers check the counts before they decode;
 * the extraction pool enforces time and heap from outside the worker. Each default is far above
 * what a genuine report needs and far below what takes a 2-core, 4 GB machine down.
 */
export const DocumentLimitsSchema = z.object({
  /** Wall time per document, seconds (`--doc-timeout`). */
  timeoutSeconds: z.number().int().positive().default(300),
  /** JavaScript heap of a worker thread, MB (`--doc-memory`). */
  heapMb: z.number().int().positive().default(768),
  /** Pages of one document (`--max-pages`). */
  maxPages: z.number().int().positive().default(1000),
  /** Pixels of one image or rendered page, before any decoder or canvas is made (`--max-pixels`, in megapixels). */
  maxPixels: z.number().int().positive().default(64_000_000),
  /** Bytes a compressed container may inflate to, all entries together (`--max-decoded`, in MB). */
  maxDecodedBytes: z.number().int().positive().default(512 * 1024 * 1024),
  /** Ruling segments and text runs of one PDF page. */
  maxPageItems: z.number().int().positive().default(200_000),
  /** Nesting depth of HTML elements that is read. */
  maxDepth: z.number().int().positive().default(1000),
});
export type DocumentLimits = z.infer<typeof DocumentLimitsSchema>;
