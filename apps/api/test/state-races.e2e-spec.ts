import { as, day, TestApp, type Reply, type Session } from './support/test-app.js';

interface Booked {
  id: number;
  owner: Session;
}

const ROUNDS = 100;

/** Runs `send` after `ms` milliseconds. */
const later = <T>(ms: number, send: () => Promise<T>) =>
  new Promise<T>((resolve, reject) => setTimeout(() => send().then(resolve, reject), ms));

/**
 * Runs `race` for every item, five at a time, each with a lag of 0–9 ms for its second request,
 * so that either request may go first and every overlap between occurs. (All at once, the API's
 * queue decides the order and hides most overlaps: 100 cancel × delete pairs released twice only
 * a few times, five at a time about half of them.)
 */
async function races<T, R>(items: T[], race: (item: T, lag: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += 5) {
    results.push(...(await Promise.all(items.slice(start, start + 5).map((item, n) => race(item, (start + n) % 10)))));
  }
  return results;
}

/**
 * Two state changes meeting on one booking, one day, one service or one account, many times at
 * once: no 5xx, exactly one winner where the rules allow one, and afterwards every day touched
 * holds exactly the places of its confirmed and completed bookings (never released twice).
 */
describe('simultaneous changes of the same booking, day, service or account', () => {
  let api: TestApp;
  let admin: Session;
  let manager: Session;
  let customers: Session[];

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.admin();
    manager = await api.withRole('manager');
    customers = [];
    for (let n = 0; n < 8; n++) customers.push(await api.customer(`Racer ${n}`));
  });

  afterAll(async () => {
    await api?.close();
  });

  async function book(who: Session, serviceId: number, bookingDate: string, quantity = 2): Promise<Reply> {
    return api.post('/api/bookings', { serviceId, bookingDate, quantity }, as(who));
  }

  /** `count` bookings of `quantity` places, one after the other, by the customers in turn. */
  async function bookMany(serviceId: number, date: string, count: number, owners = customers, quantity = 2): Promise<Booked[]> {
    const booked: Booked[] = [];
    for (let n = 0; n < count; n++) {
      const owner = owners[n % owners.length];
      const reply = await book(owner, serviceId, date, quantity);
      if (reply.status !== 201) throw new Error(`booking failed: ${reply.status} ${JSON.stringify(reply.body)}`);
      booked.push({ id: reply.body.id, owner });
    }
    return booked;
  }

  const cancel = (booking: Booked, who: Session) => api.post(`/api/bookings/${booking.id}/cancel`, undefined, as(who));
  const complete = (booking: Booked) => api.post(`/api/bookings/${booking.id}/complete`, undefined, as(manager));
  const remove = (booking: Booked, who: Session = manager) => api.delete(`/api/bookings/${booking.id}`, as(who));
  const deleteUser = (user: Session) => api.delete(`/api/users/${user.id}`, as(admin));

  function expectStatuses(replies: Reply[], allowed: number[]): void {
    expect(replies.map((reply) => reply.status).filter((status) => !allowed.includes(status))).toEqual([]);
  }

  /** The inventory of each day equals the places of its confirmed and completed bookings. */
  async function expectInventoryTrue(serviceId: number, dates: string[]): Promise<void> {
    for (const date of dates) {
      const [day] = await api.database.query<{ booked: number | string }>(
        'SELECT booked FROM sessions WHERE service_id = ? AND local_date = ? AND all_day = 1',
        [serviceId, date],
      );
      const [held] = await api.database.query<{ places: number | string | null }>(
        "SELECT SUM(quantity) AS places FROM bookings WHERE service_id = ? AND booking_date = ? AND status IN ('confirmed', 'completed')",
        [serviceId, date],
      );
      expect({ date, booked: Number(day?.booked ?? 0) }).toEqual({ date, booked: Number(held.places ?? 0) });
    }
  }

  async function statusOf(id: number): Promise<string | undefined> {
    const [row] = await api.database.query<{ status: string }>('SELECT status FROM bookings WHERE id = ?', [id]);
    return row?.status;
  }

  async function auditCount(action: string, targetIds: number[]): Promise<number> {
    const [row] = await api.database.query<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND target_id IN (${targetIds.map(() => '?').join(', ')})`,
      [action, ...targetIds],
    );
    return Number(row.n);
  }

  it(`releases the places once when the owner cancels while a manager deletes (${ROUNDS} bookings)`, async () => {
    const service = await api.service({ capacity: 1000 });
    const date = day(5);
    const bookings = await bookMany(service.id, date, ROUNDS);
    // The delete leaves 0–19 ms after the cancel, so that both orders, and every overlap between, occur.
    const replies = await races(bookings, (booking, lag) =>
      Promise.all([cancel(booking, booking.owner), later(lag, () => remove(booking))]),
    );
    const cancels = replies.map(([cancelled]) => cancelled);
    const deletes = replies.map(([, deleted]) => deleted);
    expectStatuses(cancels, [200, 404, 409]);
    expectStatuses(deletes, [204]);
    await expectInventoryTrue(service.id, [date]);
    expect(await api.database.query('SELECT id FROM bookings WHERE service_id = ?', [service.id])).toEqual([]);
  }, 120_000);

  it(`deletes a booking once when two staff members delete it at the same time (${ROUNDS} bookings)`, async () => {
    const service = await api.service({ capacity: 1000 });
    const date = day(6);
    const bookings = await bookMany(service.id, date, ROUNDS);
    const replies = await races(bookings, (booking, lag) =>
      Promise.all([remove(booking, manager), later(lag, () => remove(booking, admin))]),
    );
    for (const pair of replies) expect(pair.map((reply) => reply.status).sort()).toEqual([204, 404]);
    await expectInventoryTrue(service.id, [date]);
    expect(
      await auditCount(
        'booking.deleted',
        bookings.map((booking) => booking.id),
      ),
    ).toBe(ROUNDS);
  }, 120_000);

  it(`cancels once when the owner and a manager cancel at the same time (${ROUNDS} bookings)`, async () => {
    const service = await api.service({ capacity: 1000 });
    const date = day(7);
    const bookings = await bookMany(service.id, date, ROUNDS);
    const replies = await races(bookings, (booking, lag) =>
      Promise.all([cancel(booking, booking.owner), later(lag, () => cancel(booking, manager))]),
    );
    for (const pair of replies) expect(pair.map((reply) => reply.status).sort()).toEqual([200, 409]);
    await expectInventoryTrue(service.id, [date]);
    const staffCancels = replies.filter(([, byManager]) => byManager.status === 200).length;
    expect(
      await auditCount(
        'booking.cancelled',
        bookings.map((booking) => booking.id),
      ),
    ).toBe(staffCancels);
  }, 120_000);

  it(`either completes or cancels a booking dated today, never both (${ROUNDS} bookings)`, async () => {
    const service = await api.service({ capacity: 1000 });
    const date = day(0);
    const bookings = await bookMany(service.id, date, ROUNDS);
    const replies = await races(bookings, (booking, lag) =>
      Promise.all([complete(booking), later(lag, () => cancel(booking, booking.owner))]),
    );
    for (const [n, [completed, cancelled]] of replies.entries()) {
      expect([completed.status, cancelled.status].sort()).toEqual([200, 409]);
      expect(await statusOf(bookings[n].id)).toBe(completed.status === 200 ? 'completed' : 'cancelled');
    }
    await expectInventoryTrue(service.id, [date]);
  }, 120_000);

  it(`releases the places once when a booking dated today is completed while it is deleted (${ROUNDS} bookings)`, async () => {
    const service = await api.service({ capacity: 1000 });
    const date = day(0);
    const bookings = await bookMany(service.id, date, ROUNDS);
    const replies = await races(bookings, (booking, lag) => Promise.all([complete(booking), later(lag, () => remove(booking, admin))]));
    expectStatuses(
      replies.map(([completed]) => completed),
      [200, 404, 409],
    );
    expectStatuses(
      replies.map(([, deleted]) => deleted),
      [204],
    );
    await expectInventoryTrue(service.id, [date]);
    expect(await api.database.query('SELECT id FROM bookings WHERE service_id = ?', [service.id])).toEqual([]);
  }, 120_000);

  it('cancels a deleted account’s bookings once while staff cancel and delete them (50 accounts)', async () => {
    const service = await api.service({ capacity: 1000 });
    const dates = [day(8), day(9)];
    const accounts: { user: Session; cancelled: Booked; deleted: Booked }[] = [];
    for (let n = 0; n < 50; n++) {
      const user = await api.customer(`Leaving ${n}`);
      const [cancelled] = await bookMany(service.id, dates[0], 1, [user]);
      const [deleted] = await bookMany(service.id, dates[1], 1, [user]);
      accounts.push({ user, cancelled, deleted });
    }
    const replies = await races(accounts, ({ user, cancelled, deleted }, lag) =>
      Promise.all([deleteUser(user), later(lag, () => cancel(cancelled, manager)), later(9 - lag, () => remove(deleted))]),
    );
    expectStatuses(
      replies.map(([account]) => account),
      [204],
    );
    expectStatuses(
      replies.map(([, cancelled]) => cancelled),
      [200, 409],
    );
    expectStatuses(
      replies.map(([, , deleted]) => deleted),
      [204],
    );
    await expectInventoryTrue(service.id, dates);
    const [left] = await api.database.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM bookings WHERE service_id = ? AND status = 'confirmed'",
      [service.id],
    );
    expect(Number(left.n)).toBe(0);
  }, 120_000);

  it('deletes an account once when it is deleted twice at the same time (50 accounts)', async () => {
    const service = await api.service({ capacity: 1000 });
    const date = day(10);
    const users: Session[] = [];
    for (let n = 0; n < 50; n++) users.push(await api.customer(`Twice ${n}`));
    await bookMany(service.id, date, 50, users);
    const replies = await races(users, (user, lag) => Promise.all([deleteUser(user), later(lag, () => deleteUser(user))]));
    for (const pair of replies) expect(pair.map((reply) => reply.status).sort()).toEqual([204, 404]);
    expect(
      await auditCount(
        'user.deleted',
        users.map((user) => user.id),
      ),
    ).toBe(50);
    await expectInventoryTrue(service.id, [date]);
  }, 120_000);

  it('changes a role once when two staff members make the same change at the same time (50 accounts)', async () => {
    const users: Session[] = [];
    for (let n = 0; n < 50; n++) users.push(await api.customer(`Promoted ${n}`));
    const promote = (user: Session) => api.patch(`/api/users/${user.id}`, { role: 'manager' }, as(admin));
    const replies = await races(users, (user, lag) => Promise.all([promote(user), later(lag, () => promote(user))]));
    expectStatuses(replies.flat(), [200]);
    // The change happened once: one audit entry for each account, not one for each request.
    expect(
      await auditCount(
        'user.updated',
        users.map((user) => user.id),
      ),
    ).toBe(50);
  }, 120_000);

  it('never leaves a confirmed booking to an account deleted while it books (50 accounts)', async () => {
    const service = await api.service({ capacity: 1000 });
    const date = day(11);
    const users: Session[] = [];
    for (let n = 0; n < 50; n++) users.push(await api.customer(`Booking while leaving ${n}`));
    const replies = await races(users, (user, lag) => Promise.all([book(user, service.id, date), later(lag, () => deleteUser(user))]));
    expectStatuses(
      replies.map(([booked]) => booked),
      [201, 401, 404],
    );
    expectStatuses(
      replies.map(([, deleted]) => deleted),
      [204],
    );
    const [left] = await api.database.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM bookings WHERE service_id = ? AND status = 'confirmed'",
      [service.id],
    );
    expect(Number(left.n)).toBe(0);
    await expectInventoryTrue(service.id, [date]);
  }, 120_000);

  it('takes no booking on a service after its deletion and deletes it once (30 services)', async () => {
    const date = day(12);
    for (let round = 0; round < 30; round++) {
      const service = await api.service({ capacity: 1000 });
      const replies = await Promise.all([
        ...customers.map((customer) => book(customer, service.id, date)),
        api.delete(`/api/services/${service.id}`, as(manager)),
        api.delete(`/api/services/${service.id}`, as(admin)),
      ]);
      const deletes = replies.slice(-2);
      const bookings = replies.slice(0, -2);
      expect({ round, deletes: deletes.map((reply) => reply.status).sort() }).toEqual({ round, deletes: [204, 404] });
      expectStatuses(bookings, [201, 404]);
      const [deletedAt] = await api.database.query<{ deleted_at: unknown }>('SELECT deleted_at FROM services WHERE id = ?', [service.id]);
      expect(deletedAt.deleted_at).not.toBeNull();
      // Every booking that got through was made before the deletion committed.
      const [created] = await api.database.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM bookings WHERE service_id = ?', [
        service.id,
      ]);
      expect(Number(created.n)).toBe(bookings.filter((reply) => reply.status === 201).length);
      await expectInventoryTrue(service.id, [date]);
      expect(await auditCount('service.deleted', [service.id])).toBe(1);
    }
  }, 120_000);

  it('never lets two capacity changes and simultaneous bookings overbook a day (30 services)', async () => {
    const date = day(13);
    for (let round = 0; round < 30; round++) {
      const service = await api.service({ capacity: 20 });
      expect((await book(customers[0], service.id, date, 8)).status).toBe(201);
      const replies = await Promise.all([
        ...customers.slice(1).map((customer) => book(customer, service.id, date, 1)),
        api.patch(`/api/services/${service.id}`, { capacity: 10 }, as(manager)),
        api.patch(`/api/services/${service.id}`, { capacity: 12 }, as(admin)),
      ]);
      expectStatuses(replies.slice(0, -2), [201, 409]);
      expectStatuses(replies.slice(-2), [200, 409]);
      const [row] = await api.database.query<{ capacity: number | string }>('SELECT capacity FROM services WHERE id = ?', [service.id]);
      const [day] = await api.database.query<{ booked: number | string }>(
        'SELECT booked FROM sessions WHERE service_id = ? AND local_date = ? AND all_day = 1',
        [service.id, date],
      );
      expect({ round, within: Number(day.booked) <= Number(row.capacity) }).toEqual({ round, within: true });
      await expectInventoryTrue(service.id, [date]);
    }
  }, 120_000);
});
