// Progress lines and cleanup: whatever happens (an error, Ctrl-C, the watchdog), the harness stops
// every process it started and drops its database before it exits.
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

const started = Date.now();
const cleanups = [];

/** One progress line, with the seconds since the harness started. */
export function log(message) {
  process.stdout.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)}s] ${message}\n`);
}

export function elapsedSeconds() {
  return (Date.now() - started) / 1000;
}

/** Registers an undo step; `runCleanups` runs the steps last-in first-out. */
export function onCleanup(step) {
  cleanups.push(step);
}

export async function runCleanups() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    try {
      await withDeadline(Promise.resolve().then(step), 20_000, 'cleanup step');
    } catch (error) {
      log(`cleanup: ${error.message}`);
    }
  }
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

export function withDeadline(promise, ms, what) {
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
