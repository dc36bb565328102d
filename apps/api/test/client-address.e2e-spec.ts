import { randomUUID } from 'node:crypto';
import { send, startWebNginx, type RunningNginx } from './support/proxy.js';
import { expectProblem, PASSWORD, TestApp, type Reply } from './support/test-app.js';

/**
 * The client address that the per-address limits count and the request log names. Registrations
 * (RATE_LIMIT_REGISTER=3) and refreshes (RATE_LIMIT_REFRESH=3) are limited per address per minute.
 * Clients connect from distinct loopback addresses (127.0.0.2, 127.0.0.3, ...); forged
 * X-Forwarded-For entries come from the documentation ranges 198.51.100.0/24 and 203.0.113.0/24.
 */
const LIMITS = { RATE_LIMIT_REGISTER: '3', RATE_LIMIT_REFRESH: '3', LOG_LEVEL: 'info' };

const forged = (n: number) => ({ 'x-forwarded-for': `198.51.100.${n}` });
const registration = () => ({ name: 'Forwarded', email: `xff-${randomUUID()}@example.com`, password: PASSWORD });

/** The `ip` of the request-log lines of the API for `url`, once there are `count` of them (they are written after the answer). */
async function loggedAddresses(app: TestApp, url: string, count: number): Promise<string[]> {
  const read = () =>
    app.server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; url?: string; ip?: string })
      .filter((entry) => entry.msg === 'request completed' && entry.url === url)
      .map((entry) => String(entry.ip));
  for (let wait = 0; read().length < count && wait < 40; wait++) await new Promise((done) => setTimeout(done, 50));
  return read();
}

/** Sends `count` requests one after the other and answers their statuses. */
async function statuses(count: number, sendOne: (n: number) => Promise<Reply>): Promise<number[]> {
  const result: number[] = [];
  for (let n = 1; n <= count; n++) result.push((await sendOne(n)).status);
  return result;
}

describe.each([
  ['a hop count (docker-compose, Kubernetes)', '1'],
  ['the proxy’s address', '127.0.0.1'],
])('behind the web image’s nginx (docker/nginx/web.conf), TRUST_PROXY as %s', (_label, trustProxy) => {
  let app: TestApp;
  let nginx: RunningNginx;

  beforeAll(async () => {
    app = await TestApp.start({ ...LIMITS, TRUST_PROXY: trustProxy });
    nginx = await startWebNginx(Number(new URL(app.baseUrl).port));
  });
  afterAll(async () => {
    await nginx?.stop();
    await app?.close();
  });

  const viaNginx = (path: string, from: string, options: { body?: unknown; headers?: Record<string, string> }) =>
    send(`${nginx.baseUrl}${path}`, 'POST', { ...options, from });

  it('counts registrations per real client: a fresh forged X-Forwarded-For on every request does not escape the limit', async () => {
    const attacker = await statuses(4, (n) => viaNginx('/api/auth/register', '127.0.0.2', { body: registration(), headers: forged(n) }));
    expect(attacker).toEqual([201, 201, 201, 429]);
    expectProblem(
      await viaNginx('/api/auth/register', '127.0.0.2', {
        body: registration(),
        headers: { 'x-forwarded-for': '203.0.113.50, 127.0.0.9' },
      }),
      429,
      'rate-limited',
    );

    // Another client behind the same nginx has its own budget, even when it claims the attacker's address.
    const neighbour = await statuses(3, () =>
      viaNginx('/api/auth/register', '127.0.0.3', { body: registration(), headers: { 'x-forwarded-for': '127.0.0.2' } }),
    );
    expect(neighbour).toEqual([201, 201, 201]);
  });

  it('counts refreshes per real client, forged X-Forwarded-For or not', async () => {
    const attempts = await statuses(4, (n) =>
      viaNginx('/api/auth/refresh', '127.0.0.4', { body: { refreshToken: 'bogus' }, headers: forged(n) }),
    );
    expect(attempts).toEqual([401, 401, 401, 429]);
    expect((await viaNginx('/api/auth/refresh', '127.0.0.5', { body: { refreshToken: 'bogus' }, headers: forged(1) })).status).toBe(401);
  });

  it('logs the address nginx saw, never a forged one', async () => {
    const register = await loggedAddresses(app, '/api/auth/register', 8);
    expect(register.sort()).toEqual([...Array(5).fill('127.0.0.2'), ...Array(3).fill('127.0.0.3')]);
    expect((await loggedAddresses(app, '/api/auth/refresh', 5)).sort()).toEqual([...Array(4).fill('127.0.0.4'), '127.0.0.5']);
    expect(app.server.output()).not.toMatch(/198\.51\.100\.|203\.0\.113\./);
  });
});

describe('without a proxy in front', () => {
  const apps = {} as Record<'hops' | 'listed' | 'none', TestApp>;

  beforeAll(async () => {
    // Started together; when one of them fails to start, the others are still closed by afterAll.
    const started = await Promise.allSettled([
      TestApp.start({ ...LIMITS, TRUST_PROXY: '1' }).then((app) => (apps.hops = app)),
      TestApp.start({ ...LIMITS, TRUST_PROXY: '127.0.0.1' }).then((app) => (apps.listed = app)),
      TestApp.start(LIMITS).then((app) => (apps.none = app)),
    ]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
  });
  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app.close()));
  });

  const register = (app: TestApp, from: string, headers: Record<string, string>) =>
    send(`${app.baseUrl}/api/auth/register`, 'POST', { body: registration(), headers, from });

  it('TRUST_PROXY=1 takes the last X-Forwarded-For entry (the one the proxy wrote): entries before it change nothing', async () => {
    const proxied = (n: number) => register(apps.hops, '127.0.0.1', { 'x-forwarded-for': `198.51.100.${n}, 203.0.113.7` });
    expect(await statuses(4, proxied)).toEqual([201, 201, 201, 429]);
    expect((await register(apps.hops, '127.0.0.1', { 'x-forwarded-for': '198.51.100.1, 203.0.113.8' })).status).toBe(201);
    expect(await loggedAddresses(apps.hops, '/api/auth/register', 5)).toEqual([...Array(4).fill('203.0.113.7'), '203.0.113.8']);
  });

  it('TRUST_PROXY=<address> believes X-Forwarded-For only from that address: a direct client keeps its own', async () => {
    expect(await statuses(4, (n) => register(apps.listed, '127.0.0.2', forged(n)))).toEqual([201, 201, 201, 429]);
    // The listed proxy (127.0.0.1) is believed: its client 203.0.113.7 has a budget of its own.
    expect((await register(apps.listed, '127.0.0.1', { 'x-forwarded-for': '203.0.113.7' })).status).toBe(201);
    expect(await loggedAddresses(apps.listed, '/api/auth/register', 5)).toEqual([
      '127.0.0.2',
      '127.0.0.2',
      '127.0.0.2',
      '127.0.0.2',
      '203.0.113.7',
    ]);
  });

  it('TRUST_PROXY unset ignores X-Forwarded-For altogether', async () => {
    expect(await statuses(4, (n) => register(apps.none, '127.0.0.2', forged(n)))).toEqual([201, 201, 201, 429]);
    expect(await loggedAddresses(apps.none, '/api/auth/register', 4)).toEqual(Array(4).fill('127.0.0.2'));
  });
});
