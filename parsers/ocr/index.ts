import { DocumentError } from '../parser';
import type { ColumnCarry } from './carried-columns';
import { ocrConfig, type OcrConfig } from './config';
import { ocrPageImage, type OcrPage } from './ocr-page';
import { ocrProgress } from './progress';
import { releaseModels } from './ppocr/models';
import { shutdownOcr as shutdownReaders } from './recognise';
import type { GrayImage } from './gray-image';

export { configureOcr, OCR_DISABLED, ocrConfig, ocrEnabled, useOcrEngine, type OcrConfig } from './config';
export { decodeImage } from './decode-image';
export type { GrayImage } from './gray-image';
export { ocrPageImage, type OcrPage, type RatedBox } from './ocr-page';
export { rateCells, wordsByPage } from './rate-cells';
export { readerStats } from './recognise';
export { ppocrStats } from './ppocr/models';

/** Stops every OCR worker and releases the models (a run that is done; tests). They start again when needed. */
export async function shutdownOcr(): Promise<void> {
  await Promise.all([shutdownReaders(), releaseModels()]);
}

/**
 * Renders a page that has no usable text layer now (`render` is the source's own: pdf.js is
 * single-threaded and the page is released after this) and queues its reading in the worker
 * pool; the promise settles when it is read. Reading failures become DocumentErrors that name
 * the page.
 */
export async function startPageOcr(render: () => Promise<GrayImage>, pageNumber: number, name: string, config: OcrConfig = ocrConfig(), carry?: ColumnCarry): Promise<{ result: Promise<OcrPage> }> {
  // Pages are rendered only a little ahead of the readers: a page image and its working copies
  // take some 20 MB, and a long scan queued at once would hold them all.
  while (inFlight >= config.workers + 1) await new Promise<void>((resolve) => waiting.push(resolve));
  inFlight++;
  carry?.expect(pageNumber);
  const release = () => {
    inFlight--;
    waiting.shift()?.();
  };
  // A page that cannot be rendered or read gives its slot back and ends on no columns, or the
  // next scanned page would wait forever.
  const image = await render().catch((err: unknown) => {
    release();
    carry?.ends(pageNumber, null);
    throw err;
  });
  ocrProgress.queued();
  const result = ocrPageImage(image, pageNumber, config, carry).finally(() => {
    release();
    carry?.ends(pageNumber, null);
  });
  return { result: settle(result, name, pageNumber) };
}

let inFlight = 0;
const waiting: Array<() => void> = [];

function settle(read: Promise<OcrPage>, name: string, pageNumber: number): Promise<OcrPage> {
  const result = read.then(
    (page) => {
      ocrProgress.done(name, pageNumber, page.cached);
      return page;
    },
    (err: unknown) => {
      if (err instanceof DocumentError) throw err;
      throw new DocumentError(`OCR failed on page ${pageNumber} of ${name} (${err instanceof Error ? err.message : String(err)}): try again, or report it with the file`);
    },
  );
  // Settled by the caller; a rejection must not count as unhandled while other pages render.
  result.catch(() => undefined);
  return result;
}
