import { createRequire } from 'node:module';
import { documentLimits } from '../limits';
import { DocumentError } from '../parser';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
export type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
export type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let pdfjs: Promise<PdfJs> | undefined;
/** pdf.js is loaded on first use: documents of other formats never pay for it. */
export const loadPdfJs = () => (pdfjs ??= new Promise<PdfJs>((resolve) => resolve(requirePdfJs())));

const requireHere = createRequire(import.meta.url);

/**
 * pdf.js (an ES module without top-level await) is loaded by require, past the TypeScript
 * loader's hooks and without its 8 MB of source maps: the hooks and the maps made its loading cost
 * each worker 2 s of CPU and 300 MB. The legacy build's core-js also replaces
 * `Array.prototype.push` and `JSON.parse` for the whole process with JavaScript versions (for
 * array-likes longer than 2^32 - 1 and JSON source text, which nothing here uses) that cost a tenth
 * of a page's time. Both halves of pdf.js (its worker side runs in this thread) are loaded
 * together, then the engine's own functions are put back.
 */
function requirePdfJs(): PdfJs {
  const push = Object.getOwnPropertyDescriptor(Array.prototype, 'push')!;
  const parse = Object.getOwnPropertyDescriptor(JSON, 'parse')!;
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    const lib = requireHere('pdfjs-dist/legacy/build/pdf.mjs') as PdfJs;
    // pdf.js takes a worker already loaded here instead of importing its own copy.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = requireHere('pdfjs-dist/legacy/build/pdf.worker.mjs') as unknown;
    return lib;
  } finally {
    Object.defineProperty(Array.prototype, 'push', push);
    Object.defineProperty(JSON, 'parse', parse);
    process.setSourceMapsEnabled(sourceMaps);
  }
}

/** CMaps and standard fonts ship inside the package: Chinese text decodes offline. */
const PACKAGE_DIR = requireHere.resolve('pdfjs-dist/package.json').replace(/package\.json$/, '');

/** pdf.js mixes up pages when two documents are read at once in one thread: one at a time. */
let lock: Promise<unknown> = Promise.resolve();

/**
 * Opens a PDF, runs `use` on it and always destroys it: the one place that owns a document's
 * life. pdf.js errors become DocumentErrors that say what to do.
 */
export function withPdf<T>(bytes: Uint8Array, name: string, use: (doc: PdfDocument) => Promise<T>): Promise<T> {
  const run = lock.then(() => openAndUse(bytes, name, use));
  lock = run.catch(() => undefined);
  return run;
}

async function openAndUse<T>(bytes: Uint8Array, name: string, use: (doc: PdfDocument) => Promise<T>): Promise<T> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: `${PACKAGE_DIR}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${PACKAGE_DIR}standard_fonts/`,
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    // An image over the pixel limit is left out rather than decoded (native memory, not heap).
    maxImageSize: documentLimits().maxPixels,
    verbosity: 0,
  });
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy();
    throw openError(err, name);
  }
  try {
    return await use(doc);
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw new DocumentError(`cannot read the pages of ${name} (${err instanceof Error ? err.message : String(err)}): the PDF is damaged; download it again`);
  } finally {
    await doc.destroy();
  }
}

function openError(err: unknown, name: string): DocumentError {
  const kind = err instanceof Error ? err.name : '';
  const message = err instanceof Error ? err.message : String(err);
  if (kind === 'PasswordException') {
    return new DocumentError(`${name} is encrypted and needs a password: ask the publisher for an open copy, or decrypt it (qpdf --decrypt) if you hold the password`);
  }
  if (kind === 'InvalidPDFException') {
    return new DocumentError(`${name} is not a readable PDF (${message}): it is damaged or truncated; download it again`);
  }
  return new DocumentError(`cannot open ${name} as a PDF (${message}): it is damaged or truncated; download it again`);
}
