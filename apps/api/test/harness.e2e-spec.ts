import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, freePort, json, login, spawnApi, startApi } from './harness/processes.mjs';
import { ADMIN, TestApp } from './support/test-app.js';

/** The shared process and HTTP primitives of every test harness, on small scripts and on the API. */
describe('test harness: processes and HTTP', () => {
  let dir: string;
  const script = (name: string, source: string): string => {
    const file = join(dir, name);
    writeFileSync(file, source);
    return file;
  };
  const env = (port: number) => ({ PATH: process.env.PATH ?? '', PORT: String(port) });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'marquee-harness-'));
  });
  // Whatever the assertions say, the process that ignores SIGTERM does not outlive the suite.
  let stubborn: ChildProcess | undefined;
  afterAll(() => {
    stubborn?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('freePort answers a loopback port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((done, fail) => server.once('error', fail).listen(port, '127.0.0.1', done));
    expect((server.address() as { port: number }).port).toBe(port);
    await new Promise((done) => server.close(done));
  });

  it('call never throws: refused, timed out and non-JSON answers are values', async () => {
    const refused = await call(`http://127.0.0.1:${await freePort()}/`, { timeoutMs: 2000 });
    expect(refused).toEqual({ status: 0, error: 'ECONNREFUSED' });

    // A socket that accepts and never answers.
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const { port } = silent.address() as { port: number };
    const begun = Date.now();
    const timedOut = await call(`http://127.0.0.1:${port}/`, { timeoutMs: 300 });
    expect(timedOut).toEqual({ status: 0, error: 'TIMEOUT' });
    expect(Date.now() - begun).toBeLessThan(5000);
    for (const socket of sockets) socket.destroy();
    await new Promise((done) => silent.close(done));

    const page = createHttpServer((_, res) => res.end('<html>502 Bad Gateway</html>'));
    await new Promise<void>((done) => page.listen(0, '127.0.0.1', done));
    const text = await call(`http://127.0.0.1:${(page.address() as { port: number }).port}/`);
    expect(text.status).toBe(200);
    expect(text.body).toBe('<html>502 Bad Gateway</html>');
    await new Promise((done) => page.close(done));
  });

  it('startApi waits for readiness, keeps the last lines, and stop() sends SIGKILL after the grace period', async () => {
    const port = await freePort();
    const main = script(
      'stubborn.mjs',
      `import { createServer } from 'node:http';
       for (let i = 1; i <= 100; i++) console.log('line ' + i);
       process.on('SIGTERM', () => console.log('SIGTERM ignored'));
       createServer((req, res) => res.end(req.url === '/api/health/ready' ? 'ok' : 'no')).listen(Number(process.env.PORT), '127.0.0.1');`,
    );
    const api = await startApi({ main, cwd: dir, env: env(port), keepLines: 40 });
    stubborn = api.child;
    expect(api.url).toBe(`http://127.0.0.1:${port}`);
    expect((await call(`${api.url}/api/health/ready`)).body).toBe('ok');
    const lines = api.output().split('\n');
    expect(lines).toHaveLength(40);
    expect(lines[0]).toBe('line 61');
    expect(lines[39]).toBe('line 100');
    const exit = await api.stop('SIGTERM', 300);
    expect(exit).toEqual(expect.objectContaining({ code: null, signal: 'SIGKILL', killed: true }));
    expect(api.output()).toContain('SIGTERM ignored');
    expect(api.running()).toBe(false);
  });

  it('a process that exits before it is ready fails the start at once, with its output', async () => {
    const main = script('broken.mjs', `console.error('DATABASE_URL is missing'); process.exit(7);`);
    const begun = Date.now();
    await expect(startApi({ main, cwd: dir, env: env(await freePort()), ready: { timeoutMs: 20_000 } })).rejects.toThrow(
      /exited \(7\) before it was ready:\nDATABASE_URL is missing/,
    );
    expect(Date.now() - begun).toBeLessThan(10_000);
  });

  it('stop() on a process that ends on SIGTERM resolves its exit code without SIGKILL', async () => {
    const port = await freePort();
    const main = script(
      'graceful.mjs',
      `import { createServer } from 'node:http';
       const server = createServer((req, res) => res.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
       process.on('SIGTERM', () => server.close(() => process.exit(0)));`,
    );
    const api = spawnApi({ main, cwd: dir, env: env(port) });
    await api.waitReady({ path: '/anything' });
    const exit = await api.stop('SIGTERM', Infinity);
    expect(exit).toEqual(expect.objectContaining({ code: 0, signal: null }));
    expect(exit.killed).toBeUndefined();
    // Stopping again answers the same exit.
    expect(await api.stop()).toEqual({ code: 0, signal: null });
  });

  describe('on the API', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await TestApp.start();
    });
    afterAll(() => app?.close());

    it('login answers the tokens; json throws with the status and problem type unless 2xx', async () => {
      const auth = await login<{ accessToken: string; user: { email: string } }>(app.baseUrl, ADMIN.email, ADMIN.password);
      expect(auth.user.email).toBe(ADMIN.email);
      const me = await json<{ email: string }>(app.baseUrl, 'GET', '/api/auth/me', { token: auth.accessToken });
      expect(me.email).toBe(ADMIN.email);
      await expect(login(app.baseUrl, ADMIN.email, 'Wrong-password-1')).rejects.toThrow(
        /^POST \/api\/auth\/login → 401 \/problems\/unauthorized /,
      );
    });
  });
});
