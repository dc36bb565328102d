import { day, expectProblem, TestApp, type Session } from './support/test-app.js';

/** Revenue as the API answers it: per currency, sorted by currency, never summed across currencies. */
const money = (totals: Record<string, number>) =>
  Object.entries(totals)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, totalCents]) => ({ currency, totalCents }));

describe('GET /api/stats/bookings', () => {
  let api: TestApp;
  let manager: Session;
  let alice: Session;
  let bob: Session;
  const services: Record<string, { id: number; name: string }> = {};

  beforeAll(async () => {
    api = await TestApp.start();
    manager = await api.withRole('manager');
    alice = await api.customer('Alice');
    bob = await api.customer('Bob');
    const prices: Record<string, [number, string]> = {
      s1: [1000, 'USD'],
      s2: [2500, 'USD'],
      s3: [500, 'USD'],
      s4: [700, 'USD'],
      s5: [100, 'USD'],
      s6: [50, 'USD'],
      s7: [4000, 'EUR'],
      s8: [900, 'GBP'],
    };
    for (const [key, [priceCents, currency]] of Object.entries(prices)) {
      const name = `Stats ${key}`;
      services[key] = { id: (await api.service({ name, priceCents, currency, capacity: 100 })).id, name };
    }
    const book = async (who: Session, key: string, date: string, quantity: number): Promise<number> => {
      const reply = await api.post(
        '/api/bookings',
        { serviceId: services[key].id, bookingDate: date, quantity },
        { token: who.accessToken },
      );
      if (reply.status !== 201) throw new Error(`booking failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body.id;
    };
    const act = async (id: number, action: 'cancel' | 'complete') => {
      const reply = await api.post(`/api/bookings/${id}/${action}`, undefined, { token: manager.accessToken });
      if (reply.status !== 200) throw new Error(`${action} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    };

    await book(alice, 's1', day(1), 2); // confirmed 2000
    await book(alice, 's2', day(1), 1); // confirmed 2500
    await book(bob, 's2', day(2), 4); // confirmed 10000
    await act(await book(bob, 's1', day(2), 3), 'cancel'); // cancelled, no revenue
    await act(await book(alice, 's3', day(0), 2), 'complete'); // completed 1000
    const moved = await book(bob, 's3', day(3), 10);
    await api.database.query('UPDATE bookings SET booking_date = ? WHERE id = ?', [day(-1), moved]);
    await act(moved, 'complete'); // completed 5000, on day -1
    await book(alice, 's1', day(30), 1); // outside the range asked for below
    await book(bob, 's4', day(4), 1); // confirmed 700, its service deleted afterwards
    await book(alice, 's5', day(2), 1); // confirmed 100
    await book(bob, 's6', day(2), 1); // confirmed 50, not in the top five
    await book(alice, 's7', day(1), 3); // confirmed 12000 EUR
    await book(bob, 's7', day(2), 1); // confirmed 4000 EUR
    await book(alice, 's8', day(2), 1); // confirmed 900 GBP
    const deleted = await api.delete(`/api/services/${services.s4.id}`, { token: manager.accessToken });
    if (deleted.status !== 204) throw new Error(`delete failed: ${deleted.status}`);
  }, 60_000);

  afterAll(async () => {
    await api?.close();
  });

  it('needs stats:read: anonymous 401, customer 403, manager and admin 200', async () => {
    expectProblem(await api.get('/api/stats/bookings'), 401, 'unauthorized');
    expectProblem(await api.get('/api/stats/bookings', { token: alice.accessToken }), 403, 'forbidden');
    // Permission before validation.
    expectProblem(await api.get('/api/stats/bookings?from=nonsense', { token: alice.accessToken }), 403, 'forbidden');
    expect((await api.get('/api/stats/bookings', { token: manager.accessToken })).status).toBe(200);
    expect((await api.get('/api/stats/bookings', { token: (await api.admin()).accessToken })).status).toBe(200);
  });

  it('answers totals, every day of the range and the top five services, revenue per currency', async () => {
    const reply = await api.get(`/api/stats/bookings?from=${day(-2)}&to=${day(4)}`, { token: manager.accessToken });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      from: day(-2),
      to: day(4),
      totals: { bookings: 12, confirmed: 9, cancelled: 1, completed: 2, revenue: money({ USD: 21350, EUR: 16000, GBP: 900 }) },
      byDay: [
        { date: day(-2), bookings: 0, revenue: [] },
        { date: day(-1), bookings: 1, revenue: money({ USD: 5000 }) },
        { date: day(0), bookings: 1, revenue: money({ USD: 1000 }) },
        { date: day(1), bookings: 3, revenue: money({ USD: 4500, EUR: 12000 }) },
        { date: day(2), bookings: 5, revenue: money({ USD: 10150, EUR: 4000, GBP: 900 }) },
        { date: day(3), bookings: 0, revenue: [] },
        { date: day(4), bookings: 1, revenue: money({ USD: 700 }) },
      ],
      // By bookings, then by id: revenue in different currencies cannot be ranked against each other.
      topServices: [
        { serviceId: services.s2.id, name: 'Stats s2', bookings: 2, revenue: money({ USD: 12500 }) },
        { serviceId: services.s3.id, name: 'Stats s3', bookings: 2, revenue: money({ USD: 6000 }) },
        { serviceId: services.s7.id, name: 'Stats s7', bookings: 2, revenue: money({ EUR: 16000 }) },
        { serviceId: services.s1.id, name: 'Stats s1', bookings: 1, revenue: money({ USD: 2000 }) },
        { serviceId: services.s4.id, name: 'Stats s4', bookings: 1, revenue: money({ USD: 700 }) },
      ],
    });
  });

  it('counts only the dates asked for', async () => {
    const reply = await api.get(`/api/stats/bookings?from=${day(2)}&to=${day(2)}`, { token: manager.accessToken });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      from: day(2),
      to: day(2),
      totals: { bookings: 6, confirmed: 5, cancelled: 1, completed: 0, revenue: money({ USD: 10150, EUR: 4000, GBP: 900 }) },
      byDay: [{ date: day(2), bookings: 5, revenue: money({ USD: 10150, EUR: 4000, GBP: 900 }) }],
      topServices: [
        { serviceId: services.s2.id, name: 'Stats s2', bookings: 1, revenue: money({ USD: 10000 }) },
        { serviceId: services.s5.id, name: 'Stats s5', bookings: 1, revenue: money({ USD: 100 }) },
        { serviceId: services.s6.id, name: 'Stats s6', bookings: 1, revenue: money({ USD: 50 }) },
        { serviceId: services.s7.id, name: 'Stats s7', bookings: 1, revenue: money({ EUR: 4000 }) },
        { serviceId: services.s8.id, name: 'Stats s8', bookings: 1, revenue: money({ GBP: 900 }) },
      ],
    });
    const empty = await api.get(`/api/stats/bookings?from=${day(100)}&to=${day(101)}`, { token: manager.accessToken });
    expect(empty.body).toEqual({
      from: day(100),
      to: day(101),
      totals: { bookings: 0, confirmed: 0, cancelled: 0, completed: 0, revenue: [] },
      byDay: [
        { date: day(100), bookings: 0, revenue: [] },
        { date: day(101), bookings: 0, revenue: [] },
      ],
      topServices: [],
    });
  });

  it('keeps a service’s revenue in each currency it was booked in', async () => {
    const service = await api.service({ name: 'Stats repriced', priceCents: 1000, currency: 'USD', capacity: 10 });
    const book = (quantity: number) =>
      api.post('/api/bookings', { serviceId: service.id, bookingDate: day(200), quantity }, { token: alice.accessToken });
    expect((await book(1)).status).toBe(201);
    const repriced = await api.patch(`/api/services/${service.id}`, { currency: 'EUR' }, { token: manager.accessToken });
    expect(repriced.status).toBe(200);
    expect((await book(2)).status).toBe(201);
    const reply = await api.get(`/api/stats/bookings?from=${day(200)}&to=${day(200)}`, { token: manager.accessToken });
    expect(reply.body.totals.revenue).toEqual(money({ USD: 1000, EUR: 2000 }));
    expect(reply.body.byDay).toEqual([{ date: day(200), bookings: 2, revenue: money({ USD: 1000, EUR: 2000 }) }]);
    expect(reply.body.topServices).toEqual([
      { serviceId: service.id, name: 'Stats repriced', bookings: 2, revenue: money({ USD: 1000, EUR: 2000 }) },
    ]);
  });

  it('defaults to 30 days back and 30 days ahead', async () => {
    const reply = await api.get('/api/stats/bookings', { token: manager.accessToken });
    expect(reply.status).toBe(200);
    expect(reply.body.from).toBe(day(-30));
    expect(reply.body.to).toBe(day(30));
    expect(reply.body.byDay).toHaveLength(61);
    expect(reply.body.byDay[0]).toEqual({ date: day(-30), bookings: 0, revenue: [] });
    expect(reply.body.byDay[60]).toEqual({ date: day(30), bookings: 1, revenue: money({ USD: 1000 }) });
    expect(reply.body.totals).toEqual({
      bookings: 13,
      confirmed: 10,
      cancelled: 1,
      completed: 2,
      revenue: money({ USD: 22350, EUR: 16000, GBP: 900 }),
    });
  });

  it('accepts 366 dates and refuses a bad date, to before from and more than 366 dates', async () => {
    const year = await api.get(`/api/stats/bookings?from=${day(0)}&to=${day(365)}`, { token: manager.accessToken });
    expect(year.status).toBe(200);
    expect(year.body.byDay).toHaveLength(366);
    for (const [query, field] of [
      ['from=2026-02-30', 'from'],
      ['to=yesterday', 'to'],
      [`from=${day(0).replaceAll('-', '')}`, 'from'],
      [`from=${day(2)}&to=${day(1)}`, 'to'],
      [`from=${day(0)}&to=${day(366)}`, 'to'],
      ['limit=5', 'limit'],
    ]) {
      const reply = await api.get(`/api/stats/bookings?${query}`, { token: manager.accessToken });
      expectProblem(reply, 400, 'validation');
      expect(reply.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
    }
  });
});
