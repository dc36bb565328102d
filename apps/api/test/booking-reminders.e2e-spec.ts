import { startServer, type RunningServer } from './support/server.js';
import { SmtpSink } from './support/smtp.js';
import { as, TestApp, type Session } from './support/test-app.js';

const HOUR_MS = 3_600_000;
/** A datetime(3) value as both databases take it, UTC. */
const sqlTime = (instant: Date) => instant.toISOString().replace('T', ' ').slice(0, 23);
/** An instant `hours` from now, on a whole minute (as a session's start is). */
const hoursAhead = (hours: number) => new Date(Math.floor((Date.now() + hours * HOUR_MS) / 60_000) * 60_000);

/**
 * The reminder 24 hours before a session starts (DESIGN §7), through the outbox to a real SMTP server:
 * once per booking however often the job runs (every 200 ms here) and however many processes run it,
 * none for a session further off, none for a cancelled booking.
 */
describe('booking reminders', () => {
  let smtp: SmtpSink;
  let api: TestApp;
  let admin: Session;
  const extra: RunningServer[] = [];

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    api = await TestApp.start({ SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: '100', REMINDER_POLL_INTERVAL_MS: '200' });
    admin = await api.admin();
  });

  afterAll(async () => {
    for (const server of extra) await server.stop();
    await api?.close();
    await smtp?.close();
  });

  /** A new customer's booking of 2 places on a one-off session starting `hours` from now. */
  async function bookAhead(hours: number, location = 'Hall R') {
    const service = await api.service({ location });
    const session = await api.post(`/api/services/${service.id}/sessions`, { startsAt: hoursAhead(hours).toISOString() }, as(admin));
    expect(session.status).toBe(201);
    const customer = await api.customer('Rita Reminded');
    const booking = await api.post('/api/bookings', { sessionId: session.body.id, quantity: 2 }, as(customer));
    expect(booking.status).toBe(201);
    return { customer, booking: booking.body, sessionId: session.body.id as number };
  }

  const reminders = (who: Session) => smtp.to(who.email).filter((mail) => /^Reminder:/.test(mail.subject ?? ''));

  async function queued(who: Session): Promise<number> {
    const [row] = await api.database.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM outbox WHERE recipient = ? AND kind = 'booking-reminder'",
      [who.email],
    );
    return Number(row.n);
  }

  /** Moves a session (and so its bookings) to start `hours` from now. */
  async function moveSession(sessionId: number, hours: number): Promise<void> {
    const start = hoursAhead(hours);
    await api.database.query('UPDATE sessions SET starts_at = ?, ends_at = ? WHERE id = ?', [
      sqlTime(start),
      sqlTime(new Date(start.getTime() + 90 * 60_000)),
      sessionId,
    ]);
  }

  /** Long enough for the job to run several times (every 200 ms) and the dispatcher to send what it queued. */
  const severalRounds = () => new Promise((resolve) => setTimeout(resolve, 1500));

  it('reminds a booking 23 h ahead once, however often the job runs; none 3 days ahead; none when cancelled', async () => {
    const soon = await bookAhead(23);
    const later = await bookAhead(72);
    const cancelled = await bookAhead(72);
    expect((await api.post(`/api/bookings/${cancelled.booking.id}/cancel`, undefined, as(cancelled.customer))).status).toBe(200);
    // Cancelled while 3 days ahead, its session now starts within a day: still no reminder.
    await moveSession(cancelled.sessionId, 20);

    const [mail] = await smtp.waitFor(soon.customer.email, { subject: /^Reminder:/ });
    expect(mail.subject).toMatch(/^Reminder: Show [\w-]+, \w+, \d+ \w+ \d{4} at \d{2}:\d{2}$/);
    expect(mail.text).toContain('Hello Rita Reminded,');
    expect(mail.text).toContain(`Reference: ${soon.booking.reference}`);
    expect(mail.text).toContain('Where: Hall R');
    expect(String(mail.html)).toContain(soon.booking.reference);

    await severalRounds();
    expect(reminders(soon.customer)).toHaveLength(1);
    expect(await queued(soon.customer)).toBe(1);
    expect(reminders(later.customer)).toHaveLength(0);
    expect(await queued(later.customer)).toBe(0);
    expect(reminders(cancelled.customer)).toHaveLength(0);
    expect(await queued(cancelled.customer)).toBe(0);

    // Once its session comes within a day, the later booking gets its one reminder too.
    await moveSession(later.sessionId, 23.5);
    await smtp.waitFor(later.customer.email, { subject: /^Reminder:/ });
    await severalRounds();
    expect(reminders(later.customer)).toHaveLength(1);
    expect(await queued(later.customer)).toBe(1);
  });

  it('leaves the booking as the API shows it: updatedAt stays, and incremental sync does not list it again', async () => {
    const { customer, booking, sessionId } = await bookAhead(72);
    const before = (await api.get(`/api/bookings/${booking.id}`, as(customer))).body as { updatedAt: string };
    const since = new Date(Date.now() + 1).toISOString();
    await moveSession(sessionId, 23);
    await smtp.waitFor(customer.email, { subject: /^Reminder:/ });

    const [row] = await api.database.query<{ reminded_at: unknown }>('SELECT reminded_at FROM bookings WHERE id = ?', [booking.id]);
    expect(row.reminded_at).not.toBeNull();
    expect((await api.get(`/api/bookings/${booking.id}`, as(customer))).body.updatedAt).toBe(before.updatedAt);
    const changed = await api.get(`/api/bookings?updatedSince=${encodeURIComponent(since)}&sort=updatedAt`, as(customer));
    expect(changed.status).toBe(200);
    expect(changed.body.data).toEqual([]);
  });

  it('sends no reminder for a session that has already started', async () => {
    const started = await bookAhead(72);
    await moveSession(started.sessionId, -1);
    await severalRounds();
    expect(await queued(started.customer)).toBe(0);
  });

  if (process.env.MARQUEE_TEST_DB === 'mysql') {
    it('queues one reminder per booking with three processes running the job on one database', async () => {
      while (extra.length < 2) extra.push(await startServer(api.env));
      const bookings = [await bookAhead(72), await bookAhead(72), await bookAhead(72)];
      // All three come within a day at once: every process finds them in its next round.
      for (const { sessionId } of bookings) await moveSession(sessionId, 22);
      for (const { customer } of bookings) await smtp.waitFor(customer.email, { subject: /^Reminder:/ });
      await severalRounds();
      for (const { customer } of bookings) {
        expect(reminders(customer)).toHaveLength(1);
        expect(await queued(customer)).toBe(1);
      }
    }, 60_000);
  }
});
