import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { eventually } from './support/eventually.js';
import { startServer, type RunningServer } from './support/server.js';
import { as, day, expectFieldError, expectProblem, ISO_TIMESTAMP, TestApp, type Session } from './support/test-app.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const TIMEOUT_MS = 500;

/** A datetime(3) value as both databases take it: `YYYY-MM-DD HH:MM:SS.SSS`, UTC. */
const sqlTime = (instant: Date) => instant.toISOString().replace('T', ' ').slice(0, 23);

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's event, when its signature verified with the path's secret (standardwebhooks); undefined otherwise. */
  event?: { id: string; type: string; createdAt: string; data: any };
}

/**
 * An integrator's HTTP server on loopback: every request is kept, and its signature checked with the
 * `standardwebhooks` package and the secret of the endpoint the path belongs to. `mode` says how it answers.
 */
class Receiver {
  mode: 'accept' | 'fail' | 'hang' | 'slow' = 'accept';
  readonly requests: Received[] = [];
  private readonly secrets = new Map<string, string>();
  private paths = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<Receiver> {
    const server = createServer();
    const receiver = new Receiver(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = request.url ?? '';
        const secret = receiver.secrets.get(path);
        let event: Received['event'];
        try {
          if (secret) event = new Webhook(secret).verify(body, request.headers as Record<string, string>) as Received['event'];
        } catch {
          event = undefined;
        }
        receiver.requests.push({ path, headers: request.headers, body, event });
        if (receiver.mode === 'hang' || receiver.mode === 'slow') {
          setTimeout(() => response.end('late'), receiver.mode === 'hang' ? TIMEOUT_MS * 4 : 200).unref();
          return;
        }
        response.statusCode = receiver.mode === 'fail' ? 500 : 200;
        response.end(receiver.mode === 'fail' ? 'receiver broke' : 'thanks');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  /** A new path of this receiver, as a URL. */
  url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/${++this.paths}`;
  }

  /** Verifies what arrives at `url`'s path with `secret`. */
  trust(url: string, secret: string): void {
    this.secrets.set(new URL(url).pathname, secret);
  }

  at(url: string): Received[] {
    return this.requests.filter((request) => request.path === new URL(url).pathname);
  }

  async waitFor(url: string, count: number, timeoutMs = 10_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.at(url).length < count) {
      if (Date.now() > deadline) throw new Error(`${this.at(url).length} of ${count} requests at ${url}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.at(url);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 500));

describe('webhooks: signed deliveries through the outbox', () => {
  let receiver: Receiver;
  let app: TestApp;
  let admin: Session;

  beforeAll(async () => {
    receiver = await Receiver.start();
    app = await TestApp.start({
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS),
      WEBHOOK_POLL_INTERVAL_MS: '100',
    });
    admin = await app.admin();
  });

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  beforeEach(() => {
    receiver.mode = 'accept';
  });

  /** A new endpoint on the receiver for `events`, whose signatures the receiver verifies. */
  const endpoint = async (events: string[], description = 'Test receiver') => {
    const url = receiver.url();
    const reply = await app.post('/api/webhooks', { url, events, description }, as(admin));
    expect(reply.status).toBe(201);
    receiver.trust(url, reply.body.secret);
    return { id: reply.body.id as number, url, secret: reply.body.secret as string };
  };

  const deliveries = async (id: number) => (await app.get(`/api/webhooks/${id}/deliveries?limit=100`, as(admin))).body.data as any[];

  const book = async (customer: Session, serviceId: number, bookingDate = day(1)) => {
    const reply = await app.post('/api/bookings', { serviceId, bookingDate, quantity: 1 }, as(customer));
    expect(reply.status).toBe(201);
    return reply.body;
  };

  /** Makes a delivery due now, as if its wait had passed. */
  const timeTravel = (deliveryId: number) =>
    app.database.query('UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?', [
      sqlTime(new Date(Date.now() - 1000)),
      deliveryId,
    ]);

  it('creates an endpoint with a whsec_ secret shown once, and lists it without', async () => {
    const url = receiver.url();
    const reply = await app.post(
      '/api/webhooks',
      { url, events: ['booking.created', 'service.deleted'], description: 'Bookings' },
      as(admin),
    );
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual({
      id: expect.any(Number),
      url,
      events: ['booking.created', 'service.deleted'],
      description: 'Bookings',
      status: 'active',
      failingSince: null,
      disabledAt: null,
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]+={0,2}$/),
      createdAt: expect.stringMatching(ISO_TIMESTAMP),
      updatedAt: expect.stringMatching(ISO_TIMESTAMP),
    });
    const key = Buffer.from(reply.body.secret.slice('whsec_'.length), 'base64');
    expect(key.length).toBeGreaterThanOrEqual(24);
    expect(key.length).toBeLessThanOrEqual(32);

    const listed = await app.get('/api/webhooks', as(admin));
    expect(listed.status).toBe(200);
    const mine = listed.body.data.find((item: any) => item.id === reply.body.id);
    expect(mine).toEqual({ ...reply.body, secret: undefined });
    expect(JSON.stringify(listed.body)).not.toContain(reply.body.secret);
    expect((await app.get(`/api/webhooks/${reply.body.id}`, as(admin))).body.secret).toBeUndefined();
  });

  it('refuses bad input with a 400 naming the field, writing nothing', async () => {
    const url = receiver.url();
    const cases: [unknown, string][] = [
      [{ url: 'not a url', events: ['booking.created'] }, 'url'],
      [{ url: 'ftp://hooks.example.com/x', events: ['booking.created'] }, 'url'],
      [{ url, events: ['booking.exploded'] }, 'events'],
      [{ url, events: [] }, 'events'],
      [{ url }, 'events'],
      [{ url, events: ['booking.created', 'booking.created'] }, 'events'],
      [{ url, events: ['booking.created'], description: 'x'.repeat(501) }, 'description'],
      [{ url, events: ['booking.created'], secret: 'whsec_mine' }, 'secret'],
    ];
    for (const [body, field] of cases) {
      const reply = await app.expectNothingWritten(() => app.post('/api/webhooks', body, as(admin)), 400, 'validation');
      expectFieldError(reply, field);
    }
    const { id } = await endpoint(['booking.created']);
    await app.expectNothingWritten(() => app.patch(`/api/webhooks/${id}`, { events: [] }, as(admin)), 400, 'validation');
    await app.expectNothingWritten(() => app.patch(`/api/webhooks/${id}`, { url: 'javascript:alert(1)' }, as(admin)), 400, 'validation');
    expectProblem(await app.get('/api/webhooks/999999', as(admin)), 404, 'not-found');
  });

  it('is for webhooks:manage only: a customer gets 403 and writes nothing', async () => {
    const customer = await app.customer();
    const { id } = await endpoint(['booking.created']);
    await app.expectNothingWritten(
      () => app.post('/api/webhooks', { url: receiver.url(), events: ['booking.created'] }, as(customer)),
      403,
      'forbidden',
    );
    expectProblem(await app.get('/api/webhooks', as(customer)), 403, 'forbidden');
    expectProblem(await app.get(`/api/webhooks/${id}/deliveries`, as(customer)), 403, 'forbidden');
    await app.expectNothingWritten(() => app.post(`/api/webhooks/${id}/test`, undefined, as(customer)), 403, 'forbidden');
    await app.expectNothingWritten(() => app.delete(`/api/webhooks/${id}`, as(customer)), 403, 'forbidden');
    expectProblem(await app.get('/api/webhooks'), 401, 'unauthorized');
  });

  it('sends one signed booking.created with the booking JSON, then booking.cancelled, to the subscribed endpoints only', async () => {
    const bookings = await endpoint(['booking.created', 'booking.cancelled']);
    const services = await endpoint(['service.updated']);
    const service = await app.service();
    const customer = await app.customer();

    const booking = await book(customer, service.id);
    const [created] = await receiver.waitFor(bookings.url, 1);
    expect(created.event).toEqual({
      id: expect.stringMatching(/^msg_/),
      type: 'booking.created',
      createdAt: expect.stringMatching(ISO_TIMESTAMP),
      data: booking,
    });
    expect(created.headers['webhook-id']).toBe(created.event?.id);
    expect(created.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(Math.abs(Number(created.headers['webhook-timestamp']) * 1000 - Date.now())).toBeLessThan(MINUTE_MS);
    expect(created.headers['content-type']).toBe('application/json');

    const cancelled = await app.post(`/api/bookings/${booking.id}/cancel`, undefined, as(customer));
    expect(cancelled.status).toBe(200);
    const [, second] = await receiver.waitFor(bookings.url, 2);
    expect(second.event).toEqual(expect.objectContaining({ type: 'booking.cancelled', data: cancelled.body }));
    expect(second.event?.id).not.toBe(created.event?.id);

    await settle();
    expect(receiver.at(bookings.url)).toHaveLength(2);
    expect(receiver.at(services.url)).toHaveLength(0);
    const logged = await eventually(
      () => deliveries(bookings.id),
      (list) => list.every((delivery) => delivery.status === 'delivered'),
    );
    expect(logged.map((delivery) => [delivery.eventType, delivery.status, delivery.attempts, delivery.responseStatus])).toEqual([
      ['booking.cancelled', 'delivered', 1, 200],
      ['booking.created', 'delivered', 1, 200],
    ]);
    expect(logged[1]).toEqual(
      expect.objectContaining({
        nextAttemptAt: null,
        responseExcerpt: 'thanks',
        requestExcerpt: created.body,
        deliveredAt: expect.stringMatching(ISO_TIMESTAMP),
      }),
    );
  });

  it('writes the event in the change’s transaction: a booking refused as sold out sends nothing', async () => {
    const { id, url } = await endpoint(['booking.created']);
    const service = await app.service({ capacity: 1 });
    await book(await app.customer(), service.id);
    await receiver.waitFor(url, 1);
    // The receiver has the request before the dispatcher records its answer: wait for that record.
    const before = await eventually(
      () => deliveries(id),
      (list) => list.length === 1 && list[0].status === 'delivered',
    );
    const refused = await app.post('/api/bookings', { serviceId: service.id, bookingDate: day(1), quantity: 1 }, as(await app.customer()));
    expectProblem(refused, 409, 'sold-out');
    await settle();
    expect(await deliveries(id)).toEqual(before);
    expect(receiver.at(url)).toHaveLength(1);
  });

  it('publishes booking.completed, service.created/updated/deleted, session.cancelled and the bookings cancelled with a session or an account, with the API’s JSON', async () => {
    const { url } = await endpoint([
      'booking.completed',
      'booking.cancelled',
      'service.created',
      'service.updated',
      'service.deleted',
      'session.cancelled',
    ]);
    const created = await app.post(
      '/api/services',
      { name: 'Webhook show', category: 'concert', priceCents: 1500, durationMinutes: 60, capacity: 10 },
      as(admin),
    );
    expect(created.status).toBe(201);
    const updated = await app.patch(`/api/services/${created.body.id}`, { name: 'Webhook show, renamed' }, as(admin));
    expect(updated.status).toBe(200);
    const customer = await app.customer();
    const today = await book(customer, created.body.id, day(0));
    const completed = await app.post(`/api/bookings/${today.id}/complete`, undefined, as(admin));
    expect(completed.status).toBe(200);
    const tomorrow = await book(customer, created.body.id, day(1));
    const cancelled = await app.patch(`/api/sessions/${tomorrow.sessionId}`, { status: 'cancelled' }, as(admin));
    expect(cancelled.status).toBe(200);
    const leaving = await app.customer('Leaving Customer');
    const dropped = await book(leaving, created.body.id, day(2));
    expect((await app.delete(`/api/users/${leaving.id}`, as(leaving))).status).toBe(204);
    expect((await app.delete(`/api/services/${created.body.id}`, as(admin))).status).toBe(204);

    const events = (await receiver.waitFor(url, 7)).map((request) => request.event);
    const byType = (type: string) => events.find((event) => event?.type === type)?.data;
    expect(byType('service.created')).toEqual(created.body);
    expect(byType('service.updated')).toEqual(updated.body);
    expect(byType('booking.completed')).toEqual(completed.body);
    expect(byType('session.cancelled')).toEqual(cancelled.body);
    const cancellations = events.filter((event) => event?.type === 'booking.cancelled').map((event) => event?.data);
    expect(cancellations).toHaveLength(2);
    expect(cancellations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: tomorrow.id, status: 'cancelled' }),
        // With the account of its customer, deleted.
        expect.objectContaining({ id: dropped.id, status: 'cancelled', cancelledAt: expect.stringMatching(ISO_TIMESTAMP) }),
      ]),
    );
    expect(byType('service.deleted')).toEqual(expect.objectContaining({ id: created.body.id, name: 'Webhook show, renamed' }));
    expect(events.every((event) => event !== undefined)).toBe(true);
  });

  it('publishes booking.checked_in with the booking when its ticket is admitted at the door, and nothing for a refused scan', async () => {
    const { url } = await endpoint(['booking.checked_in']);
    const service = await app.service();
    const customer = await app.customer();
    const booking = await book(customer, service.id, day(1));
    const { code } = (await app.get(`/api/bookings/${booking.id}/ticket`, as(customer))).body as { code: string };
    const admitted = await app.post('/api/check-ins', { code }, as(admin));
    expect(admitted.status).toBe(201);
    expectProblem(await app.post('/api/check-ins', { code }, as(admin)), 409, 'already-checked-in');

    const [request] = await receiver.waitFor(url, 1);
    expect(request.event).toEqual(expect.objectContaining({ type: 'booking.checked_in', data: admitted.body.booking }));
    await settle();
    expect(receiver.at(url)).toHaveLength(1);
  });

  it('retries a delivery the receiver failed (500) after a minute, then delivers it; each attempt is counted', async () => {
    const { id, url } = await endpoint(['service.created']);
    receiver.mode = 'fail';
    await app.service();
    const [failed] = await receiver.waitFor(url, 1);
    const [pending] = await eventually(
      () => deliveries(id),
      ([delivery]) => delivery?.attempts === 1 && delivery.status === 'pending',
    );
    expect(pending).toEqual(
      expect.objectContaining({
        status: 'pending',
        attempts: 1,
        responseStatus: 500,
        responseExcerpt: 'receiver broke',
        lastError: 'answered 500',
      }),
    );
    const wait = Date.parse(pending.nextAttemptAt) - Date.parse(pending.updatedAt);
    expect(wait).toBeGreaterThan(0.9 * MINUTE_MS);
    expect(wait).toBeLessThan(1.1 * MINUTE_MS);
    expect((await app.get(`/api/webhooks/${id}`, as(admin))).body.failingSince).toMatch(ISO_TIMESTAMP);

    receiver.mode = 'accept';
    await timeTravel(pending.id);
    const [, retried] = await receiver.waitFor(url, 2);
    expect(retried.headers['webhook-id']).toBe(failed.headers['webhook-id']);
    expect(retried.body).toBe(failed.body);
    expect(retried.event?.type).toBe('service.created');
    const [delivered] = await eventually(
      () => deliveries(id),
      ([delivery]) => delivery.status === 'delivered',
    );
    expect(delivered).toEqual(expect.objectContaining({ attempts: 2, responseStatus: 200, lastError: null, nextAttemptAt: null }));
    expect((await app.get(`/api/webhooks/${id}`, as(admin))).body.failingSince).toBeNull();
  });

  it('retries an attempt that timed out', async () => {
    const { id, url } = await endpoint(['service.created']);
    receiver.mode = 'hang';
    await app.service();
    await receiver.waitFor(url, 1);
    const [pending] = await eventually(
      () => deliveries(id),
      ([delivery]) => delivery?.attempts === 1 && delivery.status === 'pending',
    );
    expect(pending).toEqual(expect.objectContaining({ responseStatus: null, lastError: `timed out after ${TIMEOUT_MS} ms` }));

    receiver.mode = 'accept';
    await timeTravel(pending.id);
    await receiver.waitFor(url, 2);
    await eventually(
      () => deliveries(id),
      ([delivery]) => delivery.status === 'delivered' && delivery.attempts === 2,
    );
  });

  it('sends a test event now and answers its outcome; a failed one is retried by hand', async () => {
    const { id, url } = await endpoint(['booking.created']);
    const ok = await app.post(`/api/webhooks/${id}/test`, undefined, as(admin));
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual(expect.objectContaining({ eventType: 'webhook.test', status: 'delivered', attempts: 1, responseStatus: 200 }));
    const [ping] = receiver.at(url);
    expect(ping.event).toEqual(expect.objectContaining({ type: 'webhook.test', data: expect.objectContaining({ webhookId: id }) }));

    receiver.mode = 'fail';
    const failed = await app.post(`/api/webhooks/${id}/test`, undefined, as(admin));
    expect(failed.body).toEqual(expect.objectContaining({ status: 'failed', attempts: 1, responseStatus: 500, nextAttemptAt: null }));
    expectProblem(await app.post(`/api/webhook-deliveries/${ok.body.id}/retry`, undefined, as(admin)), 409, 'conflict');

    receiver.mode = 'accept';
    const retried = await app.post(`/api/webhook-deliveries/${failed.body.id}/retry`, undefined, as(admin));
    expect(retried.status).toBe(200);
    expect(['pending', 'sending', 'delivered']).toContain(retried.body.status);
    await receiver.waitFor(url, 3);
    const delivery = await eventually(
      async () => (await deliveries(id)).find((item) => item.id === failed.body.id),
      (item) => item.status === 'delivered',
    );
    expect(delivery).toEqual(expect.objectContaining({ attempts: 1, responseStatus: 200 }));
    expectProblem(await app.post('/api/webhook-deliveries/999999/retry', undefined, as(admin)), 404, 'not-found');
  });

  it('disables an endpoint whose deliveries have failed for 5 days, and sends it nothing more', async () => {
    const { id, url } = await endpoint(['service.updated']);
    const service = await app.service();
    await app.database.query('UPDATE webhook_endpoints SET failing_since = ? WHERE id = ?', [
      sqlTime(new Date(Date.now() - 5 * DAY_MS - MINUTE_MS)),
      id,
    ]);
    receiver.mode = 'fail';
    await app.patch(`/api/services/${service.id}`, { name: 'Renamed once' }, as(admin));
    await receiver.waitFor(url, 1);
    const disabled = await eventually(
      async () => (await app.get(`/api/webhooks/${id}`, as(admin))).body,
      (body) => body.status === 'disabled',
    );
    expect(disabled.disabledAt).toMatch(ISO_TIMESTAMP);
    expect((await deliveries(id)).map((delivery) => delivery.status)).toEqual(['failed']);
    const [failed] = await deliveries(id);
    expectProblem(await app.post(`/api/webhook-deliveries/${failed.id}/retry`, undefined, as(admin)), 409, 'conflict');

    receiver.mode = 'accept';
    await app.patch(`/api/services/${service.id}`, { name: 'Renamed twice' }, as(admin));
    await settle();
    expect(receiver.at(url)).toHaveLength(1);
    expect(await deliveries(id)).toHaveLength(1);

    const enabled = await app.patch(`/api/webhooks/${id}`, { enabled: true }, as(admin));
    expect(enabled.body).toEqual(expect.objectContaining({ status: 'active', disabledAt: null, failingSince: null }));
    await app.patch(`/api/services/${service.id}`, { name: 'Renamed thrice' }, as(admin));
    const [, next] = await receiver.waitFor(url, 2);
    expect(next.event?.data.name).toBe('Renamed thrice');
  });

  it('sends nothing more to a deleted endpoint', async () => {
    const { id, url } = await endpoint(['service.created']);
    await app.service();
    await receiver.waitFor(url, 1);
    expect((await app.delete(`/api/webhooks/${id}`, as(admin))).status).toBe(204);
    expectProblem(await app.get(`/api/webhooks/${id}`, as(admin)), 404, 'not-found');
    expectProblem(await app.delete(`/api/webhooks/${id}`, as(admin)), 404, 'not-found');
    await app.service();
    await settle();
    expect(receiver.at(url)).toHaveLength(1);
    const [row] = await app.database.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?', [
      id,
    ]);
    expect(Number(row.n)).toBe(0);
  });
});

