import { createRequire } from 'node:module';
import { documentLimits } from '../limits';
import { DocumentError } from '../parser';
import { SameThreadPort } from './same-thread-port';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
/** What is used of pdf.js's worker side (its package declares no types for it). */
interface PdfJsWorker {
  WorkerMessageHandler: { initializeFromPort(port: SameThreadPort): void };
}
export type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
export type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

let pdfjs: Promise<PdfJs> | undefined;
/** pdf.js is loaded on first use: documents of other formats never pay for it. */
export const loadPdfJs = () => (pdfjs ??= new Promise<PdfJs>((resolve) => resolve(requirePdfJs())));
/** pdf.js's worker side, loaded with it (`requirePdfJs`). */
let pdfjsWorker: PdfJsWorker | undefined;

const requireHere = createRequire(import.meta.url);

/**
 * pdf.js (an ES module without top-level await) is loaded by require, past the TypeScript
 * loader's hooks and without its 8 MB of source maps: the hooks and the maps made its loading cost
 * each worker 2 s of CPU and 300 MB. The legacy build's core-js also replaces
 * `Array.prototype.push` and `JSON.parse` for the whole process with JavaScript versions (for
 * array-likes longer than 2^32 - 1 and JSON source text, which nothing here uses) that cost a tenth
 * of a page's time. Both halves of pdf.js (its worker side runs in this thread) are loaded
 * together, then the engine's own functions are put back.
 *
 * pdf.js inflates a stream through `DecompressionStream` when the process has one, else with its
 * own inflate. In Node that is zlib behind web streams, whose promises and thread-pool round trips
 * per stream cost more than pdf.js's inflate on a page's small streams (4–5 % of a document's CPU
 * on the 22 Jiangsu PDFs, three runs each way). The bytes are the same: both inflate the same
 * data, and a stream zlib refuses goes to pdf.js's inflate anyway. Nothing else here uses it, so
 * the process goes without it.
 */
function requirePdfJs(): PdfJs {
  delete (globalThis as { DecompressionStream?: unknown }).DecompressionStream;
  const push = Object.getOwnPropertyDescriptor(Array.prototype, 'push')!;
  const parse = Object.getOwnPropertyDescriptor(JSON, 'parse')!;
  const sourceMaps = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    const lib = requireHere('pdfjs-dist/legacy/build/pdf.mjs') as PdfJs;
    pdfjsWorker = requireHere('pdfjs-dist/legacy/build/pdf.worker.mjs') as PdfJsWorker;
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

/** The document `withPdf` is reading (one at a time), and its copy with glyph outlines once a page is rendered. */
let reading: { bytes: Uint8Array; name: string; doc: PdfDocument; outlined?: Promise<OpenPdf> } | null = null;

/** An open document and what ends it (the document, then the worker side that served it). */
interface OpenPdf {
  doc: PdfDocument;
  close(): Promise<void>;
}

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
  const opened = await open(bytes, name, false);
  const { doc } = opened;
  const current: NonNullable<typeof reading> = { bytes, name, doc };
  reading = current;
  try {
    return await use(doc);
  } catch (err) {
    if (err instanceof DocumentError) throw err;
    throw new DocumentError(`cannot read the pages of ${name} (${err instanceof Error ? err.message : String(err)}): the PDF is damaged; download it again`);
  } finally {
    reading = null;
    await opened.close();
    await (await current.outlined?.catch(() => null))?.close();
  }
}

/**
 * The page of the document being read, from a copy that builds glyph outlines: what drawing the
 * page on a canvas in Node needs. Reading text and rules needs none, so the document is read
 * without them and this copy is opened only for a document that has a page rendered.
 */
export async function withOutlines(page: PdfPage): Promise<PdfPage> {
  const current = await readingOf(page);
  const { doc } = await (current.outlined ??= open(current.bytes, current.name, true));
  return doc.getPage(page.pageNumber);
}

/** The bytes of the file a page of the document being read comes from. */
export async function fileOf(page: PdfPage): Promise<Uint8Array> {
  return (await readingOf(page)).bytes;
}

async function readingOf(page: PdfPage): Promise<NonNullable<typeof reading>> {
  const current = reading;
  if (!current || (await current.doc.getPage(page.pageNumber)) !== page) throw new Error('only a page of the document withPdf is reading can be rendered');
  return current;
}

async function open(bytes: Uint8Array, name: string, outlines: boolean): Promise<OpenPdf> {
  const { getDocument, PDFWorker } = await loadPdfJs();
  // pdf.js's worker side runs in this thread, joined to the document by a port that hands its
  // operator lists and text over without copying them (same-thread-port.ts).
  const port = new SameThreadPort();
  pdfjsWorker!.WorkerMessageHandler.initializeFromPort(port);
  // The port has what pdf.js uses of a Worker (postMessage, add/removeEventListener, terminate).
  const worker = PDFWorker.create({ port: port as unknown as Worker, verbosity: 0 });
  const task = getDocument({
    worker,
    data: new Uint8Array(bytes),
    cMapUrl: `${PACKAGE_DIR}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${PACKAGE_DIR}standard_fonts/`,
    useSystemFonts: false,
    // With font faces disabled pdf.js builds the outline of every glyph a page shows (30 % of reading a page).
    disableFontFace: outlines,
    isEvalSupported: false,
    // An image over the pixel limit is left out rather than decoded (native memory, not heap).
    maxImageSize: documentLimits().maxPixels,
    verbosity: 0,
  });
  // A worker given to getDocument is not ended with its document: it is ended here.
  const close = async () => {
    try {
      await task.destroy();
    } finally {
      worker.destroy();
      port.terminate();
    }
  };
  let doc: PdfDocument;
  try {
    doc = await task.promise;
  } catch (err) {
    await close();
    throw openError(err, name);
  }
  if (!outlines) leaveFontsUnattached(task);
  return { doc, close };
}

/**
 * With font faces enabled pdf.js hands each font to its FontLoader to attach to a browser
 * document; Node has none, the attaching fails and pdf.js falls back to building outlines after
 * all. Nothing is drawn with the fonts of the text-and-rules pass: they are left unattached.
 * Should pdf.js move its loader, reading stays right and only slower (test/pdf-open.test.ts).
 */
function leaveFontsUnattached(task: object): void {
  const loader = (task as { _transport?: { fontLoader?: { bind?: unknown } } })._transport?.fontLoader;
  if (loader && typeof loader.bind === 'function') loader.bind = () => Promise.resolve();
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
