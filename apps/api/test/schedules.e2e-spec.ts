import { startServer } from './support/server.js';
import { as, day, expectFieldError, expectProblem, TestApp, type Session } from './support/test-app.js';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

interface SessionRow {
  id: number;
  startsAt: string;
  endsAt: string;
  localDate: string;
  localTime: string;
  capacity: number;
  booked: number;
}

/** Weekly schedules: validation, the sessions they make, replacing unbooked ones on a change, and materialising once with many instances. */
describe('schedules', () => {
  let api: TestApp;
  let admin: Session;
  let manager: Session;
  let customer: Session;

  beforeAll(async () => {
    api = await TestApp.start();
    admin = await api.admin();
    manager = await api.withRole('manager');
    customer = await api.customer();
  });
  afterAll(() => api?.close());

  const sessionsOf = async (serviceId: number, from = day(0), to = day(40)): Promise<SessionRow[]> => {
    const reply = await api.get(`/api/services/${serviceId}/sessions?from=${from}&to=${to}`);
    expect(reply.status).toBe(200);
    return reply.body;
  };
  const book = async (sessionId: number, quantity = 1) => {
    const reply = await api.post('/api/bookings', { sessionId, quantity }, as(customer));
    expect(reply.status).toBe(201);
    return reply.body;
  };

  it('refuses a pattern that is not one, naming the field, and writes nothing', async () => {
    const service = await api.service();
    const valid = { weekdays: [1, 3], times: ['10:00'], startsOn: day(1), endsOn: day(20), capacity: 5 };
    const cases: [Record<string, unknown>, string][] = [
      [{ weekdays: [] }, 'weekdays'],
      [{ weekdays: [0] }, 'weekdays'],
      [{ weekdays: [8] }, 'weekdays'],
      [{ weekdays: [2, 2] }, 'weekdays'],
      [{ weekdays: ['1'] }, 'weekdays'],
      [{ weekdays: undefined }, 'weekdays'],
      [{ times: [] }, 'times'],
      [{ times: ['24:00'] }, 'times'],
      [{ times: ['9:30'] }, 'times'],
      [{ times: ['10:00', '10:00'] }, 'times'],
      [{ startsOn: '2027-02-30' }, 'startsOn'],
      [{ endsOn: day(0) }, 'endsOn'],
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: 1.5 }, 'capacity'],
    ];
    for (const [change, field] of cases) {
      const reply = await api.expectNothingWritten(
        () => api.post(`/api/services/${service.id}/schedules`, { ...valid, ...change }, as(admin)),
        400,
        'validation',
      );
      expectFieldError(reply, field);
    }
    expectProblem(await api.post('/api/services/999999/schedules', valid, as(admin)), 404, 'not-found');
    expectProblem(await api.post(`/api/services/${service.id}/schedules`, valid, as(customer)), 403, 'forbidden');
    expectProblem(await api.get(`/api/services/${service.id}/schedules`, as(customer)), 403, 'forbidden');
  });

  it('makes the sessions of a new schedule over the horizon, with the service’s capacity and duration by default', async () => {
    const service = await api.service({ capacity: 12, durationMinutes: 45 });
    const reply = await api.post(
      `/api/services/${service.id}/schedules`,
      { weekdays: EVERY_DAY, times: ['14:00', '10:00'], startsOn: day(1), endsOn: day(7) },
      as(manager),
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      schedule: expect.objectContaining({
        serviceId: service.id,
        weekdays: EVERY_DAY,
        times: ['10:00', '14:00'],
        startsOn: day(1),
        endsOn: day(7),
        capacity: null,
      }),
      created: 14,
      kept: [],
    });
    const sessions = await sessionsOf(service.id);
    expect(
      sessions.map(({ startsAt, endsAt, localDate, localTime, capacity }) => [startsAt, endsAt, localDate, localTime, capacity]),
    ).toEqual(
      [1, 2, 3, 4, 5, 6, 7].flatMap((offset) => [
        [`${day(offset)}T10:00:00.000Z`, `${day(offset)}T10:45:00.000Z`, day(offset), '10:00', 12],
        [`${day(offset)}T14:00:00.000Z`, `${day(offset)}T14:45:00.000Z`, day(offset), '14:00', 12],
      ]),
    );

    const list = await api.get(`/api/services/${service.id}/schedules`, as(manager));
    expect(list.status).toBe(200);
    expect(list.body).toEqual([reply.body.schedule]);

    const audit = await api.get(`/api/audit?targetType=schedule&targetId=${reply.body.schedule.id}`, as(admin));
    expect(audit.body.data).toEqual([
      expect.objectContaining({
        action: 'schedule.created',
        actorId: manager.id,
        after: { weekdays: '1,2,3,4,5,6,7', times: '10:00,14:00', startsOn: day(1), endsOn: day(7), capacity: null },
      }),
    ]);
  });

  it('leaves a start that a one-off session already holds to it, and lists it as kept', async () => {
    const service = await api.service();
    const oneOff = await api.post(`/api/services/${service.id}/sessions`, { startsAt: `${day(2)}T18:00:00Z`, capacity: 3 }, as(admin));
    expect(oneOff.status).toBe(201);
    const reply = await api.post(
      `/api/services/${service.id}/schedules`,
      { weekdays: EVERY_DAY, times: ['18:00'], startsOn: day(1), endsOn: day(3), capacity: 8 },
      as(admin),
    );
    expect(reply.status).toBe(201);
    expect(reply.body.created).toBe(2);
    expect(reply.body.kept).toEqual([expect.objectContaining({ id: oneOff.body.id, localDate: day(2), localTime: '18:00', booked: 0 })]);
    expect((await sessionsOf(service.id)).map(({ localDate, capacity }) => [localDate, capacity])).toEqual([
      [day(1), 8],
      [day(2), 3],
      [day(3), 8],
    ]);
  });

  it('replaces the future sessions nobody booked on a change, keeps and lists the booked ones', async () => {
    const service = await api.service({ capacity: 20 });
    const created = await api.post(
      `/api/services/${service.id}/schedules`,
      { weekdays: EVERY_DAY, times: ['10:00', '14:00'], startsOn: day(1), endsOn: day(5) },
      as(admin),
    );
    const scheduleId = created.body.schedule.id as number;
    const before = await sessionsOf(service.id);
    expect(before).toHaveLength(10);
    const booked = before.find(({ localDate, localTime }) => localDate === day(3) && localTime === '14:00')!;
    await book(booked.id, 2);

    const changed = await api.patch(`/api/schedules/${scheduleId}`, { times: ['11:30'], capacity: 6 }, as(manager));
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      schedule: expect.objectContaining({ id: scheduleId, times: ['11:30'], capacity: 6, startsOn: day(1), endsOn: day(5) }),
      created: 5,
      removed: 9,
      kept: [{ id: booked.id, startsAt: booked.startsAt, localDate: day(3), localTime: '14:00', booked: 2 }],
    });
    expect(
      (await sessionsOf(service.id)).map(({ localDate, localTime, capacity, booked: taken }) => [localDate, localTime, capacity, taken]),
    ).toEqual([
      [day(1), '11:30', 6, 0],
      [day(2), '11:30', 6, 0],
      [day(3), '11:30', 6, 0],
      [day(3), '14:00', 20, 2],
      [day(4), '11:30', 6, 0],
      [day(5), '11:30', 6, 0],
    ]);

    // The same values again change nothing.
    const again = await api.patch(`/api/schedules/${scheduleId}`, { times: ['11:30'], capacity: 6 }, as(manager));
    expect(again.body).toMatchObject({ created: 0, removed: 0, kept: [expect.objectContaining({ id: booked.id })] });

    expectFieldError(await api.patch(`/api/schedules/${scheduleId}`, { endsOn: day(0) }, as(manager)), 'endsOn');
    expectFieldError(await api.patch(`/api/schedules/${scheduleId}`, { startsOn: null }, as(manager)), 'startsOn');
    expectProblem(await api.patch('/api/schedules/999999', { capacity: 3 }, as(manager)), 404, 'not-found');

    const audit = await api.get(`/api/audit?targetType=schedule&targetId=${scheduleId}`, as(admin));
    expect(audit.body.data[0]).toMatchObject({
      action: 'schedule.updated',
      actorId: manager.id,
      before: { times: '10:00,14:00', capacity: null },
      after: { times: '11:30', capacity: 6 },
    });
  });

  it('deletes a schedule with its unbooked future sessions; booked ones stay, without a schedule', async () => {
    const service = await api.service();
    const created = await api.post(
      `/api/services/${service.id}/schedules`,
      { weekdays: EVERY_DAY, times: ['09:00'], startsOn: day(1), endsOn: day(4) },
      as(admin),
    );
    const scheduleId = created.body.schedule.id as number;
    const [first] = await sessionsOf(service.id);
    await book(first.id);

    expectProblem(await api.delete(`/api/schedules/${scheduleId}`, as(customer)), 403, 'forbidden');
    const deleted = await api.delete(`/api/schedules/${scheduleId}`, as(manager));
    expect(deleted.status).toBe(204);
    expect((await sessionsOf(service.id)).map(({ id }) => id)).toEqual([first.id]);
    const [row] = await api.database.query<{ schedule_id: number | null }>('SELECT schedule_id FROM sessions WHERE id = ?', [first.id]);
    expect(row.schedule_id).toBeNull();
    expect((await api.get(`/api/services/${service.id}/schedules`, as(admin))).body).toEqual([]);
    expectProblem(await api.delete(`/api/schedules/${scheduleId}`, as(manager)), 404, 'not-found');
    const audit = await api.get(`/api/audit?targetType=schedule&targetId=${scheduleId}`, as(admin));
    expect(audit.body.data[0]).toMatchObject({ action: 'schedule.deleted', before: { times: '09:00' }, after: null });
  });

  it('makes each session exactly once when two instances materialise at the same moment', async () => {
    const service = await api.service();
    const times = ['08:00', '09:15', '10:30', '11:45', '13:00', '14:15', '15:30', '16:45'];
    const ids: number[] = [];
    for (const startsOn of [day(1), day(31), day(61)]) {
      // Overlapping schedules: from day(61) on, all three name the same starts.
      const reply = await api.post(`/api/services/${service.id}/schedules`, { weekdays: EVERY_DAY, times, startsOn }, as(admin));
      expect(reply.status).toBe(201);
      ids.push(reply.body.schedule.id);
    }
    const expected = 8 * 90;
    await api.database.query('DELETE FROM sessions WHERE service_id = ?', [service.id]);

    // On MariaDB both instances are held at the first schedule's row until both wait there, then let go together.
    const gated = api.database.kind === 'mysql';
    if (gated) {
      await api.database.query('START TRANSACTION');
      await api.database.query('SELECT id FROM schedules WHERE id = ? FOR UPDATE', [ids[0]]);
    }
    const starting = [1, 2].map(() => startServer({ ...api.env, LOG_LEVEL: 'info' }));
    const released = gated ? waitFor(bothWaiting).finally(() => api.database.query('COMMIT')) : Promise.resolve();
    const [gate, ...started] = await Promise.allSettled([released, ...starting]);
    const instances = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    try {
      for (const result of [gate, ...started]) if (result.status === 'rejected') throw result.reason;
      const outputs = instances.map((instance) => instance.output());
      expect(outputs).not.toContainEqual(expect.stringContaining('Making the sessions of schedules failed'));
      const made = outputs.map((output) =>
        [...output.matchAll(/Made (\d+) sessions of schedules/g)].reduce((sum, match) => sum + Number(match[1]), 0),
      );
      expect(made[0] + made[1]).toBe(expected);
    } finally {
      await Promise.all(instances.map((instance) => instance.stop()));
    }
    const [count] = await api.database.query<{ n: number | string; starts: number | string }>(
      'SELECT COUNT(*) AS n, COUNT(DISTINCT starts_at) AS starts FROM sessions WHERE service_id = ?',
      [service.id],
    );
    expect([Number(count.n), Number(count.starts)]).toEqual([expected, expected]);
  }, 120_000);

  /**
   * Both instances are held by the first schedule's row lock: each has a statement reading the
   * schedules that has waited at least a second (MariaDB shows such a wait as a statement still in
   * its "Statistics" phase, without a LOCK WAIT transaction, when the locked row is read by its key).
   */
  async function bothWaiting(): Promise<boolean> {
    const [row] = await api.database.query<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM information_schema.processlist ' +
        "WHERE db = DATABASE() AND id <> CONNECTION_ID() AND command = 'Query' AND info LIKE '%schedules%' AND time >= 1",
    );
    return Number(row.n) === 2;
  }
});

/** Polls `check` every 50 ms until it answers true (at most 60 s: two instances start on a busy machine). */
async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (const deadline = Date.now() + 60_000; !(await check());) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