describe('webhooks: the SSRF guard', () => {
  let receiver: Receiver;
  let app: TestApp;

  beforeAll(async () => {
    receiver = await Receiver.start();
    app = await TestApp.start({ WEBHOOK_TIMEOUT_MS: String(TIMEOUT_MS), WEBHOOK_POLL_INTERVAL_MS: '100' });
  });

  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('refuses a loopback target at delivery and sends it nothing', async () => {
    const admin = await app.admin();
    const url = receiver.url();
    const created = await app.post('/api/webhooks', { url, events: ['service.created'] }, as(admin));
    expect(created.status).toBe(201);

    const tested = await app.post(`/api/webhooks/${created.body.id}/test`, undefined, as(admin));
    expect(tested.body).toEqual(
      expect.objectContaining({ status: 'failed', responseStatus: null, lastError: 'refused: 127.0.0.1, a loopback address' }),
    );
    await app.service();
    const [pending] = await eventually(
      async () => (await app.get(`/api/webhooks/${created.body.id}/deliveries`, as(admin))).body.data,
      (data: any[]) =>
        data.some((delivery) => delivery.eventType === 'service.created' && delivery.status === 'pending' && delivery.attempts === 1),
    );
    expect(pending).toEqual(
      expect.objectContaining({ status: 'pending', lastError: expect.stringMatching(/^refused: .* loopback address$/) }),
    );
    expect(receiver.requests).toHaveLength(0);
  });
});

