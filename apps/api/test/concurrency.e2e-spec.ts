import { randomUUID } from 'node:crypto';
import { day, TestApp, type Reply, type Session } from './support/test-app.js';

/**
 * The booking rule under load: simultaneous requests never overbook, never fail with a 5xx, and
 * the day's inventory always equals the places held by confirmed bookings.
 */
describe('concurrent bookings', () => {
  let api: TestApp;
  let customers: Session[];
  let manager: Session;

  beforeAll(async () => {
    api = await TestApp.start();
    manager = await api.withRole('manager');
    customers = [];
    for (let n = 0; n < 8; n++) customers.push(await api.customer(`Racer ${n}`));
  });

  afterAll(async () => {
    await api?.close();
  });

  function book(who: Session, serviceId: number, bookingDate: string, quantity: number, key?: string): Promise<Reply> {
    return api.post(
      '/api/bookings',
      { serviceId, bookingDate, quantity },
      { token: who.accessToken, headers: key ? { 'idempotency-key': key } : undefined },
    );
  }

  async function inventory(serviceId: number, date: string): Promise<number> {
    const rows = await api.database.query<{ booked: number | string }>(
      'SELECT booked FROM sessions WHERE service_id = ? AND local_date = ? AND all_day = 1',
      [serviceId, date],
    );
    expect(rows).toHaveLength(1);
    return Number(rows[0].booked);
  }

  async function confirmedPlaces(serviceId: number, date: string): Promise<number> {
    const [row] = await api.database.query<{ places: number | string | null }>(
      "SELECT SUM(quantity) AS places FROM bookings WHERE service_id = ? AND booking_date = ? AND status = 'confirmed'",
      [serviceId, date],
    );
    return Number(row.places ?? 0);
  }

  /** Pre-books capacity - free places, then fires `quantities` at once from every customer in turn. */
  async function race(capacity: number, free: number, quantities: number[]) {
    const service = await api.service({ capacity });
    const date = day(7);
    let taken = 0;
    while (taken < capacity - free) {
      const quantity = Math.min(10, capacity - free - taken);
      expect((await book(customers[0], service.id, date, quantity)).status).toBe(201);
      taken += quantity;
    }
    expect(await inventory(service.id, date)).toBe(capacity - free);

    const replies = await Promise.all(quantities.map((quantity, n) => book(customers[n % customers.length], service.id, date, quantity)));
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status !== 201 && status !== 409)).toEqual([]);
    for (const reply of replies.filter((candidate) => candidate.status === 409)) {
      expect(reply.body.type).toBe('/problems/sold-out');
    }
    const won = replies.filter((reply) => reply.status === 201);
    return { service, date, won, placesWon: won.reduce((sum, reply) => sum + reply.body.quantity, 0) };
  }

  it('lets 40 simultaneous single-place requests take exactly the free places', async () => {
    const { service, date, won, placesWon } = await race(
      30,
      7,
      Array.from({ length: 40 }, () => 1),
    );
    expect(won).toHaveLength(7);
    expect(placesWon).toBe(7);
    expect(await inventory(service.id, date)).toBe(30);
    expect(await confirmedPlaces(service.id, date)).toBe(30);
    expect(new Set(won.map((reply) => reply.body.id)).size).toBe(7);
  });

  it('never overbooks with 40 simultaneous requests of 1 to 3 places', async () => {
    const quantities = Array.from({ length: 40 }, (_, n) => (n % 3) + 1);
    const { service, date, won, placesWon } = await race(30, 7, quantities);
    expect(won.length).toBeGreaterThan(0);
    // Every single-place request answered 409 only once the day was full, so the day ends up full.
    expect(placesWon).toBe(7);
    expect(await inventory(service.id, date)).toBe(30);
    expect(await confirmedPlaces(service.id, date)).toBe(30);
    const availability = await api.get(`/api/services/${service.id}/availability?from=${date}&to=${date}`);
    expect(availability.body).toEqual([{ date, capacity: 30, booked: 30, remaining: 0 }]);
  });

  it('releases the places exactly once when one booking is cancelled many times at once', async () => {
    const service = await api.service({ capacity: 10 });
    const date = day(3);
    const owner = customers[1];
    const kept = await book(customers[2], service.id, date, 2);
    const target = await book(owner, service.id, date, 5);
    expect([kept.status, target.status]).toEqual([201, 201]);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        api.post(`/api/bookings/${target.body.id}/cancel`, undefined, { token: (n % 2 ? manager : owner).accessToken }),
      ),
    );
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses).toEqual([200, ...Array.from({ length: 19 }, () => 409)]);
    expect(await inventory(service.id, date)).toBe(2);
    expect(await confirmedPlaces(service.id, date)).toBe(2);
  });

  it('creates exactly one booking for simultaneous identical requests with one Idempotency-Key', async () => {
    const service = await api.service({ capacity: 50 });
    const date = day(4);
    const owner = customers[3];
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 20 }, () => book(owner, service.id, date, 2, key)));
    expect(replies.map((reply) => reply.status)).toEqual(Array.from({ length: 20 }, () => 201));
    expect(new Set(replies.map((reply) => reply.body.id)).size).toBe(1);
    const rows = await api.database.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM bookings WHERE service_id = ?', [service.id]);
    expect(Number(rows[0].n)).toBe(1);
    expect(await inventory(service.id, date)).toBe(2);
    expect(await confirmedPlaces(service.id, date)).toBe(2);
  });

  it('never lets a capacity cut and simultaneous bookings overbook a day', async () => {
    // Each round: 8 of 20 places taken, then 6 single-place bookings race a cut to capacity 10.
    // Whatever wins, the day must end with booked <= capacity and the cut answers 200 or 409.
    for (let round = 0; round < 10; round++) {
      const service = await api.service({ capacity: 20 });
      const date = day(2);
      expect((await book(customers[0], service.id, date, 8)).status).toBe(201);
      const replies = await Promise.all([
        ...Array.from({ length: 6 }, (_, n) => book(customers[(n % (customers.length - 1)) + 1], service.id, date, 1)),
        api.patch(`/api/services/${service.id}`, { capacity: 10 }, { token: manager.accessToken }),
      ]);
      const change = replies[replies.length - 1];
      const bookings = replies.slice(0, -1);
      expect(bookings.map((reply) => reply.status).filter((status) => status !== 201 && status !== 409)).toEqual([]);
      expect([200, 409]).toContain(change.status);
      const capacity = (await api.get(`/api/services/${service.id}`)).body.capacity;
      expect(capacity).toBe(change.status === 200 ? 10 : 20);
      const booked = await inventory(service.id, date);
      expect({ round, booked, capacity, within: booked <= capacity }).toEqual({ round, booked, capacity, within: true });
      expect(booked).toBe(await confirmedPlaces(service.id, date));
      expect(booked).toBe(8 + bookings.filter((reply) => reply.status === 201).length);
    }
  });
});
