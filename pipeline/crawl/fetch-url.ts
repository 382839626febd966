/**
 * One URL over HTTP: redirects followed by hand (bounded, loops caught, every hop checked),
 * an idle timeout, a body limit enforced while streaming, conditional headers. Errors are
 * classes that name what the caller should do: retry later, or give up on this URL.
 */

/** Worth trying again: a 5xx, a dropped connection, a timeout. */
export class RetryableFetchError extends Error {
  constructor(
    message: string,
    readonly reason: 'server_error' | 'network' | 'timeout',
    readonly status: number | null = null,
    /** What the server asked for in Retry-After, when it did. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'RetryableFetchError';
  }
}

/** Trying again will not help: a 4xx, too large, a redirect loop, a host or path we may not fetch. */
export class FinalFetchError extends Error {
  constructor(
    message: string,
    readonly reason: 'client_error' | 'too_large' | 'redirect_loop' | 'too_many_redirects' | 'host_not_allowed' | 'robots' | 'bad_response' | 'network',
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'FinalFetchError';
  }
}

export interface FetchOptions {
  userAgent: string;
  /** Abandon the request when no byte has arrived for this long. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  /** Validators of the copy we hold: a match is answered 304 without a body. */
  etag?: string | null;
  lastModified?: string | null;
  /** Called before every hop (the first URL and each redirect target); throws FinalFetchError to refuse it. */
  checkUrl?: (url: URL) => Promise<void>;
  /** Called for every HTTP request sent (a redirect chain sends several). */
  onRequest?: (url: string) => void;
}

export interface FetchedResponse {
  /** 2xx with a body, or 304 (our copy is current) with none. */
  status: number;
  finalUrl: string;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  body: Buffer | null;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Errors that mean the host or its certificate is wrong, not that it is busy.
const FINAL_NETWORK_CODES = new Set(['ENOTFOUND', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'ERR_TLS_CERT_ALTNAME_INVALID', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE']);

export async function fetchUrl(url: string, options: FetchOptions): Promise<FetchedResponse> {
  const seen = new Set<string>();
  let current = new URL(url);
  // The status of the redirect that led here: the server did answer, so the record says how.
  let answered: number | null = null;
  for (let hop = 0; ; hop++) {
    current.hash = '';
    if (seen.has(current.href)) throw new FinalFetchError(`redirect loop: ${[...seen, current.href].join(' → ')}`, 'redirect_loop', answered);
    seen.add(current.href);
    await options.checkUrl?.(current);
    const response = await requestOnce(current, options);
    if (!('location' in response)) return response;
    answered = response.status;
    if (hop >= options.maxRedirects) throw new FinalFetchError(`more than ${options.maxRedirects} redirects from ${url}`, 'too_many_redirects', response.status);
    try {
      current = new URL(response.location, current);
    } catch {
      throw new FinalFetchError(`redirect to an invalid URL "${response.location}"`, 'bad_response', response.status);
    }
    if (!['http:', 'https:'].includes(current.protocol)) throw new FinalFetchError(`redirect to a non-HTTP URL ${current.href}`, 'bad_response', response.status);
  }
}

async function requestOnce(url: URL, options: FetchOptions): Promise<FetchedResponse | { status: number; location: string }> {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  let check: NodeJS.Immediate | undefined;
  let lastActivity = performance.now();
  let generation = 0;
  const arm = (delayMs: number) => {
    const mine = ++generation;
    clearTimeout(timer);
    timer = setTimeout(() => {
      // The timer fires late when the event loop was busy (a large page being read): let the
      // socket reads already waiting run first, so data that did arrive is not taken for silence.
      check = setImmediate(() => {
        if (mine !== generation) return; // activity re-armed the timer meanwhile
        const idleMs = performance.now() - lastActivity;
        if (idleMs < options.timeoutMs) return arm(options.timeoutMs - idleMs);
        timedOut = true;
        controller.abort();
      });
    }, delayMs);
  };
  // An idle timeout, not a total one: a large PDF trickling in steadily is fine, a stall is not.
  const restartTimer = () => {
    lastActivity = performance.now();
    arm(options.timeoutMs);
  };
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: '*/*' };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  restartTimer();
  options.onRequest?.(url.href);
  try {
    const res = await fetch(url, { headers, redirect: 'manual', signal: controller.signal });
    restartTimer();
    const header = (name: string) => res.headers.get(name);
    if (REDIRECTS.has(res.status)) {
      await res.body?.cancel();
      const location = header('location');
      if (!location) throw new FinalFetchError(`${res.status} redirect without a Location header from ${url.href}`, 'bad_response', res.status);
      return { status: res.status, location };
    }
    const meta = { finalUrl: url.href, contentType: header('content-type'), etag: header('etag'), lastModified: header('last-modified') };
    if (res.status === 304) {
      await res.body?.cancel();
      return { status: 304, ...meta, body: null };
    }
    if (res.status >= 500) {
      await res.body?.cancel();
      throw new RetryableFetchError(`HTTP ${res.status} from ${url.href}`, 'server_error', res.status, readRetryAfter(header('retry-after')));
    }
    if (res.status < 200 || res.status >= 300) {
      await res.body?.cancel();
      throw new FinalFetchError(`HTTP ${res.status} from ${url.href}`, res.status >= 400 ? 'client_error' : 'bad_response', res.status);
    }
    const declared = Number(header('content-length'));
    // A compressed body's length says nothing about its size once decoded.
    if (!header('content-encoding') && declared > options.maxBytes) {
      await res.body?.cancel();
      throw makeTooLargeError(url, options.maxBytes, declared, res.status);
    }
    return { status: res.status, ...meta, body: await readBody(res, url, options, restartTimer, controller) };
  } catch (err) {
    if (err instanceof FinalFetchError || err instanceof RetryableFetchError) throw err;
    if (timedOut) throw new RetryableFetchError(`${url.href} sent nothing for ${options.timeoutMs} ms (timeoutMs)`, 'timeout');
    const code = readNetworkCode(err);
    if (code && FINAL_NETWORK_CODES.has(code)) throw new FinalFetchError(`cannot reach ${url.href} (${code})`, 'network');
    throw new RetryableFetchError(`connection to ${url.host} failed (${code ?? (err as Error).message})`, 'network');
  } finally {
    clearTimeout(timer);
    clearImmediate(check);
  }
}

async function readBody(res: Response, url: URL, options: FetchOptions, restartTimer: () => void, controller: AbortController): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    restartTimer();
    total += value.byteLength;
    if (total > options.maxBytes) {
      // Stop the transfer now rather than holding an unbounded body in memory.
      controller.abort();
      throw makeTooLargeError(url, options.maxBytes, null, res.status);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

const makeTooLargeError = (url: URL, maxBytes: number, declared: number | null, status: number) =>
  new FinalFetchError(
    `${url.href} is ${declared === null ? 'over' : `${declared} bytes, over`} the ${maxBytes}-byte limit: raise "maxBytes" for the site if it is genuine`,
    'too_large',
    status,
  );

function readRetryAfter(value: string | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function readNetworkCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  const code = cause?.code ?? (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
