import { randomUUID } from 'node:crypto';
import { as, day, expectProblem, ISO_TIMESTAMP, TestApp, type Reply, type Session } from './support/test-app.js';
import { moveBooking as moveBookingTo } from './support/time-travel.js';

describe('bookings', () => {
  let api: TestApp;
  let admin: Session;
  let manager: Session;
  let alice: Session;
  let bob: Session;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.admin();
    manager = await api.withRole('manager');
    alice = await api.customer('Alice');
    bob = await api.customer('Bob');
  });

  afterAll(async () => {
    await api?.close();
  });

  const expectNothingWritten = (send: () => Promise<Reply>, status: number, kind: string) => api.expectNothingWritten(send, status, kind);

  const fields = (reply: Reply): string[] => (reply.body.errors ?? []).map((error: { field: string }) => error.field);
  const ids = (reply: Reply): number[] => reply.body.data.map((booking: { id: number }) => booking.id);

  function book(who: Session, body: Record<string, unknown>, headers?: Record<string, string>): Promise<Reply> {
    return api.post('/api/bookings', body, { token: who.accessToken, headers });
  }

  async function booked(who: Session, serviceId: number, bookingDate: string, quantity = 1): Promise<number> {
    const reply = await book(who, { serviceId, bookingDate, quantity });
    expect(reply.status).toBe(201);
    return reply.body.id;
  }

  async function bookedOn(serviceId: number, date: string): Promise<number> {
    const reply = await api.get(`/api/services/${serviceId}/availability?from=${date}&to=${date}`);
    expect(reply.status).toBe(200);
    return reply.body[0].booked;
  }

  /** Services whose bookings were moved in time (their day inventory no longer matches). */
  const travelled = new Set<number>();

  /** Time travel: moves a booking (and nothing else) to another date. */
  async function moveBooking(id: number, date: string): Promise<void> {
    const [row] = await api.database.query<{ service_id: number }>('SELECT service_id FROM bookings WHERE id = ?', [id]);
    travelled.add(Number(row.service_id));
    await moveBookingTo(api.database, id, date);
  }

  describe('POST /api/bookings', () => {
    it('books and answers the exact booking shape, totals from the service price', async () => {
      const service = await api.service({ name: 'Opera gala', priceCents: 1250, currency: 'EUR', capacity: 20 });
      const reply = await book(alice, { serviceId: service.id, bookingDate: day(3), quantity: 3, notes: 'Aisle seats' });
      expect(reply.status).toBe(201);
      expect(reply.body).toEqual({
        id: expect.any(Number),
        userId: alice.id,
        serviceId: service.id,
        service: { id: service.id, name: 'Opera gala' },
        sessionId: expect.any(Number),
        reference: expect.stringMatching(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/),
        startsAt: `${day(3)}T00:00:00.000Z`,
        allDay: true,
        bookingDate: day(3),
        quantity: 3,
        unitPriceCents: 1250,
        totalCents: 3750,
        currency: 'EUR',
        status: 'confirmed',
        tickets: [{ ticketTypeId: expect.any(Number), name: 'Standard', unitPriceCents: 1250, quantity: 3 }],
        notes: 'Aisle seats',
        createdAt: expect.stringMatching(ISO_TIMESTAMP),
        updatedAt: expect.stringMatching(ISO_TIMESTAMP),
        cancelledAt: null,
      });
      expect(await bookedOn(service.id, day(3))).toBe(3);
      const again = await api.get(`/api/bookings/${reply.body.id}`, { token: alice.accessToken });
      expect(again.body).toEqual(reply.body);

      // A later price change does not touch existing bookings.
      await api.patch(`/api/services/${service.id}`, { priceCents: 9999 }, { token: manager.accessToken });
      expect((await api.get(`/api/bookings/${reply.body.id}`, { token: alice.accessToken })).body).toMatchObject({
        unitPriceCents: 1250,
        totalCents: 3750,
      });
      const second = await book(alice, { serviceId: service.id, bookingDate: day(3), quantity: 2 });
      expect(second.body).toMatchObject({ unitPriceCents: 9999, totalCents: 19998, notes: null });
    });

    it('needs a signed-in user (401 before validation)', async () => {
      const service = await api.service();
      await expectNothingWritten(
        () => api.post('/api/bookings', { serviceId: service.id, bookingDate: day(1), quantity: 1 }),
        401,
        'unauthorized',
      );
      await expectNothingWritten(() => api.post('/api/bookings', { quantity: 0 }), 401, 'unauthorized');
      await expectNothingWritten(
        () => api.post('/api/bookings', { serviceId: service.id, bookingDate: day(1), quantity: 1 }, { token: 'not-a-token' }),
        401,
        'unauthorized',
      );
    });

    it.each([
      ['quantity', { quantity: 0 }],
      ['quantity', { quantity: 11 }],
      ['quantity', { quantity: 1.5 }],
      ['quantity', { quantity: '2' }],
      ['quantity', { quantity: undefined }],
      ['bookingDate', { bookingDate: day(-1) }],
      ['bookingDate', { bookingDate: day(366) }],
      ['bookingDate', { bookingDate: '2026-02-30' }],
      ['bookingDate', { bookingDate: '2030-1-05' }],
      ['bookingDate', { bookingDate: `${day(1)}T00:00:00Z` }],
      ['bookingDate', { bookingDate: undefined }],
      ['serviceId', { serviceId: 0 }],
      ['serviceId', { serviceId: 'abc' }],
      ['serviceId', { serviceId: undefined }],
      ['notes', { notes: 'x'.repeat(501) }],
      ['notes', { notes: 5 }],
      ['userId', { userId: 1 }],
      ['status', { status: 'completed' }],
    ])('refuses an invalid %s with a 400 naming it, writing nothing', async (field, change) => {
      const service = await api.service();
      const reply = await expectNothingWritten(
        () => book(alice, { serviceId: service.id, bookingDate: day(1), quantity: 1, ...change }),
        400,
        'validation',
      );
      expect(new Set(fields(reply))).toEqual(new Set([field]));
    });

    it('refuses a service id beyond the id range (400, not 404 or 500)', async () => {
      const customer = await api.customer();
      const reply = await expectNothingWritten(
        () => api.post('/api/bookings', { serviceId: 2147483648, bookingDate: day(1), quantity: 1 }, as(customer)),
        400,
        'validation',
      );
      expect(reply.body.errors.map((error: { field: string }) => error.field)).toContain('serviceId');
    });

    it('accepts today and 365 days ahead', async () => {
      const service = await api.service();
      expect((await book(alice, { serviceId: service.id, bookingDate: day(0), quantity: 1 })).status).toBe(201);
      expect((await book(alice, { serviceId: service.id, bookingDate: day(365), quantity: 10 })).status).toBe(201);
    });

    it('answers 404 for an unknown or deleted service, 400 for an unavailable one', async () => {
      await expectNothingWritten(() => book(alice, { serviceId: 999999, bookingDate: day(1), quantity: 1 }), 404, 'not-found');
      const deleted = await api.service();
      expect((await api.delete(`/api/services/${deleted.id}`, { token: manager.accessToken })).status).toBe(204);
      await expectNothingWritten(() => book(alice, { serviceId: deleted.id, bookingDate: day(1), quantity: 1 }), 404, 'not-found');
      const closed = await api.service({ availabilityStatus: 'unavailable' });
      const reply = await expectNothingWritten(
        () => book(alice, { serviceId: closed.id, bookingDate: day(1), quantity: 1 }),
        400,
        'validation',
      );
      expect(fields(reply)).toEqual(['serviceId']);
      // Made available again, it books.
      await api.patch(`/api/services/${closed.id}`, { availabilityStatus: 'available' }, { token: manager.accessToken });
      expect((await book(alice, { serviceId: closed.id, bookingDate: day(1), quantity: 1 })).status).toBe(201);
    });

    it('fills the capacity exactly, then answers 409 sold-out', async () => {
      const service = await api.service({ capacity: 5 });
      await booked(alice, service.id, day(2), 3);
      const tooMany = await expectNothingWritten(
        () => book(bob, { serviceId: service.id, bookingDate: day(2), quantity: 3 }),
        409,
        'sold-out',
      );
      expect(tooMany.body).toMatchObject({ status: 409, title: 'Sold out', instance: '/api/bookings' });
      expect(tooMany.body.detail).toContain('2');
      expect((await book(bob, { serviceId: service.id, bookingDate: day(2), quantity: 2 })).status).toBe(201);
      expect(await bookedOn(service.id, day(2))).toBe(5);
      await expectNothingWritten(() => book(bob, { serviceId: service.id, bookingDate: day(2), quantity: 1 }), 409, 'sold-out');
      // Another day is untouched, and more than the capacity at once is sold out on a fresh day.
      await expectNothingWritten(() => book(bob, { serviceId: service.id, bookingDate: day(4), quantity: 6 }), 409, 'sold-out');
      expect(await bookedOn(service.id, day(4))).toBe(0);
    });

    describe('Idempotency-Key', () => {
      it('replays the same request: 201, the same booking, nothing more booked', async () => {
        const service = await api.service({ capacity: 10 });
        const key = randomUUID();
        const body = { serviceId: service.id, bookingDate: day(5), quantity: 2, notes: 'once' };
        const first = await book(alice, body, { 'idempotency-key': key });
        expect(first.status).toBe(201);
        const before = await api.rowCounts();
        const again = await book(alice, body, { 'idempotency-key': key });
        expect(again.status).toBe(201);
        expect(again.body).toEqual(first.body);
        expect(await api.rowCounts()).toEqual(before);
        expect(await bookedOn(service.id, day(5))).toBe(2);
      });

      it('answers 409 when the key comes back with another body', async () => {
        const service = await api.service({ capacity: 10 });
        const key = randomUUID();
        const body = { serviceId: service.id, bookingDate: day(5), quantity: 2 };
        expect((await book(alice, body, { 'idempotency-key': key })).status).toBe(201);
        for (const change of [{ quantity: 3 }, { bookingDate: day(6) }, { notes: 'different' }]) {
          await expectNothingWritten(() => book(alice, { ...body, ...change }, { 'idempotency-key': key }), 409, 'conflict');
        }
        expect(await bookedOn(service.id, day(5))).toBe(2);
      });

      it('is per user: the same key used by another user books normally', async () => {
        const service = await api.service({ capacity: 10 });
        const key = randomUUID();
        const body = { serviceId: service.id, bookingDate: day(5), quantity: 2 };
        const mine = await book(alice, body, { 'idempotency-key': key });
        const theirs = await book(bob, body, { 'idempotency-key': key });
        expect(theirs.status).toBe(201);
        expect(theirs.body.id).not.toBe(mine.body.id);
        expect(theirs.body.userId).toBe(bob.id);
        expect(await bookedOn(service.id, day(5))).toBe(4);
      });

      it('refuses a malformed key', async () => {
        const service = await api.service();
        const body = { serviceId: service.id, bookingDate: day(5), quantity: 1 };
        await expectNothingWritten(() => book(alice, body, { 'idempotency-key': 'x'.repeat(101) }), 400, 'validation');
        await expectNothingWritten(() => book(alice, body, { 'idempotency-key': 'has space' }), 400, 'validation');
      });
    });
  });

  describe('GET /api/bookings', () => {
    let first: { id: number };
    let second: { id: number };
    const mine: number[] = [];
    const bobs: number[] = [];
    const sessions: Record<string, Session> = {};

    beforeAll(async () => {
      first = await api.service({ name: 'List first' });
      second = await api.service({ name: 'List second' });
      const carol = await api.customer('Carol');
      const dave = await api.customer('Dave');
      // Carol: four bookings, created in this order.
      mine.push(await booked(carol, first.id, day(10)));
      mine.push(await booked(carol, second.id, day(8)));
      mine.push(await booked(carol, first.id, day(12)));
      mine.push(await booked(carol, second.id, day(9)));
      bobs.push(await booked(dave, first.id, day(10)));
      expect((await api.post(`/api/bookings/${mine[1]}/cancel`, undefined, { token: carol.accessToken })).status).toBe(200);
      sessions.carol = carol;
      sessions.dave = dave;
    });

    it('shows a customer only their own bookings, newest first', async () => {
      const reply = await api.get('/api/bookings', { token: sessions.carol.accessToken });
      expect(reply.status).toBe(200);
      expect(ids(reply)).toEqual([...mine].reverse());
      expect(reply.body.meta).toEqual({ page: 1, limit: 20, total: 4, totalPages: 1 });
      expect(reply.body.data[0]).toMatchObject({ userId: sessions.carol.id, service: { id: second.id, name: 'List second' } });
      const own = await api.get(`/api/bookings?userId=${sessions.carol.id}`, { token: sessions.carol.accessToken });
      expect(ids(own)).toEqual([...mine].reverse());
      expect(ids(await api.get('/api/bookings', { token: sessions.dave.accessToken }))).toEqual(bobs);
    });

    it('answers 403 when a customer asks for another user', async () => {
      await expectNothingWritten(
        () => api.get(`/api/bookings?userId=${sessions.dave.id}`, { token: sessions.carol.accessToken }),
        403,
        'forbidden',
      );
      expectProblem(await api.get('/api/bookings'), 401, 'unauthorized');
    });

    it('shows everyone to admin and manager, with the userId filter', async () => {
      for (const who of [admin, manager]) {
        const all = await api.get(`/api/bookings?serviceId=${first.id}`, { token: who.accessToken });
        expect(all.status).toBe(200);
        expect(ids(all).sort((a, b) => a - b)).toEqual([mine[0], mine[2], bobs[0]].sort((a, b) => a - b));
        const carols = await api.get(`/api/bookings?userId=${sessions.carol.id}`, { token: who.accessToken });
        expect(ids(carols)).toEqual([...mine].reverse());
        const nobody = await api.get('/api/bookings?userId=999999', { token: who.accessToken });
        expect(nobody.body).toEqual({ data: [], meta: { page: 1, limit: 20, total: 0, totalPages: 0 } });
      }
    });

    it('names the customer to staff only, and filters by part of their name or e-mail', async () => {
      const carol = { id: sessions.carol.id, name: 'Carol', email: sessions.carol.email };
      const dave = { id: sessions.dave.id, name: 'Dave', email: sessions.dave.email };
      const all = await api.get(`/api/bookings?serviceId=${first.id}&sort=createdAt`, { token: manager.accessToken });
      expect(all.body.data.map((booking: { id: number; customer: unknown }) => [booking.id, booking.customer])).toEqual([
        [mine[0], carol],
        [mine[2], carol],
        [bobs[0], dave],
      ]);
      const own = await api.get('/api/bookings', { token: sessions.carol.accessToken });
      expect(own.body.data.every((booking: object) => !('customer' in booking))).toBe(true);

      const token = admin.accessToken;
      const byName = await api.get('/api/bookings?customer=aRo&sort=createdAt', { token });
      expect(ids(byName)).toEqual(mine);
      expect(byName.body.meta.total).toBe(4);
      const byEmail = sessions.dave.email.slice(9, 21).toUpperCase();
      expect(ids(await api.get(`/api/bookings?customer=${byEmail}`, { token }))).toEqual(bobs);
      expect(ids(await api.get(`/api/bookings?customer=carol&serviceId=${second.id}&status=confirmed`, { token }))).toEqual([mine[3]]);
      for (const nobody of ['%25', '_', 'carol!']) {
        expect((await api.get(`/api/bookings?customer=${nobody}`, { token })).body.meta.total).toBe(0);
      }
      await expectNothingWritten(() => api.get('/api/bookings?customer=carol', { token: sessions.carol.accessToken }), 403, 'forbidden');
      const tooLong = await api.get(`/api/bookings?customer=${'x'.repeat(101)}`, { token });
      expectProblem(tooLong, 400, 'validation');
      expect(fields(tooLong)).toEqual(['customer']);
    });

    it('filters by status, service and date range', async () => {
      const token = sessions.carol.accessToken;
      expect(ids(await api.get('/api/bookings?status=cancelled', { token }))).toEqual([mine[1]]);
      expect(ids(await api.get('/api/bookings?status=confirmed', { token }))).toEqual([mine[3], mine[2], mine[0]]);
      expect(ids(await api.get('/api/bookings?status=completed', { token }))).toEqual([]);
      expect(ids(await api.get(`/api/bookings?serviceId=${second.id}`, { token }))).toEqual([mine[3], mine[1]]);
      expect(ids(await api.get(`/api/bookings?from=${day(9)}&to=${day(10)}`, { token }))).toEqual([mine[3], mine[0]]);
      expect(ids(await api.get(`/api/bookings?from=${day(10)}`, { token }))).toEqual([mine[2], mine[0]]);
      expect(ids(await api.get(`/api/bookings?to=${day(8)}`, { token }))).toEqual([mine[1]]);
      expect(ids(await api.get(`/api/bookings?serviceId=${first.id}&status=confirmed&from=${day(11)}`, { token }))).toEqual([mine[2]]);
    });

    it('sorts by bookingDate and createdAt', async () => {
      const token = sessions.carol.accessToken;
      expect(ids(await api.get('/api/bookings?sort=bookingDate', { token }))).toEqual([mine[1], mine[3], mine[0], mine[2]]);
      expect(ids(await api.get('/api/bookings?sort=-bookingDate', { token }))).toEqual([mine[2], mine[0], mine[3], mine[1]]);
      expect(ids(await api.get('/api/bookings?sort=createdAt', { token }))).toEqual(mine);
      expect(ids(await api.get('/api/bookings?sort=-createdAt', { token }))).toEqual([...mine].reverse());
    });

    it('paginates', async () => {
      const token = sessions.carol.accessToken;
      const page1 = await api.get('/api/bookings?sort=createdAt&limit=3', { token });
      expect(ids(page1)).toEqual(mine.slice(0, 3));
      expect(page1.body.meta).toEqual({ page: 1, limit: 3, total: 4, totalPages: 2 });
      const page2 = await api.get('/api/bookings?sort=createdAt&limit=3&page=2', { token });
      expect(ids(page2)).toEqual(mine.slice(3));
      expect(page2.body.meta).toEqual({ page: 2, limit: 3, total: 4, totalPages: 2 });
    });

    it('refuses invalid filters', async () => {
      const token = sessions.carol.accessToken;
      for (const [query, field] of [
        ['status=pending', 'status'],
        ['serviceId=abc', 'serviceId'],
        ['serviceId=0', 'serviceId'],
        ['userId=-3', 'userId'],
        ['from=2026-02-30', 'from'],
        ['to=soon', 'to'],
        [`from=${day(5)}&to=${day(4)}`, 'to'],
        ['sort=status', 'sort'],
        ['sort=-id', 'sort'],
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['page=0', 'page'],
        ['mine=true', 'mine'],
      ]) {
        const reply = await api.get(`/api/bookings?${query}`, { token });
        expectProblem(reply, 400, 'validation');
        expect(new Set(fields(reply))).toEqual(new Set([field]));
      }
    });
  });

  describe('GET /api/bookings/{id}', () => {
    it('shows a booking to its owner and to a manager, 404 to another customer', async () => {
      const service = await api.service();
      const id = await booked(alice, service.id, day(1));
      const own = await api.get(`/api/bookings/${id}`, { token: alice.accessToken });
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id, userId: alice.id, serviceId: service.id });
      expect((await api.get(`/api/bookings/${id}`, { token: manager.accessToken })).body).toEqual(own.body);
      expectProblem(await api.get(`/api/bookings/${id}`, { token: bob.accessToken }), 404, 'not-found');
      expectProblem(await api.get(`/api/bookings/${id}`), 401, 'unauthorized');
      expectProblem(await api.get('/api/bookings/999999', { token: manager.accessToken }), 404, 'not-found');
      expectProblem(await api.get('/api/bookings/nope', { token: manager.accessToken }), 400, 'validation');
    });
  });

  describe('POST /api/bookings/{id}/cancel', () => {
    it('lets the owner cancel once, releasing the places', async () => {
      const service = await api.service({ capacity: 4 });
      const id = await booked(alice, service.id, day(2), 4);
      await expectNothingWritten(() => book(bob, { serviceId: service.id, bookingDate: day(2), quantity: 1 }), 409, 'sold-out');
      const reply = await api.post(`/api/bookings/${id}/cancel`, undefined, { token: alice.accessToken });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ id, status: 'cancelled', quantity: 4, cancelledAt: expect.stringMatching(ISO_TIMESTAMP) });
      expect(await bookedOn(service.id, day(2))).toBe(0);
      const twice = await expectNothingWritten(
        () => api.post(`/api/bookings/${id}/cancel`, undefined, { token: alice.accessToken }),
        409,
        'conflict',
      );
      expect(twice.body.instance).toBe(`/api/bookings/${id}/cancel`);
      expect(await bookedOn(service.id, day(2))).toBe(0);
      // The released places can be booked again.
      expect((await book(bob, { serviceId: service.id, bookingDate: day(2), quantity: 4 })).status).toBe(201);
    });

    it('answers 404 to another customer and lets a manager cancel', async () => {
      const service = await api.service({ capacity: 4 });
      const id = await booked(alice, service.id, day(2), 2);
      await expectNothingWritten(() => api.post(`/api/bookings/${id}/cancel`, undefined, { token: bob.accessToken }), 404, 'not-found');
      await expectNothingWritten(() => api.post(`/api/bookings/${id}/cancel`), 401, 'unauthorized');
      await expectNothingWritten(
        () => api.post('/api/bookings/999999/cancel', undefined, { token: manager.accessToken }),
        404,
        'not-found',
      );
      expect(await bookedOn(service.id, day(2))).toBe(2);
      const reply = await api.post(`/api/bookings/${id}/cancel`, undefined, { token: manager.accessToken });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ id, userId: alice.id, status: 'cancelled' });
      expect(await bookedOn(service.id, day(2))).toBe(0);
    });

    it('lets the owner cancel a booking for today but not one in the past (409)', async () => {
      const service = await api.service({ capacity: 4 });
      const today = await booked(alice, service.id, day(0), 1);
      expect((await api.post(`/api/bookings/${today}/cancel`, undefined, { token: alice.accessToken })).status).toBe(200);
      const past = await booked(alice, service.id, day(1), 1);
      await moveBooking(past, day(-1));
      await expectNothingWritten(() => api.post(`/api/bookings/${past}/cancel`, undefined, { token: alice.accessToken }), 409, 'conflict');
      await expectNothingWritten(
        () => api.post(`/api/bookings/${past}/cancel`, undefined, { token: manager.accessToken }),
        409,
        'conflict',
      );
      expect((await api.get(`/api/bookings/${past}`, { token: alice.accessToken })).body).toMatchObject({
        status: 'confirmed',
        cancelledAt: null,
      });
    });

    it('answers 409 for a completed booking', async () => {
      const service = await api.service({ capacity: 4 });
      const id = await booked(alice, service.id, day(0), 1);
      expect((await api.post(`/api/bookings/${id}/complete`, undefined, { token: manager.accessToken })).status).toBe(200);
      await expectNothingWritten(() => api.post(`/api/bookings/${id}/cancel`, undefined, { token: alice.accessToken }), 409, 'conflict');
    });
  });

  describe('POST /api/bookings/{id}/complete', () => {
    it('needs bookings:write:any: customer 403 (even the owner)', async () => {
      const service = await api.service();
      const id = await booked(alice, service.id, day(0));
      await expectNothingWritten(() => api.post(`/api/bookings/${id}/complete`, undefined, { token: alice.accessToken }), 403, 'forbidden');
      await expectNothingWritten(() => api.post(`/api/bookings/${id}/complete`), 401, 'unauthorized');
    });

    it('completes a confirmed booking dated today or earlier', async () => {
      const service = await api.service({ capacity: 5 });
      const today = await booked(alice, service.id, day(0), 2);
      const reply = await api.post(`/api/bookings/${today}/complete`, undefined, { token: manager.accessToken });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ id: today, status: 'completed', cancelledAt: null, quantity: 2 });
      // Completing keeps the places taken.
      expect(await bookedOn(service.id, day(0))).toBe(2);
      const past = await booked(alice, service.id, day(1));
      await moveBooking(past, day(-3));
      const pastReply = await api.post(`/api/bookings/${past}/complete`, undefined, { token: manager.accessToken });
      expect(pastReply.status).toBe(200);
      expect(pastReply.body).toMatchObject({ id: past, status: 'completed', bookingDate: day(-3) });
      await expectNothingWritten(
        () => api.post(`/api/bookings/${past}/complete`, undefined, { token: manager.accessToken }),
        409,
        'conflict',
      );
    });

    it('answers 409 for a future or cancelled booking and 404 for an unknown one', async () => {
      const service = await api.service();
      const future = await booked(alice, service.id, day(1));
      await expectNothingWritten(
        () => api.post(`/api/bookings/${future}/complete`, undefined, { token: manager.accessToken }),
        409,
        'conflict',
      );
      const cancelled = await booked(alice, service.id, day(0));
      expect((await api.post(`/api/bookings/${cancelled}/cancel`, undefined, { token: alice.accessToken })).status).toBe(200);
      await expectNothingWritten(
        () => api.post(`/api/bookings/${cancelled}/complete`, undefined, { token: manager.accessToken }),
        409,
        'conflict',
      );
      await expectNothingWritten(
        () => api.post('/api/bookings/999999/complete', undefined, { token: manager.accessToken }),
        404,
        'not-found',
      );
    });
  });

  describe('DELETE /api/bookings/{id}', () => {
    it('needs bookings:write:any, removes the booking and releases confirmed places', async () => {
      const service = await api.service({ capacity: 6 });
      const id = await booked(alice, service.id, day(3), 4);
      await expectNothingWritten(() => api.delete(`/api/bookings/${id}`, { token: alice.accessToken }), 403, 'forbidden');
      await expectNothingWritten(() => api.delete(`/api/bookings/${id}`), 401, 'unauthorized');
      const reply = await api.delete(`/api/bookings/${id}`, { token: manager.accessToken });
      expect(reply.status).toBe(204);
      expect(reply.body).toBe('');
      expect(await bookedOn(service.id, day(3))).toBe(0);
      expectProblem(await api.get(`/api/bookings/${id}`, { token: manager.accessToken }), 404, 'not-found');
      await expectNothingWritten(() => api.delete(`/api/bookings/${id}`, { token: manager.accessToken }), 404, 'not-found');
      expect(await api.database.query('SELECT id FROM bookings WHERE id = ?', [id])).toEqual([]);
    });

    it('does not release places twice for a cancelled booking', async () => {
      const service = await api.service({ capacity: 6 });
      const kept = await booked(bob, service.id, day(3), 2);
      const id = await booked(alice, service.id, day(3), 3);
      expect((await api.post(`/api/bookings/${id}/cancel`, undefined, { token: alice.accessToken })).status).toBe(200);
      expect(await bookedOn(service.id, day(3))).toBe(2);
      expect((await api.delete(`/api/bookings/${id}`, { token: admin.accessToken })).status).toBe(204);
      expect(await bookedOn(service.id, day(3))).toBe(2);
      expect((await api.get(`/api/bookings/${kept}`, { token: bob.accessToken })).status).toBe(200);
    });
  });

  it('keeps every session count equal to the confirmed and completed places (time-travelled services aside)', async () => {
    const rows = await api.database.query<{ service_id: number; booked: number | string; sold: number | string }>(
      `SELECT t.service_id, t.booked,
              (SELECT COALESCE(SUM(b.quantity), 0) FROM bookings b
                WHERE b.session_id = t.id AND b.status IN ('confirmed', 'completed')) AS sold
         FROM sessions t`,
    );
    const checked = rows.filter((row) => !travelled.has(Number(row.service_id)));
    expect(checked.length).toBeGreaterThan(10);
    expect(checked.filter((row) => Number(row.booked) !== Number(row.sold))).toEqual([]);
  });
});
