import { randomUUID } from 'node:crypto';
import { eventually } from './support/eventually.js';
import { mailTo, SmtpSink, tokenOf } from './support/smtp.js';
import { as, expectFieldError, expectProblem, PASSWORD, TestApp, type Session } from './support/test-app.js';

const PUBLIC_URL = 'https://tickets.example.test';
const MAX_ATTEMPTS = 3;
const NEW_PASSWORD = 'Brand-new-pass-9';

describe('messages: the outbox, SMTP delivery and account recovery', () => {
  let smtp: SmtpSink;
  let app: TestApp;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    app = await TestApp.start({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Marquee Tickets <tickets@example.test>',
      PUBLIC_URL,
      MAIL_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      MAIL_RETRY_BASE_MS: '100',
      MAIL_POLL_INTERVAL_MS: '100',
      MAIL_SEND_TIMEOUT_MS: '500',
      RATE_LIMIT_ACCOUNT_MAIL: '3',
    });
  });

  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  beforeEach(() => {
    smtp.mode = 'accept';
  });

  const register = async (email = `person-${randomUUID()}@example.com`) => {
    const reply = await app.post('/api/auth/register', { name: 'Pat <b>Person</b>', email, password: PASSWORD });
    expect(reply.status).toBe(201);
    return { reply, email };
  };

  const messagesOf = async (admin: Session, recipient: string) =>
    (await app.get('/api/messages?limit=100', as(admin))).body.data.filter((message: any) => message.recipient === recipient);

  it('sends the verification on registration; its link verifies the address once', async () => {
    const { reply, email } = await register();
    expect(reply.body.user.emailVerified).toBe(false);

    const [mail] = await smtp.waitFor(email, { subject: /Verify your e-mail/ });
    expect(mail.from?.value[0].address).toBe('tickets@example.test');
    expect(mail.text).toContain('Hello Pat <b>Person</b>,');
    // The HTML part escapes the values it fills in.
    expect(mail.html).toContain('Hello Pat &lt;b&gt;Person&lt;/b&gt;,');
    expect(mail.html).toContain(`${PUBLIC_URL}/verify-email?token=`);
    expect(mail.html).toContain('>Verify my e-mail</a');
    const token = tokenOf(mail, '/verify-email');

    const verified = await app.post('/api/auth/verify-email', { token });
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({ emailVerified: true });
    const me = await app.get('/api/auth/me', { token: reply.body.accessToken });
    expect(me.body.emailVerified).toBe(true);

    expectProblem(await app.post('/api/auth/verify-email', { token }), 400, 'invalid-token');
    expectProblem(await app.post('/api/auth/verify-email', { token: 'x'.repeat(43) }), 400, 'invalid-token');
    expectFieldError(await app.post('/api/auth/verify-email', {}), 'token');
  });

  it('refuses an expired verification token', async () => {
    const { email } = await register();
    const token = tokenOf((await smtp.waitFor(email))[0], '/verify-email');
    await app.database.query("UPDATE account_tokens SET expires_at = ? WHERE purpose = 'verify-email' AND email = ?", [
      new Date(Date.now() - 1000).toISOString().slice(0, 23).replace('T', ' '),
      email,
    ]);
    expectProblem(await app.post('/api/auth/verify-email', { token }), 400, 'invalid-token');
  });

  it('sends a new verification on request, within the per-account limit', async () => {
    const { reply, email } = await register();
    const session = { token: reply.body.accessToken };
    for (let i = 0; i < 3; i++) expect((await app.post('/api/auth/verify-email/request', undefined, session)).status).toBe(202);
    const refused = await app.post('/api/auth/verify-email/request', undefined, session);
    expectProblem(refused, 429, 'rate-limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await smtp.waitFor(email, { count: 4 })).toHaveLength(4);
    expect((await app.post('/api/auth/verify-email/request')).status).toBe(401);
  });

  it('resets a password end to end: 202 for any address, old sessions end, the token works once', async () => {
    const { email } = await register();
    const before = await app.login(email, PASSWORD);

    const unknown = await app.post('/api/auth/password-reset/request', { email: `nobody-${randomUUID()}@example.com` });
    const known = await app.post('/api/auth/password-reset/request', { email: email.toUpperCase() });
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(unknown.body).toEqual(known.body);

    const [mail] = await smtp.waitFor(email, { subject: /Reset your Marquee password/ });
    expect(mail.html).toContain(`${PUBLIC_URL}/reset-password?token=`);
    const token = tokenOf(mail, '/reset-password');

    expectFieldError(await app.post('/api/auth/password-reset', { token, newPassword: 'short' }), 'newPassword');
    expect((await app.post('/api/auth/password-reset', { token, newPassword: NEW_PASSWORD })).status).toBe(204);

    expect((await app.get('/api/auth/me', as(before))).status).toBe(401);
    expect((await app.post('/api/auth/refresh', { refreshToken: before.refreshToken })).status).toBe(401);
    expect((await app.post('/api/auth/login', { email, password: PASSWORD })).status).toBe(401);
    await app.login(email, NEW_PASSWORD);
    expectProblem(await app.post('/api/auth/password-reset', { token, newPassword: 'Another-pass-7' }), 400, 'invalid-token');

    const [notice] = await smtp.waitFor(email, { subject: /password changed/ });
    expect(notice.text).toContain(`${PUBLIC_URL}/forgot-password`);
    // Nothing went to the unknown address.
    expect(smtp.received.filter((received) => mailTo(received).some((to) => to.startsWith('nobody-')))).toEqual([]);
  });

  it('limits reset messages per account: past the limit the answer is still 202 and nothing is sent', async () => {
    const { email } = await register();
    for (let i = 0; i < 5; i++) expect((await app.post('/api/auth/password-reset/request', { email })).status).toBe(202);
    await smtp.waitFor(email, { count: 3, subject: /Reset/ });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(smtp.to(email).filter((mail) => /Reset/.test(mail.subject ?? ''))).toHaveLength(3);
  });

  it('tells the old address of an e-mail change and verifies the new one', async () => {
    const { reply, email } = await register();
    const newEmail = `moved-${randomUUID()}@example.com`;
    const changed = await app.patch('/api/auth/me', { email: newEmail, currentPassword: PASSWORD }, { token: reply.body.accessToken });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual(expect.objectContaining({ email: newEmail, emailVerified: false }));

    const [notice] = await smtp.waitFor(email, { subject: /e-mail address changed/ });
    expect(notice.text).toContain(newEmail);
    const [verification] = await smtp.waitFor(newEmail, { subject: /Verify/ });
    // The link sent to the old address no longer verifies anything.
    const oldToken = tokenOf(
      smtp.to(email).find((mail) => /Verify/.test(mail.subject ?? ''))!,
      '/verify-email',
    );
    expectProblem(await app.post('/api/auth/verify-email', { token: oldToken }), 400, 'invalid-token');
    expect((await app.post('/api/auth/verify-email', { token: tokenOf(verification, '/verify-email') })).status).toBe(200);
  });

  it.each([
    ['refuses (550)', 'refuse' as const, /550|Mailbox unavailable/],
    ['never answers', 'stall' as const, /timeout|timed out/i],
  ])('retries with backoff when the SMTP server %s, then marks the message dead; an admin retries it', async (_label, mode, error) => {
    const admin = await app.admin();
    const customer = await app.customer();
    expect((await app.get('/api/messages?status=dead', as(customer))).status).toBe(403);
    smtp.mode = mode;
    const { email } = await register();

    const [dead] = await eventually(
      () => messagesOf(admin, email),
      (messages) => messages[0]?.status === 'dead',
    );
    expect(dead).toEqual(
      expect.objectContaining({ kind: 'email-verification', attempts: MAX_ATTEMPTS, lastError: expect.stringMatching(error) }),
    );
    expect(smtp.attemptsTo(email)).toBe(MAX_ATTEMPTS);
    const listed = await app.get('/api/messages?status=dead&limit=100', as(admin));
    expect(listed.body.data.map((message: any) => message.id)).toContain(dead.id);
    expect(listed.body.data.every((message: any) => message.status === 'dead')).toBe(true);
    expect(listed.body.data[0]).not.toHaveProperty('payload');
    expect(smtp.to(email)).toEqual([]);

    smtp.mode = 'accept';
    const retried = await app.post(`/api/messages/${dead.id}/retry`, undefined, as(admin));
    expect(retried.status).toBe(200);
    await smtp.waitFor(email);
    const [sent] = await eventually(
      () => messagesOf(admin, email),
      (messages) => messages[0]?.status === 'sent',
    );
    expect(sent.sentAt).toEqual(expect.any(String));
    expectProblem(await app.post(`/api/messages/${dead.id}/retry`, undefined, as(admin)), 409, 'conflict');
    expect(smtp.to(email)).toHaveLength(1);
  });

  it('answers 404 for retrying an unknown message and 400 for an unknown status', async () => {
    const admin = await app.admin();
    expectProblem(await app.post('/api/messages/999999/retry', undefined, as(admin)), 404, 'not-found');
    expectFieldError(await app.get('/api/messages?status=lost', as(admin)), 'status');
  });

  it('has queued a reset message by the time it answers 202, and answers an unknown address no sooner', async () => {
    const { email } = await register();
    const queued = () =>
      app.database.query<{ n: number | string }>("SELECT COUNT(*) AS n FROM outbox WHERE kind = 'password-reset' AND recipient = ?", [
        email,
      ]);
    const timed = async (address: string) => {
      const started = performance.now();
      const reply = await app.post('/api/auth/password-reset/request', { email: address });
      return { status: reply.status, ms: performance.now() - started };
    };
    const known = await timed(email);
    expect(Number((await queued())[0].n)).toBe(1); // written before the answer, never after it
    const unknown = await timed(`nobody-${randomUUID()}@example.com`);
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(Math.min(known.ms, unknown.ms)).toBeGreaterThanOrEqual(290);
  });

  it('limits password-reset requests per address: 429 with Retry-After once the minute’s budget is spent', async () => {
    const limited = await TestApp.start({ RATE_LIMIT_PASSWORD_RESET: '5' });
    try {
      const ask = (email: string) => limited.post('/api/auth/password-reset/request', { email });
      for (let attempt = 0; attempt < 5; attempt++) expect((await ask(`nobody-${attempt}@example.com`)).status).toBe(202);
      const refused = await ask('nobody@example.com');
      expectProblem(refused, 429, 'rate-limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
