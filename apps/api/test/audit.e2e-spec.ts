import { startServer } from './support/server.js';
import { as, day, expectFieldError, expectProblem, ISO_TIMESTAMP, TestApp, type Session } from './support/test-app.js';

interface Entry {
  id: number;
  actorId: number;
  action: string;
  targetType: string;
  targetId: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: string;
}

/** The audit log: staff actions recorded with actor, target, before/after and time; read by admins only. */
describe('audit log', () => {
  let app: TestApp;
  let admin: Session;
  let manager: Session;
  let customer: Session;

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await app.admin();
    manager = await app.withRole('manager');
    customer = await app.customer();
  });
  afterAll(() => app?.close());

  /** The newest entries about one record. */
  const entriesAbout = async (targetType: string, targetId: number): Promise<Entry[]> => {
    const reply = await app.get(`/api/audit?targetType=${targetType}&targetId=${targetId}&limit=100`, as(admin));
    expect(reply.status).toBe(200);
    return reply.body.data;
  };

  const book = async (session: Session, serviceId: number, bookingDate = day(3)) => {
    const reply = await app.post('/api/bookings', { serviceId, bookingDate, quantity: 2 }, as(session));
    expect(reply.status).toBe(201);
    return reply.body.id as number;
  };

  it('records a service created, changed, its capacity changed and deleted, newest first', async () => {
    const created = await app.post(
      '/api/services',
      { name: 'Audited show', category: 'concert', priceCents: 1500, durationMinutes: 60, capacity: 40 },
      as(manager),
    );
    const id = created.body.id as number;
    await app.patch(`/api/services/${id}`, { name: 'Audited show, renamed', priceCents: 1500 }, as(manager));
    await app.patch(`/api/services/${id}`, { capacity: 60 }, as(admin));
    await app.delete(`/api/services/${id}`, as(manager));

    const entries = await entriesAbout('service', id);
    expect(entries.map(({ action, actorId }) => [action, actorId])).toEqual([
      ['service.deleted', manager.id],
      ['service.capacity-changed', admin.id],
      ['service.updated', manager.id],
      ['service.created', manager.id],
    ]);
    const [deleted, capacity, renamed, first] = entries;
    expect(first).toEqual({
      id: expect.any(Number),
      actorId: manager.id,
      action: 'service.created',
      targetType: 'service',
      targetId: id,
      before: null,
      after: expect.objectContaining({ name: 'Audited show', capacity: 40, priceCents: 1500, availabilityStatus: 'available' }),
      createdAt: expect.stringMatching(ISO_TIMESTAMP),
    });
    expect(renamed).toMatchObject({ before: { name: 'Audited show' }, after: { name: 'Audited show, renamed' } });
    expect(capacity).toMatchObject({ before: { capacity: 40 }, after: { capacity: 60 } });
    expect(deleted).toMatchObject({ before: expect.objectContaining({ name: 'Audited show, renamed', capacity: 60 }), after: null });
  });

  it('records nothing for a change that is refused, or that changes nothing', async () => {
    const service = await app.service({ capacity: 5 });
    await book(customer, service.id);
    const before = await app.rowCounts();

    expectProblem(await app.patch(`/api/services/${service.id}`, { capacity: 1 }, as(manager)), 409, 'conflict');
    expectProblem(await app.patch(`/api/services/${service.id}`, { capacity: 0 }, as(manager)), 400, 'validation');
    expectProblem(await app.patch(`/api/services/${service.id}`, { capacity: 9 }, as(customer)), 403, 'forbidden');
    expect((await app.patch(`/api/services/${service.id}`, { capacity: 5 }, as(manager))).status).toBe(200);

    expect(await app.rowCounts()).toEqual(before);
  });

  it('records bookings cancelled, completed and deleted by staff, but not a customer cancelling their own', async () => {
    const service = await app.service();
    const ownCancel = await book(customer, service.id);
    const staffCancel = await book(customer, service.id);
    const removed = await book(customer, service.id);
    const completed = await book(customer, service.id, day(0));

    expect((await app.post(`/api/bookings/${ownCancel}/cancel`, {}, as(customer))).status).toBe(200);
    expect((await app.post(`/api/bookings/${staffCancel}/cancel`, {}, as(manager))).status).toBe(200);
    expect((await app.post(`/api/bookings/${completed}/complete`, {}, as(manager))).status).toBe(200);
    expect((await app.delete(`/api/bookings/${removed}`, as(admin))).status).toBe(204);

    expect(await entriesAbout('booking', ownCancel)).toEqual([]);
    expect(await entriesAbout('booking', staffCancel)).toMatchObject([
      { action: 'booking.cancelled', actorId: manager.id, before: { status: 'confirmed' }, after: { status: 'cancelled' } },
    ]);
    expect(await entriesAbout('booking', completed)).toMatchObject([
      { action: 'booking.completed', actorId: manager.id, before: { status: 'confirmed' }, after: { status: 'completed' } },
    ]);
    expect(await entriesAbout('booking', removed)).toMatchObject([
      {
        action: 'booking.deleted',
        actorId: admin.id,
        before: { userId: customer.id, serviceId: service.id, quantity: 2, status: 'confirmed' },
        after: null,
      },
    ]);
  });

  it('records users changed and deleted by staff, never a password, and not a user editing their own profile', async () => {
    const target = await app.customer('Audited user');
    expect((await app.patch(`/api/users/${target.id}`, { role: 'manager', name: 'Renamed user' }, as(admin))).status).toBe(200);
    expect((await app.patch(`/api/users/${target.id}`, { isActive: false }, as(admin))).status).toBe(200);
    const self = await app.customer('Self editor');
    expect((await app.patch('/api/auth/me', { name: 'Edited myself' }, as(self))).status).toBe(200);
    expect((await app.patch(`/api/users/${self.id}`, { name: 'Edited again' }, as(self))).status).toBe(200);
    expect((await app.delete(`/api/users/${target.id}`, as(admin))).status).toBe(204);

    const entries = await entriesAbout('user', target.id);
    expect(entries).toMatchObject([
      { action: 'user.deleted', before: { name: 'Renamed user', email: target.email, role: 'manager', isActive: false }, after: null },
      { action: 'user.updated', before: { isActive: true }, after: { isActive: false } },
      { action: 'user.updated', before: { name: 'Audited user', role: 'customer' }, after: { name: 'Renamed user', role: 'manager' } },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/password/i);
    expect(await entriesAbout('user', self.id)).toEqual([]);
  });

  it('records roles created, changed and deleted', async () => {
    const created = await app.post('/api/roles', { name: 'audited-role', permissions: ['stats:read', 'users:read'] }, as(admin));
    const id = created.body.id as number;
    await app.patch(`/api/roles/${id}`, { permissions: ['stats:read'], description: 'Reads stats' }, as(admin));
    await app.delete(`/api/roles/${id}`, as(admin));

    expect(await entriesAbout('role', id)).toMatchObject([
      { action: 'role.deleted', before: { name: 'audited-role', description: 'Reads stats', permissions: ['stats:read'] }, after: null },
      {
        action: 'role.updated',
        before: { description: '', permissions: ['stats:read', 'users:read'] },
        after: { description: 'Reads stats', permissions: ['stats:read'] },
      },
      { action: 'role.created', before: null, after: { name: 'audited-role', permissions: ['stats:read', 'users:read'] } },
    ]);
  });

  describe('GET /api/audit', () => {
    it('is for holders of audit:read only (the admin role)', async () => {
      expectProblem(await app.get('/api/audit'), 401, 'unauthorized');
      expectProblem(await app.get('/api/audit', as(customer)), 403, 'forbidden');
      expectProblem(await app.get('/api/audit', as(manager)), 403, 'forbidden');
      expect((await app.get('/api/audit', as(admin))).status).toBe(200);
    });

    it('filters by actor, action and day, and paginates', async () => {
      const service = await app.service();
      for (const priceCents of [100, 200, 300]) await app.patch(`/api/services/${service.id}`, { priceCents }, as(manager));

      const page = await app.get(`/api/audit?actorId=${manager.id}&action=service.updated&limit=2`, as(admin));
      expect(page.status).toBe(200);
      expect(page.body.data).toHaveLength(2);
      expect(page.body.data.every((entry: Entry) => entry.actorId === manager.id && entry.action === 'service.updated')).toBe(true);
      expect(page.body.meta).toEqual({ page: 1, limit: 2, total: expect.any(Number), totalPages: Math.ceil(page.body.meta.total / 2) });
      expect(page.body.meta.total).toBeGreaterThanOrEqual(3);
      const ids = page.body.data.map((entry: Entry) => entry.id);
      expect(ids).toEqual([...ids].sort((a, b) => b - a));

      const today = new Date().toISOString().slice(0, 10);
      const todays = await app.get(`/api/audit?from=${today}&to=${today}&limit=100`, as(admin));
      expect(todays.body.meta.total).toBeGreaterThan(0);
      const tomorrow = await app.get(`/api/audit?from=${day(1)}`, as(admin));
      expect(tomorrow.body).toEqual({ data: [], meta: { page: 1, limit: 20, total: 0, totalPages: 0 } });
    });

    it('answers 400 for an unknown action or target, a bad id or date, and to before from', async () => {
      expectFieldError(await app.get('/api/audit?action=service.exploded', as(admin)), 'action');
      expectFieldError(await app.get('/api/audit?targetType=venue', as(admin)), 'targetType');
      expectFieldError(await app.get('/api/audit?actorId=0', as(admin)), 'actorId');
      expectFieldError(await app.get('/api/audit?from=2026-02-30', as(admin)), 'from');
      expectFieldError(await app.get(`/api/audit?from=${day(2)}&to=${day(1)}`, as(admin)), 'to');
    });
  });

  it('records webhook endpoints created, changed and deleted, never their secret, and nothing for a change that changes nothing', async () => {
    const created = await app.post(
      '/api/webhooks',
      { url: 'https://hooks.example.com/audited', events: ['booking.created'], description: 'Audited' },
      as(admin),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const secret = created.body.secret as string;
    expect(
      (await app.patch(`/api/webhooks/${id}`, { events: ['booking.created', 'booking.cancelled'], enabled: false }, as(admin))).status,
    ).toBe(200);
    expect((await app.patch(`/api/webhooks/${id}`, { description: 'Audited' }, as(admin))).status).toBe(200);
    expect((await app.delete(`/api/webhooks/${id}`, as(admin))).status).toBe(204);

    const entries = await entriesAbout('webhook', id);
    const first = { url: 'https://hooks.example.com/audited', events: ['booking.created'], description: 'Audited', enabled: true };
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'webhook.deleted',
        actorId: admin.id,
        before: { ...first, events: ['booking.created', 'booking.cancelled'], enabled: false },
        after: null,
      }),
      expect.objectContaining({
        action: 'webhook.updated',
        actorId: admin.id,
        before: { events: ['booking.created'], enabled: true },
        after: { events: ['booking.created', 'booking.cancelled'], enabled: false },
      }),
      expect.objectContaining({ action: 'webhook.created', actorId: admin.id, targetType: 'webhook', before: null, after: first }),
    ]);
    expect(JSON.stringify(entries)).not.toContain(secret);
    expect(JSON.stringify(entries)).not.toContain(secret.replace(/^whsec_/, ''));
  });

  it('deletes entries older than AUDIT_RETENTION_DAYS at start, and keeps the rest', async () => {
    const service = await app.service();
    const [recent] = await entriesAbout('service', service.id);
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
    await app.database.query(
      "INSERT INTO audit_log (actor_id, action, target_type, target_id, old_values, new_values, created_at) VALUES (?, 'service.deleted', 'service', ?, NULL, NULL, ?)",
      [admin.id, service.id, old],
    );
    expect(await entriesAbout('service', service.id)).toHaveLength(2);

    const restarted = await startServer({ ...app.env, AUDIT_RETENTION_DAYS: '30' });
    try {
      expect((await entriesAbout('service', service.id)).map((entry) => entry.id)).toEqual([recent.id]);
    } finally {
      await restarted.stop();
    }
  });
});