describe('webhooks: two API processes on one database', () => {
  let receiver: Receiver;
  let app: TestApp;
  let second: RunningServer;

  beforeAll(async () => {
    receiver = await Receiver.start();
    app = await TestApp.start({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_TIMEOUT_MS: '5000', WEBHOOK_POLL_INTERVAL_MS: '50' });
    second = await startServer(app.env);
  });

  afterAll(async () => {
    await second?.stop();
    await app?.close();
    await receiver?.close();
  });

  it('deliver each event once: a delivery is claimed by one of them', async () => {
    const admin = await app.admin();
    const url = receiver.url();
    const created = await app.post('/api/webhooks', { url, events: ['service.created'] }, as(admin));
    receiver.trust(url, created.body.secret);
    // Slow answers keep one process's round busy while the other polls.
    receiver.mode = 'slow';
    const services = 20;
    for (let index = 0; index < services; index++) {
      const base = index % 2 === 0 ? app.baseUrl : second.baseUrl;
      const reply = await fetch(`${base}/api/services`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Race ${index}`, category: 'concert', priceCents: 100, durationMinutes: 30, capacity: 5 }),
      });
      expect(reply.status).toBe(201);
    }
    const requests = await receiver.waitFor(url, services, 20_000);
    await settle();
    expect(receiver.at(url)).toHaveLength(services);
    expect(new Set(requests.map((request) => request.event?.id)).size).toBe(services);
    const { body } = await app.get(`/api/webhooks/${created.body.id}/deliveries?limit=100`, as(admin));
    expect(body.data.map((delivery: any) => `${delivery.status}/${delivery.attempts}`)).toEqual(Array(services).fill('delivered/1'));
  });
});

describe('webhooks in production', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await TestApp.start({ NODE_ENV: 'production', SMTP_URL: 'smtp://127.0.0.1:9' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('takes https URLs only: http is a 400 naming url, writing nothing', async () => {
    const admin = await app.admin();
    const refused = await app.expectNothingWritten(
      () => app.post('/api/webhooks', { url: 'http://hooks.example.com/marquee', events: ['booking.created'] }, as(admin)),
      400,
      'validation',
    );
    expectFieldError(refused, 'url');
    const created = await app.post('/api/webhooks', { url: 'https://hooks.example.com/marquee', events: ['booking.created'] }, as(admin));
    expect(created.status).toBe(201);
    const patched = await app.expectNothingWritten(
      () => app.patch(`/api/webhooks/${created.body.id}`, { url: 'http://hooks.example.com/other' }, as(admin)),
      400,
      'validation',
    );
    expectFieldError(patched, 'url');
  });
});
