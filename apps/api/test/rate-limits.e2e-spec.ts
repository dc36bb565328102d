import { randomUUID } from 'node:crypto';
import { expectProblem, PASSWORD, TestApp, type Reply } from './support/test-app.js';

const register = (app: TestApp, email = `rl-${randomUUID()}@example.com`) =>
  app.post('/api/auth/register', { name: 'Rate Limited', email, password: PASSWORD });

function expectRateLimited(reply: Reply): void {
  expectProblem(reply, 429, 'rate-limited');
  expect(reply.body).toEqual({
    type: '/problems/rate-limited',
    title: expect.any(String),
    status: 429,
    detail: expect.any(String),
    instance: expect.any(String),
  });
  const retryAfter = Number(reply.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
}

describe('rate limits', () => {
  const apps = {} as Record<'accountLimits' | 'addressLimits' | 'registerLimits' | 'defaultLimits', TestApp>;

  beforeAll(async () => {
    [apps.accountLimits, apps.addressLimits, apps.registerLimits, apps.defaultLimits] = await Promise.all([
      TestApp.start(),
      TestApp.start({ RATE_LIMIT_LOGIN_ADDRESS: '4' }),
      TestApp.start({ RATE_LIMIT_REGISTER: '5', RATE_LIMIT_REFRESH: '3' }),
      // An empty value counts as unset, so the API's own default applies rather than the tests' raised limit.
      TestApp.start({ RATE_LIMIT_REGISTER: '' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app.close()));
  });

  describe('failed logins per account (RATE_LIMIT_LOGIN_ACCOUNT default 10)', () => {
    const app = () => apps.accountLimits;

    it('answers 429 with Retry-After on the 11th attempt after 10 failures, even with the right password', async () => {
      const victim = await app().customer('Victim');
      for (let attempt = 1; attempt <= 10; attempt++) {
        const reply = await app().post('/api/auth/login', { email: victim.email, password: `Wrong-password-${attempt}` });
        expect({ attempt, status: reply.status }).toEqual({ attempt, status: 401 });
      }

      const eleventh = await app().post('/api/auth/login', { email: victim.email, password: PASSWORD });
      expectRateLimited(eleventh);
      expect(Number(eleventh.headers.get('retry-after'))).toBeLessThanOrEqual(900);
      expect(eleventh.headers.get('access-control-expose-headers')).toEqual(expect.stringContaining('retry-after'));

      // The account is locked whatever its e-mail case; the victim's existing session still works.
      expectRateLimited(await app().post('/api/auth/login', { email: victim.email.toUpperCase(), password: PASSWORD }));
      expect((await app().get('/api/auth/me', { token: victim.accessToken })).status).toBe(200);
    });

    it('does not lock another account signing in from the same address', async () => {
      const other = await app().customer('Bystander');
      const reply = await app().post('/api/auth/login', { email: other.email, password: PASSWORD });
      expect(reply.status).toBe(200);
      expect(reply.body.user.id).toBe(other.id);
    });

    it('a successful login resets the account’s failure count', async () => {
      const user = await app().customer();
      for (let attempt = 1; attempt <= 9; attempt++) {
        expect((await app().post('/api/auth/login', { email: user.email, password: 'Wrong-password-1' })).status).toBe(401);
      }
      expect((await app().post('/api/auth/login', { email: user.email, password: PASSWORD })).status).toBe(200);
      for (let attempt = 1; attempt <= 9; attempt++) {
        expect((await app().post('/api/auth/login', { email: user.email, password: 'Wrong-password-1' })).status).toBe(401);
      }
      expect((await app().post('/api/auth/login', { email: user.email, password: PASSWORD })).status).toBe(200);
    });
  });

  describe('failed logins per address (RATE_LIMIT_LOGIN_ADDRESS=4)', () => {
    const app = () => apps.addressLimits;

    it('answers 429 to every account from the address once it has failed too often', async () => {
      const user = await app().customer();
      for (let attempt = 1; attempt <= 4; attempt++) {
        const reply = await app().post('/api/auth/login', { email: `nobody-${attempt}@example.com`, password: 'Wrong-password-1' });
        expect({ attempt, status: reply.status }).toEqual({ attempt, status: 401 });
      }
      expectRateLimited(await app().post('/api/auth/login', { email: user.email, password: PASSWORD }));
    });
  });

  describe('registrations and refreshes per address (RATE_LIMIT_REGISTER=5, RATE_LIMIT_REFRESH=3)', () => {
    const app = () => apps.registerLimits;

    it('answers 429 with Retry-After to the 6th registration in a minute, and creates nobody', async () => {
      for (let attempt = 1; attempt <= 5; attempt++) {
        const reply = await register(app());
        expect({ attempt, status: reply.status }).toEqual({ attempt, status: 201 });
      }
      const before = await app().rowCounts();

      const sixth = await register(app());
      expectRateLimited(sixth);
      expect(Number(sixth.headers.get('retry-after'))).toBeLessThanOrEqual(60);
      expect(await app().rowCounts()).toEqual(before);

      // Every attempt counts, an invalid one too; other routes are not limited.
      expectRateLimited(await app().post('/api/auth/register', {}));
      expect((await app().get('/api/health')).status).toBe(200);
      expect((await app().admin()).accessToken).toEqual(expect.any(String));
    });

    it('answers 429 to the 4th refresh in a minute, bogus tokens counted too', async () => {
      const admin = await app().admin();
      let refreshToken = admin.refreshToken;
      for (let attempt = 1; attempt <= 2; attempt++) {
        const reply = await app().post('/api/auth/refresh', { refreshToken });
        expect({ attempt, status: reply.status }).toEqual({ attempt, status: 200 });
        refreshToken = reply.body.refreshToken;
      }
      expectProblem(await app().post('/api/auth/refresh', { refreshToken: 'bogus' }), 401, 'unauthorized');
      expectRateLimited(await app().post('/api/auth/refresh', { refreshToken }));
    });
  });

  describe('production default for registrations (RATE_LIMIT_REGISTER unset: 120)', () => {
    const app = () => apps.defaultLimits;

    it('lets one address register 60 accounts in a minute', async () => {
      const statuses: number[] = [];
      for (let batch = 0; batch < 6; batch++) {
        const replies = await Promise.all(Array.from({ length: 10 }, () => register(app())));
        statuses.push(...replies.map((reply) => reply.status));
      }
      expect(statuses).toEqual(Array(60).fill(201));
      const [row] = await app().database.query<{ n: number | string }>("SELECT COUNT(*) AS n FROM users WHERE email LIKE 'rl-%'");
      expect(Number(row.n)).toBe(60);
    });
  });
});
