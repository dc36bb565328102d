// The built API serving the built web app, as the production image runs it: on a free port, a fresh
// SQLite database with the demo catalogue, stopped (and its folder removed) by the scale lib's cleanup.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { API_MAIN, freePort, spawnApi } from '../../api/test/harness/processes.mjs';
import { onCleanup } from '../../api/test/scale/lib.mjs';

export const WEB_DIST = resolve(import.meta.dirname, '../dist/browser');

/** Fails with the command to run when either build is missing. */
export function requireBuilds() {
  if (!existsSync(API_MAIN) || !existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`${API_MAIN} or ${WEB_DIST}/index.html is missing: run \`npm run build\` first`);
  }
}

/** Starts the API serving WEB_DIST; resolves its base URL once it is ready. */
export async function startBuiltApp() {
  requireBuilds();
  const dir = mkdtempSync(join(tmpdir(), 'marquee-built-app-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  const api = spawnApi({
    // cwd: a folder without a .env file, so only the environment given here counts.
    cwd: dir,
    keepLines: 40,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      PORT: String(await freePort()),
      DATABASE_URL: `sqlite:${join(dir, 'marquee.sqlite')}`,
      JWT_SECRET: 'built-app-secret-that-is-at-least-32-characters',
      ADMIN_PASSWORD: 'Admin-password-1',
      SEED_DEMO_DATA: 'true',
      BCRYPT_COST: '4',
      LOG_LEVEL: 'warn',
      WEB_DIST,
    },
  });
  onCleanup(() => api.stop('SIGTERM', 5000));
  await api.waitReady({ intervalMs: 150 });
  return api.url;
}
