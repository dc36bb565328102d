import { as, day, expectFieldError, TestApp, type Session } from './support/test-app.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Incremental sync (DESIGN §8): `updatedSince` on the bookings and services lists answers what changed
 * at or after an instant, and every change moves `updatedAt` — the plain-SQL ones (cancel, complete,
 * check-in) included, on SQLite as on MySQL.
 */
describe('sync with updatedSince', () => {
  let api: TestApp;
  let admin: Session;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.admin();
  });

  afterAll(async () => {
    await api?.close();
  });

  /** The ids of a list's page, in its order. */
  const ids = (body: { data: { id: number }[] }) => body.data.map((item) => item.id);

  it('lists the bookings changed since an instant — cancelled, completed, checked in — sorted by updatedAt', async () => {
    const service = await api.service({ capacity: 50 });
    const customer = await api.customer();
    const book = async (date: string) =>
      (await api.post('/api/bookings', { serviceId: service.id, bookingDate: date, quantity: 1 }, as(customer))).body;
    const [untouched, cancelled, completed, checkedIn] = [await book(day(1)), await book(day(2)), await book(day(0)), await book(day(3))];
    await pause(20);
    const since = new Date().toISOString();
    await pause(20);

    expect((await api.post(`/api/bookings/${cancelled.id}/cancel`, undefined, as(customer))).status).toBe(200);
    await pause(5);
    expect((await api.post(`/api/bookings/${completed.id}/complete`, undefined, as(admin))).status).toBe(200);
    await pause(5);
    const { code } = (await api.get(`/api/bookings/${checkedIn.id}/ticket`, as(customer))).body as { code: string };
    expect((await api.post('/api/check-ins', { code }, as(admin))).status).toBe(201);

    const changed = await api.get(
      `/api/bookings?serviceId=${service.id}&updatedSince=${encodeURIComponent(since)}&sort=updatedAt`,
      as(admin),
    );
    expect(changed.status).toBe(200);
    expect(ids(changed.body)).toEqual([cancelled.id, completed.id, checkedIn.id]);
    for (const booking of changed.body.data as { updatedAt: string }[]) expect(booking.updatedAt >= since).toBe(true);
    // Asking again from the last updatedAt seen answers that booking again (at or after), nothing older.
    const last = changed.body.data[2].updatedAt as string;
    expect(
      ids((await api.get(`/api/bookings?serviceId=${service.id}&updatedSince=${encodeURIComponent(last)}&sort=updatedAt`, as(admin))).body),
    ).toEqual([checkedIn.id]);
    // The customer's own list follows the same rule.
    const own = await api.get(`/api/bookings?updatedSince=${encodeURIComponent(since)}&sort=-updatedAt`, as(customer));
    expect(ids(own.body)).toEqual([checkedIn.id, completed.id, cancelled.id]);
    expect(ids(own.body)).not.toContain(untouched.id);
  });

  it('lists the services changed since an instant', async () => {
    const first = await api.service();
    const second = await api.service();
    await pause(20);
    const since = new Date().toISOString();
    await pause(20);
    expect((await api.patch(`/api/services/${second.id}`, { name: `Renamed ${second.id}` }, as(admin))).status).toBe(200);
    const changed = await api.get(`/api/services?updatedSince=${encodeURIComponent(since)}&sort=updatedAt&limit=100`);
    expect(changed.status).toBe(200);
    expect(ids(changed.body)).toContain(second.id);
    expect(ids(changed.body)).not.toContain(first.id);
  });

  /**
   * Makes `change` and answers whether it moved `updatedAt`, as `read` answers it, to an instant at or
   * after the moment the change began, with milliseconds: a value cut to the second would most often
   * fall before that moment.
   */
  const expectMoved = async (label: string, read: () => Promise<{ updatedAt: string }>, change: () => Promise<number>, status = 200) => {
    const before = (await read()).updatedAt;
    await pause(15);
    const started = new Date().toISOString();
    expect({ label, status: await change() }).toEqual({ label, status });
    const after = (await read()).updatedAt;
    expect({ label, after }).toEqual({ label, after: expect.stringMatching(/\.\d{3}Z$/) });
    expect({ label, later: after > before, fromTheChange: after >= started }).toEqual({ label, later: true, fromTheChange: true });
  };

  it('moves updatedAt, with its milliseconds, on every change of a user, service, booking, schedule and webhook', async () => {
    const user = await api.customer();
    await expectMoved(
      'user renamed',
      async () => (await api.get(`/api/users/${user.id}`, as(admin))).body,
      async () => (await api.patch(`/api/users/${user.id}`, { name: 'Renamed Customer' }, as(admin))).status,
    );
    await expectMoved(
      'user given a role',
      async () => (await api.get(`/api/users/${user.id}`, as(admin))).body,
      async () => (await api.patch(`/api/users/${user.id}`, { role: 'manager' }, as(admin))).status,
    );

    const service = await api.service({ capacity: 20 });
    const readService = async () => (await api.get(`/api/services/${service.id}`)).body;
    await expectMoved(
      'service renamed',
      readService,
      async () => (await api.patch(`/api/services/${service.id}`, { name: `Renamed ${service.id}` }, as(admin))).status,
    );
    const [standard] = (await api.get(`/api/services/${service.id}/ticket-types`)).body as { id: number }[];
    await expectMoved(
      "service's lead price changed through its ticket type",
      readService,
      async () => (await api.patch(`/api/ticket-types/${standard.id}`, { priceCents: 4200 }, as(admin))).status,
    );

    const customer = await api.customer();
    const booking = (await api.post('/api/bookings', { serviceId: service.id, bookingDate: day(2), quantity: 1 }, as(customer))).body as {
      id: number;
    };
    await expectMoved(
      'booking cancelled',
      async () => (await api.get(`/api/bookings/${booking.id}`, as(admin))).body,
      async () => (await api.post(`/api/bookings/${booking.id}/cancel`, undefined, as(customer))).status,
    );

    const timed = await api.service();
    const created = await api.post(
      `/api/services/${timed.id}/schedules`,
      { weekdays: [1, 2, 3, 4, 5, 6, 7], times: ['10:00'], startsOn: day(1), endsOn: day(5) },
      as(admin),
    );
    expect(created.status).toBe(201);
    const scheduleId = (created.body as { schedule: { id: number } }).schedule.id;
    const readSchedule = async () =>
      ((await api.get(`/api/services/${timed.id}/schedules`, as(admin))).body as { id: number; updatedAt: string }[]).find(
        ({ id }) => id === scheduleId,
      )!;
    await expectMoved(
      'schedule changed',
      readSchedule,
      async () => (await api.patch(`/api/schedules/${scheduleId}`, { times: ['11:00'] }, as(admin))).status,
    );

    const webhook = await api.post('/api/webhooks', { url: 'https://hooks.example.com/marquee', events: ['booking.created'] }, as(admin));
    expect(webhook.status).toBe(201);
    const webhookId = (webhook.body as { id: number }).id;
    await expectMoved(
      'webhook changed',
      async () => (await api.get(`/api/webhooks/${webhookId}`, as(admin))).body,
      async () => (await api.patch(`/api/webhooks/${webhookId}`, { description: 'Changed' }, as(admin))).status,
    );
  });

  it("has indexes for what sync filters and sorts by: updated_at of bookings (everyone's, one user's) and of live services", async () => {
    const plans: [string, string][] = [
      ['SELECT b.id FROM bookings b WHERE b.updated_at >= ? ORDER BY b.updated_at', 'IDX_bookings_updated'],
      ['SELECT b.id FROM bookings b WHERE b.user_id = 1 AND b.updated_at >= ? ORDER BY b.updated_at', 'IDX_bookings_user_updated'],
      ['SELECT s.id FROM services s WHERE s.deleted_at IS NULL AND s.updated_at >= ? ORDER BY s.updated_at', 'IDX_services_live_updated'],
    ];
    for (const [query, index] of plans) {
      // SQLite names the index it searches with; MySQL/MariaDB (on a table this small) at least the ones it could use.
      const plan =
        api.database.kind === 'sqlite'
          ? await api.database.query(`EXPLAIN QUERY PLAN ${query}`, ['2026-01-01 00:00:00.000'])
          : await api.database.query(`EXPLAIN ${query}`, ['2026-01-01 00:00:00.000']);
      expect({ query, plan: JSON.stringify(plan) }).toEqual({ query, plan: expect.stringContaining(index) });
    }
  });

  it('refuses an updatedSince that is not an instant with its offset, and an unknown sort', async () => {
    expectFieldError(await api.get('/api/bookings?updatedSince=yesterday', as(admin)), 'updatedSince');
    expectFieldError(await api.get('/api/bookings?updatedSince=2026-11-26T10:00:00', as(admin)), 'updatedSince');
    expectFieldError(await api.get('/api/services?updatedSince=2026-13-01T00:00:00Z'), 'updatedSince');
    expectFieldError(await api.get('/api/services?sort=updated'), 'sort');
  });
});
