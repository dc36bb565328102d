import { randomUUID } from 'node:crypto';
import { as, expectFieldError, expectProblem, PASSWORD, TestApp, type Reply, type RequestOptions } from './support/test-app.js';

const register = (app: TestApp, email = `rl-${randomUUID()}@example.com`) =>
  app.post('/api/auth/register', { name: 'Rate Limited', email, password: PASSWORD });

/**
 * Request options that come from another client address. The suites that use it start the API with
 * TRUST_PROXY=1 (one proxy hop) and send a single X-Forwarded-For entry, which the API then takes as
 * the client address (the entry the nearest proxy would have written).
 */
const from = (address: string, options: RequestOptions = {}): RequestOptions => ({
  ...options,
  headers: { ...options.headers, 'x-forwarded-for': address },
});

const login = (app: TestApp, email: string, password: string, address?: string) =>
  app.post('/api/auth/login', { email, password }, address ? from(address) : {});

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
  const apps = {} as Record<
    'accountLimits' | 'accountWide' | 'addressLimits' | 'registerLimits' | 'defaultLimits' | 'bcryptQueue',
    TestApp
  >;

  beforeAll(async () => {
    // One after the other: six API processes starting at once can miss the start deadline on a busy machine.
    apps.accountLimits = await TestApp.start({ TRUST_PROXY: '1' });
    apps.accountWide = await TestApp.start({ TRUST_PROXY: '1', RATE_LIMIT_LOGIN_ACCOUNT_ADDRESS: '3', RATE_LIMIT_LOGIN_ACCOUNT: '12' });
    apps.addressLimits = await TestApp.start({ RATE_LIMIT_LOGIN_ADDRESS: '4' });
    apps.registerLimits = await TestApp.start({ RATE_LIMIT_REGISTER: '5', RATE_LIMIT_REFRESH: '3' });
    // An empty value counts as unset, so the API's own default applies rather than the tests' raised limit.
    apps.defaultLimits = await TestApp.start({ RATE_LIMIT_REGISTER: '' });
    apps.bcryptQueue = await TestApp.start({ BCRYPT_COST: '11', BCRYPT_CONCURRENCY: '1', BCRYPT_QUEUE_LIMIT: '1' });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(Object.values(apps).map((app) => app?.close()));
  });

  describe('failed logins per account and address (RATE_LIMIT_LOGIN_ACCOUNT_ADDRESS default 10)', () => {
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

    it('an attacker exhausting the budget from one address does not lock the owner out from another', async () => {
      const victim = await app().customer('Victim');
      const attacker = '203.0.113.7';
      for (let attempt = 1; attempt <= 10; attempt++) {
        const reply = await login(app(), victim.email, `Wrong-password-${attempt}`, attacker);
        expect({ attempt, status: reply.status }).toEqual({ attempt, status: 401 });
      }
      const locked = await login(app(), victim.email, PASSWORD, attacker);
      expectRateLimited(locked);
      expect(Number(locked.headers.get('retry-after'))).toBeLessThanOrEqual(900);

      // The owner, from their own address, signs in (and a failure there has its own count).
      expect((await login(app(), victim.email, 'Wrong-password-0', '198.51.100.20')).status).toBe(401);
      const owner = await login(app(), victim.email, PASSWORD, '198.51.100.20');
      expect(owner.status).toBe(200);
      expect(owner.body.user.id).toBe(victim.id);
      // Signing in from one address does not reopen the attacker's.
      expectRateLimited(await login(app(), victim.email, PASSWORD, attacker));
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

  describe('wrong current passwords count as failed logins of the account', () => {
    const app = () => apps.accountLimits;

    it('PATCH /api/auth/me: 429 after 10 wrong current passwords, even with the right one; the login is locked too', async () => {
      const user = await app().customer();
      const moved = `moved-${randomUUID()}@example.com`;
      for (let attempt = 1; attempt <= 10; attempt++) {
        const reply = await app().patch('/api/auth/me', { email: moved, currentPassword: `Wrong-password-${attempt}` }, as(user));
        expectFieldError(reply, 'currentPassword');
      }
      const right = await app().patch('/api/auth/me', { email: moved, currentPassword: PASSWORD }, as(user));
      expectRateLimited(right);
      expectRateLimited(await app().patch('/api/auth/me', { newPassword: 'Brand-new-pass-3', currentPassword: PASSWORD }, as(user)));
      const [row] = await app().database.query<{ email: string }>('SELECT email FROM users WHERE id = ?', [user.id]);
      expect(row.email).toBe(user.email);

      // The same limiter: a login of the account from that address is refused as well.
      expectRateLimited(await login(app(), user.email, PASSWORD));
      // A change that needs no password still works.
      expect((await app().patch('/api/auth/me', { name: 'Still Here' }, as(user))).status).toBe(200);
    });

    it('PUT and PATCH /api/users/{id}: wrong current passwords add up with failed logins', async () => {
      const user = await app().customer();
      const moved = `moved-${randomUUID()}@example.com`;
      for (let attempt = 1; attempt <= 4; attempt++) {
        expect((await login(app(), user.email, `Wrong-password-${attempt}`)).status).toBe(401);
      }
      for (let attempt = 1; attempt <= 3; attempt++) {
        expectFieldError(
          await app().put(`/api/users/${user.id}`, { email: moved, currentPassword: `Wrong-${attempt}` }, as(user)),
          'currentPassword',
        );
        expectFieldError(
          await app().patch(`/api/users/${user.id}`, { email: moved, currentPassword: `Wrong-${attempt}` }, as(user)),
          'currentPassword',
        );
      }
      expectRateLimited(await app().patch(`/api/users/${user.id}`, { email: moved, currentPassword: PASSWORD }, as(user)));
    });

    it('a right current password clears the count, like a successful login', async () => {
      const user = await app().customer();
      for (let attempt = 1; attempt <= 9; attempt++) {
        expect((await login(app(), user.email, `Wrong-password-${attempt}`)).status).toBe(401);
      }
      const moved = `moved-${randomUUID()}@example.com`;
      expect((await app().patch('/api/auth/me', { email: moved, currentPassword: PASSWORD }, as(user))).status).toBe(200);
      for (let attempt = 1; attempt <= 9; attempt++) {
        expect((await login(app(), moved, `Wrong-password-${attempt}`)).status).toBe(401);
      }
      expect((await login(app(), moved, PASSWORD)).status).toBe(200);
    });
  });

  describe('failed logins per account from every address (RATE_LIMIT_LOGIN_ACCOUNT=12, per address 3)', () => {
    const app = () => apps.accountWide;

    it('stops a guesser spread over many addresses, but not the owner where they signed in before', async () => {
      const victim = await app().customer('Victim');
      const home = '192.0.2.10';
      expect((await login(app(), victim.email, PASSWORD, home)).status).toBe(200);

      // One address spends only its own 3 attempts: the attempts refused there do not count on the account.
      for (let attempt = 1; attempt <= 3; attempt++)
        expect((await login(app(), victim.email, 'Wrong-password-1', '203.0.113.1')).status).toBe(401);
      for (let attempt = 1; attempt <= 10; attempt++)
        expectRateLimited(await login(app(), victim.email, 'Wrong-password-1', '203.0.113.1'));

      // Three more addresses bring the account to 12 failures ...
      for (const address of ['203.0.113.2', '203.0.113.3', '203.0.113.4']) {
        for (let attempt = 1; attempt <= 3; attempt++) {
          const reply = await login(app(), victim.email, `Wrong-password-${attempt}`, address);
          expect({ address, attempt, status: reply.status }).toEqual({ address, attempt, status: 401 });
        }
      }
      // ... and every further address is refused, even with the right password, for the account-wide window.
      expectRateLimited(await login(app(), victim.email, 'Wrong-password-9', '203.0.113.5'));
      const fresh = await login(app(), victim.email, PASSWORD, '203.0.113.6');
      expectRateLimited(fresh);
      expect(Number(fresh.headers.get('retry-after'))).toBeGreaterThan(900);
      expect(Number(fresh.headers.get('retry-after'))).toBeLessThanOrEqual(3600);

      // The owner's usual address still signs in.
      const owner = await login(app(), victim.email, PASSWORD, home);
      expect(owner.status).toBe(200);
      expect(owner.body.user.id).toBe(victim.id);
    });

    it('counts unknown e-mails under their normalised spelling', async () => {
      const unknown = `nobody-${randomUUID()}@example.com`;
      const spellings = [unknown, unknown.toUpperCase(), ` ${unknown} `];
      for (let attempt = 1; attempt <= 3; attempt++)
        expect((await login(app(), spellings[attempt - 1], 'Wrong-password-1', '203.0.113.20')).status).toBe(401);
      expectRateLimited(await login(app(), spellings[1], 'Wrong-password-1', '203.0.113.20'));
    });
  });

  describe('bcrypt queue (BCRYPT_CONCURRENCY=1, BCRYPT_QUEUE_LIMIT=1)', () => {
    const app = () => apps.bcryptQueue;

    it('refuses password checks beyond the queue with 503 and Retry-After, without counting them as failures', async () => {
      const user = await app().customer();
      const burst = await Promise.all(Array.from({ length: 6 }, () => login(app(), user.email, 'Wrong-password-1')));
      const statuses = burst.map((reply) => reply.status);
      expect(statuses.filter((status) => status === 503).length).toBeGreaterThanOrEqual(1);
      expect(statuses.filter((status) => status === 401).length).toBeGreaterThanOrEqual(1);
      expect(statuses.filter((status) => status !== 503 && status !== 401)).toEqual([]);
      for (const reply of burst.filter((reply) => reply.status === 503)) {
        expectProblem(reply, 503, 'unavailable');
        expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
      expect((await app().get('/api/health')).status).toBe(200);

      // Only the checked attempts count: the account has failed `checked` times of its 10.
      const checked = statuses.filter((status) => status === 401).length;
      for (let attempt = checked + 1; attempt <= 10; attempt++) {
        expect({ attempt, status: (await login(app(), user.email, 'Wrong-password-1')).status }).toEqual({ attempt, status: 401 });
      }
      expectRateLimited(await login(app(), user.email, PASSWORD));
    }, 90_000); // a dozen bcrypt checks at cost 11, one at a time
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
