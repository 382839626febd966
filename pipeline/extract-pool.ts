import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { DocumentResult } from '../schemas/dataset';
import type { DocumentLimits } from '../schemas/limits';
import type { ExtractOptions } from './extract';
import type { WorkerRequest, WorkerSetup } from './extract-worker';

/** Extracts documents in worker threads, one document at a time per worker. */
export interface ExtractPool {
  /** Rejects with a reason that says which limit was hit and how to raise it. */
  extract(bytes: Uint8Array, source: string, options: ExtractOptions): Promise<DocumentResult>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  busy: boolean;
  /** Set when the worker died between documents: it is replaced before its next one. */
  dead: boolean;
}

/** Why a worker stopped, in words that say what to change. */
function crashReason(err: Error & { code?: string }, limits: DocumentLimits): string {
  if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return `reading it needed more than the ${limits.heapMb} MB of memory a document may use (${err.code}): raise --doc-memory if it is genuine`;
  }
  return `the worker reading it crashed (${err.code ?? err.name}: ${err.message}): try it alone with --workers 0, or report it with the file`;
}

/**
 * Workers default to one per core: parsing is CPU-bound, so more would only queue. Each
 * document runs under the limits: the worker's heap is capped by V8 (resourceLimits), its wall
 * time by a timer here; a worker over either, or crashed, is thrown away and replaced, and only
 * its document fails.
 */
export function createExtractPool(limits: DocumentLimits, size = availableParallelism()): ExtractPool {
  const setup: WorkerSetup = { limits };
  const start = (slot?: Slot): Worker => {
    const worker = new Worker(new URL('./extract-worker.mjs', import.meta.url), {
      workerData: setup,
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
    });
    // A worker dying between documents must not be an unhandled 'error' event of the batch.
    worker.on('error', () => undefined);
    worker.once('exit', () => {
      if (slot && slot.worker === worker) slot.dead = true;
    });
    return worker;
  };
  const slots: Slot[] = Array.from({ length: Math.max(1, size) }, () => {
    const slot: Slot = { worker: undefined as unknown as Worker, busy: false, dead: false };
    slot.worker = start(slot);
    return slot;
  });
  const replace = (slot: Slot) => {
    const old = slot.worker;
    slot.worker = start(slot);
    slot.dead = false;
    void old.terminate();
  };
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
      if (slot.dead) replace(slot);
      const id = nextId++;
      const worker = slot.worker;
      try {
        return await new Promise<DocumentResult>((resolve, reject) => {
          let settled = false;
          const finish = (outcome: { result: DocumentResult } | { reason: string }, broken: boolean) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            worker.off('message', onMessage);
            worker.off('error', onError);
            worker.off('exit', onExit);
            if (broken) replace(slot);
            if ('result' in outcome) resolve(outcome.result);
            else reject(new Error(outcome.reason));
          };
          const timer = setTimeout(
            () => finish({ reason: `reading it took longer than ${limits.timeoutSeconds} s, the time a document may take: raise --doc-timeout if it is genuine` }, true),
            limits.timeoutSeconds * 1000,
          );
          const onError = (err: Error) => finish({ reason: crashReason(err, limits) }, true);
          const onExit = (code: number) => finish({ reason: `the worker reading it stopped (exit code ${code}): try it alone with --workers 0, or report it with the file` }, true);
          const onMessage = (msg: { id: number; result?: DocumentResult; error?: string }) => {
            if (msg.id !== id) return;
            finish(msg.result ? { result: msg.result } : { reason: msg.error ?? 'the worker gave no result' }, false);
          };
          worker.on('message', onMessage);
          worker.once('error', onError);
          worker.once('exit', onExit);
          const request: WorkerRequest = { id, bytes, source, options };
          worker.postMessage(request);
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
