// Browser test of the admin's webhooks screen against the real API and a receiver on loopback.
// Run: npm run build && node --test apps/web/e2e/admin-webhooks.e2e.test.mjs
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { ADMIN, api, checkA11y, loginInUi, stackForFile, withPage } from './harness.mjs';

// The receiver is on loopback, which the API refuses unless told otherwise.
const running = stackForFile({ env: { WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' } });
const current = () => running.stack;
/** What the receiver got, and how it answers next. */
const received = [];
let answer = 200;
let receiver;

before(async () => {
  receiver = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = answer;
      response.end(answer === 200 ? 'ok' : 'down');
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
});

after(async () => {
  receiver?.closeAllConnections();
  await new Promise((resolve) => receiver?.close(resolve));
});

describe('admin webhooks', () => {
  test(
    'an admin adds an endpoint, copies its secret once, sends a test event and retries a failed delivery',
    withPage(current, 'admin-webhooks', async (page) => {
      const url = `http://127.0.0.1:${receiver.address().port}/marquee`;
      await loginInUi(page, ADMIN.email, ADMIN.password);
      await page.goto('/admin');
      await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Webhooks' }).click();
      await page.waitForURL('**/admin/webhooks');
      assert.equal(await page.title(), 'Webhooks · Marquee admin');
      await page.getByText('No webhooks yet').waitFor();

      // No event chosen: said, nothing created.
      await page.getByLabel('URL').fill(url);
      await page.getByLabel('Description').fill('Loopback receiver');
      await page.getByRole('button', { name: 'Create webhook' }).click();
      await page.getByRole('alert').filter({ hasText: 'Choose at least one event' }).waitFor();
      assert.equal((await api(running.stack.baseUrl, 'GET', '/api/webhooks', { token: running.adminToken })).meta.total, 0);

      await page.getByRole('checkbox', { name: 'service.created' }).check();
      await page.getByRole('button', { name: 'Create webhook' }).click();
      const secret = (await page.getByTestId('webhook-secret').textContent()).trim();
      assert.match(secret, /^whsec_[A-Za-z0-9+/]+=*$/);
      await checkA11y(page, 'admin-webhooks-created');
      await page.getByRole('button', { name: 'Copy' }).click();
      await page
        .locator('.mat-mdc-snack-bar-container')
        .filter({ hasText: /Secret copied|Copying failed/ })
        .waitFor();
      const endpoints = page.locator('table[aria-label="Webhook endpoints"] tbody tr');
      await endpoints.filter({ hasText: url }).filter({ hasText: 'service.created' }).filter({ hasText: 'active' }).waitFor();
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByTestId('webhook-secret').waitFor({ state: 'detached' });

      // A test event, delivered now and signed with the secret shown.
      await page.getByRole('button', { name: `Send a test event to ${url}` }).click();
      await page.locator('.mat-mdc-snack-bar-container').filter({ hasText: 'Test event delivered (200)' }).waitFor();
      const deliveries = page.locator('table[aria-label="Deliveries"] tbody tr');
      await deliveries.filter({ hasText: 'webhook.test' }).filter({ hasText: 'delivered' }).waitFor();
      const [ping] = received;
      assert.equal(new Webhook(secret).verify(ping.body, ping.headers).type, 'webhook.test');

      // The receiver fails a test event: the failure is shown, and a retry once it is back delivers it.
      answer = 500;
      await page.getByRole('button', { name: `Send a test event to ${url}` }).click();
      await page.locator('.mat-mdc-snack-bar-container').filter({ hasText: 'Test event failed: answered 500' }).waitFor();
      const failed = deliveries.filter({ hasText: 'failed' });
      await failed.waitFor();
      answer = 200;
      await failed.getByRole('button', { name: /^Retry delivery / }).click();
      await page.locator('.mat-mdc-snack-bar-container').filter({ hasText: 'Delivery queued again' }).waitFor();
      const [endpoint] = (await api(running.stack.baseUrl, 'GET', '/api/webhooks', { token: running.adminToken })).data;
      for (let tries = 0; ; tries++) {
        const { data } = await api(running.stack.baseUrl, 'GET', `/api/webhooks/${endpoint.id}/deliveries`, { token: running.adminToken });
        if (data.every((delivery) => delivery.status === 'delivered')) break;
        assert.ok(tries < 50, `not delivered: ${JSON.stringify(data)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.equal(received.length, 3);
      await page.getByRole('button', { name: `Deliveries of ${url}` }).click();
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('table[aria-label="Deliveries"] tbody tr')];
        return rows.length === 2 && rows.every((row) => row.textContent.includes('delivered'));
      });
      await checkA11y(page, 'admin-webhooks-deliveries');
    }),
  );
});
