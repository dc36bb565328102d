// An integrator, end to end, with @marquee/sdk: make an API key, register a webhook endpoint, list a
// service's sessions, book, receive the signed booking.created, cancel, receive booking.cancelled.
//   MARQUEE_URL=https://tickets.example.com MARQUEE_EMAIL=… MARQUEE_PASSWORD=… node libs/sdk/examples/integrator.mjs
// The account needs webhooks:manage (an admin's has it). The receiver listens on this machine: the API
// must be allowed to reach it (WEBHOOK_ALLOW_PRIVATE_TARGETS=true for a local server).
// `npm run integrator` runs it against a fresh local server (scripts/integrator.mjs).
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { createMarqueeClient, verifyWebhook } from '@marquee/sdk';

/** Fails with the API's problem when a call did not succeed; answers its data. */
function ok({ data, error, response }, what) {
  if (error !== undefined || !response.ok) throw new Error(`${what}: ${response.status} ${JSON.stringify(error)}`);
  return data;
}

/** A webhook receiver on 127.0.0.1: keeps every request's headers and raw body. */
async function startReceiver() {
  const received = [];
  const waiting = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
      for (const wake of waiting.splice(0)) wake();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/marquee`,
    /** The first request whose event has `type` (checked with the secret), within `timeoutMs`. */
    async next(type, secret, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        for (const request of received) {
          const event = verifyWebhook(secret, request.headers, request.body);
          if (event.type === type) return { event, request };
        }
        if (Date.now() > deadline) throw new Error(`no ${type} webhook within ${timeoutMs} ms`);
        await new Promise((resolve) => {
          waiting.push(resolve);
          setTimeout(resolve, 250);
        });
      }
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** The integrator's whole story; answers what happened, for a test to check. */
export async function playIntegrator({ baseUrl, email, password, log = (line) => process.stdout.write(`${line}\n`) }) {
  // 1. Sign in with the password once, to make the key the integration then uses.
  const signIn = createMarqueeClient({ baseUrl });
  const { accessToken } = ok(await signIn.POST('/api/auth/login', { body: { email, password } }), 'login');
  const made = ok(
    await createMarqueeClient({ baseUrl, apiKey: accessToken }).POST('/api/api-keys', {
      body: { name: 'Integrator example', permissions: ['webhooks:manage', 'bookings:read:any'] },
    }),
    'create the API key',
  );
  log(`API key ${made.prefix}… made (shown once; only its hash is kept)`);
  const marquee = createMarqueeClient({ baseUrl, apiKey: made.key });

  const receiver = await startReceiver();
  try {
    // 2. A webhook endpoint for bookings; its secret verifies the signatures.
    const hook = ok(
      await marquee.POST('/api/webhooks', {
        body: { url: receiver.url, events: ['booking.created', 'booking.cancelled'], description: 'Integrator example' },
      }),
      'register the webhook',
    );
    log(`webhook ${hook.id} → ${receiver.url}`);

    // 3. A service and its sessions over the next week.
    const venue = ok(await marquee.GET('/api/venue'), 'venue');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: venue.timeZone }).format(new Date());
    const inDays = (days) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const services = ok(await marquee.GET('/api/services', { params: { query: { limit: 5, available: 'true' } } }), 'services');
    const service = services.data[0];
    const sessions = ok(
      await marquee.GET('/api/services/{id}/sessions', { params: { path: { id: service.id }, query: { from: inDays(1), to: inDays(7) } } }),
      'sessions',
    );
    const session = sessions.find((candidate) => !candidate.allDay && candidate.remaining > 0);
    log(`${service.name}: ${sessions.length} session(s) in the next week`);

    // 4. Book (a timed session when there is one, else a day), with an Idempotency-Key.
    const booking = ok(
      await marquee.POST('/api/bookings', {
        params: { header: { 'idempotency-key': `integrator-${Date.now()}` } },
        body: session ? { sessionId: session.id, quantity: 1 } : { serviceId: service.id, bookingDate: inDays(1), quantity: 1 },
      }),
      'book',
    );
    log(`booked ${booking.reference} (booking ${booking.id})`);
    const created = await receiver.next('booking.created', hook.secret);
    log(`received booking.created for ${created.event.data.reference}, signature verified`);

    // 5. Cancel, and hear of it.
    const cancelled = ok(await marquee.POST('/api/bookings/{id}/cancel', { params: { path: { id: booking.id } } }), 'cancel');
    const gone = await receiver.next('booking.cancelled', hook.secret);
    log(`cancelled ${cancelled.reference}; received booking.cancelled, signature verified`);
    return { key: made, hook, booking, created, cancelled: gone };
  } finally {
    await receiver.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { MARQUEE_URL, MARQUEE_EMAIL, MARQUEE_PASSWORD } = process.env;
  if (!MARQUEE_URL || !MARQUEE_EMAIL || !MARQUEE_PASSWORD) {
    console.error('Set MARQUEE_URL, MARQUEE_EMAIL and MARQUEE_PASSWORD (or run npm run integrator for a fresh local server).');
    process.exit(2);
  }
  await playIntegrator({ baseUrl: MARQUEE_URL, email: MARQUEE_EMAIL, password: MARQUEE_PASSWORD });
}
