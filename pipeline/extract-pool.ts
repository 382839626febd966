import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentResult } from '../schemas/dataset';
import type { ExtractOptions } from './extract';
import type { WorkerRequest } from './extract-worker';

/** Extracts documents in worker threads, one document at a time per worker. */
export interface ExtractPool {
  extract(bytes: Uint8Array, source: string, options: ExtractOptions): Promise<DocumentResult>;
  close(): Promise<void>;
}

/**
 * A worker's old-generation heap cap: V8 otherwise lets each thread's heap grow over a batch
 * rather than collect; one document never needs near this much.
 */
const WORKER_HEAP_MB = 384;
const startWorker = () => new Worker(new URL('./extract-worker.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });

interface Slot {
  worker: Worker;
  busy: boolean;
}

/** Workers default to one per core: parsing is CPU-bound, so more would only queue. */
export function createExtractPool(size = availableParallelism()): ExtractPool {
  const slots: Slot[] = Array.from({ length: Math.max(1, size) }, () => ({
    worker: startWorker(),
    busy: false,
  }));
  const waiting: Array<(slot: Slot) => void> = [];
  let nextId = 0;
  const acquire = () =>
    new Promise<Slot>((resolve) => {
      const free = slots.find((s) => !s.busy);
      if (free) {
        free.busy = true;
        resolve(free);
      } else waiting.push(resolve);
    });
  const release = (slot: Slot) => {
    const next = waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  };
  return {
    async extract(bytes, source, options) {
      const slot = await acquire();
      const id = nextId++;
      try {
        return await new Promise<DocumentResult>((resolve, reject) => {
          // A worker that dies (out of memory on a hostile file) is replaced; the document fails.
          const onExit = (code: number) => {
            slot.worker = startWorker();
            reject(new Error(`the worker reading ${source} stopped (exit code ${code})`));
          };
          const onMessage = (msg: { id: number; result?: DocumentResult; error?: string }) => {
            if (msg.id !== id) return;
            slot.worker.off('message', onMessage);
            slot.worker.off('exit', onExit);
            if (msg.result) resolve(msg.result);
            else reject(new Error(msg.error));
          };
          slot.worker.on('message', onMessage);
          slot.worker.once('exit', onExit);
          const request: WorkerRequest = { id, bytes, source, options };
          slot.worker.postMessage(request);
        });
      } finally {
        release(slot);
      }
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
