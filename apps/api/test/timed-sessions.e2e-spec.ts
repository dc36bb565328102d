import { randomUUID } from 'node:crypto';
import { as, day, expectProblem, TestApp, type Reply, type Session } from './support/test-app.js';

const REFERENCE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/;

/**
 * Timed sessions and ticket types (DESIGN §6): the catalogue's routes, and the booking rules of §3
 * on the session row, proved again with racers.
 */
describe('timed sessions and ticket types', () => {
  let api: TestApp;
  let manager: Session;
  let customers: Session[];

  beforeAll(async () => {
    api = await TestApp.start({ SESSION_HORIZON_DAYS: '60' });
    manager = await api.withRole('manager');
    customers = [];
    for (let n = 0; n < 8; n++) customers.push(await api.customer(`Racer ${n}`));
  });

  afterAll(async () => {
    await api?.close();
  });

  /** A service with a one-off session at `time` (UTC) on `date`, and its ticket types: Standard plus the ones given. */
  async function timedService(
    options: { capacity?: number; date?: string; time?: string; types?: [string, number][]; service?: Record<string, unknown> } = {},
  ) {
    const service = await api.service({ capacity: options.capacity ?? 20, priceCents: 2000, ...options.service });
    const session = await api.post(
      `/api/services/${service.id}/sessions`,
      { startsAt: `${options.date ?? day(5)}T${options.time ?? '19:30'}:00Z` },
      as(manager),
    );
    expect(session.status).toBe(201);
    const types: Record<string, number> = {};
    for (const [name, priceCents] of options.types ?? []) {
      const created = await api.post(`/api/services/${service.id}/ticket-types`, { name, priceCents }, as(manager));
      expect(created.status).toBe(201);
      types[name] = created.body.id;
    }
    const standard = (await api.get(`/api/services/${service.id}/ticket-types`)).body[0];
    const all: Record<string, number> = { Standard: standard.id, ...types };
    return { service, session: session.body, types: all };
  }

  function book(who: Session, body: Record<string, unknown>, key?: string): Promise<Reply> {
    return api.post('/api/bookings', body, { token: who.accessToken, headers: key ? { 'idempotency-key': key } : undefined });
  }

  /** The session's row and the places its confirmed and completed bookings' ticket lines hold. */
  async function counts(sessionId: number) {
    const [row] = await api.database.query<{ booked: number | string; capacity: number | string; status: string }>(
      'SELECT booked, capacity, status FROM sessions WHERE id = ?',
      [sessionId],
    );
    const [held] = await api.database.query<{ places: number | string | null }>(
      'SELECT SUM(i.quantity) AS places FROM booking_items i INNER JOIN bookings b ON b.id = i.booking_id ' +
        "WHERE b.session_id = ? AND b.status IN ('confirmed', 'completed')",
      [sessionId],
    );
    const [confirmed] = await api.database.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM bookings WHERE session_id = ? AND status = 'confirmed'",
      [sessionId],
    );
    return {
      booked: Number(row.booked),
      capacity: Number(row.capacity),
      status: row.status,
      held: Number(held.places ?? 0),
      confirmed: Number(confirmed.n),
    };
  }

  const statusesOf = (replies: Reply[]) => replies.map((reply) => reply.status);

  describe('ticket types', () => {
    it('gives a new service a Standard type at its price, and keeps priceCents equal to the first active type', async () => {
      const service = await api.service({ priceCents: 1800, currency: 'EUR' });
      const list = await api.get(`/api/services/${service.id}/ticket-types`);
      expect(list.status).toBe(200);
      expect(list.body).toEqual([
        { id: expect.any(Number), serviceId: service.id, name: 'Standard', priceCents: 1800, currency: 'EUR', position: 0, isActive: true },
      ]);
      const standard = list.body[0].id;

      const child = await api.post(`/api/services/${service.id}/ticket-types`, { name: ' Child ', priceCents: 900 }, as(manager));
      expect(child.status).toBe(201);
      expect(child.body).toEqual({
        id: expect.any(Number),
        serviceId: service.id,
        name: 'Child',
        priceCents: 900,
        currency: 'EUR',
        position: 1,
        isActive: true,
      });

      // Changing the first type's price changes the service's; the service's price changes the first type's.
      expect((await api.patch(`/api/ticket-types/${standard}`, { priceCents: 2000 }, as(manager))).status).toBe(200);
      expect((await api.get(`/api/services/${service.id}`)).body.priceCents).toBe(2000);
      expect((await api.patch(`/api/services/${service.id}`, { priceCents: 2100 }, as(manager))).status).toBe(200);
      expect((await api.get(`/api/services/${service.id}/ticket-types`)).body[0]).toMatchObject({ id: standard, priceCents: 2100 });
      // Moving Standard behind Child makes Child the default.
      expect((await api.patch(`/api/ticket-types/${standard}`, { position: 5 }, as(manager))).status).toBe(200);
      expect((await api.get(`/api/services/${service.id}`)).body.priceCents).toBe(900);
    });

    it('deactivates a type with bookings instead of deleting it, deletes one without, and never removes the last active type', async () => {
      const service = await api.service({ priceCents: 1500 });
      const [standard] = (await api.get(`/api/services/${service.id}/ticket-types`)).body;
      const child = (await api.post(`/api/services/${service.id}/ticket-types`, { name: 'Child', priceCents: 700 }, as(manager))).body;
      const spare = (await api.post(`/api/services/${service.id}/ticket-types`, { name: 'Spare', priceCents: 1 }, as(manager))).body;
      expect(
        (await book(customers[0], { serviceId: service.id, bookingDate: day(2), tickets: [{ ticketTypeId: child.id, quantity: 2 }] }))
          .status,
      ).toBe(201);

      expect((await api.delete(`/api/ticket-types/${spare.id}`, as(manager))).status).toBe(204);
      expect((await api.delete(`/api/ticket-types/${child.id}`, as(manager))).status).toBe(204);
      expect(
        (await api.get(`/api/services/${service.id}/ticket-types`)).body.map((type: { name: string; isActive: boolean }) => [
          type.name,
          type.isActive,
        ]),
      ).toEqual([
        ['Standard', true],
        ['Child', false],
      ]);
      // An inactive type is not sold; the booking made with it keeps its line.
      const refused = await book(customers[0], {
        serviceId: service.id,
        bookingDate: day(2),
        tickets: [{ ticketTypeId: child.id, quantity: 1 }],
      });
      expectProblem(refused, 400, 'validation');
      expect(refused.body.errors.map((error: { field: string }) => error.field)).toEqual(['tickets']);

      await api.expectNothingWritten(() => api.delete(`/api/ticket-types/${standard.id}`, as(manager)), 409, 'conflict');
      await api.expectNothingWritten(
        () => api.patch(`/api/ticket-types/${standard.id}`, { isActive: false }, as(manager)),
        409,
        'conflict',
      );
      await api.expectNothingWritten(
        () => api.post(`/api/services/${service.id}/ticket-types`, { name: 'X', priceCents: 1 }, as(customers[0])),
        403,
        'forbidden',
      );
      await api.expectNothingWritten(
        () => api.post('/api/services/999999/ticket-types', { name: 'X', priceCents: 1 }, as(manager)),
        404,
        'not-found',
      );
      await api.expectNothingWritten(() => api.patch('/api/ticket-types/999999', { name: 'X' }, as(manager)), 404, 'not-found');
      await api.expectNothingWritten(
        () => api.post(`/api/services/${service.id}/ticket-types`, { name: '', priceCents: -1 }, as(manager)),
        400,
        'validation',
      );
    });
  });

  describe('one-off sessions', () => {
    it('creates a session in the future with the service capacity and duration; a second at the same instant is 409', async () => {
      const service = await api.service({ capacity: 33, durationMinutes: 90 });
      const created = await api.post(`/api/services/${service.id}/sessions`, { startsAt: `${day(4)}T21:30:00+02:00` }, as(manager));
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(Number),
        serviceId: service.id,
        scheduleId: null,
        startsAt: `${day(4)}T19:30:00.000Z`,
        endsAt: `${day(4)}T21:00:00.000Z`,
        localDate: day(4),
        localTime: '19:30',
        allDay: false,
        capacity: 33,
        booked: 0,
        remaining: 33,
        status: 'scheduled',
      });
      await api.expectNothingWritten(
        () => api.post(`/api/services/${service.id}/sessions`, { startsAt: `${day(4)}T19:30:00Z` }, as(manager)),
        409,
        'conflict',
      );
      for (const startsAt of [`${day(-1)}T10:00:00Z`, `${day(61)}T10:00:00Z`, `${day(4)}T19:30:00`, 'tomorrow']) {
        const reply = await api.expectNothingWritten(
          () => api.post(`/api/services/${service.id}/sessions`, { startsAt }, as(manager)),
          400,
          'validation',
        );
        expect(reply.body.errors.map((error: { field: string }) => error.field)).toEqual(['startsAt']);
      }
      await api.expectNothingWritten(
        () => api.post(`/api/services/${service.id}/sessions`, { startsAt: `${day(4)}T10:00:00Z` }, as(customers[0])),
        403,
        'forbidden',
      );

      const small = await api.post(`/api/services/${service.id}/sessions`, { startsAt: `${day(4)}T10:00:00Z`, capacity: 4 }, as(manager));
      expect(small.body).toMatchObject({ capacity: 4, remaining: 4, localTime: '10:00' });
      const list = await api.get(`/api/services/${service.id}/sessions?from=${day(4)}&to=${day(4)}`);
      expect(list.status).toBe(200);
      expect(list.body.map((session: { id: number }) => session.id)).toEqual([small.body.id, created.body.id]);
      expectProblem(await api.get(`/api/services/${service.id}/sessions?from=${day(0)}&to=${day(92)}`), 400, 'validation');
      expectProblem(await api.get(`/api/services/${service.id}/sessions?from=${day(3)}&to=${day(2)}`), 400, 'validation');
      expectProblem(await api.get('/api/services/999999/sessions'), 404, 'not-found');
      // Availability sums the date's scheduled sessions; a date without one sells nothing.
      expect((await api.get(`/api/services/${service.id}/availability?from=${day(4)}&to=${day(5)}`)).body).toEqual([
        { date: day(4), capacity: 37, booked: 0, remaining: 37 },
        { date: day(5), capacity: 0, booked: 0, remaining: 0 },
      ]);
    });

    it('lists each service with its next timed session that has places left, or null', async () => {
      const name = `Nextshow ${randomUUID().slice(0, 8)}`;
      const timed = await api.service({ name: `${name} timed`, capacity: 5 });
      const full = await api.post(`/api/services/${timed.id}/sessions`, { startsAt: `${day(2)}T18:00:00Z`, capacity: 1 }, as(manager));
      const cancelled = await api.post(`/api/services/${timed.id}/sessions`, { startsAt: `${day(3)}T18:00:00Z` }, as(manager));
      await api.post(`/api/services/${timed.id}/sessions`, { startsAt: `${day(6)}T09:15:00Z` }, as(manager));
      await api.post(`/api/services/${timed.id}/sessions`, { startsAt: `${day(4)}T20:45:00Z` }, as(manager));
      expect((await book(customers[2], { sessionId: full.body.id, quantity: 1 })).status).toBe(201);
      expect((await api.patch(`/api/sessions/${cancelled.body.id}`, { status: 'cancelled' }, as(manager))).status).toBe(200);
      // An all-day service keeps null, booked or not; so does a timed one whose sessions are all past their places.
      const allDay = await api.service({ name: `${name} all-day` });
      expect((await book(customers[2], { serviceId: allDay.id, bookingDate: day(2), quantity: 1 })).status).toBe(201);
      const soldOut = await api.service({ name: `${name} sold out`, capacity: 1 });
      const only = await api.post(`/api/services/${soldOut.id}/sessions`, { startsAt: `${day(2)}T18:00:00Z` }, as(manager));
      expect((await book(customers[3], { sessionId: only.body.id, quantity: 1 })).status).toBe(201);

      const page = await api.get(`/api/services?search=${encodeURIComponent(name)}&sort=name&limit=12`);
      expect(page.status).toBe(200);
      expect(page.body.data.map(({ id, nextSessionAt }: { id: number; nextSessionAt: string | null }) => ({ id, nextSessionAt }))).toEqual([
        { id: allDay.id, nextSessionAt: null },
        { id: soldOut.id, nextSessionAt: null },
        { id: timed.id, nextSessionAt: `${day(4)}T20:45:00.000Z` },
      ]);
    });

    it('books a session with two ticket types: quantity and total from the lines, the session and its start in the booking', async () => {
      const { service, session, types } = await timedService({ capacity: 10, types: [['Child', 800]] });
      const reply = await book(customers[1], {
        sessionId: session.id,
        tickets: [
          { ticketTypeId: types.Standard, quantity: 2 },
          { ticketTypeId: types.Child, quantity: 1 },
        ],
      });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        serviceId: service.id,
        sessionId: session.id,
        reference: expect.stringMatching(REFERENCE),
        startsAt: session.startsAt,
        allDay: false,
        bookingDate: session.localDate,
        quantity: 3,
        unitPriceCents: Math.round(4800 / 3),
        totalCents: 4800,
        status: 'confirmed',
        tickets: [
          { ticketTypeId: types.Standard, name: 'Standard', unitPriceCents: 2000, quantity: 2 },
          { ticketTypeId: types.Child, name: 'Child', unitPriceCents: 800, quantity: 1 },
        ],
      });
      expect((await api.get(`/api/bookings/${reply.body.id}`, as(customers[1]))).body).toEqual(reply.body);
      // `quantity` alone books the default type.
      expect((await book(customers[1], { sessionId: session.id, quantity: 2 })).body.tickets).toEqual([
        { ticketTypeId: types.Standard, name: 'Standard', unitPriceCents: 2000, quantity: 2 },
      ]);
      expect(await counts(session.id)).toMatchObject({ booked: 5, held: 5 });
      expect(
        (await api.get(`/api/services/${service.id}/sessions?from=${session.localDate}&to=${session.localDate}`)).body[0],
      ).toMatchObject({
        booked: 5,
        remaining: 5,
      });

      // A timed service is booked by session: a date alone is a 400 naming sessionId.
      const byDate = await api.expectNothingWritten(
        () => book(customers[1], { serviceId: service.id, bookingDate: session.localDate, quantity: 1 }),
        400,
        'validation',
      );
      expect(byDate.body.errors.map((error: { field: string }) => error.field)).toEqual(['sessionId']);
      const invalid: [Record<string, unknown>, string][] = [
        [
          {
            sessionId: session.id,
            tickets: [
              { ticketTypeId: types.Standard, quantity: 6 },
              { ticketTypeId: types.Child, quantity: 5 },
            ],
          },
          'tickets',
        ],
        [
          {
            sessionId: session.id,
            tickets: [
              { ticketTypeId: types.Child, quantity: 1 },
              { ticketTypeId: types.Child, quantity: 1 },
            ],
          },
          'tickets',
        ],
        [{ sessionId: session.id, tickets: [{ ticketTypeId: 999999, quantity: 1 }] }, 'tickets'],
        [{ sessionId: session.id, quantity: 1, tickets: [{ ticketTypeId: types.Child, quantity: 1 }] }, 'quantity'],
        [{ sessionId: session.id, bookingDate: session.localDate, quantity: 1 }, 'bookingDate'],
        [{ sessionId: session.id }, 'quantity'],
        [{ sessionId: 0, quantity: 1 }, 'sessionId'],
        [{ sessionId: session.id, serviceId: service.id + 1, quantity: 1 }, 'serviceId'],
      ];
      for (const [body, field] of invalid) {
        const refused = await api.expectNothingWritten(() => book(customers[1], body), 400, 'validation');
        expect({ body, fields: [...new Set(refused.body.errors.map((error: { field: string }) => error.field))] }).toEqual({
          body,
          fields: [expect.stringMatching(new RegExp(`^${field}`))],
        });
      }
      await api.expectNothingWritten(() => book(customers[1], { sessionId: 999999, quantity: 1 }), 404, 'not-found');
    });

    it('closes sales salesCloseMinutes before the start, and refuses sessions beyond the horizon', async () => {
      const closing = await timedService({ date: day(1), time: '12:00', service: { salesCloseMinutes: 3 * 24 * 60 } });
      const closed = await api.expectNothingWritten(
        () => book(customers[2], { sessionId: closing.session.id, quantity: 1 }),
        400,
        'validation',
      );
      expect(closed.body.errors.map((error: { field: string }) => error.field)).toEqual(['sessionId']);
      expect((await api.patch(`/api/services/${closing.service.id}`, { salesCloseMinutes: 0 }, as(manager))).status).toBe(200);
      expect((await book(customers[2], { sessionId: closing.session.id, quantity: 1 })).status).toBe(201);
    });

    it('lets customers cancel until cancellationCutoffHours before the start, staff until the end', async () => {
      const { session } = await timedService({ date: day(2), service: { cancellationCutoffHours: 24 * 7 } });
      const mine = await book(customers[3], { sessionId: session.id, quantity: 2 });
      await api.expectNothingWritten(() => api.post(`/api/bookings/${mine.body.id}/cancel`, undefined, as(customers[3])), 409, 'conflict');
      const cancelled = await api.post(`/api/bookings/${mine.body.id}/cancel`, undefined, as(manager));
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.status).toBe('cancelled');
      expect(await counts(session.id)).toMatchObject({ booked: 0, held: 0 });
    });

    it('changes capacity (not below booked) and cancels a session with its bookings, one audit entry each', async () => {
      const { session } = await timedService({ capacity: 10 });
      const first = await book(customers[4], { sessionId: session.id, quantity: 3 });
      const second = await book(customers[5], { sessionId: session.id, quantity: 2 });
      await api.expectNothingWritten(() => api.patch(`/api/sessions/${session.id}`, { capacity: 4 }, as(manager)), 409, 'conflict');
      await api.expectNothingWritten(() => api.patch(`/api/sessions/${session.id}`, { capacity: 5 }, as(customers[4])), 403, 'forbidden');
      await api.expectNothingWritten(
        () => api.patch(`/api/sessions/${session.id}`, { status: 'scheduled' }, as(manager)),
        400,
        'validation',
      );
      await api.expectNothingWritten(() => api.patch('/api/sessions/999999', { capacity: 5 }, as(manager)), 404, 'not-found');
      expect((await api.patch(`/api/sessions/${session.id}`, { capacity: 5 }, as(manager))).body).toMatchObject({
        capacity: 5,
        booked: 5,
        remaining: 0,
      });
      expectProblem(await book(customers[6], { sessionId: session.id, quantity: 1 }), 409, 'sold-out');

      const cancelled = await api.patch(`/api/sessions/${session.id}`, { status: 'cancelled' }, as(manager));
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', booked: 0, remaining: 0 });
      for (const booking of [first, second]) {
        expect((await api.get(`/api/bookings/${booking.body.id}`, as(manager))).body).toMatchObject({
          status: 'cancelled',
          cancelledAt: expect.any(String),
        });
      }
      expect(await counts(session.id)).toEqual({ booked: 0, capacity: 5, status: 'cancelled', held: 0, confirmed: 0 });
      const admin = await api.admin();
      const audit = await api.get(`/api/audit?targetType=session&targetId=${session.id}`, as(admin));
      expect(audit.body.data.map((entry: { action: string }) => entry.action).sort()).toEqual([
        'session.cancelled',
        'session.capacity-changed',
        'session.created',
      ]);
      for (const booking of [first, second]) {
        const entries = await api.get(`/api/audit?targetType=booking&targetId=${booking.body.id}`, as(admin));
        expect(entries.body.data).toEqual([expect.objectContaining({ action: 'booking.cancelled', after: { status: 'cancelled' } })]);
      }
      expect((await book(customers[6], { sessionId: session.id, quantity: 1 })).status).toBe(409);
      await api.expectNothingWritten(() => api.patch(`/api/sessions/${session.id}`, { status: 'cancelled' }, as(manager)), 409, 'conflict');
    });
  });

  describe('racers', () => {
    it('never oversells the last places of a session to two ticket types', async () => {
      for (let round = 0; round < 3; round++) {
        const { session, types } = await timedService({ capacity: 14, time: `1${round}:00`, types: [['Child', 500]] });
        expect((await book(customers[0], { sessionId: session.id, quantity: 4 })).status).toBe(201);
        const mixes = [
          [
            { ticketTypeId: types.Standard, quantity: 1 },
            { ticketTypeId: types.Child, quantity: 1 },
          ],
          [{ ticketTypeId: types.Child, quantity: 3 }],
          [{ ticketTypeId: types.Standard, quantity: 1 }],
          [{ ticketTypeId: types.Child, quantity: 1 }],
        ];
        const replies = await Promise.all(
          Array.from({ length: 32 }, (_, n) =>
            book(customers[n % customers.length], { sessionId: session.id, tickets: mixes[n % mixes.length] }),
          ),
        );
        expect(statusesOf(replies).filter((status) => status !== 201 && status !== 409)).toEqual([]);
        for (const reply of replies.filter((candidate) => candidate.status === 409)) expect(reply.body.type).toBe('/problems/sold-out');
        const won = replies.filter((reply) => reply.status === 201).reduce((sum, reply) => sum + reply.body.quantity, 0);
        const after = await counts(session.id);
        expect({ round, ...after }).toEqual({
          round,
          booked: 4 + won,
          capacity: 14,
          status: 'scheduled',
          held: 4 + won,
          confirmed: after.confirmed,
        });
        // Sold out in the end: the one-place requests (half of them) fill whatever the bigger ones leave.
        expect({ round, booked: after.booked }).toEqual({ round, booked: 14 });
      }
    }, 120_000);

    it('leaves no confirmed booking and no place taken on a session cancelled while people book it', async () => {
      for (let round = 0; round < 3; round++) {
        const { session } = await timedService({ capacity: 30, time: `0${round}:15` });
        const replies = await Promise.all([
          ...Array.from({ length: 12 }, (_, n) => book(customers[n % customers.length], { sessionId: session.id, quantity: 1 + (n % 2) })),
          api.patch(`/api/sessions/${session.id}`, { status: 'cancelled' }, as(manager)),
          ...Array.from({ length: 12 }, (_, n) => book(customers[n % customers.length], { sessionId: session.id, quantity: 1 })),
        ]);
        const cancel = replies[12];
        expect({ round, status: cancel.status }).toEqual({ round, status: 200 });
        const bookings = replies.filter((_, n) => n !== 12);
        expect(statusesOf(bookings).filter((status) => status !== 201 && status !== 409)).toEqual([]);
        for (const reply of bookings.filter((candidate) => candidate.status === 201)) {
          expect((await api.get(`/api/bookings/${reply.body.id}`, as(manager))).body.status).toBe('cancelled');
        }
        expect({ round, ...(await counts(session.id)) }).toEqual({
          round,
          booked: 0,
          capacity: 30,
          status: 'cancelled',
          held: 0,
          confirmed: 0,
        });
      }
    }, 120_000);

    it('books once for simultaneous replays of one Idempotency-Key, and refuses the same key with another body', async () => {
      const { session, types } = await timedService({ capacity: 50, types: [['Child', 900]] });
      const key = randomUUID();
      const body = {
        sessionId: session.id,
        tickets: [
          { ticketTypeId: types.Child, quantity: 2 },
          { ticketTypeId: types.Standard, quantity: 1 },
        ],
      };
      const replies = await Promise.all(Array.from({ length: 12 }, () => book(customers[7], body, key)));
      expect(statusesOf(replies)).toEqual(replies.map(() => 201));
      expect(new Set(replies.map((reply) => reply.body.id)).size).toBe(1);
      expect(await counts(session.id)).toMatchObject({ booked: 3, held: 3, confirmed: 1 });
      // Lines in another order are the same request; other lines are not.
      const reordered = { ...body, tickets: [...body.tickets].reverse() };
      expect((await book(customers[7], reordered, key)).body.id).toBe(replies[0].body.id);
      const other = await Promise.all(
        Array.from({ length: 4 }, () =>
          book(customers[7], { sessionId: session.id, tickets: [{ ticketTypeId: types.Child, quantity: 3 }] }, key),
        ),
      );
      for (const reply of other) expectProblem(reply, 409, 'conflict');
      expect(await counts(session.id)).toMatchObject({ booked: 3, held: 3, confirmed: 1 });
    }, 60_000);

    it('keeps booked within capacity when a capacity cut races bookings', async () => {
      for (let round = 0; round < 3; round++) {
        const { session } = await timedService({ capacity: 20, time: `2${round}:45` });
        const replies = await Promise.all([
          ...Array.from({ length: 10 }, (_, n) => book(customers[n % customers.length], { sessionId: session.id, quantity: 2 })),
          api.patch(`/api/sessions/${session.id}`, { capacity: 10 }, as(manager)),
          ...Array.from({ length: 6 }, (_, n) => book(customers[n % customers.length], { sessionId: session.id, quantity: 1 })),
        ]);
        const cut = replies[10];
        const bookings = replies.filter((_, n) => n !== 10);
        expect(statusesOf(bookings).filter((status) => status !== 201 && status !== 409)).toEqual([]);
        expect([200, 409]).toContain(cut.status);
        const after = await counts(session.id);
        expect({ round, within: after.booked <= after.capacity, consistent: after.booked === after.held }).toEqual({
          round,
          within: true,
          consistent: true,
        });
        expect({ round, capacity: after.capacity }).toEqual({ round, capacity: cut.status === 200 ? 10 : 20 });
        if (cut.status === 409) expect(after.booked).toBeGreaterThan(10);
      }
    }, 120_000);
  });
});
