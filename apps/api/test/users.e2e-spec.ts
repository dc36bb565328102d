import { randomUUID } from 'node:crypto';
import { ADMIN, as, day, expectFieldError, expectProblem, PASSWORD, TestApp, type Session } from './support/test-app.js';
import { allDayBooked, moveDay } from './support/time-travel.js';

const USER_KEYS = ['createdAt', 'email', 'id', 'isActive', 'name', 'role', 'updatedAt'];

describe('users', () => {
  let app: TestApp;
  let admin: Session;

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await app.admin();
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('GET /api/users', () => {
    const tag = `tag${randomUUID().slice(0, 8)}`;
    let amy: Session;
    let bob: Session;
    let cid: Session;

    beforeAll(async () => {
      // Created in this order: createdAt ascending is amy, bob, cid; names sort cid, amy, bob.
      amy = await app.customer(`M ${tag} Amy`);
      bob = await app.customer(`N ${tag} Bob`);
      cid = await app.customer(`A ${tag} Cid`);
      const promoted = await app.patch(`/api/users/${bob.id}`, { role: 'manager' }, as(admin));
      expect(promoted.status).toBe(200);
    });

    it('answers 401 anonymously and 403 to a customer or a manager', async () => {
      expectProblem(await app.get('/api/users'), 401, 'unauthorized');
      expectProblem(await app.get('/api/users', as(amy)), 403, 'forbidden');
      expectProblem(await app.get('/api/users', as(bob)), 403, 'forbidden');
    });

    it('lists users for users:read with page meta, sorted by name by default', async () => {
      const reply = await app.get(`/api/users?search=${tag}`, as(admin));

      expect(reply.status).toBe(200);
      expect(reply.body.meta).toEqual({ page: 1, limit: 20, total: 3, totalPages: 1 });
      expect(reply.body.data.map((user: { id: number }) => user.id)).toEqual([cid.id, amy.id, bob.id]);
      for (const user of reply.body.data) expect(Object.keys(user).sort()).toEqual(USER_KEYS);
      expect(reply.body.data[1]).toEqual({
        id: amy.id,
        name: `M ${tag} Amy`,
        email: amy.email,
        role: 'customer',
        isActive: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('searches the name and the e-mail, whatever the case, with LIKE wildcards taken literally', async () => {
      const byName = await app.get(`/api/users?search=${tag.toUpperCase()}%20AMY`, as(admin));
      expect(byName.body.data.map((user: { id: number }) => user.id)).toEqual([amy.id]);

      const local = bob.email.split('@')[0];
      const byEmail = await app.get(`/api/users?search=${local.slice(-12)}`, as(admin));
      expect(byEmail.body.data.map((user: { id: number }) => user.id)).toEqual([bob.id]);

      const wildcard = await app.get(`/api/users?search=${tag}%25`, as(admin));
      expect(wildcard.body.meta.total).toBe(0);
      const underscore = await app.get(`/api/users?search=_`, as(admin));
      expect(underscore.body.meta.total).toBe(0);
    });

    it('filters by role name', async () => {
      const managers = await app.get(`/api/users?search=${tag}&role=manager`, as(admin));
      expect(managers.body.data.map((user: { id: number; role: string }) => [user.id, user.role])).toEqual([[bob.id, 'manager']]);

      const admins = await app.get('/api/users?role=admin', as(admin));
      expect(admins.body.data.map((user: { email: string }) => user.email)).toContain(ADMIN.email);
      expect(admins.body.data.every((user: { role: string }) => user.role === 'admin')).toBe(true);

      const none = await app.get('/api/users?role=no-such-role', as(admin));
      expect(none.status).toBe(200);
      expect(none.body).toEqual({ data: [], meta: { page: 1, limit: 20, total: 0, totalPages: 0 } });
    });

    it.each([
      ['name', ['cid', 'amy', 'bob']],
      ['-name', ['bob', 'amy', 'cid']],
      ['createdAt', ['amy', 'bob', 'cid']],
      ['-createdAt', ['cid', 'bob', 'amy']],
    ])('sorts by %s', async (sort, expected) => {
      const ids = { amy: amy.id, bob: bob.id, cid: cid.id } as Record<string, number>;
      const reply = await app.get(`/api/users?search=${tag}&sort=${sort}`, as(admin));
      expect(reply.status).toBe(200);
      expect(reply.body.data.map((user: { id: number }) => user.id)).toEqual(expected.map((name) => ids[name]));
    });

    it('sorts by e-mail', async () => {
      const reply = await app.get(`/api/users?search=${tag}&sort=-email`, as(admin));
      const emails = reply.body.data.map((user: { email: string }) => user.email);
      expect(emails).toEqual([amy.email, bob.email, cid.email].sort().reverse());
    });

    it('paginates', async () => {
      const first = await app.get(`/api/users?search=${tag}&limit=2`, as(admin));
      expect(first.body.meta).toEqual({ page: 1, limit: 2, total: 3, totalPages: 2 });
      expect(first.body.data.map((user: { id: number }) => user.id)).toEqual([cid.id, amy.id]);

      const second = await app.get(`/api/users?search=${tag}&limit=2&page=2`, as(admin));
      expect(second.body.meta).toEqual({ page: 2, limit: 2, total: 3, totalPages: 2 });
      expect(second.body.data.map((user: { id: number }) => user.id)).toEqual([bob.id]);

      const beyond = await app.get(`/api/users?search=${tag}&limit=2&page=3`, as(admin));
      expect(beyond.body).toEqual({ data: [], meta: { page: 3, limit: 2, total: 3, totalPages: 2 } });
    });

    it.each([
      ['page', 'page=0'],
      ['page', 'page=abc'],
      ['limit', 'limit=0'],
      ['limit', 'limit=101'],
      ['sort', 'sort=password'],
      ['sort', 'sort=passwordHash'],
      ['page', 'page=1&page=2'],
      ['unknown', 'unknown=1'],
    ])('answers 400 naming %s for ?%s', async (field, query) => {
      expectFieldError(await app.get(`/api/users?${query}`, as(admin)), field);
    });
  });

  describe('GET /api/users/{id}', () => {
    it('answers self, never the password hash or deletedAt', async () => {
      const user = await app.customer('Selma Self');
      const reply = await app.get(`/api/users/${user.id}`, as(user));
      expect(reply.status).toBe(200);
      expect(Object.keys(reply.body).sort()).toEqual(USER_KEYS);
      expect(reply.body).toEqual({
        id: user.id,
        name: 'Selma Self',
        email: user.email,
        role: 'customer',
        isActive: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    });

    it('answers 404 for another user to a customer and to a manager, 200 to the admin', async () => {
      const user = await app.customer();
      const other = await app.customer();
      const manager = await app.withRole('manager');

      expectProblem(await app.get(`/api/users/${other.id}`, as(user)), 404, 'not-found');
      expectProblem(await app.get(`/api/users/${other.id}`, as(manager)), 404, 'not-found');
      const byAdmin = await app.get(`/api/users/${other.id}`, as(admin));
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body.email).toBe(other.email);
    });

    it('answers 404 for an unknown id, 400 for an id that is not a positive integer, 401 anonymously', async () => {
      expectProblem(await app.get('/api/users/999999', as(admin)), 404, 'not-found');
      for (const id of ['abc', '0', '-1', '1.5', '99999999999']) {
        expectFieldError(await app.get(`/api/users/${id}`, as(admin)), 'id');
      }
      expectProblem(await app.get(`/api/users/${admin.id}`), 401, 'unauthorized');
      expectProblem(await app.get('/api/users/abc'), 401, 'unauthorized');
    });
  });

  describe('PATCH and PUT /api/users/{id}', () => {
    it('lets a user change their own name', async () => {
      const user = await app.customer('Before');
      const reply = await app.patch(`/api/users/${user.id}`, { name: 'After' }, as(user));
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(expect.objectContaining({ id: user.id, name: 'After', role: 'customer', isActive: true }));
      expect(Object.keys(reply.body).sort()).toEqual(USER_KEYS);

      const put = await app.put(`/api/users/${user.id}`, { name: 'Put Name' }, as(user));
      expect(put.status).toBe(200);
      expect(put.body.name).toBe('Put Name');
    });

    it('answers 403 when a user names role or isActive for themselves, and changes nothing', async () => {
      const user = await app.customer();
      const before = await app.rowCounts();
      expectProblem(await app.patch(`/api/users/${user.id}`, { role: 'admin' }, as(user)), 403, 'forbidden');
      expectProblem(await app.patch(`/api/users/${user.id}`, { role: 'customer' }, as(user)), 403, 'forbidden');
      expectProblem(await app.patch(`/api/users/${user.id}`, { isActive: true }, as(user)), 403, 'forbidden');
      expectProblem(await app.put(`/api/users/${user.id}`, { name: 'Sneaky', role: 'admin' }, as(user)), 403, 'forbidden');
      const reply = await app.get(`/api/users/${user.id}`, as(user));
      expect(reply.body).toEqual(expect.objectContaining({ role: 'customer', name: 'Casey Customer' }));
      expect(await app.rowCounts()).toEqual(before);
    });

    it('needs currentPassword for a user’s own e-mail change (400 naming it, never 401)', async () => {
      const user = await app.customer();
      const email = `changed-${randomUUID()}@example.com`;
      expectFieldError(await app.patch(`/api/users/${user.id}`, { email }, as(user)), 'currentPassword');
      expectFieldError(await app.patch(`/api/users/${user.id}`, { email, currentPassword: 'Wrong-pass-1' }, as(user)), 'currentPassword');
      const ok = await app.patch(`/api/users/${user.id}`, { email, currentPassword: PASSWORD }, as(user));
      expect(ok.status).toBe(200);
      expect(ok.body.email).toBe(email);
    });

    it('answers 400 for a password change or an unknown field here (the profile route changes passwords)', async () => {
      const user = await app.customer();
      expectFieldError(
        await app.patch(`/api/users/${user.id}`, { newPassword: 'Another-pass-1', currentPassword: PASSWORD }, as(user)),
        'newPassword',
      );
      expectFieldError(await app.patch(`/api/users/${user.id}`, { passwordHash: 'x' }, as(user)), 'passwordHash');
      expectFieldError(await app.patch(`/api/users/${user.id}`, { isActive: 'no' }, as(admin)), 'isActive');
      expectFieldError(await app.patch(`/api/users/${user.id}`, { name: null }, as(admin)), 'name');
    });

    it('lets the admin change another user’s role by name; it takes effect on the next request', async () => {
      const user = await app.customer();
      const service = {
        name: `Show ${randomUUID().slice(0, 8)}`,
        category: 'concert',
        priceCents: 1000,
        durationMinutes: 60,
        capacity: 10,
      };
      expectProblem(await app.post('/api/services', service, as(user)), 403, 'forbidden');

      const changed = await app.patch(`/api/users/${user.id}`, { role: 'manager' }, as(admin));
      expect(changed.status).toBe(200);
      expect(changed.body).toEqual(expect.objectContaining({ id: user.id, role: 'manager' }));

      const created = await app.post('/api/services', service, as(user));
      expect(created.status).toBe(201);
      expect((await app.get('/api/auth/me', as(user))).body).toEqual(
        expect.objectContaining({ role: 'manager', permissions: expect.arrayContaining(['services:write', 'stats:read']) }),
      );

      expect((await app.patch(`/api/users/${user.id}`, { role: 'customer' }, as(admin))).status).toBe(200);
      expectProblem(await app.post('/api/services', { ...service, name: 'Another' }, as(user)), 403, 'forbidden');
    });

    it('answers 400 naming role for an unknown role', async () => {
      const user = await app.customer();
      const reply = await app.patch(`/api/users/${user.id}`, { role: 'overlord' }, as(admin));
      expectFieldError(reply, 'role');
      expect((await app.get(`/api/users/${user.id}`, as(admin))).body.role).toBe('customer');
    });

    it('lets the admin change another user’s e-mail without a password (stored lower-case), 409 when taken', async () => {
      const user = await app.customer();
      const other = await app.customer();
      const email = `admin-set-${randomUUID()}@example.com`;
      const reply = await app.patch(`/api/users/${user.id}`, { email: email.toUpperCase() }, as(admin));
      expect(reply.status).toBe(200);
      expect(reply.body.email).toBe(email);
      expectProblem(await app.patch(`/api/users/${user.id}`, { email: other.email }, as(admin)), 409, 'conflict');
    });

    it('deactivating a user refuses their access token at once, their refresh token and their login', async () => {
      const user = await app.customer();
      expect((await app.get('/api/auth/me', as(user))).status).toBe(200);

      const reply = await app.patch(`/api/users/${user.id}`, { isActive: false }, as(admin));
      expect(reply.status).toBe(200);
      expect(reply.body.isActive).toBe(false);

      expectProblem(await app.get('/api/auth/me', as(user)), 401, 'unauthorized');
      expectProblem(await app.get(`/api/users/${user.id}`, as(user)), 401, 'unauthorized');
      expectProblem(await app.post('/api/auth/refresh', { refreshToken: user.refreshToken }), 401, 'unauthorized');
      expectProblem(await app.post('/api/auth/login', { email: user.email, password: PASSWORD }), 401, 'unauthorized');

      expect((await app.patch(`/api/users/${user.id}`, { isActive: true }, as(admin))).status).toBe(200);
      expect((await app.post('/api/auth/login', { email: user.email, password: PASSWORD })).status).toBe(200);
    });

    it('answers 404 to a customer or a manager changing another user, 403 to a reader without users:write', async () => {
      const target = await app.customer('Target');
      const customer = await app.customer();
      const manager = await app.withRole('manager');
      expectProblem(await app.patch(`/api/users/${target.id}`, { name: 'Hacked' }, as(customer)), 404, 'not-found');
      expectProblem(await app.patch(`/api/users/${target.id}`, { name: 'Hacked' }, as(manager)), 404, 'not-found');
      expectProblem(await app.delete(`/api/users/${target.id}`, as(manager)), 404, 'not-found');

      const roleName = `reader-${randomUUID().slice(0, 8)}`;
      expect((await app.post('/api/roles', { name: roleName, permissions: ['users:read'] }, as(admin))).status).toBe(201);
      const reader = await app.withRole(roleName);
      expect((await app.get(`/api/users/${target.id}`, as(reader))).status).toBe(200);
      expectProblem(await app.patch(`/api/users/${target.id}`, { name: 'Hacked' }, as(reader)), 403, 'forbidden');
      expectProblem(await app.delete(`/api/users/${target.id}`, as(reader)), 403, 'forbidden');
      expect((await app.get(`/api/users/${target.id}`, as(admin))).body.name).toBe('Target');
    });

    it('answers 404 for an unknown id and 400 for a bad one', async () => {
      expectProblem(await app.patch('/api/users/999999', { name: 'Nobody' }, as(admin)), 404, 'not-found');
      expectFieldError(await app.patch('/api/users/abc', { name: 'Nobody' }, as(admin)), 'id');
      expectProblem(await app.patch('/api/users/abc', { name: 'Nobody' }), 401, 'unauthorized');
    });
  });

  describe('no privilege escalation through users:write', () => {
    let writer: Session;
    let writerRole: string;

    beforeAll(async () => {
      writerRole = `writer-${randomUUID().slice(0, 8)}`;
      expect((await app.post('/api/roles', { name: writerRole, permissions: ['users:write'] }, as(admin))).status).toBe(201);
      writer = await app.withRole(writerRole);
    });

    const roleOf = async (id: number) => (await app.get(`/api/users/${id}`, as(admin))).body.role;

    it('cannot change its own role, to admin or to anything else (403, nothing written)', async () => {
      for (const role of ['admin', 'manager', 'customer']) {
        const reply = await app.expectNothingWritten(() => app.patch(`/api/users/${writer.id}`, { role }, as(writer)), 403, 'forbidden');
        expect(reply.body.detail).toBe('Nobody can change their own role; another user with users:write must');
      }
      await app.expectNothingWritten(() => app.put(`/api/users/${writer.id}`, { name: 'Me', role: 'admin' }, as(writer)), 403, 'forbidden');
      expect(await roleOf(writer.id)).toBe(writerRole);
      expect((await app.get('/api/auth/me', as(writer))).body.permissions).toEqual(['users:write']);
    });

    it('cannot make anyone an admin, nor give a role holding a permission it lacks', async () => {
      const user = await app.customer();
      const mixed = `mixed-${randomUUID().slice(0, 8)}`;
      expect((await app.post('/api/roles', { name: mixed, permissions: ['users:write', 'roles:manage'] }, as(admin))).status).toBe(201);
      const cases: [string, string][] = [
        ['admin', 'Only an admin can make an admin'],
        [
          'manager',
          'You can assign only a role whose permissions you hold; manager also holds services:write, bookings:read:any, bookings:write:any, stats:read',
        ],
        [mixed, `You can assign only a role whose permissions you hold; ${mixed} also holds roles:manage`],
      ];
      for (const [role, detail] of cases) {
        const reply = await app.expectNothingWritten(() => app.patch(`/api/users/${user.id}`, { role }, as(writer)), 403, 'forbidden');
        expect(reply.body.detail).toBe(detail);
      }
      expect(await roleOf(user.id)).toBe('customer');
    });

    it('only an admin makes an admin: a custom role holding every permission cannot', async () => {
      const almighty = `almighty-${randomUUID().slice(0, 8)}`;
      const permissions = (await app.get('/api/roles/permissions', as(admin))).body.map((permission: { name: string }) => permission.name);
      expect((await app.post('/api/roles', { name: almighty, permissions }, as(admin))).status).toBe(201);
      const deputy = await app.withRole(almighty);
      const user = await app.customer();
      const refused = await app.expectNothingWritten(
        () => app.patch(`/api/users/${user.id}`, { role: 'admin' }, as(deputy)),
        403,
        'forbidden',
      );
      expect(refused.body.detail).toBe('Only an admin can make an admin');
      expect((await app.patch(`/api/users/${user.id}`, { role: 'manager' }, as(deputy))).status).toBe(200);
      expect((await app.patch(`/api/users/${user.id}`, { role: 'admin' }, as(admin))).body.role).toBe('admin');
      // Back to one admin, for the last-admin tests.
      expect((await app.patch(`/api/users/${user.id}`, { role: 'customer' }, as(admin))).body.role).toBe('customer');
    });

    it('cannot change, deactivate or delete an account whose role holds a permission it lacks', async () => {
      const manager = await app.withRole('manager');
      const attempts = [
        () => app.patch(`/api/users/${admin.id}`, { name: 'Demoted' }, as(writer)),
        () => app.patch(`/api/users/${admin.id}`, { isActive: false }, as(writer)),
        () => app.patch(`/api/users/${admin.id}`, { email: `taken-over-${randomUUID()}@example.com` }, as(writer)),
        () => app.delete(`/api/users/${admin.id}`, as(writer)),
        () => app.patch(`/api/users/${manager.id}`, { role: 'customer' }, as(writer)),
        () => app.delete(`/api/users/${manager.id}`, as(writer)),
      ];
      for (const attempt of attempts) {
        const reply = await app.expectNothingWritten(attempt, 403, 'forbidden');
        expect(reply.body.detail).toMatch(
          /^This account's role holds .+, which you do not hold; only someone who does can change or delete it$/,
        );
      }
      expect((await app.get('/api/auth/me', as(admin))).body).toEqual(expect.objectContaining({ role: 'admin', email: ADMIN.email }));
      expect(await roleOf(manager.id)).toBe('manager');
    });

    it('manages accounts within its own permissions: assigns customer or its own role, deactivates, deletes', async () => {
      const user = await app.customer();
      expect((await app.patch(`/api/users/${user.id}`, { role: writerRole }, as(writer))).body.role).toBe(writerRole);
      expect((await app.patch(`/api/users/${user.id}`, { role: 'customer', isActive: false }, as(writer))).body).toEqual(
        expect.objectContaining({ role: 'customer', isActive: false }),
      );
      expect((await app.delete(`/api/users/${user.id}`, as(writer))).status).toBe(204);
    });

    it('the admin cannot change their own role either', async () => {
      const reply = await app.expectNothingWritten(
        () => app.patch(`/api/users/${admin.id}`, { role: 'manager' }, as(admin)),
        403,
        'forbidden',
      );
      expect(reply.body.detail).toBe('Nobody can change their own role; another user with users:write must');
      expect((await app.patch(`/api/users/${admin.id}`, { role: 'admin' }, as(admin))).status).toBe(200);
    });
  });

  describe('DELETE /api/users/{id}', () => {
    it('scrubs the account, ends its sessions, cancels upcoming bookings and keeps past ones', async () => {
      const user = await app.customer('Doomed Dora');
      const upcoming = await app.service({ capacity: 10 });
      const earlier = await app.service({ capacity: 10 });

      const soon = await app.post('/api/bookings', { serviceId: upcoming.id, bookingDate: day(3), quantity: 2 }, as(user));
      const today = await app.post('/api/bookings', { serviceId: upcoming.id, bookingDate: day(0), quantity: 1 }, as(user));
      const past = await app.post('/api/bookings', { serviceId: earlier.id, bookingDate: day(5), quantity: 3 }, as(user));
      expect([soon.status, today.status, past.status]).toEqual([201, 201, 201]);
      // Time travel: the third booking happened five days ago.
      await moveDay(app.database, earlier.id, day(5), day(-5));

      const bookedOn = async (serviceId: number, date: string) => {
        const reply = await app.get(`/api/services/${serviceId}/availability?from=${date}&to=${date}`);
        expect(reply.status).toBe(200);
        return reply.body[0].booked;
      };
      expect(await bookedOn(upcoming.id, day(3))).toBe(2);
      expect(await bookedOn(upcoming.id, day(0))).toBe(1);

      const reply = await app.delete(`/api/users/${user.id}`, as(user));
      expect(reply.status).toBe(204);
      expect(reply.body).toBe('');

      const [row] = await app.database.query<{ name: string; email: string; deleted_at: unknown; is_active: unknown }>(
        'SELECT name, email, deleted_at, is_active FROM users WHERE id = ?',
        [user.id],
      );
      expect(row).toEqual({
        name: 'Deleted user',
        email: `deleted-${user.id}@invalid`,
        deleted_at: expect.anything(),
        is_active: expect.anything(),
      });
      expect(Number(row.is_active)).toBe(0);

      expectProblem(await app.get('/api/auth/me', as(user)), 401, 'unauthorized');
      expectProblem(await app.post('/api/auth/refresh', { refreshToken: user.refreshToken }), 401, 'unauthorized');
      expectProblem(await app.post('/api/auth/login', { email: user.email, password: PASSWORD }), 401, 'unauthorized');
      expectProblem(await app.get(`/api/users/${user.id}`, as(admin)), 404, 'not-found');
      expectProblem(await app.delete(`/api/users/${user.id}`, as(admin)), 404, 'not-found');

      expect(await bookedOn(upcoming.id, day(3))).toBe(0);
      expect(await bookedOn(upcoming.id, day(0))).toBe(0);
      const bookings = await app.database.query<{ id: number; status: string; cancelled_at: unknown }>(
        'SELECT id, status, cancelled_at FROM bookings WHERE user_id = ? ORDER BY id',
        [user.id],
      );
      expect(bookings.map((booking) => [booking.id, booking.status, booking.cancelled_at !== null])).toEqual([
        [soon.body.id, 'cancelled', true],
        [today.body.id, 'cancelled', true],
        [past.body.id, 'confirmed', false],
      ]);
      expect(await allDayBooked(app.database, earlier.id, day(-5))).toBe(3);

      // The scrubbed e-mail is free again.
      expect((await app.post('/api/auth/register', { name: 'Dora Again', email: user.email, password: PASSWORD })).status).toBe(201);
    });

    it('lets the admin delete another user; a customer gets 404 for someone else', async () => {
      const user = await app.customer();
      const other = await app.customer();
      expectProblem(await app.delete(`/api/users/${user.id}`, as(other)), 404, 'not-found');
      expect((await app.get(`/api/users/${user.id}`, as(user))).status).toBe(200);

      expect((await app.delete(`/api/users/${user.id}`, as(admin))).status).toBe(204);
      expectProblem(await app.get('/api/auth/me', as(user)), 401, 'unauthorized');
      const listed = await app.get(`/api/users?search=${user.email}`, as(admin));
      expect(listed.body.meta.total).toBe(0);
    });

    it('answers 404 for an unknown id, 400 for a bad one, 401 anonymously', async () => {
      expectProblem(await app.delete('/api/users/999999', as(admin)), 404, 'not-found');
      expectFieldError(await app.delete('/api/users/x1', as(admin)), 'id');
      expectProblem(await app.delete(`/api/users/${admin.id}`), 401, 'unauthorized');
    });
  });

  describe('the last active admin', () => {
    it('cannot be deactivated or deleted (409), nor demote themselves (403), and stays an admin', async () => {
      const before = await app.rowCounts();
      expectProblem(await app.patch(`/api/users/${admin.id}`, { role: 'customer' }, as(admin)), 403, 'forbidden');
      expectProblem(await app.patch(`/api/users/${admin.id}`, { isActive: false }, as(admin)), 409, 'conflict');
      expectProblem(await app.delete(`/api/users/${admin.id}`, as(admin)), 409, 'conflict');
      expect(await app.rowCounts()).toEqual(before);
      const me = await app.get('/api/auth/me', as(admin));
      expect(me.body).toEqual(expect.objectContaining({ role: 'admin', email: ADMIN.email }));
    });

    it('a deactivated second admin does not count; an active one does', async () => {
      const second = await app.withRole('admin');
      expect((await app.patch(`/api/users/${second.id}`, { isActive: false }, as(admin))).status).toBe(200);
      expectProblem(await app.patch(`/api/users/${admin.id}`, { isActive: false }, as(admin)), 409, 'conflict');

      expect((await app.patch(`/api/users/${second.id}`, { isActive: true }, as(admin))).status).toBe(200);
      const secondSession = await app.login(second.email, PASSWORD);
      expect((await app.delete(`/api/users/${secondSession.id}`, as(secondSession))).status).toBe(204);
      expectProblem(await app.delete(`/api/users/${admin.id}`, as(admin)), 409, 'conflict');
    });

    it('two admins removing each other at the same time leave one admin', async () => {
      const second = await app.withRole('admin');
      const [{ id: adminRole }] = await app.database.query<{ id: number }>("SELECT id FROM roles WHERE name = 'admin'");
      const activeAdmins = async () => {
        const [row] = await app.database.query<{ n: number | string }>(
          "SELECT COUNT(*) AS n FROM users u JOIN roles r ON r.id = u.role_id WHERE r.name = 'admin' AND u.is_active = 1 AND u.deleted_at IS NULL",
        );
        return Number(row.n);
      };
      for (let round = 0; round < 8; round++) {
        // Back to two active admins before each round.
        await app.database.query('UPDATE users SET role_id = ?, is_active = 1 WHERE id IN (?, ?)', [adminRole, admin.id, second.id]);
        // Deactivation ends every session: sign in again after a round that deactivated the second admin.
        const secondSession = await app.login(second.email, PASSWORD);
        const replies = await Promise.all([
          app.patch(`/api/users/${admin.id}`, { role: 'customer' }, as(secondSession)),
          round % 2 === 0
            ? app.patch(`/api/users/${second.id}`, { isActive: false }, as(admin))
            : app.patch(`/api/users/${second.id}`, { role: 'manager' }, as(admin)),
        ]);
        // One wins; the other is refused: 409 (last admin), or 404 when the winner already took the loser's admin rights.
        const statuses = replies.map((reply) => reply.status).sort();
        expect({ round, ok: statuses[0], refused: [404, 409].includes(statuses[1]) }).toEqual({ round, ok: 200, refused: true });
        expect(await activeAdmins()).toBe(1);
      }
      await app.database.query('UPDATE users SET role_id = ?, is_active = 1 WHERE id = ?', [adminRole, admin.id]);
    });
  });
});
