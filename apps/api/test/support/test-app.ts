import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase, type TestDatabase } from './database.js';
import { startServer, type RunningServer } from './server.js';

export const ADMIN = { email: 'admin@marquee.test', password: 'Admin-password-1' };
export const PASSWORD = 'Sup3r-secret';

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** A raw body, sent as is (with its own content type). */
  raw?: string | Buffer;
  /** A multipart/form-data body. */
  form?: FormData;
  headers?: Record<string, string>;
}

export interface Session {
  id: number;
  email: string;
  accessToken: string;
  refreshToken: string;
}

/** The whole API on a random port over a fresh database, with helpers to call it over HTTP. */
export class TestApp {
  private constructor(
    readonly server: RunningServer,
    readonly database: TestDatabase,
    /** The environment the API was started with (to start more instances on the same database). */
    readonly env: Record<string, string>,
  ) {}

  get baseUrl(): string {
    return this.server.baseUrl;
  }

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const database = await freshDatabase();
    const mailDir = mkdtempSync(join(tmpdir(), 'marquee-mail-'));
    const fullEnv = {
      // Pictures in a folder of this instance's own, removed with it.
      MEDIA_DIR: mkdtempSync(join(tmpdir(), 'marquee-test-media-')),
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      JWT_SECRET: 'test-secret-that-is-at-least-32-characters-long',
      TICKET_SIGNING_KEY: 'MxAE5cKPp9AKQeWm7ZFmYkGPeNbNrdadqgI41nUjdJ0',
      BCRYPT_COST: '4',
      LOG_LEVEL: 'silent',
      SEED_DEMO_DATA: 'false',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      RATE_LIMIT_REGISTER: '100000',
      RATE_LIMIT_REFRESH: '100000',
      RATE_LIMIT_LOGIN_ADDRESS: '100000',
      RATE_LIMIT_PASSWORD_RESET: '100000',
      // Without SMTP_URL messages are .eml files: beside the suite's database, never in the work tree.
      MAIL_DIR: mailDir,
      ...env,
    };
    return new TestApp(await startServer(fullEnv), database, fullEnv);
  }

  async close(): Promise<void> {
    await this.server.stop();
    await this.database.drop();
    if (this.env.MEDIA_DIR.includes('marquee-test-media-')) rmSync(this.env.MEDIA_DIR, { recursive: true, force: true });
    rmSync(this.env.MAIL_DIR, { recursive: true, force: true });
  }

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Buffer | FormData | undefined = options.form ?? options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (text && /json/.test(response.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get = <T = any>(path: string, options?: RequestOptions) => this.request<T>('GET', path, options);
  post = <T = any>(path: string, body?: unknown, options?: RequestOptions) => this.request<T>('POST', path, { ...options, body });
  patch = <T = any>(path: string, body?: unknown, options?: RequestOptions) => this.request<T>('PATCH', path, { ...options, body });
  put = <T = any>(path: string, body?: unknown, options?: RequestOptions) => this.request<T>('PUT', path, { ...options, body });
  delete = <T = any>(path: string, options?: RequestOptions) => this.request<T>('DELETE', path, options);

  /** Registers a new customer and answers their session. */
  async customer(name = 'Casey Customer'): Promise<Session> {
    const email = `customer-${randomUUID()}@example.com`;
    const reply = await this.post('/api/auth/register', { name, email, password: PASSWORD });
    if (reply.status !== 201) throw new Error(`register failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return { id: reply.body.user.id, email, accessToken: reply.body.accessToken, refreshToken: reply.body.refreshToken };
  }

  async login(email: string, password: string): Promise<Session> {
    const reply = await this.post('/api/auth/login', { email, password });
    if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return { id: reply.body.user.id, email, accessToken: reply.body.accessToken, refreshToken: reply.body.refreshToken };
  }

  admin(): Promise<Session> {
    return this.login(ADMIN.email, ADMIN.password);
  }

  /** A registered user given `role` by the admin. */
  async withRole(role: string): Promise<Session> {
    const user = await this.customer(`A ${role}`);
    const admin = await this.admin();
    const changed = await this.patch(`/api/users/${user.id}`, { role }, { token: admin.accessToken });
    if (changed.status !== 200) throw new Error(`role change failed: ${changed.status} ${JSON.stringify(changed.body)}`);
    return user;
  }

  /** Creates a service as the admin. */
  async service(overrides: Record<string, unknown> = {}): Promise<{ id: number; capacity: number; priceCents: number }> {
    const admin = await this.admin();
    const reply = await this.post(
      '/api/services',
      { name: `Show ${randomUUID().slice(0, 8)}`, category: 'concert', priceCents: 2500, durationMinutes: 90, capacity: 50, ...overrides },
      { token: admin.accessToken },
    );
    if (reply.status !== 201) throw new Error(`service failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  /** Asserts that `send` answers a problem of `kind` and that no table changed. */
  async expectNothingWritten(send: () => Promise<Reply>, status: number, kind: string): Promise<Reply> {
    const before = await this.rowCounts();
    const reply = await send();
    expectProblem(reply, status, kind);
    expect(await this.rowCounts()).toEqual(before);
    return reply;
  }

  /** Row counts of every table but the migrations bookkeeping: proof that a request wrote nothing. */
  async rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of await this.tables()) {
      const [row] = await this.database.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`);
      counts[table] = Number(row.n);
    }
    return counts;
  }

  private async tables(): Promise<string[]> {
    const rows =
      this.database.kind === 'sqlite'
        ? await this.database.query<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        : await this.database.query<{ name: string }>(
            'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
          );
    return rows.map(({ name }) => name).filter((name) => name !== 'migrations');
  }
}

/** YYYY-MM-DD, `days` from today (UTC, the tests' venue time zone). */
export function day(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** Request options that authenticate as `session`. */
export const as = (session: Session): RequestOptions => ({ token: session.accessToken });

/** A 400 validation problem whose `errors` name `field`. */
export function expectFieldError(reply: Reply, field: string): void {
  expectProblem(reply, 400, 'validation');
  expect(reply.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]));
}

export function expectProblem(reply: Reply, status: number, kind: string): void {
  expect({ status: reply.status, type: reply.body?.type, contentType: reply.headers.get('content-type') }).toEqual({
    status,
    type: `/problems/${kind}`,
    contentType: expect.stringContaining('application/problem+json'),
  });
}
