import { randomUUID } from 'node:crypto';
import { as, day, expectFieldError, expectProblem, TestApp, type Reply, type Session } from './support/test-app.js';

const ALL = [
  'users:read',
  'users:write',
  'roles:manage',
  'services:write',
  'bookings:read:any',
  'bookings:write:any',
  'stats:read',
  'audit:read',
  'messages:manage',
  'checkins:write',
  'webhooks:manage',
];
const MANAGER = ['services:write', 'bookings:read:any', 'bookings:write:any', 'stats:read'];
const STAFF = ['checkins:write', 'bookings:read:any'];

const roleName = (prefix = 'role') => `${prefix}-${randomUUID().slice(0, 8)}`;

describe('roles', () => {
  let app: TestApp;
  let admin: Session;

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await app.admin();
  });

  afterAll(async () => {
    await app?.close();
  });

  const roleByName = async (name: string) => {
    const reply = await app.get('/api/roles', as(admin));
    return reply.body.find((role: { name: string }) => role.name === name);
  };

  describe('GET /api/roles', () => {
    it('lists the built-in roles with exactly the permissions of the design', async () => {
      const reply = await app.get('/api/roles', as(admin));
      expect(reply.status).toBe(200);
      const builtIn = reply.body.filter((role: { builtIn: boolean }) => role.builtIn);
      expect(builtIn.map((role: { name: string }) => role.name).sort()).toEqual(['admin', 'customer', 'manager', 'staff']);
      const byName = Object.fromEntries(reply.body.map((role: { name: string }) => [role.name, role]));
      expect(byName.admin).toEqual({
        id: expect.any(Number),
        name: 'admin',
        description: expect.any(String),
        builtIn: true,
        permissions: expect.any(Array),
      });
      expect([...byName.admin.permissions].sort()).toEqual([...ALL].sort());
      expect([...byName.manager.permissions].sort()).toEqual([...MANAGER].sort());
      expect([...byName.staff.permissions].sort()).toEqual([...STAFF].sort());
      expect(byName.customer.permissions).toEqual([]);
      for (const role of reply.body) expect(Object.keys(role).sort()).toEqual(['builtIn', 'description', 'id', 'name', 'permissions']);
    });
  });

  describe('GET /api/roles/permissions', () => {
    it('answers the permission catalogue with descriptions', async () => {
      const reply = await app.get('/api/roles/permissions', as(admin));
      expect(reply.status).toBe(200);
      expect(reply.body.map((permission: { name: string }) => permission.name).sort()).toEqual([...ALL].sort());
      for (const permission of reply.body) {
        expect(permission).toEqual({ name: expect.any(String), description: expect.stringMatching(/\w+/) });
      }
    });
  });

  describe('POST /api/roles', () => {
    it('creates a role (201)', async () => {
      const name = roleName('auditor');
      const reply = await app.post(
        '/api/roles',
        { name, description: 'Reads things', permissions: ['users:read', 'stats:read'] },
        as(admin),
      );
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({
        id: expect.any(Number),
        name,
        description: 'Reads things',
        builtIn: false,
        permissions: expect.any(Array),
      });
      expect([...reply.body.permissions].sort()).toEqual(['stats:read', 'users:read']);
      expect(await roleByName(name)).toEqual(reply.body);
    });

    it('creates a role without permissions or description', async () => {
      const name = roleName('empty');
      const reply = await app.post('/api/roles', { name, permissions: [] }, as(admin));
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({ id: expect.any(Number), name, description: '', builtIn: false, permissions: [] });
    });

    it.each([
      ['name', { name: 'Has Spaces' }],
      ['name', { name: 'UPPER' }],
      ['name', { name: 'x' }],
      ['name', { name: 'a'.repeat(41) }],
      ['name', { name: 'under_score' }],
      ['name', { name: undefined }],
      ['permissions', { permissions: ['users:read', 'launch:missiles'] }],
      ['permissions', { permissions: ['users:read', 'users:read'] }],
      ['permissions', { permissions: 'users:read' }],
      ['permissions', { permissions: undefined }],
      ['description', { description: 'd'.repeat(201) }],
      ['builtIn', { builtIn: true }],
    ])('answers 400 naming %s for %j, and writes nothing', async (field, change) => {
      const before = await app.rowCounts();
      const reply = await app.post('/api/roles', { name: roleName(), permissions: ['stats:read'], ...change }, as(admin));
      expectFieldError(reply, field);
      expect(await app.rowCounts()).toEqual(before);
    });

    it('answers 409 when the name is taken, built-in names included', async () => {
      const name = roleName('taken');
      expect((await app.post('/api/roles', { name, permissions: [] }, as(admin))).status).toBe(201);
      const before = await app.rowCounts();
      expectProblem(await app.post('/api/roles', { name, permissions: ['stats:read'] }, as(admin)), 409, 'conflict');
      expectProblem(await app.post('/api/roles', { name: 'admin', permissions: [] }, as(admin)), 409, 'conflict');
      expect(await app.rowCounts()).toEqual(before);
    });
  });

  describe('custom roles end to end', () => {
    it('a role with stats:read can read the stats, and loses them on the next request when the permission is removed', async () => {
      const name = roleName('analyst');
      const created = await app.post('/api/roles', { name, permissions: ['stats:read'] }, as(admin));
      expect(created.status).toBe(201);
      const analyst = await app.withRole(name);
      const stats = `/api/stats/bookings?from=${day(-7)}&to=${day(7)}`;

      const allowed = await app.get(stats, as(analyst));
      expect(allowed.status).toBe(200);
      expect(allowed.body).toEqual(expect.objectContaining({ totals: expect.any(Object), byDay: expect.any(Array) }));
      expectProblem(await app.get('/api/users', as(analyst)), 403, 'forbidden');

      const changed = await app.patch(`/api/roles/${created.body.id}`, { permissions: ['users:read'] }, as(admin));
      expect(changed.status).toBe(200);
      expect(changed.body.permissions).toEqual(['users:read']);

      expectProblem(await app.get(stats, as(analyst)), 403, 'forbidden');
      expect((await app.get('/api/users', as(analyst))).status).toBe(200);
      expect((await app.get('/api/auth/me', as(analyst))).body.permissions).toEqual(['users:read']);
    });

    it('a role holding roles:manage can manage roles', async () => {
      const name = roleName('role-admin');
      expect((await app.post('/api/roles', { name, permissions: ['roles:manage'] }, as(admin))).status).toBe(201);
      const keeper = await app.withRole(name);
      expect((await app.get('/api/roles', as(keeper))).status).toBe(200);
      expect((await app.post('/api/roles', { name: roleName(), permissions: [] }, as(keeper))).status).toBe(201);
    });
  });

  describe('PATCH and PUT /api/roles/{id}', () => {
    it('changes a custom role’s name, description and permissions', async () => {
      const created = await app.post('/api/roles', { name: roleName(), permissions: ['stats:read'] }, as(admin));
      const name = roleName('renamed');
      const patched = await app.patch(`/api/roles/${created.body.id}`, { name, description: 'Renamed' }, as(admin));
      expect(patched.status).toBe(200);
      expect(patched.body).toEqual({ id: created.body.id, name, description: 'Renamed', builtIn: false, permissions: ['stats:read'] });

      const put = await app.put(`/api/roles/${created.body.id}`, { permissions: ['services:write', 'stats:read'] }, as(admin));
      expect(put.status).toBe(200);
      expect(put.body).toEqual({
        id: created.body.id,
        name,
        description: 'Renamed',
        builtIn: false,
        permissions: ['services:write', 'stats:read'],
      });
    });

    it('answers 409 when renaming to a taken name', async () => {
      const first = await app.post('/api/roles', { name: roleName(), permissions: [] }, as(admin));
      const second = await app.post('/api/roles', { name: roleName(), permissions: [] }, as(admin));
      expectProblem(await app.patch(`/api/roles/${second.body.id}`, { name: first.body.name }, as(admin)), 409, 'conflict');
      expectProblem(await app.patch(`/api/roles/${second.body.id}`, { name: 'manager' }, as(admin)), 409, 'conflict');
      expect((await roleByName(second.body.name)).id).toBe(second.body.id);
    });

    it('answers 409 when a built-in role is renamed, and keeps it', async () => {
      for (const name of ['admin', 'manager', 'customer']) {
        const role = await roleByName(name);
        expectProblem(await app.patch(`/api/roles/${role.id}`, { name: `${name}-x` }, as(admin)), 409, 'conflict');
        expect((await roleByName(name)).id).toBe(role.id);
      }
    });

    it('lets a built-in role keep its own name and change its description or (manager) permissions', async () => {
      const manager = await roleByName('manager');
      const same = await app.patch(`/api/roles/${manager.id}`, { name: 'manager', description: 'Runs the venue' }, as(admin));
      expect(same.status).toBe(200);
      expect(same.body.description).toBe('Runs the venue');
      expect([...same.body.permissions].sort()).toEqual([...MANAGER].sort());
    });

    it('answers 409 when a permission is removed from admin, and admin keeps all of them', async () => {
      const role = await roleByName('admin');
      expectProblem(
        await app.patch(`/api/roles/${role.id}`, { permissions: ALL.filter((permission) => permission !== 'roles:manage') }, as(admin)),
        409,
        'conflict',
      );
      expectProblem(await app.put(`/api/roles/${role.id}`, { permissions: [] }, as(admin)), 409, 'conflict');
      expect([...(await roleByName('admin')).permissions].sort()).toEqual([...ALL].sort());
      expect((await app.get('/api/roles', as(admin))).status).toBe(200);

      const unchanged = await app.patch(`/api/roles/${role.id}`, { permissions: [...ALL].reverse() }, as(admin));
      expect(unchanged.status).toBe(200);
      expect([...unchanged.body.permissions].sort()).toEqual([...ALL].sort());
    });

    it('answers 400 for a bad body, 404 for an unknown id, 400 for a bad id', async () => {
      const created = await app.post('/api/roles', { name: roleName(), permissions: [] }, as(admin));
      expectFieldError(await app.patch(`/api/roles/${created.body.id}`, { permissions: ['nope'] }, as(admin)), 'permissions');
      expectFieldError(await app.patch(`/api/roles/${created.body.id}`, { name: 'Bad Name' }, as(admin)), 'name');
      expectFieldError(await app.patch(`/api/roles/${created.body.id}`, { builtIn: true }, as(admin)), 'builtIn');
      expectProblem(await app.patch('/api/roles/999999', { description: 'x' }, as(admin)), 404, 'not-found');
      expectFieldError(await app.patch('/api/roles/abc', { description: 'x' }, as(admin)), 'id');
    });
  });

  describe('DELETE /api/roles/{id}', () => {
    it('answers 409 for every built-in role', async () => {
      for (const name of ['admin', 'manager', 'customer']) {
        const role = await roleByName(name);
        expectProblem(await app.delete(`/api/roles/${role.id}`, as(admin)), 409, 'conflict');
        expect(await roleByName(name)).toBeDefined();
      }
    });

    it('answers 409 for a role assigned to a user, and 204 once it is not', async () => {
      const name = roleName('assigned');
      const created = await app.post('/api/roles', { name, permissions: ['stats:read'] }, as(admin));
      const holder = await app.withRole(name);
      const before = await app.rowCounts();
      expectProblem(await app.delete(`/api/roles/${created.body.id}`, as(admin)), 409, 'conflict');
      expect(await app.rowCounts()).toEqual(before);

      expect((await app.patch(`/api/users/${holder.id}`, { role: 'customer' }, as(admin))).status).toBe(200);
      expect((await app.delete(`/api/roles/${created.body.id}`, as(admin))).status).toBe(204);
      expect(await roleByName(name)).toBeUndefined();
    });

    it('deletes an unused role (204) and its permissions', async () => {
      const created = await app.post('/api/roles', { name: roleName('unused'), permissions: ['stats:read', 'users:read'] }, as(admin));
      const reply = await app.delete(`/api/roles/${created.body.id}`, as(admin));
      expect(reply.status).toBe(204);
      expect(reply.body).toBe('');
      expect(await roleByName(created.body.name)).toBeUndefined();
      const grants = await app.database.query('SELECT permission FROM role_permissions WHERE role_id = ?', [created.body.id]);
      expect(grants).toEqual([]);
      expectProblem(await app.delete(`/api/roles/${created.body.id}`, as(admin)), 404, 'not-found');
    });

    it('deletes a role only deleted (scrubbed) accounts held', async () => {
      const name = roleName('gone');
      const created = await app.post('/api/roles', { name, permissions: [] }, as(admin));
      const holder = await app.withRole(name);
      expect((await app.delete(`/api/users/${holder.id}`, as(admin))).status).toBe(204);
      expect((await app.delete(`/api/roles/${created.body.id}`, as(admin))).status).toBe(204);
    });

    it('answers 404 for an unknown id and 400 for a bad one', async () => {
      expectProblem(await app.delete('/api/roles/999999', as(admin)), 404, 'not-found');
      expectFieldError(await app.delete('/api/roles/0', as(admin)), 'id');
    });
  });

  describe('no privilege escalation through roles:manage', () => {
    let keeperRole: { id: number; name: string };
    let keeper: Session;

    beforeAll(async () => {
      keeperRole = (await app.post('/api/roles', { name: roleName('keeper'), permissions: ['roles:manage'] }, as(admin))).body;
      keeper = await app.withRole(keeperRole.name);
    });

    const permissionsOf = async (session: Session) => (await app.get('/api/auth/me', as(session))).body.permissions;

    it('cannot add a permission it lacks to its own role (403, nothing written)', async () => {
      const attempts = [
        () => app.patch(`/api/roles/${keeperRole.id}`, { permissions: ALL }, as(keeper)),
        () => app.put(`/api/roles/${keeperRole.id}`, { permissions: ['roles:manage', 'users:write'] }, as(keeper)),
        () => app.patch(`/api/roles/${keeperRole.id}`, { description: 'Mine', permissions: ['roles:manage', 'audit:read'] }, as(keeper)),
      ];
      for (const attempt of attempts) {
        const reply = await app.expectNothingWritten(attempt, 403, 'forbidden');
        expect(reply.body.detail).toMatch(/^You can grant only permissions you hold; you do not hold \S/);
      }
      expect(await permissionsOf(keeper)).toEqual(['roles:manage']);
      expect((await roleByName(keeperRole.name)).description).toBe('');
    });

    it('cannot create a role with a permission it lacks', async () => {
      const name = roleName('sneaky');
      const reply = await app.expectNothingWritten(
        () => app.post('/api/roles', { name, permissions: ['roles:manage', 'users:write'] }, as(keeper)),
        403,
        'forbidden',
      );
      expect(reply.body.detail).toBe('You can grant only permissions you hold; you do not hold users:write');
      expect(await roleByName(name)).toBeUndefined();
    });

    it('cannot change or delete a role holding a permission it lacks: admin, manager, a custom one', async () => {
      const adminRole = await roleByName('admin');
      const managerRole = await roleByName('manager');
      const analyst = await app.post('/api/roles', { name: roleName('analyst'), permissions: ['stats:read', 'roles:manage'] }, as(admin));
      const attempts = [
        () => app.patch(`/api/roles/${adminRole.id}`, { description: 'Mine now' }, as(keeper)),
        () => app.put(`/api/roles/${adminRole.id}`, { permissions: ALL }, as(keeper)),
        () => app.patch(`/api/roles/${managerRole.id}`, { permissions: ['roles:manage'] }, as(keeper)),
        () => app.patch(`/api/roles/${analyst.body.id}`, { permissions: ['roles:manage'] }, as(keeper)),
        () => app.delete(`/api/roles/${analyst.body.id}`, as(keeper)),
      ];
      for (const attempt of attempts) {
        const reply = await app.expectNothingWritten(attempt, 403, 'forbidden');
        expect(reply.body.detail).toMatch(/^The role \S+ holds .+, which you do not hold; only someone who does can change or delete it$/);
      }
      expect(await roleByName(analyst.body.name)).toEqual(analyst.body);
      expect((await roleByName('admin')).description).toBe(adminRole.description);
    });

    it('creates, changes and deletes roles within its own permissions, its own role included', async () => {
      const created = await app.post('/api/roles', { name: roleName('peer'), permissions: ['roles:manage'] }, as(keeper));
      expect(created.status).toBe(201);
      expect((await app.patch(`/api/roles/${created.body.id}`, { description: 'Peers', permissions: [] }, as(keeper))).status).toBe(200);
      expect((await app.delete(`/api/roles/${created.body.id}`, as(keeper))).status).toBe(204);
      const own = await app.patch(
        `/api/roles/${keeperRole.id}`,
        { description: 'Keeps the roles', permissions: ['roles:manage'] },
        as(keeper),
      );
      expect(own.status).toBe(200);
      expect(own.body).toEqual(expect.objectContaining({ description: 'Keeps the roles', permissions: ['roles:manage'] }));
    });
  });

  describe('access', () => {
    it('answers 403 to a customer and a manager, 401 anonymously, on every roles route, and writes nothing', async () => {
      const customer = await app.customer();
      const manager = await app.withRole('manager');
      const target = await roleByName('customer');
      const before = await app.rowCounts();
      const calls: Array<(token?: string) => Promise<Reply>> = [
        (token) => app.get('/api/roles', { token }),
        (token) => app.get('/api/roles/permissions', { token }),
        (token) => app.post('/api/roles', { name: roleName(), permissions: [] }, { token }),
        (token) => app.put(`/api/roles/${target.id}`, { description: 'x' }, { token }),
        (token) => app.patch(`/api/roles/${target.id}`, { description: 'x' }, { token }),
        (token) => app.delete(`/api/roles/${target.id}`, { token }),
      ];
      for (const call of calls) {
        expectProblem(await call(customer.accessToken), 403, 'forbidden');
        expectProblem(await call(manager.accessToken), 403, 'forbidden');
        expectProblem(await call(undefined), 401, 'unauthorized');
      }
      expect(await app.rowCounts()).toEqual(before);
      expect((await roleByName('customer')).description).toBe(target.description);
    });
  });
});
