import { mkdirSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import PQueue from 'p-queue';
import { createWorker, OEM, PSM, type Page, type Worker } from 'tesseract.js';
import { DocumentError } from '../parser';
import { cacheKey, readCached, writeCached, type OcrWord } from './cache';
import { ocrConfig } from './config';

const require = createRequire(import.meta.url);
/** Every language that may be read with (`OcrConfig.languages` picks): each gets its link. */
const LANGUAGES = ['chi_sim', 'eng'] as const;
/**
 * The models read with, by the packages' folders: `4.0.0` (tessdata: the legacy engine and an
 * LSTM network; only the LSTM is used) first, and `4.0.0_best_int`, the smaller network
 * tesseract.js picks for LSTM-only reading, for a second opinion. On the scanned corpus the
 * first misreads fewer Chinese characters (`致贫` as `致贷`, `缓解` as `组解`, `孤儿` as `扳儿`,
 * `凭证` as `赁证`): 119 of 125 rows exact against 116.
 */
export const MODELS = ['4.0.0', '4.0.0_best_int'] as const;
export type Model = (typeof MODELS)[number];
/**
 * How an image is segmented: a page (the text around its tables) as sparse text, so each piece
 * is found on its own (automatic layout analysis merges neighbouring cells into columns of
 * nonsense); a region (a table cell, ink read again) as one block; a line as one line.
 */
export type ReadMode = 'page' | 'region' | 'line';
const SEG_MODE: Record<ReadMode, PSM> = { page: PSM.SPARSE_TEXT, region: PSM.SINGLE_BLOCK, line: PSM.SINGLE_LINE };
/** Workers left with nothing to do are stopped after this long, so a finished run can exit. */
const IDLE_MS = 1500;

const versionOf = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;
/** What the words depend on besides the image and the settings: part of every cache key. */
export const READER_SETTINGS = [
  `tesseract.js@${versionOf('tesseract.js')}`,
  ...LANGUAGES.map((l) => `@tesseract.js-data/${l}@${versionOf(`@tesseract.js-data/${l}`)}`),
  // Bumped when what is kept of a read changes (cache.ts): older entries are read again.
  'words=3',
].join(' ');

/**
 * tesseract.js reads every language from one folder (`langPath`), and each npm data package has
 * its own: a folder of links to the packages' files stands in, under the cache folder (or the
 * temp folder). The data never comes from anywhere but node_modules.
 */
function languageFolder(model: Model): string {
  const cache = ocrConfig().cacheDir;
  for (const base of cache ? [cache, join(tmpdir(), 'jixiao-ocr')] : [join(tmpdir(), 'jixiao-ocr')]) {
    const folder = join(base, 'tessdata', model);
    try {
      mkdirSync(folder, { recursive: true });
      for (const lang of LANGUAGES) linkModel(folder, lang, model);
      return folder;
    } catch {
      // A folder that cannot be written (a read-only home): the temp folder stands in.
    }
  }
  throw new Error('no folder for the language data links (the cache and temp folders are not writable)');
}

function linkModel(folder: string, lang: string, model: Model): void {
  const target = join(dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), model, `${lang}.traineddata.gz`);
  const link = join(folder, `${lang}.traineddata.gz`);
  let existing: string | null = null;
  try {
    existing = readlinkSync(link);
  } catch {
    existing = null;
  }
  if (existing === target) return;
  if (existing !== null) unlinkSync(link);
  try {
    symlinkSync(target, link);
  } catch (err) {
    // Another process made the same link at the same moment.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || readlinkSync(link) !== target) throw err;
  }
}

/**
 * The tesseract.js workers of one model. Reads go through a queue shared by every model's pool,
 * so no more images are read at once than there are workers configured, whichever the model.
 */
