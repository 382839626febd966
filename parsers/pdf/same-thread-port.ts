/**
 * The message port between pdf.js's two halves, both in this thread. pdf.js's own fake-worker
 * port copies every message with `structuredClone`, as a real worker's would be copied; most of
 * that copying is of the page's operator list and text content, each glyph an object (10–20 % of
 * a text PDF's CPU on the 22 Jiangsu budget PDFs, and the garbage it makes).
 *
 * Here a streamed chunk (an operator list's or a text content's part) is handed over instead of
 * copied: after sending a chunk, pdf.js's worker side only empties or replaces the chunk's own
 * arrays and maps (`OperatorList.flush` truncates `fnArray`/`argsArray`; `getTextContent` replaces
 * `items` and `styles`) and never touches their elements again (each path's points are a new typed
 * array, and what is listed for transfer is given up by the sender). So the chunk's own arrays and
 * maps are copied, one level, and their elements are shared. Every other message (requests,
 * fonts, images, errors) is cloned as pdf.js does, or, when it holds no object at all, spread. `test/pdf-open.test.ts` compares pages read
 * through this port and through pdf.js's own.
 */
type Transfers = NonNullable<Parameters<typeof structuredClone>[1]>['transfer'];

export class SameThreadPort {
  readonly #listeners = new Set<(event: { data: unknown }) => void>();
  readonly #deferred = Promise.resolve();

  postMessage(message: unknown, transfer?: Transfers | null): void {
    const data = isChunk(message)
      ? { ...message, chunk: ownLevel(message.chunk) }
      : !transfer?.length && isFlat(message)
        ? { ...message }
        : structuredClone(message, transfer ? { transfer } : undefined);
    // Delivered after the sender's turn, in order, as a worker's message would be.
    void this.#deferred.then(() => {
      for (const listener of this.#listeners) listener.call(this, { data });
    });
  }

  addEventListener(_type: 'message', listener: (event: { data: unknown }) => void): void {
    this.#listeners.add(listener);
  }

  removeEventListener(_type: 'message', listener: (event: { data: unknown }) => void): void {
    this.#listeners.delete(listener);
  }

  terminate(): void {
    this.#listeners.clear();
  }
}

/** A stream's chunk message (pdf.js's `StreamKind.ENQUEUE` carries `chunk`). */
function isChunk(message: unknown): message is { chunk: object } {
  return typeof message === 'object' && message !== null && 'streamId' in message && 'chunk' in message && typeof message.chunk === 'object' && message.chunk !== null;
}

/**
 * A plain object of strings, numbers, booleans and nulls only: its spread is what `structuredClone`
 * makes of it. Most messages are so (a stream's pull and its answer, two for every chunk), and
 * `structuredClone`'s own cost per call was most of the port's time.
 */
function isFlat(message: unknown): message is object {
  if (!isPlainObject(message)) return false;
  for (const key in message) {
    const value = message[key];
    if (value !== null && value !== undefined && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return false;
  }
  return true;
}

/** The chunk's own arrays and plain objects copied; what they hold is shared. */
function ownLevel(chunk: object): object {
  if (Array.isArray(chunk)) return chunk.slice();
  if (ArrayBuffer.isView(chunk) || chunk instanceof ArrayBuffer) return chunk;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(chunk)) {
    out[key] = Array.isArray(value) ? value.slice() : isPlainObject(value) ? Object.assign(Object.create(Object.getPrototypeOf(value) as object | null) as object, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
