import { revertThrough } from './support/migrations.js';
import { startServer, type RunningServer } from './support/server.js';
import { day, TestApp, type Session } from './support/test-app.js';

const ZONE = 'Europe/Berlin';
const REFERENCE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/;

/** The UTC instant of local midnight of `date` in ZONE (CET or CEST). */
function zoneMidnight(date: string): string {
  const local = new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  const instant = ['+01:00', '+02:00']
    .map((offset) => new Date(`${date}T00:00:00${offset}`))
    .find((candidate) => local.format(candidate) === `${date}, 00:00`);
  if (!instant) throw new Error(`no midnight found for ${date}`);
  return instant.toISOString();
}

/**
 * Migration 1795800000000 on a database filled by the migrations before it: every day with
 * bookings or an inventory row becomes an all-day session, every booking gets a session, a
 * reference and one Standard ticket line, and the API answers what the day inventory said.
 */
describe('sessions migration of existing data', () => {
  let api: TestApp;
  let upgraded: RunningServer | undefined;
  let customer: Session;
  let admin: Session;

  beforeAll(async () => {
    api = await TestApp.start({ VENUE_TIMEZONE: ZONE });
    customer = await api.customer('Old Customer');
    admin = await api.admin();
  });

  afterAll(async () => {
    await upgraded?.stop();
    await api?.database.drop();
  });

  const call = async (method: string, path: string, who: Session, body?: unknown) => {
    if (!upgraded) throw new Error('not upgraded');
    const response = await fetch(`${upgraded.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${who.accessToken}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  it('turns days into all-day sessions with the same places, and bookings into Standard ticket lines', async () => {
    // Back to the schema before sessions (the API stopped).
    await api.server.stop();
    const revert = revertThrough(api.database.url, 'Sessions1795800000000');
    expect(revert).toEqual({
      status: 0,
      output: expect.stringContaining('Sessions1795800000000 has been reverted successfully'),
    });

    // Filled as the previous schema knew it: services, bookings and their day inventory.
    const sql = <T = Record<string, unknown>>(statement: string, parameters: unknown[] = []) =>
      api.database.query<T>(statement, parameters);
    const service = async (name: string, price: number, currency: string, capacity: number, deleted = false) => {
      await sql(
        'INSERT INTO services (name, description, category, price_cents, currency, duration_minutes, capacity, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [name, '', 'theatre', price, currency, 120, capacity, deleted ? '2026-01-01 00:00:00.000' : null],
      );
      const [row] = await sql<{ id: number }>('SELECT id FROM services WHERE name = ?', [name]);
      return Number(row.id);
    };
    const opera = await service('Opera', 1500, 'EUR', 10);
    const tour = await service('Tour', 900, 'USD', 5);
    const gone = await service('Gone', 700, 'USD', 8, true);
    const booking = async (
      serviceId: number,
      date: string,
      quantity: number,
      price: number,
      currency: string,
      status: string,
      key?: string,
    ) => {
      await sql(
        'INSERT INTO bookings (user_id, service_id, booking_date, quantity, unit_price_cents, total_cents, currency, status, notes, idempotency_key, cancelled_at) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          customer.id,
          serviceId,
          date,
          quantity,
          price,
          price * quantity,
          currency,
          status,
          `${status} ${quantity}`,
          key ?? null,
          status === 'cancelled' ? '2026-02-03 04:05:06.789' : null,
        ],
      );
      const [row] = await sql<{ id: number }>('SELECT MAX(id) AS id FROM bookings');
      return Number(row.id);
    };
    const ids = {
      confirmed: await booking(opera, day(3), 2, 1500, 'EUR', 'confirmed', 'old-key'),
      cancelled: await booking(opera, day(3), 1, 1500, 'EUR', 'cancelled'),
      completed: await booking(opera, day(-1), 3, 1400, 'EUR', 'completed'),
      soldOut: await booking(tour, day(3), 5, 900, 'USD', 'confirmed'),
      deletedService: await booking(gone, day(4), 1, 700, 'USD', 'confirmed'),
    };
    const inventory = [
      [opera, day(3), 2],
      [opera, day(-1), 3],
      [opera, day(9), 0],
      [tour, day(3), 5],
      [gone, day(4), 1],
    ] as const;
    for (const [serviceId, date, booked] of inventory) {
      await sql('INSERT INTO service_day_inventory (service_id, date, booked) VALUES (?, ?, ?)', [serviceId, date, booked]);
    }
    const [{ n: bookingsBefore }] = await sql<{ n: number | string }>('SELECT COUNT(*) AS n FROM bookings');

    // What the API answered from that inventory, per date (capacity minus the day's booked count).
    const answered = (capacity: number, booked: Record<string, number>, from: string, days: number) =>
      Array.from({ length: days }, (_, offset) => {
        const date = new Date(Date.parse(`${from}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
        const taken = booked[date] ?? 0;
        return { date, capacity, booked: taken, remaining: capacity - taken };
      });
    const operaBefore = answered(10, { [day(-1)]: 3, [day(3)]: 2, [day(9)]: 0 }, day(-1), 12);
    const tourBefore = answered(5, { [day(3)]: 5 }, day(0), 5);

    upgraded = await startServer(api.env);

    expect((await call('GET', `/api/services/${opera}/availability?from=${day(-1)}&to=${day(10)}`, customer)).body).toEqual(operaBefore);
    expect((await call('GET', `/api/services/${tour}/availability?from=${day(0)}&to=${day(4)}`, customer)).body).toEqual(tourBefore);

    const sessions = await sql<{ service_id: number; local_date: string; all_day: number | boolean; booked: number; capacity: number }>(
      'SELECT service_id, local_date, all_day, booked, capacity FROM sessions ORDER BY service_id, local_date',
    );
    expect(
      sessions.map((row) => [
        Number(row.service_id),
        String(row.local_date),
        Number(row.all_day),
        Number(row.booked),
        Number(row.capacity),
      ]),
    ).toEqual([
      [opera, day(-1), 1, 3, 10],
      [opera, day(3), 1, 2, 10],
      [opera, day(9), 1, 0, 10],
      [tour, day(3), 1, 5, 5],
      [gone, day(4), 1, 1, 8],
    ]);
    expect(await sql('SELECT COUNT(*) AS n FROM bookings')).toEqual([{ n: bookingsBefore }]);

    const expected = {
      confirmed: { serviceId: opera, name: 'Opera', date: day(3), quantity: 2, price: 1500, currency: 'EUR', status: 'confirmed' },
      cancelled: { serviceId: opera, name: 'Opera', date: day(3), quantity: 1, price: 1500, currency: 'EUR', status: 'cancelled' },
      completed: { serviceId: opera, name: 'Opera', date: day(-1), quantity: 3, price: 1400, currency: 'EUR', status: 'completed' },
      soldOut: { serviceId: tour, name: 'Tour', date: day(3), quantity: 5, price: 900, currency: 'USD', status: 'confirmed' },
      deletedService: { serviceId: gone, name: 'Gone', date: day(4), quantity: 1, price: 700, currency: 'USD', status: 'confirmed' },
    };
    const references = new Set<string>();
    for (const [which, id] of Object.entries(ids) as [keyof typeof ids, number][]) {
      const old = expected[which];
      const reply = await call('GET', `/api/bookings/${id}`, customer);
      expect(reply.status).toBe(200);
      // Every field the API answered before, unchanged; the new ones added.
      expect(reply.body).toEqual({
        id,
        userId: customer.id,
        serviceId: old.serviceId,
        service: { id: old.serviceId, name: old.name },
        bookingDate: old.date,
        quantity: old.quantity,
        unitPriceCents: old.price,
        totalCents: old.price * old.quantity,
        currency: old.currency,
        status: old.status,
        notes: `${old.status} ${old.quantity}`,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
        cancelledAt: old.status === 'cancelled' ? '2026-02-03T04:05:06.789Z' : null,
        sessionId: expect.any(Number),
        reference: expect.stringMatching(REFERENCE),
        startsAt: zoneMidnight(old.date),
        allDay: true,
        tickets: [{ ticketTypeId: expect.any(Number), name: 'Standard', unitPriceCents: old.price, quantity: old.quantity }],
      });
      references.add(reply.body.reference);
    }
    expect(references.size).toBe(Object.keys(ids).length);

    // Each service sells a Standard ticket at its price.
    const types = await call('GET', `/api/services/${opera}/ticket-types`, customer);
    expect(types.body).toEqual([
      { id: expect.any(Number), serviceId: opera, name: 'Standard', priceCents: 1500, currency: 'EUR', position: 0, isActive: true },
    ]);

    // The rules carry on from the migrated counts: the tour is sold out, the opera has 8 places left,
    // an old Idempotency-Key still answers its booking, and cancelling or deleting releases the places.
    expect((await call('POST', '/api/bookings', customer, { serviceId: tour, bookingDate: day(3), quantity: 1 })).body.type).toBe(
      '/problems/sold-out',
    );
    const another = await call('POST', '/api/bookings', customer, {
      serviceId: opera,
      bookingDate: day(3),
      quantity: 2,
      notes: 'confirmed 2',
    });
    expect(another.status).toBe(201);
    expect(
      (await fetchWithKey(upgraded, customer, { serviceId: opera, bookingDate: day(3), quantity: 2, notes: 'confirmed 2' }, 'old-key')).body
        .id,
    ).toBe(ids.confirmed);
    expect((await call('POST', `/api/bookings/${ids.confirmed}/cancel`, customer)).status).toBe(200);
    expect((await call('GET', `/api/services/${opera}/availability?from=${day(3)}&to=${day(3)}`, customer)).body).toEqual([
      { date: day(3), capacity: 10, booked: 2, remaining: 8 },
    ]);
    expect((await call('DELETE', `/api/bookings/${ids.soldOut}`, admin)).status).toBe(204);
    expect((await call('GET', `/api/services/${tour}/availability?from=${day(3)}&to=${day(3)}`, customer)).body).toEqual([
      { date: day(3), capacity: 5, booked: 0, remaining: 5 },
    ]);
    // One TypeORM CLI process per migration reverted, each starting Node afresh.
  }, 120_000);
});

async function fetchWithKey(server: RunningServer, who: Session, body: unknown, key: string) {
  const response = await fetch(`${server.baseUrl}/api/bookings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.accessToken}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { id: number } };
}
