import { createHash } from 'node:crypto';
import { startServer, type RunningServer } from './support/server.js';
import { as, expectFieldError, expectProblem, ISO_TIMESTAMP, PASSWORD, TestApp, type Reply, type Session } from './support/test-app.js';

/** A timestamp as both databases take it in a DATETIME(3) column. */
const sqlTime = (date: Date) => date.toISOString().slice(0, 23).replace('T', ' ');
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const KEY_FORMAT = /^mk_[A-Za-z0-9_-]{43}$/;

interface CreatedKey {
  id: number;
  name: string;
  permissions: string[];
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  key: string;
}

/**
 * API keys (DESIGN §8): made with some of the maker's permissions and shown once, stored hashed,
 * acting as their owner with the permissions both hold now, refused at once when revoked, expired or
 * when the owner is no longer active, limited per key, and never usable to manage credentials.
 */
describe('API keys', () => {
  let app: TestApp;
  let admin: Session;

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await app.admin();
  });
  afterAll(() => app?.close());

  async function createKey(owner: Session, body: Record<string, unknown>): Promise<CreatedKey> {
    const reply = await app.post('/api/api-keys', body, as(owner));
    if (reply.status !== 201) throw new Error(`key failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  /** Request options that authenticate with the API key. */
  const withKey = (key: { key: string }) => ({ token: key.key });

  const keysOf = async (owner: Session) => {
    const reply = await app.get('/api/api-keys', as(owner));
    expect(reply.status).toBe(200);
    return reply.body as Omit<CreatedKey, 'key'>[];
  };

  const permissionsWith = async (key: { key: string }) => {
    const me = await app.get('/api/auth/me', withKey(key));
    expect(me.status).toBe(200);
    return me.body.permissions as string[];
  };

  describe('making, showing and using a key', () => {
    it('shows the key once; the list and the database never hold it; it acts as its owner with its permissions', async () => {
      const created = await createKey(admin, { name: 'Box office sync', permissions: ['bookings:read:any'] });
      expect(created).toEqual({
        id: expect.any(Number),
        name: 'Box office sync',
        permissions: ['bookings:read:any'],
        prefix: created.key.slice(0, 11),
        createdAt: expect.stringMatching(ISO_TIMESTAMP),
        lastUsedAt: null,
        expiresAt: null,
        key: expect.stringMatching(KEY_FORMAT),
      });

      const listed = await app.get('/api/api-keys', as(admin));
      expect(listed.body).toContainEqual({ ...created, key: undefined });
      expect(JSON.stringify(listed.body)).not.toContain(created.key);
      expect(listed.body.every((key: object) => !('key' in key))).toBe(true);

      const [row] = await app.database.query<Record<string, unknown>>('SELECT * FROM api_keys WHERE id = ?', [created.id]);
      expect(row.key_hash).toBe(sha256(created.key));
      expect(Object.values(row).some((value) => String(value).includes(created.key.slice(11)))).toBe(false);

      const me = await app.get('/api/auth/me', withKey(created));
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: admin.id, role: 'admin', permissions: ['bookings:read:any'] });
      expect((await app.get('/api/bookings', withKey(created))).status).toBe(200);
      expectProblem(await app.get('/api/users', withKey(created)), 403, 'forbidden');
    });

    it('records when it was last used, at most once a minute', async () => {
      const key = await createKey(admin, { name: 'Busy', permissions: [] });
      const lastUsed = async () => (await keysOf(admin)).find(({ id }) => id === key.id)!.lastUsedAt;
      expect(await lastUsed()).toBeNull();

      const before = Date.now();
      expect((await app.get('/api/auth/me', withKey(key))).status).toBe(200);
      const first = await lastUsed();
      expect(first).toMatch(ISO_TIMESTAMP);
      expect(Date.parse(first!)).toBeGreaterThanOrEqual(before - 5);

      // Within the minute: no write, however often it is used.
      for (let i = 0; i < 3; i++) expect((await app.get('/api/auth/me', withKey(key))).status).toBe(200);
      expect(await lastUsed()).toBe(first);

      // A minute later, the next use is recorded.
      const aMinuteAgo = new Date(Date.parse(first!) - 61_000);
      await app.database.query('UPDATE api_keys SET last_used_at = ? WHERE id = ?', [sqlTime(aMinuteAgo), key.id]);
      expect((await app.get('/api/auth/me', withKey(key))).status).toBe(200);
      expect(Date.parse((await lastUsed())!)).toBeGreaterThan(aMinuteAgo.getTime() + 60_000);
    });

    it('refuses an unknown or malformed key (401)', async () => {
      const key = await createKey(admin, { name: 'Real', permissions: [] });
      for (const token of [`mk_${'A'.repeat(43)}`, `${key.key}x`, key.key.slice(0, -1), 'mk_']) {
        expectProblem(await app.get('/api/auth/me', { token }), 401, 'unauthorized');
      }
    });

    it('records making and revoking a key in the audit log, without the key', async () => {
      const key = await createKey(admin, { name: 'Audited', permissions: ['stats:read'], expiresAt: '2099-01-01T00:00:00Z' });
      expect((await app.delete(`/api/api-keys/${key.id}`, as(admin))).status).toBe(204);
      const entries = await app.get(`/api/audit?targetType=api-key&targetId=${key.id}`, as(admin));
      const expected = { name: 'Audited', prefix: key.prefix, permissions: ['stats:read'], expiresAt: '2099-01-01T00:00:00.000Z' };
      expect(entries.body.data).toEqual([
        expect.objectContaining({ action: 'api-key.revoked', actorId: admin.id, before: expected, after: null }),
        expect.objectContaining({ action: 'api-key.created', actorId: admin.id, before: null, after: expected }),
      ]);
      expect(JSON.stringify(entries.body)).not.toContain(key.key);
    });
  });

  describe('revocation', () => {
    let second: RunningServer;
    beforeAll(async () => {
      second = await startServer(app.env);
    });
    afterAll(() => second?.stop());

    const onSecond = (key: { key: string }) =>
      fetch(`${second.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${key.key}` } }).then((reply) => reply.status);

    it('answers 401 at once, on this instance and on another one sharing the database', async () => {
      const owner = await app.customer('Key Owner');
      const key = await createKey(owner, { name: 'Soon revoked', permissions: [] });
      const kept = await createKey(owner, { name: 'Kept', permissions: [] });
      expect((await app.get('/api/auth/me', withKey(key))).status).toBe(200);
      expect(await onSecond(key)).toBe(200);

      // Revoked with the key itself: a key may revoke its owner's keys, itself included.
      expect((await app.delete(`/api/api-keys/${key.id}`, withKey(key))).status).toBe(204);
      expect(await onSecond(key)).toBe(401);
      expectProblem(await app.get('/api/auth/me', withKey(key)), 401, 'unauthorized');
      expect((await keysOf(owner)).map(({ id }) => id)).toEqual([kept.id]);
      expect(await onSecond(kept)).toBe(200);
    });

    it("is the owner's alone: another user's key, or a revoked one, is a 404 and stays as it was", async () => {
      const owner = await app.customer('Key Owner');
      const key = await createKey(owner, { name: 'Mine', permissions: [] });
      const other = await app.customer('Someone Else');
      await app.expectNothingWritten(() => app.delete(`/api/api-keys/${key.id}`, as(other)), 404, 'not-found');
      await app.expectNothingWritten(() => app.delete(`/api/api-keys/${key.id}`, as(admin)), 404, 'not-found');
      expect((await app.get('/api/auth/me', withKey(key))).status).toBe(200);
      expect(await keysOf(other)).toEqual([]);

      expect((await app.delete(`/api/api-keys/${key.id}`, as(owner))).status).toBe(204);
      await app.expectNothingWritten(() => app.delete(`/api/api-keys/${key.id}`, as(owner)), 404, 'not-found');
    });
  });

  describe('never more than its owner and its own permissions', () => {
    it('a key narrower than its owner gets only its own permissions', async () => {
      const manager = await app.withRole('manager');
      const key = await createKey(manager, { name: 'Dashboard', permissions: ['stats:read'] });
      expect(await permissionsWith(key)).toEqual(['stats:read']);
      expect((await app.get('/api/stats/bookings', withKey(key))).status).toBe(200);
      const service = { name: 'Keyed show', category: 'concert', priceCents: 1000, durationMinutes: 60, capacity: 5 };
      await app.expectNothingWritten(() => app.post('/api/services', service, withKey(key)), 403, 'forbidden');
      // The manager's own token still may.
      expect((await app.post('/api/services', service, as(manager))).status).toBe(201);
    });

    it('a permission the maker lacks is refused at creation (403), and nothing is written', async () => {
      const manager = await app.withRole('manager');
      const reply = await app.expectNothingWritten(
        () => app.post('/api/api-keys', { name: 'Too much', permissions: ['stats:read', 'users:write'] }, as(manager)),
        403,
        'forbidden',
      );
      expect(reply.body.detail).toContain('users:write');
      const customer = await app.customer();
      await app.expectNothingWritten(
        () => app.post('/api/api-keys', { name: 'Too much', permissions: ['bookings:read:any'] }, as(customer)),
        403,
        'forbidden',
      );
    });

    it("narrows at once when the owner's role loses a permission, and widens again when it is given back", async () => {
      const owner = await app.withRole('manager');
      const key = await createKey(owner, { name: 'Ops', permissions: ['stats:read', 'services:write'] });
      expect((await app.get('/api/stats/bookings', withKey(key))).status).toBe(200);

      expect((await app.patch(`/api/users/${owner.id}`, { role: 'customer' }, as(admin))).status).toBe(200);
      expect(await permissionsWith(key)).toEqual([]);
      expectProblem(await app.get('/api/stats/bookings', withKey(key)), 403, 'forbidden');

      const role = await app.post('/api/roles', { name: 'stats-only', permissions: ['stats:read'] }, as(admin));
      expect((await app.patch(`/api/users/${owner.id}`, { role: 'stats-only' }, as(admin))).status).toBe(200);
      expect(await permissionsWith(key)).toEqual(['stats:read']);

      // A change to the role itself counts too.
      expect((await app.patch(`/api/roles/${role.body.id}`, { permissions: [] }, as(admin))).status).toBe(200);
      expectProblem(await app.get('/api/stats/bookings', withKey(key)), 403, 'forbidden');

      expect((await app.patch(`/api/users/${owner.id}`, { role: 'manager' }, as(admin))).status).toBe(200);
      expect(await permissionsWith(key)).toEqual(['services:write', 'stats:read']);
      // The key was never given more than it asked for.
      expect((await keysOf(owner)).find(({ id }) => id === key.id)?.permissions).toEqual(['services:write', 'stats:read']);
    });

    it("answers 401 while its owner is deactivated, and for good once the owner's account is deleted", async () => {
      const owner = await app.withRole('manager');
      const key = await createKey(owner, { name: 'Integration', permissions: ['stats:read'] });
      expect((await app.patch(`/api/users/${owner.id}`, { isActive: false }, as(admin))).status).toBe(200);
      expectProblem(await app.get('/api/auth/me', withKey(key)), 401, 'unauthorized');
      expectProblem(await app.get('/api/stats/bookings', withKey(key)), 401, 'unauthorized');

      expect((await app.patch(`/api/users/${owner.id}`, { isActive: true }, as(admin))).status).toBe(200);
      expect((await app.get('/api/stats/bookings', withKey(key))).status).toBe(200);

      expect((await app.delete(`/api/users/${owner.id}`, as(admin))).status).toBe(204);
      expectProblem(await app.get('/api/auth/me', withKey(key)), 401, 'unauthorized');
    });

    it('answers 401 once it has expired', async () => {
      const key = await createKey(admin, {
        name: 'Short-lived',
        permissions: [],
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      expect(key.expiresAt).toMatch(ISO_TIMESTAMP);
      expect((await app.get('/api/auth/me', withKey(key))).status).toBe(200);

      await app.database.query('UPDATE api_keys SET expires_at = ? WHERE id = ?', [sqlTime(new Date(Date.now() - 1000)), key.id]);
      const reply = await app.get('/api/auth/me', withKey(key));
      expectProblem(reply, 401, 'unauthorized');
      expect(reply.body.detail).toContain('expired');
      // Still listed (with its expiry), until its owner revokes it.
      expect((await keysOf(admin)).some(({ id }) => id === key.id)).toBe(true);
    });
  });

  describe('routes that manage credentials refuse keys', () => {
    it('refresh, logout, profile and password changes, password reset and making keys answer 403 api-key-refused, writing nothing', async () => {
      const owner = await app.withRole('manager');
      const key = await createKey(owner, { name: 'Full', permissions: ['stats:read', 'services:write'] });
      const refused: [string, string, unknown][] = [
        ['POST', '/api/auth/refresh', { refreshToken: owner.refreshToken }],
        ['POST', '/api/auth/logout', {}],
        ['PATCH', '/api/auth/me', { currentPassword: PASSWORD, newPassword: 'Taken-0ver-pass' }],
        ['PATCH', '/api/auth/me', { name: 'Renamed by a key' }],
        ['POST', '/api/auth/password-reset/request', { email: owner.email }],
        ['POST', '/api/auth/password-reset', { token: 'a'.repeat(43), newPassword: 'Taken-0ver-pass' }],
        ['POST', '/api/api-keys', { name: 'Minted by a key', permissions: [] }],
        ['POST', '/api/api-keys', { unexpected: true }],
      ];
      for (const [method, path, body] of refused) {
        const reply = await app.expectNothingWritten(() => app.request(method, path, { ...withKey(key), body }), 403, 'api-key-refused');
        expect(reply.body.detail).toContain('password sign-in');
      }
      // The owner's session and password are untouched.
      expect((await app.post('/api/auth/refresh', { refreshToken: owner.refreshToken })).status).toBe(200);
      expect((await app.login(owner.email, PASSWORD)).id).toBe(owner.id);
      expect((await app.get('/api/auth/me', withKey(key))).status).toBe(200);
    });

    it('authenticates the key first on a signed-in route: a revoked key is a 401 there', async () => {
      const key = await createKey(admin, { name: 'Gone', permissions: [] });
      expect((await app.delete(`/api/api-keys/${key.id}`, as(admin))).status).toBe(204);
      expectProblem(await app.post('/api/auth/logout', {}, withKey(key)), 401, 'unauthorized');
      expectProblem(await app.post('/api/api-keys', { name: 'x', permissions: [] }, withKey(key)), 401, 'unauthorized');
    });
  });

  describe('bad input', () => {
    const refusals: [string, Record<string, unknown>, string][] = [
      ['an empty name', { name: '', permissions: [] }, 'name'],
      ['a blank name', { name: '   ', permissions: [] }, 'name'],
      ['a name of 101 characters', { name: 'n'.repeat(101), permissions: [] }, 'name'],
      ['a name with a control character', { name: 'Tab\there', permissions: [] }, 'name'],
      ['no name', { permissions: [] }, 'name'],
      ['no permissions', { name: 'Key' }, 'permissions'],
      ['an unknown permission', { name: 'Key', permissions: ['bookings:read:any', 'everything'] }, 'permissions'],
      ['a permission twice', { name: 'Key', permissions: ['stats:read', 'stats:read'] }, 'permissions'],
      ['an expiry in the past', { name: 'Key', permissions: [], expiresAt: new Date(Date.now() - 60_000).toISOString() }, 'expiresAt'],
      ['an expiry of now', { name: 'Key', permissions: [], expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
      ['an expiry without an offset', { name: 'Key', permissions: [], expiresAt: '2099-01-01T00:00:00' }, 'expiresAt'],
      ['an expiry that is no date', { name: 'Key', permissions: [], expiresAt: '2099-02-30T00:00:00Z' }, 'expiresAt'],
      ['an expiry of null', { name: 'Key', permissions: [], expiresAt: null }, 'expiresAt'],
      ['an unknown field', { name: 'Key', permissions: [], owner: 1 }, 'owner'],
    ];

    it.each(refusals)('%s: 400 naming the field, nothing written', async (_what, body, field) => {
      const reply = await app.expectNothingWritten(() => app.post('/api/api-keys', body, as(admin)), 400, 'validation');
      expectFieldError(reply, field);
    });

    it('a path id that is not one is a 400', async () => {
      expectFieldError(await app.delete('/api/api-keys/abc', as(admin)), 'id');
    });
  });

  describe('how many', () => {
    it('an account holds at most 50 keys; made at once, no more than that are made (409 for the rest)', async () => {
      const owner = await app.withRole('manager');
      for (let i = 0; i < 47; i++) await createKey(owner, { name: `Key ${i}`, permissions: [] });
      const replies = await Promise.all(
        Array.from({ length: 6 }, (_, i) => app.post('/api/api-keys', { name: `Racer ${i}`, permissions: [] }, as(owner))),
      );
      expect(replies.map(({ status }) => status).sort()).toEqual([201, 201, 201, 409, 409, 409]);
      for (const reply of replies.filter(({ status }) => status === 409)) expectProblem(reply, 409, 'conflict');
      expect(await keysOf(owner)).toHaveLength(50);
    });
  });
});

describe('API keys: rate limit per key (RATE_LIMIT_API_KEY=3)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ RATE_LIMIT_API_KEY: '3' });
  });
  afterAll(() => app?.close());

  it('counts each key in its own bucket, whatever the route, and leaves the access token alone', async () => {
    const admin = await app.admin();
    const make = async (name: string) =>
      (await app.post('/api/api-keys', { name, permissions: ['stats:read'] }, as(admin))).body.key as string;
    const [first, second] = [await make('First'), await make('Second')];

    const statuses = async (token: string, paths: string[]) => {
      const replies: Reply[] = [];
      for (const path of paths) replies.push(await app.get(path, { token }));
      return replies;
    };
    const replies = await statuses(first, ['/api/auth/me', '/api/stats/bookings', '/api/api-keys', '/api/auth/me']);
    expect(replies.map(({ status }) => status)).toEqual([200, 200, 200, 429]);
    expectProblem(replies[3], 429, 'rate-limited');
    expect(Number(replies[3].headers.get('retry-after'))).toBeGreaterThan(0);

    expect((await statuses(second, ['/api/auth/me', '/api/stats/bookings'])).map(({ status }) => status)).toEqual([200, 200]);
    expect(
      (await statuses(admin.accessToken, ['/api/auth/me', '/api/auth/me', '/api/auth/me', '/api/auth/me'])).map(({ status }) => status),
    ).toEqual([200, 200, 200, 200]);
  });
});
