// The built API serving the built web app, as the production image runs it: on a free port, a fresh
// SQLite database with the demo catalogue, stopped (and its folder removed) by the scale lib's cleanup.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { API_MAIN, Instance, freePort, onCleanup } from '../../api/test/scale/lib.mjs';

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
  const port = await freePort();
  const instance = new Instance('api', port, {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    SCALE_CWD: dir,
    NODE_ENV: 'test',
    PORT: String(port),
    DATABASE_URL: `sqlite:${join(dir, 'marquee.sqlite')}`,
    JWT_SECRET: 'built-app-secret-that-is-at-least-32-characters',
    ADMIN_PASSWORD: 'Admin-password-1',
    SEED_DEMO_DATA: 'true',
    BCRYPT_COST: '4',
    LOG_LEVEL: 'warn',
    WEB_DIST,
  });
  onCleanup(() => instance.stop(5000));
  await instance.waitReady();
  return instance.url;
}
