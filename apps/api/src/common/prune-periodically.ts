import type { Logger } from '@nestjs/common';

export interface PeriodicJob {
  /** Does the job's work; answers how many rows it wrote or deleted. */
  run: () => Promise<number>;
  everyMs: number;
  logger: Logger;
  /** The log line for `count` (> 0) rows. */
  done: (count: number) => string;
  /** What failed, for the warning (the process keeps running; the next round tries again). */
  failure: string;
}

/** A {@link PeriodicJob} that deletes what is past its time. */
export interface PruneSchedule extends Omit<PeriodicJob, 'run' | 'done'> {
  /** Deletes what is past its time; answers how many rows. */
  prune: () => Promise<number>;
  /** The log line for `count` (> 0) rows deleted. */
  deleted: (count: number) => string;
}

/** Runs the job now (awaited, at start) and then every `everyMs`; answers the function that stops it. */
export async function repeatPeriodically({ run, everyMs, logger, done, failure }: PeriodicJob): Promise<() => void> {
  const runQuietly = async () => {
    try {
      const count = await run();
      if (count > 0) logger.log(done(count));
    } catch (error) {
      logger.warn(`${failure}: ${String(error)}`);
    }
  };
  await runQuietly();
  const timer = setInterval(() => void runQuietly(), everyMs).unref();
  return () => clearInterval(timer);
}

/** Prunes now (awaited, at start) and then every `everyMs`; answers the function that stops it. */
export function prunePeriodically({ prune, deleted, ...schedule }: PruneSchedule): Promise<() => void> {
  return repeatPeriodically({ ...schedule, run: prune, done: deleted });
}
