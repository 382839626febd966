// @ts-check
// A model thread (worker_threads): runs the PP-OCR ONNX models for parsers/ocr/ppocr/models.ts,
// so that recogniser runs (synchronous in onnxruntime-node) leave the JavaScript thread free to
// prepare pages, and one process uses more than one core. Plain JavaScript: a thread loads no
// TypeScript loader (each would cost its start-up time and memory), and it needs none.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
/** @type {typeof import('onnxruntime-node')} */
const ort = require('onnxruntime-node');
/** @type {Record<string, string | Uint8Array>} model name → its .onnx file, or the model itself */
const files = workerData.files;
/**
 * Set to 1 by the owner when this thread is retired (stalled, or released while busy): it stops
 * before its next run. It is never stopped from outside inside a run (see models.ts `retire`).
 * @type {Int32Array}
 */
const closing = workerData.closing;
/** @type {Map<string, Promise<import('onnxruntime-node').InferenceSession>>} */
const sessions = new Map();

/** @param {string} name */
function session(name) {
  let made = sessions.get(name);
  if (!made) {
    // One thread a run: the threads themselves are the parallelism.
    const source = files[name] ?? '';
    const options = { intraOpNumThreads: 1, interOpNumThreads: 1, executionProviders: ['cpu'] };
    made = typeof source === 'string' ? ort.InferenceSession.create(source, options) : ort.InferenceSession.create(source, options);
    sessions.set(name, made);
    // A model handed over as bytes (~11 MB) is the session's once loaded: not held twice. Kept
    // when the load fails, for the next try.
    made.then(
      () => {
        if (typeof source !== 'string') delete files[name];
      },
      () => undefined,
    );
  }
  return made;
}

/**
 * Each step of a [1, steps, classes] output: the blank's (class 0) probability, and the best class
 * other than the blank and its probability: all the CTC decoding needs, a few hundred bytes to
 * send back instead of megabytes of scores.
 * @param {Float32Array} scores @param {number} steps @param {number} classes
 */
function bestPerStep(scores, steps, classes) {
  const blank = new Float32Array(steps);
  const glyph = new Int32Array(steps);
  const glyphProbability = new Float32Array(steps);
  for (let t = 0; t < steps; t++) {
    let g = 1;
    let p = -1;
    const base = t * classes;
    for (let c = 1; c < classes; c++) {
      const v = /** @type {number} */ (scores[base + c]);
      if (v > p) {
        p = v;
        g = c;
      }
    }
    blank[t] = /** @type {number} */ (scores[base]);
    glyph[t] = g;
    glyphProbability[t] = p;
  }
  return { blank, glyph, glyphProbability };
}

parentPort?.on('message', async (/** @type {{ id: number; name: string; data: Float32Array; dims: number[]; reduce: boolean } | { close: true }} */ job) => {
  // Runs are synchronous on this thread: between two of them nothing of the runtime is in use.
  if ('close' in job || Atomics.load(closing, 0) === 1) process.exit(0);
  let model;
  try {
    model = await session(job.name);
  } catch (err) {
    sessions.delete(job.name);
    parentPort?.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err), load: true });
    return;
  }
  try {
    const input = new ort.Tensor('float32', job.data, job.dims);
    const output = /** @type {import('onnxruntime-node').Tensor} */ ((await model.run({ [/** @type {string} */ (model.inputNames[0])]: input }))[/** @type {string} */ (model.outputNames[0])]);
    const scores = /** @type {Float32Array} */ (output.data);
    if (job.reduce) {
      const { blank, glyph, glyphProbability } = bestPerStep(scores, /** @type {number} */ (output.dims[1]), /** @type {number} */ (output.dims[2]));
      parentPort?.postMessage({ id: job.id, blank, glyph, glyphProbability }, [blank.buffer, glyph.buffer, glyphProbability.buffer]);
    } else {
      // A copy: the output's own memory may belong to the runtime and not be transferable.
      const data = new Float32Array(scores);
      parentPort?.postMessage({ id: job.id, data, dims: output.dims }, [data.buffer]);
    }
  } catch (err) {
    parentPort?.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err), load: false });
  }
});
