// @marquee/sdk against a running server: the integrator's story (examples/integrator.mjs) with every
// webhook also checked by an independent implementation (the standardwebhooks package), and the
// signature check refusing what it must. Run after `npm run build`: npm test -w libs/sdk
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { createMarqueeClient, verifyWebhook, WebhookVerificationError } from '@marquee/sdk';
import { playIntegrator } from '../examples/integrator.mjs';
import { ADMIN, startFreshServer } from './fresh-server.mjs';

let server;
before(async () => {
  server = await startFreshServer();
});
after(async () => {
  await server?.stop();
});

test('an integrator makes a key, books and cancels, and receives both signed webhooks', async () => {
  const { key, hook, booking, created, cancelled } = await playIntegrator({
    baseUrl: server.url,
    email: ADMIN.email,
    password: ADMIN.password,
    log: () => {},
  });
  assert.match(key.key, /^mk_/);
  assert.match(hook.secret, /^whsec_/);
  for (const { request } of [created, cancelled]) {
    // The package verifies what the SDK verified.
    assert.ok(new Webhook(hook.secret).verify(request.body, request.headers));
  }
  assert.equal(created.event.type, 'booking.created');
  assert.equal(created.event.data.id, booking.id);
  assert.equal(cancelled.event.type, 'booking.cancelled');
  assert.equal(cancelled.event.data.status, 'cancelled');

  // The key reads the booking, typed by the contract; without it the API answers 401.
  const marquee = createMarqueeClient({ baseUrl: server.url, apiKey: key.key });
  const read = await marquee.GET('/api/bookings/{id}', { params: { path: { id: booking.id } } });
  assert.equal(read.data?.status, 'cancelled');
  const anonymous = await createMarqueeClient({ baseUrl: server.url }).GET('/api/bookings/{id}', { params: { path: { id: booking.id } } });
  assert.equal(anonymous.response.status, 401);
  assert.equal(anonymous.error?.type, '/problems/unauthorized');
});

test('verifyWebhook refuses a changed body, another secret, a stale timestamp and missing headers', () => {
  const secret = `whsec_${Buffer.from('a secret of at least twenty-four bytes').toString('base64')}`;
  const body = JSON.stringify({ id: 'msg_1', type: 'booking.created', createdAt: new Date().toISOString(), data: { id: 1 } });
  const now = new Date();
  const headers = new Webhook(secret).sign('msg_1', now, body);
  const signed = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': headers };
  assert.equal(verifyWebhook(secret, signed, body).type, 'booking.created');
  assert.throws(() => verifyWebhook(secret, signed, body.replace('"id":1', '"id":2')), WebhookVerificationError);
  assert.throws(
    () => verifyWebhook(`whsec_${Buffer.from('another secret, also long enough').toString('base64')}`, signed, body),
    WebhookVerificationError,
  );
  assert.throws(() => verifyWebhook(secret, signed, body, { now: new Date(now.getTime() + 600_000) }), /tolerance/);
  assert.throws(() => verifyWebhook(secret, { ...signed, 'webhook-signature': undefined }, body), /missing/);
});
