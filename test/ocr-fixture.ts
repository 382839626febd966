import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { configureOcr, shutdownOcr } from '../parsers/ocr';
import { extractDocument } from '../pipeline/extract';
import type { DocumentResult } from '../schemas/dataset';
import { ROOT } from './helpers';

/**
 * A scanned fixture read once for the describe block that calls this, by real PP-OCR (one worker,
 * no cache: every run reads the pixels), the OCR workers shut down after it. The result is
 * there when the block's tests run.
 */
export function readScanOnce(fixture: string, timeout: number): () => DocumentResult {
  let result: DocumentResult | undefined;
  beforeAll(async () => {
    configureOcr({ cacheDir: null, workers: 1, engine: 'ppocr' });
    result = await extractDocument(readFileSync(join(ROOT, fixture)), basename(fixture));
  }, timeout);
  afterAll(async () => {
    await shutdownOcr();
  });
  return () => result!;
}
