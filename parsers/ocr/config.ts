import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { isMainThread } from 'node:worker_threads';
import { z } from 'zod';

/**
 * OCR settings. Each has a default and an environment variable; `configureOcr` overrides them
 * for this thread (tests, the benchmark).
 */
export const OcrConfigSchema = z.object({
  /** `JIXIAO_OCR=0` turns OCR off: scans then fail with a message saying so. Default on. */
  enabled: z.boolean(),
  /**
   * Tesseract workers in this thread (`JIXIAO_OCR_WORKERS`). Default: one per core in the main
   * thread; one in each extraction worker thread (the batch already runs one thread per core).
   */
  workers: z.number().int().min(1).max(64),
  /** Where results are kept by page-image hash (`JIXIAO_OCR_CACHE`; `off` for none). Default `~/.cache/jixiao/ocr`. */
  cacheDir: z.string().min(1).nullable(),
  /** Resolution scanned PDF pages are rendered at (`JIXIAO_OCR_DPI`). Default 200. */
  dpi: z.number().int().min(100).max(600),
  /** Page-by-page progress on stderr (`JIXIAO_OCR_PROGRESS=1|0`). Default: when stderr is a terminal. */
  progress: z.boolean(),
  /**
   * The languages read with (`JIXIAO_OCR_LANGUAGES`). Default `chi_sim` alone: it reads digits and
   * Latin letters too, and with `eng` beside it tesseract takes Chinese words it doubts for
   * English (`覆盖` read as `LE`, `分值` as `THE`) and reads every page some 40 % slower.
   */
  languages: z.enum(['chi_sim', 'chi_sim+eng']),
  /**
   * The OCR engine (`JIXIAO_OCR_ENGINE`, `--ocr-engine`): `ppocr` (PaddleOCR PP-OCRv4 through
   * ONNX Runtime, the default) or `tesseract` (tesseract.js, lighter on memory).
   */
  engine: z.enum(['ppocr', 'tesseract']),
  /**
   * The corrections of numbers' marks and of marks' widths (`JIXIAO_OCR_CORRECTIONS=0` turns
   * them off, to measure what they are worth on scans they were not tuned on). Default on.
   */
  corrections: z.boolean(),
});
export type OcrConfig = z.infer<typeof OcrConfigSchema>;

const flag = (value: string | undefined) => (value === undefined || value === '' ? undefined : !/^(0|off|false|no)$/i.test(value));
const int = (name: string, value: string | undefined) => {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`${name} must be a whole number, got "${value}"`);
  return n;
};

function fromEnvironment(env: NodeJS.ProcessEnv): OcrConfig {
  const cache = env.JIXIAO_OCR_CACHE;
  const parsed = OcrConfigSchema.safeParse({
    enabled: flag(env.JIXIAO_OCR) ?? true,
    workers: int('JIXIAO_OCR_WORKERS', env.JIXIAO_OCR_WORKERS) ?? (isMainThread ? availableParallelism() : 1),
    cacheDir: cache === undefined || cache === '' ? join(homedir(), '.cache', 'jixiao', 'ocr') : flag(cache) === false ? null : cache,
    dpi: int('JIXIAO_OCR_DPI', env.JIXIAO_OCR_DPI) ?? 200,
    // fd 2 is the process's stderr in every thread: a worker thread can tell a terminal too.
    progress: flag(env.JIXIAO_OCR_PROGRESS) ?? isatty(2),
    languages: env.JIXIAO_OCR_LANGUAGES || 'chi_sim',
    engine: env.JIXIAO_OCR_ENGINE || 'ppocr',
    corrections: flag(env.JIXIAO_OCR_CORRECTIONS) ?? true,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`OCR setting ${issue.path.join('.')}: ${issue.message} (from the JIXIAO_OCR_* environment variables)`);
  }
  return parsed.data;
}

let current: OcrConfig | undefined;

/** The settings in force: the environment's, with any `configureOcr` overrides on top. */
export function ocrConfig(): OcrConfig {
  return (current ??= fromEnvironment(process.env));
}

/**
 * Selects the engine for this thread and for worker threads started after (they inherit the
 * environment): what `--ocr-engine` does.
 */
export function useOcrEngine(name: string): OcrConfig {
  const engine = OcrConfigSchema.shape.engine.safeParse(name);
  if (!engine.success) throw new Error(`unknown OCR engine "${name}": use ppocr or tesseract`);
  process.env.JIXIAO_OCR_ENGINE = engine.data;
  return configureOcr({ engine: engine.data });
}

/** Whether scans are read (`JIXIAO_OCR`); when not, a scan fails with this reason. */
export const ocrEnabled = () => ocrConfig().enabled;
export const OCR_DISABLED = 'OCR is turned off (JIXIAO_OCR=0): unset it to read scans';

/** Overrides settings for this thread; the values are checked like the environment's. */
export function configureOcr(overrides: Partial<OcrConfig>): OcrConfig {
  current = OcrConfigSchema.parse({ ...ocrConfig(), ...overrides });
  return current;
}
