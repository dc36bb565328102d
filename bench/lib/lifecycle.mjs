// Progress lines and cleanup: whatever happens (an error, Ctrl-C, the watchdog), the harness stops
// every process it started and drops its database before it exits. The progress log, the undo
// steps and the deadlines are the scale scripts' own.
import { log, onCleanup, runCleanups, sleep, withDeadline } from '../../apps/api/test/scale/lib.mjs';

export { log, onCleanup, runCleanups, sleep, withDeadline };

const started = Date.now();

export function elapsedSeconds() {
  return (Date.now() - started) / 1000;
}

/** Cleans up and exits on Ctrl-C / SIGTERM, and when the whole run takes longer than `ms`. */
export function guardRun(ms) {
  const stop = async (reason, code) => {
    log(`${reason}: stopping and cleaning up`);
    setTimeout(() => process.exit(code), 30_000).unref();
    await runCleanups();
    process.exit(code);
  };
  setTimeout(() => stop(`WATCHDOG: the run took longer than ${Math.round(ms / 1000)} s`, 3), ms).unref();
  process.once('SIGINT', () => stop('SIGINT', 130));
  process.once('SIGTERM', () => stop('SIGTERM', 143));
}
