import { ocrConfig } from './config';

let done = 0;
let queued = 0;
let last = '';

/**
 * Page-by-page OCR progress on stderr (a terminal only, see `OcrConfig.progress`): one line
 * rewritten in place (`ocr: page 5/8 scan.pdf p.5 (cached)`), cleared when the queue is empty.
 */
export const ocrProgress = {
  queued(count = 1): void {
    queued += count;
    show();
  },
  done(name: string, page: number, cached: boolean): void {
    done++;
    last = `${name} p.${page}${cached ? ' (cached)' : ''}`;
    show();
    if (done >= queued) {
      done = 0;
      queued = 0;
      last = '';
      if (ocrConfig().progress) process.stderr.write('\r\x1b[K');
    }
  },
};

function show(): void {
  if (!ocrConfig().progress) return;
  process.stderr.write(`\r\x1b[Kocr: page ${done}/${queued}${last ? ` ${last}` : ''}`);
}
