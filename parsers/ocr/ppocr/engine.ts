import { cacheKey, readCached, writeCached } from '../cache';
import type { OcrConfig } from '../config';
import { binarise, otsuThreshold } from '../detect-rules';
import type { OcrEngine, PreparedPage } from '../engine';
import { assumedLineHeight } from '../missed-text';
import { numberRegions } from '../tesseract-engine';
import { PPOCR_SETTINGS } from './models';
import { readLines } from './read-lines';

/** Bumped when what is kept of a read changes: older cache entries are read again. */
const READ_VERSION = 'ppocr-words=6';

/**
 * PaddleOCR PP-OCRv4 (ONNX, `onnxruntime-node`): every table cell's lines read one by one by the
 * recogniser, and so the lines of the page around the tables; no detection pass over the page
 * (the rules and the ink give the lines). A page's words are cached by the clean page image.
 */
export const ppocrEngine: OcrEngine = {
  name: 'ppocr',
  async read({ image, ink, cells, around }: PreparedPage, config: OcrConfig) {
    const key = cacheKey(image.data, `${PPOCR_SETTINGS} ${READ_VERSION} ${image.width}x${image.height} dpi=${Math.round(image.dpi)} cells=${JSON.stringify(cells)}`);
    const cached = await readCached(config.cacheDir, key);
    if (cached) return { words: cached, cached: true };
    const whole = { x0: 0, y0: 0, x1: image.width - 1, y1: image.height - 1 };
    // Around the tables, lines are measured against body text, not the tallest line (a title).
    const [outside, ...inside] = await Promise.all([
      around ? readLines(around, binarise(around, otsuThreshold(image)), whole, assumedLineHeight(image.dpi) * 0.8, config.workers) : [],
      ...cells.map((cell) => readLines(image, ink, cell, undefined, config.workers)),
    ]);
    const words = [...outside!, ...numberRegions(inside, 0)];
    await writeCached(config.cacheDir, key, words);
    return { words, cached: false };
  },
};
