/**
 * Runs rounds of queued work in one process: at `start`, every `intervalMs`, and at once on `wake`
 * (a wake during a round asks for one more). A round answers how many items it took; a full batch
 * means there may be more, so the next round follows at once.
 */
export class DrainLoop {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly round: () => Promise<number>,
    private readonly batch: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => this.wake(), intervalMs).unref();
    this.wake();
  }

  /** Stops the timer and waits for the round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Starts a round, or asks the running one to go on once more. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        while (!this.stopped && (await this.round()) === this.batch);
      } catch (error) {
        this.onError(error);
      }
    } while (this.again && !this.stopped);
  }
}
