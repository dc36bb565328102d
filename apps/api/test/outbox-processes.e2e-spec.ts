import { randomUUID } from 'node:crypto';
import { startServer, type RunningServer } from './support/server.js';
import { SmtpSink } from './support/smtp.js';
import { PASSWORD, TestApp } from './support/test-app.js';

const sqlTime = (date: Date) => date.toISOString().slice(0, 23).replace('T', ' ');

/** The outbox across API processes: a process killed mid-send, and (MySQL/MariaDB) three processes draining one outbox. */
describe('outbox across processes', () => {
  let smtp: SmtpSink;
  let app: TestApp;
  const extra: RunningServer[] = [];

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    app = await TestApp.start({
      SMTP_URL: smtp.url,
      MAIL_RETRY_BASE_MS: '100',
      MAIL_POLL_INTERVAL_MS: '100',
      // Long enough that the process is killed mid-send; a claim is leased for four of them (8 s).
      MAIL_SEND_TIMEOUT_MS: '2000',
    });
  });

  afterAll(async () => {
    for (const server of extra) await server.stop();
    await app?.close();
    await smtp?.close();
  });

  it('sends a message after a kill -9 of the process that was sending it, exactly once', async () => {
    smtp.mode = 'stall';
    const email = `killed-${randomUUID()}@example.com`;
    expect((await app.post('/api/auth/register', { name: 'Kim Killed', email, password: PASSWORD })).status).toBe(201);
    // The message is mid-send: the server has its data and never answers.
    const deadline = Date.now() + 10_000;
    while (smtp.attemptsTo(email) === 0) {
      if (Date.now() > deadline) throw new Error('the message was never sent');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    app.server.process.kill('SIGKILL');
    await new Promise((resolve) => app.server.process.once('exit', resolve));
    const [row] = await app.database.query<{ status: string }>('SELECT status FROM outbox WHERE recipient = ?', [email]);
    expect(row.status).toBe('sending');

    smtp.mode = 'accept';
    extra.push(await startServer(app.env));
    const [mail] = await smtp.waitFor(email);
    expect(mail.subject).toMatch(/Verify/);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(smtp.to(email)).toHaveLength(1);
    const [after] = await app.database.query<{ status: string; attempts: number }>(
      'SELECT status, attempts FROM outbox WHERE recipient = ?',
      [email],
    );
    expect({ status: after.status, attempts: Number(after.attempts) }).toEqual({ status: 'sent', attempts: 2 });
  });

  if (process.env.MARQUEE_TEST_DB === 'mysql') {
    it('three processes on one database send each of many messages exactly once', async () => {
      smtp.mode = 'accept';
      while (extra.length < 3) extra.push(await startServer(app.env));
      const tag = randomUUID().slice(0, 8);
      const recipients = Array.from({ length: 60 }, (_, i) => `many-${tag}-${i}@example.com`);
      const now = sqlTime(new Date());
      for (const recipient of recipients) {
        await app.database.query(
          "INSERT INTO outbox (kind, recipient, payload, status, attempts, next_attempt_at) VALUES ('email-verification', ?, ?, 'pending', 0, ?)",
          [recipient, JSON.stringify({ name: 'Many', email: recipient, link: 'https://example.test/verify-email?token=x' }), now],
        );
      }
      for (const recipient of recipients) await smtp.waitFor(recipient, { timeoutMs: 30_000 });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(recipients.filter((recipient) => smtp.to(recipient).length !== 1)).toEqual([]);
      expect(recipients.filter((recipient) => smtp.attemptsTo(recipient) !== 1)).toEqual([]);
      const [counted] = await app.database.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM outbox WHERE recipient LIKE ? AND status = 'sent'",
        [`many-${tag}-%`],
      );
      expect(Number(counted.n)).toBe(60);
    }, 60_000);
  }
});
