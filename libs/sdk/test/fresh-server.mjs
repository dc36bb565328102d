// A fresh built API on a temporary SQLite database with the demo catalogue, for the SDK's tests and the
// integrator script: webhooks may reach this machine's receiver (WEBHOOK_ALLOW_PRIVATE_TARGETS).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApi } from '../../../apps/api/test/harness/processes.mjs';

export const ADMIN = { email: 'integrator-admin@example.com', password: 'Admin-password-1' };

export async function startFreshServer() {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-sdk-'));
  const api = await startApi({
    cwd: dir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATABASE_URL: `sqlite:${join(dir, 'marquee.sqlite')}`,
      JWT_SECRET: 'sdk-test-secret-that-is-at-least-32-characters',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SEED_DEMO_DATA: 'true',
      BCRYPT_COST: '4',
      LOG_LEVEL: 'warn',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    },
    ready: { intervalMs: 150 },
  });
  return {
    url: api.url,
    async stop() {
      await api.stop('SIGTERM', 10_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
