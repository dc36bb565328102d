import type { Logger } from '@nestjs/common';

export interface PruneSchedule {
  /** Deletes what is past its time; answers how many rows. */
  prune: () => Promise<number>;
  everyMs: number;
  logger: Logger;
  /** The log line for `count` (> 0) rows deleted. */
  deleted: (count: number) => string;
  /** What failed, for the warning (the process keeps running; the next round tries again). */
  failure: string;
}

/** Prunes now (awaited, at start) and then every `everyMs`; answers the function that stops it. */
export async function prunePeriodically({ prune, everyMs, logger, deleted, failure }: PruneSchedule): Promise<() => void> {
  const pruneQuietly = async () => {
    try {
      const count = await prune();
      if (count > 0) logger.log(deleted(count));
    } catch (error) {
      logger.warn(`${failure}: ${String(error)}`);
    }
  };
  await pruneQuietly();
  const timer = setInterval(() => void pruneQuietly(), everyMs).unref();
  return () => clearInterval(timer);
}
