import PQueue from 'p-queue';

export interface HostLimits {
  /** Requests in flight at once to the host. */
  concurrency: number;
  /** Between the starts of two requests to the host. */
  minDelayMs: number;
}

/**
 * One p-queue per origin, so a slow or strict host never holds back another. The limits are
 * asked for when an origin's first request is queued, i.e. after its robots.txt was read, so
 * a Crawl-delay there can raise them.
 */
export class HostQueues {
  private readonly queues = new Map<string, PQueue>();

  constructor(private readonly limitsFor: (origin: string) => HostLimits) {}

  /** Runs `task` when the origin's limits allow; higher priority first, FIFO among equals. */
  run<T>(origin: string, task: () => Promise<T>, priority = 0): Promise<T> {
    return this.queueFor(origin).add(task, { priority, throwOnTimeout: true });
  }

  private queueFor(origin: string): PQueue {
    let queue = this.queues.get(origin);
    if (!queue) {
      const { concurrency, minDelayMs } = this.limitsFor(origin);
      // intervalCap 1 per interval: at most one request starts in any minDelayMs window.
      queue = minDelayMs > 0 ? new PQueue({ concurrency, interval: minDelayMs, intervalCap: 1 }) : new PQueue({ concurrency });
      this.queues.set(origin, queue);
    }
    return queue;
  }
}
