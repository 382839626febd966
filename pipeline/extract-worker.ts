// Entry of a worker process (compiled by extract-worker-bundle.mjs, or through extract-worker.mjs when it cannot be): never imported by the batch itself.
import { configureLimits } from '../parsers/limits';
import { chooseParser } from '../parsers/registry';
import { DocumentLimitsSchema, type DocumentLimits } from '../schemas/limits';
import { extractDocument } from './extract';
import { LIMITS_ENV, type WorkerReply, type WorkerRequest } from './extract-pool';

const limits: DocumentLimits = DocumentLimitsSchema.parse(JSON.parse(process.env[LIMITS_ENV] ?? '{}'));
configureLimits(limits);

process.on('message', async (request: WorkerRequest) => {
  // The reader of the document's format is loaded before its time starts: the limit is for
  // reading it, not for loading code (a failure to load is the document's, said by extractDocument).
  await chooseParser(request.options.name ?? request.source, request.bytes)
    ?.load()
    .catch(() => undefined);
  process.send?.({ id: request.id, loaded: true } satisfies WorkerReply);
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
// The batch is gone (killed, even with -9): a worker never outlives it.
process.on('disconnect', () => process.exit(0));
