// Browser test of the API keys section of the profile page: make a key in the UI, copy it, use it
// against the API, revoke it, and the key is refused at once.
// Run after a build: node --test apps/web/e2e/api-keys.e2e.test.mjs
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, checkA11y, loginInUi, registerViaApi, stackForFile, withPage } from './harness.mjs';

const running = stackForFile();
const current = () => running.stack;

/** A request to the API made with `key`, from outside the browser (as an integration would). */
async function withKey(key, path) {
  const response = await fetch(`${running.stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: await response.json() };
}

describe('API keys on the profile page', () => {
  test(
    'make a key with some of one’s permissions, copy it once, use it, revoke it: it is refused at once',
    withPage(current, 'api-keys', async (page, context) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: running.stack.baseUrl });
      await loginInUi(page, ADMIN.email, ADMIN.password);
      await page.goto('/profile');
      const section = page.locator('section', { has: page.getByRole('heading', { name: 'API keys', exact: true }) });
      await section.getByText('No API keys yet').waitFor();
      await checkA11y(page, 'profile-api-keys');

      await section.getByLabel('Key name').fill('Box office sync');
      await section.getByRole('checkbox', { name: /bookings:read:any/ }).check();
      await section.getByRole('button', { name: 'Create key' }).click();

      const shown = section.getByRole('status').filter({ hasText: 'Copy your new key now' });
      await shown.waitFor();
      const key = (await shown.getByLabel('The new API key').textContent()).trim();
      assert.match(key, /^mk_[A-Za-z0-9_-]{43}$/);
      assert.equal(await section.locator('mat-error, .mat-form-field-invalid').count(), 0, 'the emptied form shows no error');
      await shown.getByRole('button', { name: 'Copy' }).click();
      await page.getByText('Key copied').waitFor();
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key);
      await checkA11y(page, 'profile-api-key-shown');

      const listed = section.getByRole('listitem').filter({ hasText: 'Box office sync' });
      await listed.waitFor();
      assert.match(await listed.textContent(), new RegExp(`${key.slice(0, 11)}…`));
      assert.doesNotMatch(await listed.textContent(), new RegExp(key.slice(11)));

      // The key acts as the admin, with only the permission it was given.
      const me = await withKey(key, '/api/auth/me');
      assert.equal(me.status, 200);
      assert.deepEqual([me.body.email, me.body.permissions], [ADMIN.email, ['bookings:read:any']]);
      assert.equal((await withKey(key, '/api/bookings')).status, 200);
      assert.equal((await withKey(key, '/api/users')).status, 403);

      // Shown once: after a reload only its prefix is left, and when it was last used.
      await page.reload();
      await listed.waitFor();
      assert.doesNotMatch(await page.evaluate(() => document.body.innerText), new RegExp(key.slice(11)));
      assert.doesNotMatch(await listed.textContent(), /Last used never/);

      await listed.getByRole('button', { name: 'Revoke Box office sync' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('stops working at once').waitFor();
      await dialog.getByRole('button', { name: 'Revoke key' }).click();
      await page.getByText('Key “Box office sync” revoked').waitFor();
      await section.getByText('No API keys yet').waitFor();

      const refused = await withKey(key, '/api/auth/me');
      assert.equal(refused.status, 401);
      assert.equal(refused.body.type, '/problems/unauthorized');
    }),
  );

  test(
    'a customer makes a key without permissions; a name the API refuses shows beside the field',
    withPage(current, 'api-keys-customer', async (page) => {
      const customer = await registerViaApi(running.stack.baseUrl, 'Keyholder', 'Customer-pass-1');
      await loginInUi(page, customer.email, 'Customer-pass-1');
      await page.goto('/profile');
      const section = page.locator('section', { has: page.getByRole('heading', { name: 'API keys', exact: true }) });
      await section.getByText('acts for you as a customer').waitFor();
      assert.equal(await section.getByRole('checkbox').count(), 0);

      // Zero-width space: printable to the eye, refused by the API.
      await section.getByLabel('Key name').fill('Sync\u200b');
      await section.getByRole('button', { name: 'Create key' }).click();
      const error = section.locator('mat-form-field', { hasText: 'Key name' }).locator('mat-error');
      await error.waitFor();
      assert.match(await error.textContent(), /printable text/);
      await checkA11y(page, 'profile-api-key-error');

      await section.getByLabel('Key name').fill('Calendar sync');
      await section.getByRole('button', { name: 'Create key' }).click();
      const key = (await section.getByLabel('The new API key').textContent()).trim();
      const me = await withKey(key, '/api/auth/me');
      assert.deepEqual([me.status, me.body.id, me.body.permissions], [200, customer.user.id, []]);
      assert.equal((await withKey(key, '/api/bookings')).status, 200);
    }),
  );
});
