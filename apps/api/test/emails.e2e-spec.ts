import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { MAIN, startServer } from './support/server.js';
import { ADMIN, as, expectFieldError, expectProblem, PASSWORD, TestApp } from './support/test-app.js';

/**
 * E-mail addresses are compared exactly, in one spelling (trimmed, lower-case, NFC): on MySQL/MariaDB
 * the column used to compare under utf8mb4_unicode_ci, where an accented or zero-width look-alike of an
 * address found its account.
 */
const tag = () => randomUUID().slice(0, 8);

const TYPEORM_CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../../../node_modules/typeorm/cli.js');

/** `npm run migration:run` against the built data source (of MAIN's build): answers its output, or rejects with it. */
async function runMigrations(env: Record<string, string>): Promise<string> {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [TYPEORM_CLI, 'migration:run', '-d', resolve(dirname(MAIN), 'database/data-source.js')],
    { cwd: tmpdir(), env: { PATH: process.env.PATH ?? '', DATABASE_URL: env.DATABASE_URL } },
  );
  return stdout + stderr;
}

/** Spellings that a case- and accent-insensitive collation takes for `local@example.com`, but that are other addresses. */
function lookAlikes(local: string): string[] {
  return [
    `${local.replace('o', 'ó')}@example.com`, // an accent
    `${local.replace('o', 'o\u0301')}@example.com`, // the same accent, decomposed
    `${local}\u200b@example.com`, // a zero-width space
    `${local}\u00ad@example.com`, // a soft hyphen
    `${String.fromCharCode(local.charCodeAt(0) + 0xfee0)}${local.slice(1)}@example.com`, // a full-width first letter
    `${local}@exámple.com`, // an accent in the domain
  ];
}

