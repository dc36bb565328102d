import { as, TestApp, type Session } from './support/test-app.js';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The last Sunday of `month` (1–12) in `year`: the EU changes its clocks then, at 01:00 UTC. */
function lastSunday(year: number, month: number): string {
  const last = Date.UTC(year, month, 0);
  return iso(last - new Date(last).getUTCDay() * DAY_MS);
}

/** The next last Sunday of `month` after today (UTC): within the year ahead, so within a 365-day horizon. */
function nextChange(month: number): string {
  const today = iso(Date.now());
  const year = new Date().getUTCFullYear();
  return [lastSunday(year, month), lastSunday(year + 1, month)].find((date) => date > today)!;
}

const shift = (date: string, days: number) => iso(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);

interface SessionRow {
  startsAt: string;
  endsAt: string;
  localDate: string;
  localTime: string;
}

/**
 * Weekly schedules follow VENUE_TIMEZONE across both changes of the clocks (Europe/Berlin: the
 * last Sundays of March and October, 2027-03-28 and 2027-10-31 as of this writing): a time the spring
 * change skips moves forward by the gap, a time the autumn change repeats is its first occurrence.
 */
describe('schedules across daylight-saving changes (Europe/Berlin)', () => {
  let api: TestApp;
  let admin: Session;

  beforeAll(async () => {
    api = await TestApp.start({ VENUE_TIMEZONE: 'Europe/Berlin', SESSION_HORIZON_DAYS: '365' });
    admin = await api.admin();
  });
  afterAll(() => api?.close());

  /** A daily 02:30 and 19:30 schedule over the day before, the day of and the day after `change`; the sessions it made. */
  async function around(change: string): Promise<SessionRow[]> {
    const service = await api.service({ durationMinutes: 120 });
    const body = { weekdays: [1, 2, 3, 4, 5, 6, 7], times: ['19:30', '02:30'], startsOn: shift(change, -1), endsOn: shift(change, 1) };
    const created = await api.post(`/api/services/${service.id}/schedules`, body, as(admin));
    expect(created.status).toBe(201);
    expect(created.body.created).toBe(6);
    const sessions = await api.get(`/api/services/${service.id}/sessions?from=${shift(change, -1)}&to=${shift(change, 1)}`);
    expect(sessions.status).toBe(200);
    return sessions.body.map(({ startsAt, endsAt, localDate, localTime }: SessionRow) => ({ startsAt, endsAt, localDate, localTime }));
  }

  const session = (localDate: string, localTime: string, startsAt: string): SessionRow => ({
    startsAt: `${startsAt}.000Z`,
    endsAt: new Date(Date.parse(`${startsAt}Z`) + 120 * 60_000).toISOString(),
    localDate,
    localTime,
  });

  it('spring: 02:30 on the Sunday is 03:30 CEST, the evening moves from UTC+1 to UTC+2', async () => {
    const sunday = nextChange(3);
    const [saturday, monday] = [shift(sunday, -1), shift(sunday, 1)];
    expect(await around(sunday)).toEqual([
      session(saturday, '02:30', `${saturday}T01:30:00`),
      session(saturday, '19:30', `${saturday}T18:30:00`),
      session(sunday, '03:30', `${sunday}T01:30:00`),
      session(sunday, '19:30', `${sunday}T17:30:00`),
      session(monday, '02:30', `${monday}T00:30:00`),
      session(monday, '19:30', `${monday}T17:30:00`),
    ]);
  });

  it('autumn: 02:30 on the Sunday is its first occurrence (CEST), the evening moves from UTC+2 to UTC+1', async () => {
    const sunday = nextChange(10);
    const [saturday, monday] = [shift(sunday, -1), shift(sunday, 1)];
    expect(await around(sunday)).toEqual([
      session(saturday, '02:30', `${saturday}T00:30:00`),
      session(saturday, '19:30', `${saturday}T17:30:00`),
      session(sunday, '02:30', `${sunday}T00:30:00`),
      session(sunday, '19:30', `${sunday}T18:30:00`),
      session(monday, '02:30', `${monday}T01:30:00`),
      session(monday, '19:30', `${monday}T18:30:00`),
    ]);
  });
});
