import { randomUUID } from 'node:crypto';
import { expectFieldError, expectProblem, PASSWORD, TestApp } from './support/test-app.js';

const uniqueEmail = (prefix = 'user') => `${prefix}-${randomUUID()}@example.com`;

function decodePart(token: string, index: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8'));
}

describe('auth', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('POST /api/auth/register', () => {
    it('creates a customer and answers the user with a token pair', async () => {
      const email = uniqueEmail('New.Person');
      const reply = await app.post('/api/auth/register', { name: '  Nora New  ', email: `  ${email.toUpperCase()} `, password: PASSWORD });

      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({
        user: {
          id: expect.any(Number),
          name: 'Nora New',
          email: email.toLowerCase(),
          role: 'customer',
          isActive: true,
          emailVerified: false,
          createdAt: expect.any(String),
          updatedAt: expect.any(String),
        },
        accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
        refreshToken: expect.any(String),
        expiresIn: 900,
        tokenType: 'Bearer',
      });
      const [row] = await app.database.query<{ email: string }>('SELECT email FROM users WHERE id = ?', [reply.body.user.id]);
      expect(row.email).toBe(email.toLowerCase());

      const me = await app.get('/api/auth/me', { token: reply.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body.email).toBe(email.toLowerCase());
    });

    it('answers 409 when the e-mail is taken, whatever its case, and writes nothing', async () => {
      const email = uniqueEmail();
      expect((await app.post('/api/auth/register', { name: 'First', email, password: PASSWORD })).status).toBe(201);
      const before = await app.rowCounts();

      const reply = await app.post('/api/auth/register', { name: 'Second', email: email.toUpperCase(), password: PASSWORD });

      expectProblem(reply, 409, 'conflict');
      expect(await app.rowCounts()).toEqual(before);
    });

    const valid = () => ({ name: 'Valid Name', email: uniqueEmail(), password: PASSWORD });
    it.each([
      ['name', { name: '' }],
      ['name', { name: '   ' }],
      ['name', { name: 'x'.repeat(101) }],
      ['name', { name: 42 }],
      ['name', { name: undefined }],
      ['email', { email: 'not-an-email' }],
      ['email', { email: undefined }],
      ['password', { password: 'Sh0rt!' }],
      ['password', { password: `Aa1${'x'.repeat(126)}` }],
      ['password', { password: 'alllowercaseletters' }],
      ['password', { password: '1234567890' }],
      ['password', { password: 'ALLUPPERCASE' }],
      ['password', { password: '!!!!!!!!!!!!' }],
      ['password', { password: undefined }],
    ])('answers 400 naming %s for %j', async (field, change) => {
      const before = await app.rowCounts();
      const reply = await app.post('/api/auth/register', { ...valid(), ...change });
      expectFieldError(reply, field);
      expect(new Set(reply.body.errors.map((error: { field: string }) => error.field))).toEqual(new Set([field]));
      expect(await app.rowCounts()).toEqual(before);
    });

    it('accepts names of 1 and 100 characters and passwords of 8 and 128 characters', async () => {
      const short = await app.post('/api/auth/register', { name: 'x', email: uniqueEmail(), password: 'abcdef-1' });
      expect(short.status).toBe(201);
      const long = await app.post('/api/auth/register', { name: 'y'.repeat(100), email: uniqueEmail(), password: `A${'b'.repeat(127)}` });
      expect(long.status).toBe(201);
      expect(long.body.user.name).toBe('y'.repeat(100));
    });

    it('refuses a common password, whatever its case, and writes nothing', async () => {
      for (const password of ['Password123', 'QWERTY123', 'Passw0rd']) {
        await app.expectNothingWritten(
          () => app.post('/api/auth/register', { name: 'Common', email: uniqueEmail(), password }),
          400,
          'validation',
        );
      }
    });

    it('tells apart passwords that share their first 72 bytes (bcrypt’s limit)', async () => {
      const prefix = `Aé1${'x'.repeat(68)}`;
      expect(Buffer.byteLength(prefix)).toBe(72);
      const email = uniqueEmail();
      expect((await app.post('/api/auth/register', { name: 'Long', email, password: `${prefix}-first` })).status).toBe(201);
      expectProblem(await app.post('/api/auth/login', { email, password: `${prefix}-other` }), 401, 'unauthorized');
      expectProblem(await app.post('/api/auth/login', { email, password: prefix }), 401, 'unauthorized');
      expect((await app.post('/api/auth/login', { email, password: `${prefix}-first` })).status).toBe(200);
    });

    it('creates one account when the same e-mail is registered concurrently; the others get 409', async () => {
      const email = uniqueEmail('race');
      const replies = await Promise.all(
        Array.from({ length: 6 }, (_, index) => app.post('/api/auth/register', { name: `Racer ${index}`, email, password: PASSWORD })),
      );
      expect(replies.map((reply) => reply.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
      for (const reply of replies.filter((one) => one.status === 409)) expectProblem(reply, 409, 'conflict');
      const rows = await app.database.query('SELECT id FROM users WHERE email = ?', [email]);
      expect(rows).toHaveLength(1);
    });

    it('answers 400 naming an unknown field, and does not let the caller pick a role', async () => {
      const reply = await app.post('/api/auth/register', { ...valid(), role: 'admin' });
      expectFieldError(reply, 'role');
      const other = await app.post('/api/auth/register', { ...valid(), nickname: 'x' });
      expectFieldError(other, 'nickname');
    });
  });

  describe('POST /api/auth/login', () => {
    it('signs in with the same response shape as registration, whatever the e-mail case', async () => {
      const user = await app.customer('Lena Login');
      const reply = await app.post('/api/auth/login', { email: user.email.toUpperCase(), password: PASSWORD });

      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        user: expect.objectContaining({ id: user.id, email: user.email, role: 'customer', isActive: true }),
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        tokenType: 'Bearer',
      });
      expect(reply.body.refreshToken).not.toBe(user.refreshToken);
      expect(reply.body.user).not.toHaveProperty('passwordHash');
    });

    it('answers the same 401 for an unknown e-mail and a wrong password', async () => {
      const user = await app.customer();
      const wrong = await app.post('/api/auth/login', { email: user.email, password: 'Wrong-password-1' });
      const unknown = await app.post('/api/auth/login', { email: uniqueEmail('nobody'), password: 'Wrong-password-1' });

      expectProblem(wrong, 401, 'unauthorized');
      expectProblem(unknown, 401, 'unauthorized');
      const { instance: _a, ...wrongBody } = wrong.body;
      const { instance: _b, ...unknownBody } = unknown.body;
      expect(wrongBody).toEqual(unknownBody);
      expect(wrong.body.detail).toBe(unknown.body.detail);
    });

    it('answers 400 for a login without a password', async () => {
      expectFieldError(await app.post('/api/auth/login', { email: uniqueEmail() }), 'password');
    });

    it('refuses a deactivated user with 401', async () => {
      const user = await app.customer();
      const admin = await app.admin();
      const changed = await app.patch(`/api/users/${user.id}`, { isActive: false }, { token: admin.accessToken });
      expect(changed.status).toBe(200);

      expectProblem(await app.post('/api/auth/login', { email: user.email, password: PASSWORD }), 401, 'unauthorized');
    });
  });

  describe('POST /api/auth/refresh', () => {
    it('rotates: a new pair, and the old refresh token is spent', async () => {
      const user = await app.customer();
      const first = await app.post('/api/auth/refresh', { refreshToken: user.refreshToken });

      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        user: expect.objectContaining({ id: user.id, email: user.email }),
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        expiresIn: 900,
        tokenType: 'Bearer',
      });
      expect(first.body.refreshToken).not.toBe(user.refreshToken);
      expect(first.body.accessToken).not.toBe(user.accessToken);
      expect((await app.get('/api/auth/me', { token: first.body.accessToken })).status).toBe(200);

      const second = await app.post('/api/auth/refresh', { refreshToken: first.body.refreshToken });
      expect(second.status).toBe(200);
    });

    it('answers 401 to a reused spent token and revokes the whole family, the newest token included', async () => {
      const user = await app.customer();
      const rotated = await app.post('/api/auth/refresh', { refreshToken: user.refreshToken });
      expect(rotated.status).toBe(200);

      const reuse = await app.post('/api/auth/refresh', { refreshToken: user.refreshToken });
      expectProblem(reuse, 401, 'unauthorized');

      const newest = await app.post('/api/auth/refresh', { refreshToken: rotated.body.refreshToken });
      expectProblem(newest, 401, 'unauthorized');
      const live = await app.database.query('SELECT id FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL', [user.id]);
      expect(live).toEqual([]);
    });

    it('spends a token presented concurrently once: one 200, the others 401, and the family is revoked', async () => {
      const user = await app.customer();
      const replies = await Promise.all(
        Array.from({ length: 5 }, () => app.post('/api/auth/refresh', { refreshToken: user.refreshToken })),
      );
      expect(replies.map((reply) => reply.status).sort()).toEqual([200, 401, 401, 401, 401]);
      const winner = replies.find((reply) => reply.status === 200)!;

      expectProblem(await app.post('/api/auth/refresh', { refreshToken: winner.body.refreshToken }), 401, 'unauthorized');
      const live = await app.database.query('SELECT id FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL', [user.id]);
      expect(live).toEqual([]);
    });

    it('does not touch the user’s other sessions when one family is revoked', async () => {
      const user = await app.customer();
      const other = await app.login(user.email, PASSWORD);
      await app.post('/api/auth/refresh', { refreshToken: user.refreshToken });
      expectProblem(await app.post('/api/auth/refresh', { refreshToken: user.refreshToken }), 401, 'unauthorized');

      expect((await app.post('/api/auth/refresh', { refreshToken: other.refreshToken })).status).toBe(200);
    });

    it.each([['garbage'], [`${randomUUID()}.forged-secret`], ['']])('answers 401 for the made-up token %j', async (refreshToken) => {
      expectProblem(await app.post('/api/auth/refresh', { refreshToken }), 401, 'unauthorized');
    });

    it('answers 401 for a genuine id with a wrong secret', async () => {
      const user = await app.customer();
      const [id] = user.refreshToken.split('.');
      expectProblem(await app.post('/api/auth/refresh', { refreshToken: `${id}.wrong` }), 401, 'unauthorized');
      expect((await app.post('/api/auth/refresh', { refreshToken: user.refreshToken })).status).toBe(200);
    });

    it('answers 400 without a refresh token', async () => {
      expectFieldError(await app.post('/api/auth/refresh', {}), 'refreshToken');
    });
  });

  describe('POST /api/auth/logout', () => {
    it('answers 204; every access token of the session is refused at once and its refresh token fails', async () => {
      const user = await app.customer();
      const refreshed = await app.post('/api/auth/refresh', { refreshToken: user.refreshToken });
      const reply = await app.post('/api/auth/logout', {}, { token: refreshed.body.accessToken });

      expect(reply.status).toBe(204);
      expect(reply.body).toBe('');
      expectProblem(await app.get('/api/auth/me', { token: refreshed.body.accessToken }), 401, 'unauthorized');
      expectProblem(await app.get('/api/auth/me', { token: user.accessToken }), 401, 'unauthorized');
      expectProblem(await app.post('/api/auth/refresh', { refreshToken: refreshed.body.refreshToken }), 401, 'unauthorized');
      expectProblem(await app.post('/api/auth/refresh', { refreshToken: user.refreshToken }), 401, 'unauthorized');
    });

    it('also revokes the given refresh token’s session, but not the user’s other sessions', async () => {
      const user = await app.customer();
      const second = await app.login(user.email, PASSWORD);
      const third = await app.login(user.email, PASSWORD);

      expect((await app.post('/api/auth/logout', { refreshToken: second.refreshToken }, { token: user.accessToken })).status).toBe(204);

      expectProblem(await app.post('/api/auth/refresh', { refreshToken: second.refreshToken }), 401, 'unauthorized');
      expectProblem(await app.get('/api/auth/me', { token: second.accessToken }), 401, 'unauthorized');
      expect((await app.get('/api/auth/me', { token: third.accessToken })).status).toBe(200);
      expect((await app.post('/api/auth/refresh', { refreshToken: third.refreshToken })).status).toBe(200);
    });

    it('answers 401 without a token, and 400 for an unknown field', async () => {
      expectProblem(await app.post('/api/auth/logout', {}), 401, 'unauthorized');
      const user = await app.customer();
      expectFieldError(await app.post('/api/auth/logout', { everywhere: true }, { token: user.accessToken }), 'everywhere');
      expect((await app.get('/api/auth/me', { token: user.accessToken })).status).toBe(200);
    });
  });

  describe('GET /api/auth/me', () => {
    it('answers the caller with role and permissions, never the password hash', async () => {
      const user = await app.customer('Mia Me');
      const reply = await app.get('/api/auth/me', { token: user.accessToken });

      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        id: user.id,
        name: 'Mia Me',
        email: user.email,
        role: 'customer',
        permissions: [],
        emailVerified: false,
        createdAt: expect.any(String),
      });
      expect(new Date(reply.body.createdAt).toISOString()).toBe(reply.body.createdAt);
    });

    it('lists every permission for the admin', async () => {
      const admin = await app.admin();
      const reply = await app.get('/api/auth/me', { token: admin.accessToken });
      expect(reply.status).toBe(200);
      expect(reply.body.role).toBe('admin');
      expect([...reply.body.permissions].sort()).toEqual(
        [
          'audit:read',
          'bookings:read:any',
          'bookings:write:any',
          'checkins:write',
          'messages:manage',
          'roles:manage',
          'services:write',
          'stats:read',
          'users:read',
          'users:write',
          'webhooks:manage',
        ].sort(),
      );
    });

    it('answers 401 without a token or with a malformed one', async () => {
      expectProblem(await app.get('/api/auth/me'), 401, 'unauthorized');
      expectProblem(await app.get('/api/auth/me', { token: 'not-a-jwt' }), 401, 'unauthorized');
      expectProblem(await app.get('/api/auth/me', { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } }), 401, 'unauthorized');
    });
  });

  describe('PATCH /api/auth/me', () => {
    it('changes the name without the current password', async () => {
      const user = await app.customer('Old Name');
      const reply = await app.patch('/api/auth/me', { name: 'New Name' }, { token: user.accessToken });

      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        id: user.id,
        name: 'New Name',
        email: user.email,
        role: 'customer',
        isActive: true,
        emailVerified: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect((await app.get('/api/auth/me', { token: user.accessToken })).body.name).toBe('New Name');
    });

    it('needs currentPassword to change the e-mail: 400 naming it when missing or wrong, never 401', async () => {
      const user = await app.customer();
      const email = uniqueEmail('moved');

      const missing = await app.patch('/api/auth/me', { email }, { token: user.accessToken });
      expectFieldError(missing, 'currentPassword');
      const wrong = await app.patch('/api/auth/me', { email, currentPassword: 'Not-the-password-1' }, { token: user.accessToken });
      expectFieldError(wrong, 'currentPassword');
      const [row] = await app.database.query<{ email: string }>('SELECT email FROM users WHERE id = ?', [user.id]);
      expect(row.email).toBe(user.email);

      const right = await app.patch('/api/auth/me', { email: email.toUpperCase(), currentPassword: PASSWORD }, { token: user.accessToken });
      expect(right.status).toBe(200);
      expect(right.body.email).toBe(email);
      expect((await app.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(200);
    });

    it('answers 409 when the new e-mail is taken', async () => {
      const user = await app.customer();
      const other = await app.customer();
      const reply = await app.patch('/api/auth/me', { email: other.email, currentPassword: PASSWORD }, { token: user.accessToken });
      expectProblem(reply, 409, 'conflict');
    });

    it('needs currentPassword to change the password, and validates the new one', async () => {
      const user = await app.customer();
      expectFieldError(await app.patch('/api/auth/me', { newPassword: 'Another-pass-1' }, { token: user.accessToken }), 'currentPassword');
      expectFieldError(
        await app.patch('/api/auth/me', { newPassword: 'Another-pass-1', currentPassword: 'wrong-password' }, { token: user.accessToken }),
        'currentPassword',
      );
      expectFieldError(
        await app.patch('/api/auth/me', { newPassword: 'short', currentPassword: PASSWORD }, { token: user.accessToken }),
        'newPassword',
      );
      expect((await app.post('/api/auth/login', { email: user.email, password: PASSWORD })).status).toBe(200);
    });

    it('a password change ends the other sessions (their access and refresh tokens) and keeps the current one', async () => {
      const user = await app.customer();
      const other = await app.login(user.email, PASSWORD);
      const newPassword = 'Brand-new-pass-2';

      const reply = await app.patch('/api/auth/me', { newPassword, currentPassword: PASSWORD }, { token: user.accessToken });
      expect(reply.status).toBe(200);

      expectProblem(await app.post('/api/auth/refresh', { refreshToken: other.refreshToken }), 401, 'unauthorized');
      expectProblem(await app.get('/api/auth/me', { token: other.accessToken }), 401, 'unauthorized');
      expect((await app.get('/api/auth/me', { token: user.accessToken })).status).toBe(200);
      expect((await app.post('/api/auth/refresh', { refreshToken: user.refreshToken })).status).toBe(200);
      expectProblem(await app.post('/api/auth/login', { email: user.email, password: PASSWORD }), 401, 'unauthorized');
      expect((await app.post('/api/auth/login', { email: user.email, password: newPassword })).status).toBe(200);
    });

    it('answers 400 for role, isActive or unknown fields, and 401 without a token', async () => {
      const user = await app.customer();
      expectFieldError(await app.patch('/api/auth/me', { role: 'admin' }, { token: user.accessToken }), 'role');
      expectFieldError(await app.patch('/api/auth/me', { isActive: false }, { token: user.accessToken }), 'isActive');
      expectFieldError(await app.patch('/api/auth/me', { name: '' }, { token: user.accessToken }), 'name');
      expectProblem(await app.patch('/api/auth/me', { name: 'Anon' }), 401, 'unauthorized');
      expect((await app.get('/api/auth/me', { token: user.accessToken })).body.role).toBe('customer');
    });
  });

  // Forged and revoked tokens: test/jwt-attacks.e2e-spec.ts.
  describe('access tokens', () => {
    it('are HS256 JWTs with sub (the id as a string), jti, iat, exp, iss and aud', async () => {
      const user = await app.customer();
      const header = decodePart(user.accessToken, 0);
      const claims = decodePart(user.accessToken, 1);

      expect(header).toEqual(expect.objectContaining({ alg: 'HS256', typ: 'JWT' }));
      expect(claims).toEqual(
        expect.objectContaining({
          sub: String(user.id),
          jti: expect.any(String),
          iat: expect.any(Number),
          exp: expect.any(Number),
          iss: 'marquee',
          aud: 'marquee-api',
        }),
      );
      expect((claims.exp as number) - (claims.iat as number)).toBe(900);
      expect(claims).not.toHaveProperty('role');
      expect(claims).not.toHaveProperty('permissions');
    });
  });
});
