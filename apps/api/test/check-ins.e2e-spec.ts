import { generateKeyPairSync, sign } from 'node:crypto';
import { startServer, type RunningServer } from './support/server.js';
import { as, day, expectFieldError, expectProblem, ISO_TIMESTAMP, TestApp, type Reply, type Session } from './support/test-app.js';

/** A ticket code of the same layout signed by another key: a forgery. */
function forged(bookingId: number, sessionId: number, quantity: number): string {
  const signed = Buffer.alloc(10);
  signed.writeUInt8(1, 0);
  signed.writeUInt32BE(bookingId, 1);
  signed.writeUInt32BE(sessionId, 5);
  signed.writeUInt8(quantity, 9);
  return Buffer.concat([signed, sign(null, signed, generateKeyPairSync('ed25519').privateKey)]).toString('base64url');
}

/** Check-in at the door (DESIGN §7): a ticket admits once, on one instance or several, and every refusal says why. */
describe('check-ins', () => {
  let api: TestApp;
  let admin: Session;
  let staff: Session;
  let manager: Session;
  const extra: RunningServer[] = [];

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.admin();
    staff = await api.withRole('staff');
    manager = await api.withRole('manager');
  });

  afterAll(async () => {
    for (const server of extra) await server.stop();
    await api?.close();
  });

  /** A timed session of a new service, booked by a new customer for `quantity` places; with the ticket's code. */
  async function bookedTicket(quantity = 2) {
    const service = await api.service({ capacity: 50 });
    const session = await api.post(`/api/services/${service.id}/sessions`, { startsAt: `${day(2)}T19:00:00Z` }, as(admin));
    expect(session.status).toBe(201);
    const customer = await api.customer('Dora Door');
    const booking = await api.post('/api/bookings', { sessionId: session.body.id, quantity }, as(customer));
    expect(booking.status).toBe(201);
    const ticket = await api.get(`/api/bookings/${booking.body.id}/ticket`, as(customer));
    expect(ticket.status).toBe(200);
    return {
      serviceId: service.id,
      sessionId: session.body.id as number,
      customer,
      booking: booking.body,
      code: ticket.body.code as string,
    };
  }

  const scan = (body: unknown, who: Session = staff, base?: RunningServer): Promise<Reply> =>
    base
      ? fetch(`${base.baseUrl}/api/check-ins`, {
          method: 'POST',
          headers: { authorization: `Bearer ${who.accessToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then(async (response) => ({ status: response.status, headers: response.headers, body: await response.json() }))
      : api.post('/api/check-ins', body, as(who));

  it('gives the built-in staff role checkins:write and bookings:read:any', async () => {
    expect((await api.get('/api/auth/me', as(staff))).body.permissions).toEqual(['bookings:read:any', 'checkins:write']);
    const roles = (await api.get('/api/roles', as(admin))).body as { name: string; builtIn: boolean; permissions: string[] }[];
    expect(roles.find((role) => role.name === 'staff')).toEqual(
      expect.objectContaining({ builtIn: true, permissions: ['bookings:read:any', 'checkins:write'] }),
    );
    expect(roles.find((role) => role.name === 'admin')?.permissions).toContain('checkins:write');
  });

  it('admits a ticket once: the first scan answers the booking, the second 409 already-checked-in with the first time and who', async () => {
    const { sessionId, booking, code, customer } = await bookedTicket(2);

    const first = await scan({ code, sessionId });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      booking: expect.objectContaining({ id: booking.id, reference: booking.reference }),
      checkedInAt: expect.stringMatching(ISO_TIMESTAMP),
      admitted: 2,
    });
    expect(first.body.booking.customer).toEqual({ id: customer.id, name: 'Dora Door', email: customer.email });
    expect(Math.abs(Date.parse(first.body.checkedInAt) - Date.now())).toBeLessThan(60_000);

    const second = await scan({ code });
    expectProblem(second, 409, 'already-checked-in');
    expect(second.body.checkedInAt).toBe(first.body.checkedInAt);
    expect(second.body.checkedInBy).toEqual({ id: staff.id, name: 'A staff' });
    expect(second.body.detail).toContain('A staff');

    // Audited like other state changes: who, which booking, when.
    const audit = await api.get(`/api/audit?action=booking.checked-in&targetId=${booking.id}`, as(admin));
    expect(audit.status).toBe(200);
    expect(audit.body.data).toHaveLength(1);
    expect(audit.body.data[0]).toEqual(
      expect.objectContaining({ actorId: staff.id, action: 'booking.checked-in', targetType: 'booking', targetId: booking.id }),
    );
  });

  it('fills the attendee list and the door count from the check-ins', async () => {
    const { sessionId, booking, code } = await bookedTicket(3);
    const other = await api.customer();
    const waiting = await api.post('/api/bookings', { sessionId, quantity: 1 }, as(other));
    const cancelled = await api.post('/api/bookings', { sessionId, quantity: 4 }, as(other));
    expect((await api.post(`/api/bookings/${cancelled.body.id}/cancel`, undefined, as(other))).status).toBe(200);

    expect((await api.get(`/api/sessions/${sessionId}/check-ins`, as(staff))).body).toEqual({ expected: 4, checkedIn: 0 });
    const admitted = await scan({ code, sessionId });
    expect(admitted.status).toBe(201);
    expect((await api.get(`/api/sessions/${sessionId}/check-ins`, as(staff))).body).toEqual({ expected: 4, checkedIn: 3 });

    const attendees = await api.get(`/api/sessions/${sessionId}/attendees`, as(staff));
    expect(attendees.status).toBe(200);
    const byId = new Map(
      (attendees.body as { bookingId: number; checkedInAt: string | null }[]).map((row) => [row.bookingId, row.checkedInAt]),
    );
    expect(byId.get(booking.id)).toBe(admitted.body.checkedInAt);
    expect(byId.get(waiting.body.id)).toBeNull();
    const csv = await api.get(`/api/sessions/${sessionId}/attendees?format=csv`, as(staff));
    expect(csv.body).toContain(admitted.body.checkedInAt);

    expectProblem(await api.get('/api/sessions/999999/check-ins', as(staff)), 404, 'not-found');
  });

  it('refuses a cancelled booking (not-valid), a ticket of another session (wrong-session) and forged or malformed codes (invalid-ticket), writing nothing', async () => {
    const { sessionId, booking, code, customer } = await bookedTicket(1);
    const elsewhere = await bookedTicket(1);

    await api.expectNothingWritten(() => scan({ code, sessionId: elsewhere.sessionId }), 409, 'wrong-session');
    await api.expectNothingWritten(() => scan({ code: forged(booking.id, sessionId, 1) }), 400, 'invalid-ticket');
    // The right booking, session and quantity with one character changed, or a code cut short.
    const altered = `${code.slice(0, 30)}${code[30] === 'A' ? 'B' : 'A'}${code.slice(31)}`;
    await api.expectNothingWritten(() => scan({ code: altered }), 400, 'invalid-ticket');
    await api.expectNothingWritten(() => scan({ code: code.slice(0, 98) }), 400, 'invalid-ticket');
    await api.expectNothingWritten(() => scan({ code: 'hello, door' }), 400, 'invalid-ticket');
    // A code with its quantity raised keeps the signature of the real one: refused.
    const raised = Buffer.from(code, 'base64url');
    raised.writeUInt8(9, 9);
    await api.expectNothingWritten(() => scan({ code: raised.toString('base64url') }), 400, 'invalid-ticket');

    expect((await api.post(`/api/bookings/${booking.id}/cancel`, undefined, as(customer))).status).toBe(200);
    const refused = await api.expectNothingWritten(() => scan({ code, sessionId }), 409, 'not-valid');
    expect(refused.body.detail).toContain('cancelled');
    expect((await api.get(`/api/bookings/${booking.id}`, as(staff))).body.status).toBe('cancelled');
  });

  it('admits by a typed reference too (in any case), once; an unknown reference is 404, code and reference together 400', async () => {
    const { sessionId, booking, code } = await bookedTicket(3);
    const elsewhere = await bookedTicket(1);

    await api.expectNothingWritten(() => scan({ reference: booking.reference, sessionId: elsewhere.sessionId }), 409, 'wrong-session');
    const first = await scan({ reference: booking.reference.toLowerCase(), sessionId });
    expect(first.status).toBe(201);
    expect(first.body).toEqual(expect.objectContaining({ admitted: 3, booking: expect.objectContaining({ id: booking.id }) }));
    // The same booking by its code after its reference: already used.
    const again = await api.expectNothingWritten(() => scan({ code, sessionId }), 409, 'already-checked-in');
    expect(again.body.checkedInAt).toBe(first.body.checkedInAt);

    await api.expectNothingWritten(() => scan({ reference: 'ZZZZZZZZ', sessionId }), 404, 'not-found');
    expectFieldError(await scan({ code, reference: booking.reference }), 'code');
    expectFieldError(await scan({ sessionId }), 'code');
    expectFieldError(await scan({ reference: 'short' }), 'reference');
  });

  it('checks validation before the ticket, and permission before validation', async () => {
    const { code } = await bookedTicket(1);
    expectFieldError(await scan({ code: '' }), 'code');
    expectFieldError(await scan({ code, sessionId: 0 }), 'sessionId');
    expectFieldError(await scan({ code, extra: true }), 'extra');
    const customer = await api.customer();
    await api.expectNothingWritten(() => scan({ code }, customer), 403, 'forbidden');
    await api.expectNothingWritten(() => scan({ code }, manager), 403, 'forbidden');
    await api.expectNothingWritten(() => scan({ nonsense: 1 }, customer), 403, 'forbidden');
    expectProblem(await api.get('/api/sessions/1/check-ins', as(customer)), 403, 'forbidden');
    expectProblem(await api.post('/api/check-ins', { code }), 401, 'unauthorized');
  });

  it('admits exactly one of 20 simultaneous scans of one ticket', async () => {
    const { code, sessionId, booking } = await bookedTicket(2);
    const replies = await Promise.all(Array.from({ length: 20 }, () => scan({ code, sessionId })));
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
    const refused = replies.filter((reply) => reply.status !== 201);
    for (const reply of refused) expectProblem(reply, 409, 'already-checked-in');
    expect(new Set(refused.map((reply) => reply.body.checkedInAt))).toEqual(
      new Set([replies.find((reply) => reply.status === 201)!.body.checkedInAt]),
    );
    const [row] = await api.database.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'booking.checked-in' AND target_id = ?",
      [booking.id],
    );
    expect(Number(row.n)).toBe(1);
  });

  if (process.env.MARQUEE_TEST_DB === 'mysql') {
    it('admits exactly one of 20 simultaneous scans split across two API instances on one database', async () => {
      extra.push(await startServer(api.env));
      const { code, sessionId } = await bookedTicket(2);
      const replies = await Promise.all(
        Array.from({ length: 20 }, (_, i) => scan({ code, sessionId }, staff, i % 2 === 0 ? api.server : extra[0])),
      );
      expect(replies.map((reply) => reply.status).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
      for (const reply of replies.filter((each) => each.status === 409)) expect(reply.body.type).toBe('/problems/already-checked-in');
    }, 60_000);
  }
});
