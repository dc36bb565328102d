/** Thrown by `Semaphore.run` when every slot is taken and the queue is full. */
export class SemaphoreFullError extends Error {
  constructor() {
    super('Too many tasks are waiting for a turn');
  }
}

/**
 * At most `limit` tasks run at once; up to `queueLimit` more wait for a turn in the order they came,
 * and any beyond those are refused at once (`SemaphoreFullError`) rather than queued without end.
 */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly limit: number,
    readonly queueLimit: number,
  ) {
    if (!(Number.isInteger(limit) && limit >= 1)) throw new RangeError('limit must be an integer ≥ 1');
    if (!(Number.isInteger(queueLimit) && queueLimit >= 0)) throw new RangeError('queueLimit must be an integer ≥ 0');
  }

  /** Tasks running now and tasks waiting (for metrics and tests). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.limit) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queueLimit) return Promise.reject(new SemaphoreFullError());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot to the longest-waiting task, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
