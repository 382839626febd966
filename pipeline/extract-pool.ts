import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import type { DocumentResult } from '../schemas/dataset';
import type { DocumentLimits } from '../schemas/limits';
import type { ExtractOptions } from './extract';
import { compiledEntry } from './extract-worker-bundle.mjs';

/** The environment variable a worker process is given its limits in. */
export const LIMITS_ENV = 'JIXIAO_DOCUMENT_LIMITS';

/** A worker process starts and loads a format's reader in seconds, even on a loaded machine: one that has not by this is stuck. */
const WORKER_START_SECONDS = 120;

/** A document to extract in a worker process, and the answer. */
export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  source: string;
  options: ExtractOptions;
}

export interface WorkerReply {
  id: number;
  /** Sent first: the worker has loaded the document's reader and starts reading it. */
  loaded?: true;
  result?: DocumentResult;
  error?: string;
}

/** Extracts documents in worker processes, one document at a time per worker. */
export interface ExtractPool {
  /** Rejects with a reason that says which limit was hit and how to raise it. */
  extract(bytes: Uint8Array, source: string, options: ExtractOptions): Promise<DocumentResult>;
  close(): Promise<void>;
}

interface Slot {
  /** Started when the slot is first used: a pool with nothing to parse costs no process. */
  worker: Worker | null;
  busy: boolean;
}

/** A worker process, with the end of what it wrote on stderr (V8 says there why it died). */
interface Worker {
  child: ChildProcess;
  stderrTail: string;
  exited: boolean;
  /** Settles when the worker listens for documents (or has died trying). */
  ready: Promise<void>;
}

/**
 * Worker processes, not threads: V8 aborts the whole process when one huge allocation passes a
 * thread's heap cap, which would end the batch. Each document runs under the limits: the heap is
 * capped by V8 (--max-old-space-size), the wall time by a timer here; a worker over either, or
 * crashed in any way, is killed and replaced, and only its document fails. One per core by
 * default: parsing is CPU-bound, so more would only queue.
 */
export function createExtractPool(limits: DocumentLimits, size = availableParallelism()): ExtractPool {
  // A worker on every core: V8's parallel garbage-collection helpers would only take time from the
  // other workers (8 % more CPU on 434 pages with 2 workers on 2 cores).
  const gcFlags = size >= availableParallelism() ? ['--single-threaded-gc'] : [];
  // The sources through the TypeScript loader until (unless) the compiled worker is ready.
  let entry = new URL('./extract-worker.mjs', import.meta.url);
  let built: Promise<void> | undefined;
  const start = (): Worker => {
    const env: NodeJS.ProcessEnv = { ...process.env, [LIMITS_ENV]: JSON.stringify(limits) };
    // As a worker thread had: one OCR reader per worker, progress when the batch shows it.
    env.JIXIAO_OCR_WORKERS ??= '1';
    if (process.stderr.isTTY) env.JIXIAO_OCR_PROGRESS ??= '1';
    const child = fork(entry, [], {
      env,
      execArgv: [`--max-old-space-size=${limits.heapMb}`, ...gcFlags],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    const worker: Worker = {
      child,
      stderrTail: '',
      exited: false,
      ready: new Promise<void>((resolve) => {
        child.once('message', () => resolve());
        child.once('close', () => resolve());
      }),
    };
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      worker.stderrTail = (worker.stderrTail + chunk.toString('utf8')).slice(-4096);
    });
    child.on('error', () => undefined);
    child.once('close', () => {
      worker.exited = true;
    });
    return worker;
  };
  const slots: Slot[] = Array.from({ length: Math.max(1, size) }, () => ({ worker: null, busy: false }));
  const replace = (slot: Slot): Worker => {
    slot.worker?.child.kill('SIGKILL');
    slot.worker = start();
    return slot.worker;
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
      // Built when the first document comes: a pool with nothing to parse builds nothing.
      await (built ??= compiledEntry('extract-worker').then((compiled) => {
        if (compiled) entry = compiled;
      }));
      const slot = await acquire();
      // A worker that died between documents is replaced before it is given the next one.
      const worker = !slot.worker || slot.worker.exited ? replace(slot) : slot.worker;
      const id = nextId++;
      try {
        return await new Promise<DocumentResult>((resolve, reject) => {
          let settled = false;
          const finish = (outcome: { result: DocumentResult } | { reason: string }, broken: boolean) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            worker.child.off('message', onMessage);
            worker.child.off('close', onExit);
            if (broken) replace(slot);
            if ('result' in outcome) resolve(outcome.result);
            else reject(new Error(outcome.reason));
          };
          const after = (seconds: number, reason: string) => setTimeout(() => finish({ reason }, true), seconds * 1000);
          // Starting and loading code are bounded apart from the document's time: a worker stuck there
          // would otherwise hold the batch for ever, and a short --doc-timeout would count code loading.
          let timer = after(WORKER_START_SECONDS, `the worker process that was to read it did not start or load its reader within ${WORKER_START_SECONDS} s: try it alone with --workers 0, or report it`);
          const onExit = (code: number | null, signal: NodeJS.Signals | null) => finish({ reason: exitReason(code, signal, worker.stderrTail, limits) }, true);
          const onMessage = (msg: WorkerReply) => {
            if (msg.id !== id) return;
            if (msg.loaded) {
              clearTimeout(timer);
              timer = after(limits.timeoutSeconds, `reading it took longer than ${limits.timeoutSeconds} s, the time a document may take: raise --doc-timeout if it is genuine`);
              return;
            }
            finish(msg.result ? { result: msg.result } : { reason: msg.error ?? 'the worker gave no result' }, false);
          };
          worker.child.on('message', onMessage);
          worker.child.once('close', onExit);
          void worker.ready.then(() => {
            if (settled) return;
            worker.stderrTail = '';
            const request: WorkerRequest = { id, bytes, source, options };
            // send() returning false only means the message is queued behind others; a failed send calls back.
            if (worker.exited) onExit(worker.child.exitCode, worker.child.signalCode);
            else worker.child.send(request, (err) => err && onExit(worker.child.exitCode, worker.child.signalCode));
          });
        });
      } finally {
        release(slot);
      }
    },
    async close() {
      await Promise.all(
        slots.map(
          ({ worker }) =>
            new Promise<void>((resolve) => {
              if (!worker || worker.exited || worker.child.exitCode !== null || worker.child.signalCode !== null) return resolve();
              worker.child.once('exit', () => resolve());
              worker.child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

/** Why a worker stopped, in words that say what to change. */
function exitReason(code: number | null, signal: NodeJS.Signals | null, stderr: string, limits: DocumentLimits): string {
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) {
    return `reading it needed more than the ${limits.heapMb} MB of memory a document may use (JavaScript heap out of memory): raise --doc-memory if it is genuine`;
  }
  const how = signal ? `killed by ${signal}` : `exit code ${code}`;
  return `the worker reading it stopped (${how}): try it alone with --workers 0, or report it with the file`;
}
