import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** A word as the reader returned it: text, confidence (0–100), box in image pixels. */
export const OcrWordSchema = z.object({
  text: z.string(),
  confidence: z.number(),
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
  /** Height of the word's text line in pixels (a lower-case word's own box is shorter). */
  lineHeight: z.number(),
  /** The reader's text line the word is on (numbered within one read). */
  line: z.number().int(),
  /** Each character's box: to split a word that runs over a cell border, and to tell glyphs apart. */
  symbols: z.array(z.object({ text: z.string(), x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() })),
});
export type OcrWord = z.infer<typeof OcrWordSchema>;

const CachedSchema = z.object({ key: z.string(), words: z.array(OcrWordSchema) });

/** The key of an image read with given settings: sha256 over both. */
export function cacheKey(image: Uint8Array, settings: string): string {
  return createHash('sha256').update(settings).update('\0').update(image).digest('hex');
}

const pathOf = (dir: string, key: string) => join(dir, key.slice(0, 2), `${key}.json`);

/** The words read earlier from this image, or null (none, unreadable, or another key). */
export async function readCached(dir: string | null, key: string): Promise<OcrWord[] | null> {
  if (!dir) return null;
  const text = await readFile(pathOf(dir, key), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const cached = CachedSchema.safeParse(JSON.parse(text));
    return cached.success && cached.data.key === key ? cached.data.words : null;
  } catch {
    return null;
  }
}

/** Saves what was read (temp file + rename: a killed run never leaves half a file). */
export async function writeCached(dir: string | null, key: string, words: OcrWord[]): Promise<void> {
  if (!dir) return;
  const path = pathOf(dir, key);
  try {
    await mkdir(join(dir, key.slice(0, 2)), { recursive: true });
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temp, JSON.stringify({ key, words }));
    await rename(temp, path);
  } catch {
    // A cache that cannot be written (read-only home, full disk) only costs the next run time.
  }
}
