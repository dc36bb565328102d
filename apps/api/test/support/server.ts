import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startApi } from '../harness/processes.mjs';

export { freePort };

const API_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The built entry point; MARQUEE_API_MAIN points elsewhere (e.g. a separate build folder). */
export const MAIN = process.env.MARQUEE_API_MAIN ? resolve(process.env.MARQUEE_API_MAIN) : resolve(API_ROOT, 'dist/main.js');

export interface RunningServer {
  baseUrl: string;
  process: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the built API (`npm run build` first) as its own process, with only PATH and `env`, and
 * waits until /api/health answers. `cwd` (default apps/api) is where relative paths such as ./data resolve.
 */
export async function startServer(env: Record<string, string>, { cwd = API_ROOT }: { cwd?: string } = {}): Promise<RunningServer> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  // Without SMTP_URL the API writes its messages as .eml files: into a folder of its own unless MAIL_DIR says where.
  const mailDir = env.MAIL_DIR ? undefined : mkdtempSync(join(tmpdir(), 'marquee-mail-'));
  const api = await startApi({
    main: MAIN,
    cwd,
    env: { PATH: process.env.PATH ?? '', ...(mailDir && { MAIL_DIR: mailDir }), ...env, PORT: String(await freePort()) },
    ready: { path: '/api/health', timeoutMs: 30_000, intervalMs: 50 },
  });
  return {
    baseUrl: api.url,
    process: api.child,
    output: api.output,
    // No SIGKILL after a grace period: a test that stops the API waits for its own exit.
    stop: async (signal = 'SIGTERM') => {
      const { code } = await api.stop(signal, Infinity);
      if (mailDir) rmSync(mailDir, { recursive: true, force: true });
      return code;
    },
  };
}
