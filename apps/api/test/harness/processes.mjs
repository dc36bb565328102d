// The process and HTTP primitives every test harness shares: the jest e2e support (TypeScript, through
// processes.d.mts), the scale and fault scripts, the browser suite, Lighthouse and the benchmark.
// Plain Node ESM, no build step.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../../../..');
/** The built API: MARQUEE_API_MAIN (relative to the repository root) or apps/api/dist/main.js. */
export const API_MAIN = resolve(ROOT, process.env.MARQUEE_API_MAIN ?? 'apps/api/dist/main.js');

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/** Resolves { code, signal } once `child` has exited (at once when it already has). */
export function exitOf(child) {
  return new Promise((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolveExit({ code, signal }));
  });
}

/**
 * Sends `signal` to `child` and waits for its exit; after `graceMs` (when finite) sends SIGKILL.
 * Resolves { code, signal, ms, killed? }; at once with the exit when it has already exited.
 */
export async function stopProcess(child, { signal = 'SIGTERM', graceMs = 10_000 } = {}) {
  const exited = exitOf(child);
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  const begun = Date.now();
  child.kill(signal);
  const result = Number.isFinite(graceMs) ? await Promise.race([exited, sleep(graceMs).then(() => null)]) : await exited;
  if (result) return { ...result, ms: Date.now() - begun };
  child.kill('SIGKILL');
  return { ...(await exited), ms: Date.now() - begun, killed: true };
}

/**
 * Collects what a child writes on stdout and stderr: all of it, or with `keepLines` only the last
 * non-empty lines (each cut to 400 characters). Returns a function answering the text so far.
 */
export function collectOutput(child, keepLines) {
  if (keepLines === undefined) {
    let text = '';
    child.stdout?.on('data', (chunk) => (text += chunk));
    child.stderr?.on('data', (chunk) => (text += chunk));
    return () => text;
  }
  const lines = [];
  const keep = (chunk) => {
    for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(line.slice(0, 400));
    while (lines.length > keepLines) lines.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}

/**
 * Spawns `node [nodeArgs] main` with exactly `env` (PORT included) in `cwd`, its output piped (and
 * kept, see collectOutput) unless `stdio` says otherwise. Resolves nothing: call waitReady().
 */
export function spawnApi({ env, cwd, name = 'the API', main = API_MAIN, nodeArgs = [], keepLines, stdio = ['ignore', 'pipe', 'pipe'] }) {
  const port = Number(env.PORT);
  const startedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, [...nodeArgs, main], { cwd, env, stdio });
  const output = collectOutput(child, keepLines);
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    pid: child.pid,
    exited: exitOf(child),
    output,
    running,
    /**
     * Polls `path` until it answers 200; throws (after SIGKILL) when the process exits first or
     * `timeoutMs` passes. Resolves the milliseconds since spawn.
     */
    async waitReady({
      path = '/api/health/ready',
      timeoutMs = 30_000,
      intervalMs = 50,
      callTimeoutMs = 3000,
      describeOutput = output,
    } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (!running()) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${describeOutput()}`);
        if ((await call(`http://127.0.0.1:${port}${path}`, { timeoutMs: callTimeoutMs })).status === 200) {
          return Number(process.hrtime.bigint() - startedAt) / 1e6;
        }
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`${name} was not ready within ${timeoutMs} ms:\n${describeOutput()}`);
        }
        await sleep(intervalMs);
      }
    },
    /** `signal` (SIGTERM), then SIGKILL after `graceMs` (10 s; Infinity: never). */
    stop: (signal = 'SIGTERM', graceMs = 10_000) => stopProcess(child, { signal, graceMs }),
  };
}

/** Starts the API on a free port (unless env has PORT) and resolves it once `ready.path` answers 200. */
export async function startApi({ ready, ...options }) {
  const env = options.env.PORT ? options.env : { ...options.env, PORT: String(await freePort()) };
  const api = spawnApi({ ...options, env });
  await api.waitReady(ready);
  return api;
}

/**
 * One HTTP call with a deadline. Never throws: resolves { status, body, headers } or, when no
 * answer came, { status: 0, error: 'ECONNREFUSED' | 'ECONNRESET' | 'TIMEOUT' | ... }.
 */
export async function call(url, { method = 'GET', body, token, headers = {}, timeoutMs = 15_000 } = {}) {
  const init = { method, headers: { ...headers }, signal: AbortSignal.timeout(timeoutMs) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['content-type'] = 'application/json';
  }
  if (token) init.headers.authorization = `Bearer ${token}`;
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    let parsed = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (an nginx error page): keep the text
    }
    return { status: response.status, body: parsed, headers: response.headers };
  } catch (error) {
    const code =
      error.name === 'TimeoutError' || error.name === 'AbortError' ? 'TIMEOUT' : (error.cause?.code ?? error.code ?? error.message);
    return { status: 0, error: String(code) };
  }
}

/** A short description of an answer, for messages. */
export function describe(response) {
  if (response.status === 0) return `no answer (${response.error})`;
  const type = response.body && typeof response.body === 'object' ? (response.body.type ?? '') : '';
  return `${response.status} ${type}`.trim();
}

/** A JSON call that must succeed (2xx): resolves the parsed body, throws with the answer otherwise. */
export async function json(baseUrl, method, path, { token, body, timeoutMs = 30_000 } = {}) {
  const response = await call(`${baseUrl}${path}`, { method, token, body, timeoutMs });
  if (response.status < 200 || response.status > 299) {
    throw new Error(`${method} ${path} → ${describe(response)} ${JSON.stringify(response.body ?? null)}`);
  }
  return response.body;
}

/** Logs in through the API; resolves the auth answer ({ accessToken, refreshToken, user, ... }). */
export function login(baseUrl, email, password) {
  return json(baseUrl, 'POST', '/api/auth/login', { body: { email, password } });
}
