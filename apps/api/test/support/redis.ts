import { connect } from 'node:net';

/** The Redis server the suites that need one use: TEST_REDIS_URL, or the local default. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Whether the suite can use Redis. A laptop without Redis skips the suites that need it and says
 * so; in CI (CI=true) Redis is required, so a missing server fails the suite instead of hiding it.
 */
export async function redisForSuite(suite: string): Promise<boolean> {
  if (await reachable(new URL(TEST_REDIS_URL))) return true;
  if (process.env.CI === 'true') throw new Error(`${suite} needs Redis at ${TEST_REDIS_URL}, which does not answer`);
  console.warn(`${suite}: skipped, it needs Redis at ${TEST_REDIS_URL} (start one, or set TEST_REDIS_URL)`);
  return false;
}

function reachable(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 6379), timeout: 1_000 });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
