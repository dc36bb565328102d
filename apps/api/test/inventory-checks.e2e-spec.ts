import { revertThrough } from './support/migrations.js';
import { startServer } from './support/server.js';
import { as, day, TestApp, type Session } from './support/test-app.js';

const VIOLATION = /CHK_sessions_booked|CHK_service_day_inventory_booked|CHECK constraint failed/;

/** The database's own guard on the inventory (the day's, then the session's): a booked count never goes below zero. */
describe('inventory CHECK (booked >= 0)', () => {
  let api: TestApp;
  let customer: Session;

  beforeAll(async () => {
    api = await TestApp.start();
    customer = await api.customer();
  });

  afterAll(async () => {
    await api?.close();
  });

  async function bookedOn(serviceId: number, date: string): Promise<number> {
    const [row] = await api.database.query<{ booked: number | string }>(
      'SELECT booked FROM sessions WHERE service_id = ? AND local_date = ? AND all_day = 1',
      [serviceId, date],
    );
    return Number(row.booked);
  }

  async function book(serviceId: number, bookingDate: string, quantity: number): Promise<number> {
    const reply = await api.post('/api/bookings', { serviceId, bookingDate, quantity }, as(customer));
    if (reply.status !== 201) throw new Error(`booking failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body.id;
  }

  it('refuses a statement that would release more places than a session holds', async () => {
    const service = await api.service({ capacity: 10 });
    await book(service.id, day(3), 3);
    const release = (places: number) =>
      api.database.query('UPDATE sessions SET booked = booked - ? WHERE service_id = ? AND local_date = ?', [places, service.id, day(3)]);
    await expect(release(4)).rejects.toThrow(VIOLATION);
    await expect(
      api.database.query('UPDATE sessions SET booked = -1 WHERE service_id = ? AND local_date = ?', [service.id, day(3)]),
    ).rejects.toThrow(VIOLATION);
    await expect(
      api.database.query(
        'INSERT INTO sessions (service_id, starts_at, ends_at, local_date, all_day, capacity, booked) VALUES (?, ?, ?, ?, 1, 10, -2)',
        [service.id, `${day(4)} 00:00:00.000`, `${day(5)} 00:00:00.000`, day(4)],
      ),
    ).rejects.toThrow(VIOLATION);
    expect(await bookedOn(service.id, day(3))).toBe(3);
    // Zero is a count like any other.
    await release(3);
    expect(await bookedOn(service.id, day(3))).toBe(0);
  });

  it('is added by a migration that first rebuilds counts from the bookings holding places', async () => {
    const service = await api.service({ capacity: 20 });
    await book(service.id, day(5), 2);
    await book(service.id, day(5), 3);
    const completed = await book(service.id, day(0), 4);
    expect((await api.post(`/api/bookings/${completed}/complete`, undefined, as(await api.admin()))).status).toBe(200);
    const cancelled = await book(service.id, day(6), 1);
    expect((await api.post(`/api/bookings/${cancelled}/cancel`, undefined, as(customer))).status).toBe(200);

    // An older database, before the check: counts broken the way a double release or a missed one left them.
    await api.server.stop();
    const revert = revertThrough(api.database.url, 'InventoryChecks1795700000000');
    expect(revert).toEqual({
      status: 0,
      output: expect.stringContaining('InventoryChecks1795700000000 has been reverted successfully'),
    });
    const corrupt = (date: string, booked: number) =>
      api.database.query('UPDATE service_day_inventory SET booked = ? WHERE service_id = ? AND date = ?', [booked, service.id, date]);
    await corrupt(day(5), -3);
    await corrupt(day(0), 1);
    await corrupt(day(6), 2);

    const upgraded = await startServer(api.env);
    try {
      expect(await bookedOn(service.id, day(5))).toBe(5);
      expect(await bookedOn(service.id, day(0))).toBe(4);
      expect(await bookedOn(service.id, day(6))).toBe(0);
      await expect(
        api.database.query('UPDATE sessions SET booked = -1 WHERE service_id = ? AND local_date = ?', [service.id, day(5)]),
      ).rejects.toThrow(VIOLATION);
    } finally {
      await upgraded.stop();
    }
    // One TypeORM CLI process per migration reverted, each starting Node afresh.
  }, 120_000);
});
