import { configureLimits } from '../parsers/limits';
import { DocumentLimitsSchema, type DocumentLimits } from '../schemas/limits';
import { extractDocument, type ExtractOptions } from './extract';

/** The environment variable a worker process is given its limits in. */
export const LIMITS_ENV = 'JIXIAO_DOCUMENT_LIMITS';

/** A document to extract in this worker process, and the answer. */
export interface WorkerRequest {
  id: number;
  bytes: Uint8Array;
  source: string;
  options: ExtractOptions;
}

export interface WorkerReply {
  id: number;
  result?: import('../schemas/dataset').DocumentResult;
  error?: string;
}

const limits: DocumentLimits = DocumentLimitsSchema.parse(JSON.parse(process.env[LIMITS_ENV] ?? '{}'));
configureLimits(limits);

process.on('message', async (request: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { id: request.id, result: await extractDocument(request.bytes, request.source, request.options) };
  } catch (err) {
    reply = { id: request.id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  process.send?.(reply);
});
// Messages sent before a listener exists are lost: the pool waits for this.
process.send?.({ ready: true });
