import { parentPort, workerData } from 'node:worker_threads';
import { configureLimits } from '../parsers/limits';
import type { DocumentLimits } from '../schemas/limits';
import { extractDocument, type ExtractOptions } from './extract';

/** What a worker is started with. */
export interface WorkerSetup {
  limits: DocumentLimits;
}

/** A document to extract in this worker thread, and the answer. */
export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  source: string;
  options: ExtractOptions;
}

configureLimits((workerData as WorkerSetup | null)?.limits ?? {});

parentPort?.on('message', async (request: WorkerRequest) => {
  try {
    const result = await extractDocument(request.bytes, request.source, request.options);
    parentPort?.postMessage({ id: request.id, result });
  } catch (err) {
    parentPort?.postMessage({ id: request.id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
});