describe('e-mail addresses', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start();
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('login', () => {
    it('answers 401 to every look-alike spelling of an address, even with the right password', async () => {
      const local = `lookalike-${tag()}`;
      const email = `${local}@example.com`;
      expect((await app.post('/api/auth/register', { name: 'Look Alike', email, password: PASSWORD })).status).toBe(201);

      for (const spelling of lookAlikes(local)) {
        const reply = await app.post('/api/auth/login', { email: spelling, password: PASSWORD });
        expect({ spelling, status: reply.status, type: reply.body.type }).toEqual({
          spelling,
          status: 401,
          type: '/problems/unauthorized',
        });
      }
      // The same address in another case or with surrounding spaces is the account.
      for (const spelling of [email.toUpperCase(), `  ${email}\t`]) {
        const reply = await app.post('/api/auth/login', { email: spelling, password: PASSWORD });
        expect({ spelling, status: reply.status, email: reply.body.user?.email }).toEqual({ spelling, status: 200, email });
      }
    });

    it('counts failures on the account whatever the spelling, and gives a look-alike no fresh count (RATE_LIMIT_LOGIN_ACCOUNT_ADDRESS 10)', async () => {
      const local = `counted-${tag()}`;
      const email = `${local}@example.com`;
      const user = await app.post('/api/auth/register', { name: 'Counted', email, password: PASSWORD });
      expect(user.status).toBe(201);
      const spellings = [email, email.toUpperCase(), ` ${email} `, `${local.toUpperCase()}@example.com`, email.normalize('NFD')];
      for (let attempt = 1; attempt <= 10; attempt++) {
        const reply = await app.post('/api/auth/login', {
          email: spellings[attempt % spellings.length],
          password: `Wrong-password-${attempt}`,
        });
        expect({ attempt, status: reply.status }).toEqual({ attempt, status: 401 });
      }
      for (const spelling of spellings)
        expectProblem(await app.post('/api/auth/login', { email: spelling, password: PASSWORD }), 429, 'rate-limited');
      for (const spelling of lookAlikes(local)) {
        const reply = await app.post('/api/auth/login', { email: spelling, password: PASSWORD });
        expect({ spelling, status: reply.status }).toEqual({ spelling, status: 401 });
      }
    });

    it('answers 400 naming email when it is not an e-mail address', async () => {
      for (const email of ['admin', 'admin@', '@example.com', 'admin@@example.com', 42]) {
        expectFieldError(await app.post('/api/auth/login', { email, password: PASSWORD }), 'email');
      }
    });
  });

  describe('one spelling everywhere', () => {
    it('stores a decomposed accent composed (NFC), so either form signs in', async () => {
      const composed = `jos\u00e9-${tag()}@example.com`;
      const decomposed = composed.normalize('NFD');
      expect(decomposed).not.toBe(composed);
      const registered = await app.post('/api/auth/register', { name: 'José', email: decomposed, password: PASSWORD });
      expect(registered.status).toBe(201);
      expect(registered.body.user.email).toBe(composed);
      const [row] = await app.database.query<{ email: string }>('SELECT email FROM users WHERE id = ?', [registered.body.user.id]);
      expect(row.email).toBe(composed);

      for (const spelling of [composed, decomposed, composed.toUpperCase()]) {
        expect({ spelling, status: (await app.post('/api/auth/login', { email: spelling, password: PASSWORD })).status }).toEqual({
          spelling,
          status: 200,
        });
      }
      // The other spelling is the same address: taken.
      expectProblem(
        await app.post('/api/auth/register', { name: 'Again', email: composed.toUpperCase(), password: PASSWORD }),
        409,
        'conflict',
      );
    });

    it('lets a look-alike of an existing address register as the different address it is, without touching the original', async () => {
      const local = `owner-${tag()}`;
      const owner = await app.post('/api/auth/register', { name: 'Owner', email: `${local}@example.com`, password: PASSWORD });
      const [lookAlike] = lookAlikes(local);
      const other = await app.post('/api/auth/register', { name: 'Other', email: lookAlike, password: 'Other-password-2' });
      expect(other.status).toBe(201);
      expect(other.body.user.id).not.toBe(owner.body.user.id);

      expect((await app.post('/api/auth/login', { email: lookAlike, password: PASSWORD })).status).toBe(401);
      const ownLogin = await app.post('/api/auth/login', { email: `${local}@example.com`, password: PASSWORD });
      expect(ownLogin.body.user?.id).toBe(owner.body.user.id);
    });

    it('normalises the profile e-mail change and the staff update alike', async () => {
      const user = await app.customer();
      const mine = `Mine-${tag()}-e\u0301@Example.com `;
      const changed = await app.patch('/api/auth/me', { email: mine, currentPassword: PASSWORD }, as(user));
      expect(changed.status).toBe(200);
      expect(changed.body.email).toBe(mine.trim().toLowerCase().normalize('NFC'));

      const admin = await app.admin();
      const staffSet = `  Staff-Set-${tag()}-e\u0301@EXAMPLE.com`;
      const updated = await app.patch(`/api/users/${user.id}`, { email: staffSet }, as(admin));
      expect(updated.status).toBe(200);
      expect(updated.body.email).toBe(staffSet.trim().toLowerCase().normalize('NFC'));
      expect((await app.post('/api/auth/login', { email: staffSet.normalize('NFD'), password: PASSWORD })).body.user?.id).toBe(user.id);
    });

    it('creates the first admin under the normalised ADMIN_EMAIL, verified (the operator chose the address)', async () => {
      const email = `Chef-${tag()}-e\u0301@Marquee.test`.normalize('NFD');
      const other = await TestApp.start({ ADMIN_EMAIL: email });
      try {
        const [row] = await other.database.query<{ email: string }>(
          "SELECT u.email FROM users u JOIN roles r ON r.id = u.role_id WHERE r.name = 'admin'",
        );
        expect(row.email).toBe(email.toLowerCase().normalize('NFC'));
        const login = await other.post('/api/auth/login', { email: email.toLowerCase().normalize('NFC'), password: ADMIN.password });
        expect(login.status).toBe(200);
        expect(login.body.user.emailVerified).toBe(true);
      } finally {
        await other.close();
      }
    });
  });

  describe('migration 1795710000000', () => {
    const MIGRATION = 'ExactUserEmails1795710000000';

    it('rewrites stored addresses in the one spelling and makes the column compare bytes', async () => {
      const user = await app.customer();
      const stored = `  Old-Style-${tag()}-e\u0301@Example.COM`;
      await app.database.query('UPDATE users SET email = ? WHERE id = ?', [stored, user.id]);
      await app.database.query('DELETE FROM migrations WHERE name = ?', [MIGRATION]);

      const restarted = await startServer(app.env);
      try {
        const [row] = await app.database.query<{ email: string }>('SELECT email FROM users WHERE id = ?', [user.id]);
        expect(row.email).toBe(stored.trim().toLowerCase().normalize('NFC'));
        const login = await fetch(`${restarted.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: stored, password: PASSWORD }),
        });
        expect(login.status).toBe(200);
        if (app.database.kind === 'mysql') {
          const [column] = await app.database.query<{ collation: string }>(
            "SELECT COLLATION_NAME AS collation FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users' AND COLUMN_NAME = 'email'",
          );
          expect(column.collation).toBe('utf8mb4_bin');
        }
      } finally {
        await restarted.stop();
      }
    });

    it('stops, naming both accounts and changing nothing, when two addresses differ only in spelling', async () => {
      const [first, second] = [await app.customer(), await app.customer()];
      const address = `twice-${tag()}@example.com`;
      await app.database.query('UPDATE users SET email = ? WHERE id = ?', [address, first.id]);
      await app.database.query('UPDATE users SET email = ? WHERE id = ?', [address.toUpperCase(), second.id]);
      await app.database.query('DELETE FROM migrations WHERE name = ?', [MIGRATION]);
      try {
        await expect(runMigrations(app.env)).rejects.toThrow(
          new RegExp(`users\\.email: .*#${first.id} "${address}" = #${second.id} "${address.toUpperCase()}"`),
        );
        const rows = await app.database.query<{ id: number; email: string }>('SELECT id, email FROM users WHERE id IN (?, ?) ORDER BY id', [
          first.id,
          second.id,
        ]);
        expect(rows.map((row) => row.email)).toEqual([address, address.toUpperCase()]);
        const [recorded] = await app.database.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM migrations WHERE name = ?', [
          MIGRATION,
        ]);
        expect(Number(recorded.n)).toBe(0);
      } finally {
        // Resolved as the message says: one address changed; the migration then runs.
        await app.database.query('UPDATE users SET email = ? WHERE id = ?', [`resolved-${tag()}@example.com`, second.id]);
        expect(await runMigrations(app.env)).toContain(MIGRATION);
      }
    });
  });
});
