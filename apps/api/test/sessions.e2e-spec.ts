import { startServer } from './support/server.js';
import { as, expectProblem, PASSWORD, TestApp, type Session } from './support/test-app.js';

describe('sessions', () => {
  let app: TestApp;
  let admin: Session;

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await app.admin();
  });

  afterAll(async () => {
    await app?.close();
  });

  const liveRefreshTokens = async (userId: number) => {
    const [row] = await app.database.query<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL',
      [userId],
    );
    return Number(row.n);
  };

  describe('deactivation', () => {
    it('ends every session: after reactivation the old refresh and access tokens stay refused', async () => {
      const user = await app.customer();
      const second = await app.login(user.email, PASSWORD);
      expect(await liveRefreshTokens(user.id)).toBe(2);

      expect((await app.patch(`/api/users/${user.id}`, { isActive: false }, as(admin))).status).toBe(200);
      expect((await app.patch(`/api/users/${user.id}`, { isActive: true }, as(admin))).status).toBe(200);

      for (const session of [user, second]) {
        expectProblem(await app.post('/api/auth/refresh', { refreshToken: session.refreshToken }), 401, 'unauthorized');
        expectProblem(await app.get('/api/auth/me', as(session)), 401, 'unauthorized');
      }
      expect(await liveRefreshTokens(user.id)).toBe(0);
      const fresh = await app.login(user.email, PASSWORD);
      expect((await app.get('/api/auth/me', as(fresh))).status).toBe(200);
      expect((await app.post('/api/auth/refresh', { refreshToken: fresh.refreshToken })).status).toBe(200);
    });

    it('leaves the sessions of a mere change of name or role alone', async () => {
      const user = await app.customer();
      expect((await app.patch(`/api/users/${user.id}`, { name: 'Renamed', role: 'manager' }, as(admin))).status).toBe(200);
      expect((await app.get('/api/auth/me', as(user))).body.role).toBe('manager');
      expect((await app.post('/api/auth/refresh', { refreshToken: user.refreshToken })).status).toBe(200);
    });
  });

  describe('pruning', () => {
    it('deletes expired refresh tokens at start, spent or not, and keeps the unexpired ones (revoked included, for reuse detection)', async () => {
      const expiring = await app.customer();
      const spentLater = await app.customer();
      const rotated = await app.post('/api/auth/refresh', { refreshToken: spentLater.refreshToken });
      expect(rotated.status).toBe(200);
      const kept = await app.customer();
      // Time travel: every token of `expiring` expired a minute ago.
      const past = new Date(Date.now() - 60_000).toISOString().slice(0, 23).replace('T', ' ');
      await app.database.query('UPDATE refresh_tokens SET expires_at = ? WHERE user_id = ?', [past, expiring.id]);
      const rows = async (userId: number) =>
        (
          await app.database.query<{ revoked: number | string }>(
            'SELECT CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END AS revoked FROM refresh_tokens WHERE user_id = ? ORDER BY revoked',
            [userId],
          )
        ).map((row) => Number(row.revoked));
      expect(await rows(expiring.id)).toEqual([0]);
      expect(await rows(spentLater.id)).toEqual([0, 1]);

      const restarted = await startServer(app.env);
      try {
        expect(await rows(expiring.id)).toEqual([]);
        expect(await rows(spentLater.id)).toEqual([0, 1]);
        expect(await rows(kept.id)).toEqual([0]);
      } finally {
        await restarted.stop();
      }
      // The kept revoked token still reveals a reuse, and revokes its family.
      const reuse = await app.post('/api/auth/refresh', { refreshToken: spentLater.refreshToken });
      expectProblem(reuse, 401, 'unauthorized');
      expect(reuse.body.detail).toBe('The refresh token was already used; the session has been revoked');
      expectProblem(await app.post('/api/auth/refresh', { refreshToken: rotated.body.refreshToken }), 401, 'unauthorized');
    });
  });
});