class ReaderPool {
  private readonly idle: Worker[] = [];
  /** Reads asked of this pool and not yet done: its workers are stopped only when none are. */
  private outstanding = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly queue: PQueue,
    readonly languages: string,
    readonly model: Model,
  ) {}

  read(image: Uint8Array, dpi: number, mode: PSM): Promise<Page> {
    clearTimeout(this.timer);
    this.outstanding++;
    return this.queue.add(async () => {
      try {
        const worker = this.idle.pop() ?? (await this.start());
        try {
          // Per-call parameters are set for this image and restored after it by tesseract.js.
          const parameters = { user_defined_dpi: String(Math.round(dpi)), tessedit_pageseg_mode: mode };
          const result = await worker.recognize(Buffer.from(image), parameters as object, { text: false, blocks: true });
          return result.data;
        } finally {
          this.idle.push(worker);
        }
      } finally {
        if (--this.outstanding === 0) this.scheduleStop();
      }
    }, { throwOnTimeout: true });
  }

  private async start(): Promise<Worker> {
    try {
      const worker = await createWorker(this.languages.split('+'), OEM.LSTM_ONLY, {
        langPath: languageFolder(this.model),
        cacheMethod: 'none',
        gzip: true,
        errorHandler: () => undefined,
      });
      // Tesseract's own notes (`Detected 17 diacritics`, `Image too small to scale!!`) go nowhere.
      await worker.setParameters({ debug_file: '/dev/null' });
      return worker;
    } catch (err) {
      throw new DocumentError(`the OCR engine could not start (${err instanceof Error ? err.message : String(err)}): reinstall with npm ci, or set JIXIAO_OCR=0 to skip scans`);
    }
  }

  private scheduleStop(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.close(), IDLE_MS);
    this.timer.unref();
  }

  /** Stops every idle worker (busy ones finish their image first and are stopped when idle). */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    const stopping = this.idle.splice(0);
    await Promise.all(stopping.map((w) => w.terminate().catch(() => undefined)));
  }
}

/** A pool per model, made when first read with, and the queue they share. */
const pools = new Map<Model, ReaderPool>();
let queue: PQueue | undefined;
/** Counts pages actually read by tesseract (not from the cache): tests and the benchmark look. */
export const readerStats = { pagesRead: 0, pagesCached: 0 };

/**
 * Reads the words of a page image (binary PGM or PNG) at `dpi`, as a page of sparse text, one
 * block of text or one line, with a model (the first of `MODELS` unless told): from the cache when this
 * image was read before with the same reader settings, else from a pool worker. Boxes are in the
 * image's pixels.
 */
export async function recogniseImage(image: Uint8Array, dpi: number, mode: ReadMode = 'page', model: Model = MODELS[0]): Promise<{ words: OcrWord[]; cached: boolean }> {
  const config = ocrConfig();
  const key = cacheKey(image, `${READER_SETTINGS} model=${model} lang=${config.languages} psm=${SEG_MODE[mode]} dpi=${Math.round(dpi)}`);
  const cached = await readCached(config.cacheDir, key);
  if (cached) {
    readerStats.pagesCached++;
    return { words: cached, cached: true };
  }
  // Replaced synchronously: callers arriving together must share one queue and one pool.
  if (!queue || queue.concurrency !== config.workers) queue = new PQueue({ concurrency: config.workers });
  let pool = pools.get(model);
  if (!pool || pool.queue !== queue || pool.languages !== config.languages) {
    void pool?.close();
    pool = new ReaderPool(queue, config.languages, model);
    pools.set(model, pool);
  }
  const page = await pool.read(image, dpi, SEG_MODE[mode]);
  readerStats.pagesRead++;
  const words = wordsOf(page);
  await writeCached(config.cacheDir, key, words);
  return { words, cached: false };
}

/** Stops the workers now (a run that is done; tests). They start again when needed. */
export async function shutdownOcr(): Promise<void> {
  await Promise.all([...pools.values()].map((p) => p.close()));
  pools.clear();
  queue = undefined;
}

function wordsOf(page: Page): OcrWord[] {
  const words: OcrWord[] = [];
  let lineNumber = 0;
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const lineHeight = line.bbox.y1 - line.bbox.y0;
        lineNumber++;
        for (const word of line.words) {
          const text = word.text.trim();
          if (text === '') continue;
          words.push({
            text,
            confidence: Math.round(word.confidence * 10) / 10,
            x0: word.bbox.x0,
            y0: word.bbox.y0,
            x1: word.bbox.x1,
            y1: word.bbox.y1,
            lineHeight,
            line: lineNumber,
            symbols: word.symbols.map((s) => ({ text: s.text, x0: s.bbox.x0, y0: s.bbox.y0, x1: s.bbox.x1, y1: s.bbox.y1 })),
          });
        }
      }
    }
  }
  return words;
}
