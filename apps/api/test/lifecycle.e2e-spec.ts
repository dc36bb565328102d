import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from './support/database.js';
import { send } from './support/proxy.js';
import { MAIN, startServer, type RunningServer } from './support/server.js';

const BASE_ENV = {
  NODE_ENV: 'test',
  JWT_SECRET: 'lifecycle-secret-that-is-at-least-32-characters',
  BCRYPT_COST: '4',
  LOG_LEVEL: 'info',
};

interface ServicePage {
  data: { id: number; category: string; priceCents: number }[];
  meta: { total: number };
}

const json = async (url: string) => (await (await fetch(url)).json()) as ServicePage;

/** A POST on its own connection (no keep-alive), answering the status code. */
function postOnce(url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

/** A new connection to the server: refused once it has begun to close. */
function refusesConnections(baseUrl: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(baseUrl).port), '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

/** An HTTP/1.1 response read off a raw connection. */
interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The responses in what a connection received, in order (bodies sized by Content-Length, as this API sends them). */
function rawResponses(received: Buffer): RawResponse[] {
  const responses: RawResponse[] = [];
  let rest = received;
  for (let end = rest.indexOf('\r\n\r\n'); end >= 0; end = rest.indexOf('\r\n\r\n')) {
    const [statusLine, ...lines] = rest.subarray(0, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
    );
    const length = Number(headers['content-length'] ?? 0);
    responses.push({ status: Number(statusLine.split(' ')[1]), headers, body: rest.subarray(end + 4, end + 4 + length).toString('utf8') });
    rest = rest.subarray(end + 4 + length);
  }
  return responses;
}

/** Whether the server answers on another loopback address than 127.0.0.1 (i.e. it listens on every interface). */
async function answersOn127002(server: RunningServer): Promise<boolean> {
  const url = new URL('/api/health', server.baseUrl);
  url.hostname = '127.0.0.2';
  return send(url.toString(), 'GET').then(
    (reply) => reply.status === 200,
    (error: NodeJS.ErrnoException) => (error.code === 'ECONNREFUSED' ? false : Promise.reject(error)),
  );
}

/** The permission bits of `path`, as in `ls -l` (e.g. 0o600). */
const modeOf = (path: string) => statSync(path).mode & 0o777;

/** Starts the API once and answers what it printed, for configuration failures. */
function bootOutput(env: Record<string, string>): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('first start, configuration and shutdown', () => {
  let database: TestDatabase;

  beforeEach(async () => {
    database = await freshDatabase();
  });
  afterEach(async () => {
    await database.drop();
  });

  it('migrates, creates the first admin with a generated password printed once, seeds a demo catalogue, and stops on SIGTERM', async () => {
    const env = { ...BASE_ENV, DATABASE_URL: database.url, ADMIN_EMAIL: 'first@marquee.test', SEED_DEMO_DATA: 'true' };
    const first = await startServer(env);
    const catalogue = await json(`${first.baseUrl}/api/services?limit=100`);
    expect(catalogue.meta.total).toBeGreaterThanOrEqual(12);
    expect(new Set(catalogue.data.map((service) => service.category)).size).toBe(8);
    // Each demo service sells a Standard ticket at its price, so it can be booked.
    for (const service of catalogue.data) {
      expect(await (await fetch(`${first.baseUrl}/api/services/${service.id}/ticket-types`)).json()).toEqual([
        expect.objectContaining({ name: 'Standard', priceCents: service.priceCents, isActive: true }),
      ]);
    }
    expect(await first.stop('SIGTERM')).toBe(0);

    const password = /generated password (\S+)/.exec(first.output())?.[1];
    expect(password).toBeDefined();
    const again = await startServer(env);
    const login = await fetch(`${again.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'first@marquee.test', password }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as { user: { role: string } }).user.role).toBe('admin');
    const services = await json(`${again.baseUrl}/api/services`);
    expect(services.meta.total).toBe(catalogue.meta.total);
    expect(await again.stop()).toBe(0);
    expect(again.output()).not.toContain('generated password');
    const admins = await database.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM users u JOIN roles r ON r.id = u.role_id WHERE r.name = 'admin'",
    );
    expect(Number(admins[0].n)).toBe(1);
  });

  it('seeds no demo data in production, and listens on every interface there (HOST unset: 0.0.0.0)', async () => {
    const server = await startServer({
      ...BASE_ENV,
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://127.0.0.1:9',
      TICKET_SIGNING_KEY: 'patOZ98ov8Vgs8EX8Z8OSxfmjG5SkMguGmNy3jvmNQY=',
      DATABASE_URL: database.url,
      ADMIN_PASSWORD: 'Prod-admin-1',
    });
    const services = await json(`${server.baseUrl}/api/services`);
    expect(services.meta.total).toBe(0);
    expect(await answersOn127002(server)).toBe(true);
    expect(await server.stop()).toBe(0);
  });

  it('listens on 127.0.0.1 only outside production (HOST unset), and on HOST when set', async () => {
    const local = await startServer({ ...BASE_ENV, DATABASE_URL: database.url });
    expect(await answersOn127002(local)).toBe(false);
    expect(local.output()).toMatch(/listens on http:\/\/127\.0\.0\.1:\d+/);
    expect(await local.stop()).toBe(0);

    const everywhere = await startServer({ ...BASE_ENV, DATABASE_URL: database.url, HOST: '0.0.0.0' });
    expect(await answersOn127002(everywhere)).toBe(true);
    expect(await everywhere.stop()).toBe(0);
  });

  it('keeps a SQLite database, its -wal and -shm files, the data folder and the generated JWT secret and ticket key owner-only', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'marquee-modes-'));
    const data = join(folder, 'data');
    const file = join(data, 'marquee.sqlite');
    try {
      // The defaults: DATABASE_URL sqlite:./data/marquee.sqlite, a generated ./data/jwt-secret and ./data/ticket-signing-key, under a fresh folder.
      const env = { NODE_ENV: 'test', BCRYPT_COST: '4', LOG_LEVEL: 'warn', SEED_DEMO_DATA: 'true', ADMIN_PASSWORD: 'Admin-password-1' };
      const server = await startServer(env, { cwd: folder });
      expect(
        await postOnce(`${server.baseUrl}/api/auth/register`, { name: 'Modes', email: 'modes@example.com', password: 'Sup3r-secret' }),
      ).toBe(201);
      const files = [file, `${file}-wal`, `${file}-shm`, join(data, 'jwt-secret'), join(data, 'ticket-signing-key')];
      expect(files.map((path) => [path, existsSync(path) && modeOf(path)])).toEqual(files.map((path) => [path, 0o600]));
      expect(modeOf(data)).toBe(0o700);
      expect(await server.stop()).toBe(0);

      // A database left readable by others (an earlier version made it 0644) is narrowed at the next start.
      chmodSync(file, 0o644);
      const again = await startServer(env, { cwd: folder });
      expect(modeOf(file)).toBe(0o600);
      expect(modeOf(`${file}-wal`)).toBe(0o600);
      expect(await again.stop()).toBe(0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('finishes a request in flight when SIGTERM arrives', async () => {
    const server = await startServer({ ...BASE_ENV, DATABASE_URL: database.url, BCRYPT_COST: '12', ADMIN_PASSWORD: 'Admin-password-1' });
    // bcrypt at cost 12 keeps the registration busy for a while: SIGTERM lands in the middle of it.
    const register = postOnce(`${server.baseUrl}/api/auth/register`, { name: 'Late', email: 'late@example.com', password: 'Sup3r-secret' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const stopped = server.stop('SIGTERM');
    expect(await register).toBe(201);
    expect(await stopped).toBe(0);
    const after = await fetch(`${server.baseUrl}/api/health`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(after).toBe('refused');
  });

  it('answers a request arriving on an open connection while it drains with a 503 problem and Retry-After', async () => {
    const server = await startServer({ ...BASE_ENV, DATABASE_URL: database.url, BCRYPT_COST: '14', ADMIN_PASSWORD: 'Admin-password-1' });
    const socket = connect(Number(new URL(server.baseUrl).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    // bcrypt at cost 14 keeps the registration busy for a second or more: the server drains meanwhile.
    const body = JSON.stringify({ name: 'Slow', email: 'slow@example.com', password: 'Sup3r-secret' });
    socket.write(
      `POST /api/auth/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stopped = server.stop('SIGTERM');
    while (!(await refusesConnections(server.baseUrl))) await new Promise((resolve) => setTimeout(resolve, 10));
    // The connection is still open (its request in flight): the next request on it arrives while the server drains.
    socket.write('GET /api/services HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await closed;
    expect(await stopped).toBe(0);

    const [registered, refused, ...more] = rawResponses(Buffer.concat(received));
    expect(registered.status).toBe(201);
    expect(more).toEqual([]);
    expect(refused).toMatchObject({
      status: 503,
      headers: expect.objectContaining({
        'content-type': expect.stringContaining('application/problem+json'),
        'retry-after': '5',
        connection: 'close',
      }),
    });
    expect(JSON.parse(refused.body)).toEqual({
      type: '/problems/unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: expect.any(String),
      instance: '/api/services',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://nope' }, 'DATABASE_URL'],
    [{ BCRYPT_COST: '40' }, 'BCRYPT_COST'],
    [{ VENUE_TIMEZONE: 'Mars/Olympus' }, 'VENUE_TIMEZONE'],
    [{ JWT_ACCESS_TTL: 'soon' }, 'JWT_ACCESS_TTL'],
    [{ NODE_ENV: 'production', JWT_SECRET: '' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'too-short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:9' }, 'TICKET_SIGNING_KEY'],
    [{ TICKET_SIGNING_KEY: 'not-a-key' }, 'TICKET_SIGNING_KEY'],
    // The placeholders of .env.example and deploy/kubernetes/secret.example.yaml, left as they are.
    [{ NODE_ENV: 'production', JWT_SECRET: 'change-me-to-a-long-random-string-of-32-chars-or-more' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'CHANGE_ME-to-a-random-string-of-at-least-32-characters' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'x'.repeat(48) }, 'JWT_SECRET'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ HOST: 'everywhere' }, 'HOST'],
  ])('refuses to start with %j, naming %s', (override, variable) => {
    const { status, output } = bootOutput({ ...BASE_ENV, DATABASE_URL: database.url, ...override });
    expect(status).not.toBe(0);
    expect(output).toContain(`${variable}:`);
  });
});
