import { parentPort } from 'node:worker_threads';
import { extractDocument, type ExtractOptions } from './extract';

/** A document to extract in this worker thread, and the answer. */
export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  source: string;
  options: ExtractOptions;
}

parentPort?.on('message', async (request: WorkerRequest) => {
  try {
    const result = await extractDocument(request.bytes, request.source, request.options);
    parentPort?.postMessage({ id: request.id, result });
  } catch (err) {
    parentPort?.postMessage({ id: request.id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
  }
});
