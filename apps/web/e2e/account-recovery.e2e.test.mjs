// Browser tests of account recovery: forgot password → the message → reset → log in, and the link of
// the verification message. The API runs without SMTP_URL, so its messages are .eml files.
// Run after a build: node --test apps/web/e2e/account-recovery.e2e.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { checkA11y, fillLogin, registerViaApi as register, stackForFile, withPage } from './harness.mjs';

const PASSWORD = 'Customer-pass-1';
const NEW_PASSWORD = 'Renewed-pass-2';

const running = stackForFile();
const current = () => running.stack;

/** The link to `route` in the newest message to `address` whose subject matches, once it is written. */
async function linkFrom(address, subject, route) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const files = existsSync(running.stack.mailDir) ? readdirSync(running.stack.mailDir).filter((file) => file.endsWith('.eml')) : [];
    for (const file of files.sort().reverse()) {
      const mail = await simpleParser(readFileSync(join(running.stack.mailDir, file)));
      if (mail.to?.value.some((entry) => entry.address === address) && subject.test(mail.subject ?? '')) {
        const match = new RegExp(`https?://[^\\s]+(${route}\\?token=[\\w-]+)`).exec(mail.text ?? '');
        assert.ok(match, `no ${route} link in ${mail.text}`);
        return match[1];
      }
    }
    if (Date.now() > deadline) throw new Error(`no message "${subject}" to ${address}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('account recovery in the browser', () => {
  test(
    'forgot password: the message, a new password, every old session ended, logging in with it',
    withPage(current, 'forgot-password', async (page) => {
      const customer = await register(running.stack.baseUrl, 'Forgetful', PASSWORD);
      await page.goto('/login');
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
      await checkA11y(page, 'forgot password');
      await page.getByLabel('E-mail').fill(customer.email);
      await page.getByRole('button', { name: 'Send the link' }).click();
      await page.getByRole('status').filter({ hasText: 'is on its way' }).waitFor();

      const link = await linkFrom(customer.email, /Reset your Marquee password/, '/reset-password');
      await page.goto(link);
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await checkA11y(page, 'reset password');
      await page.getByLabel('New password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Save the new password' }).click();
      await page.getByRole('status').filter({ hasText: 'Your password has changed' }).waitFor();

      // The session started before the reset is over.
      const me = await fetch(`${running.stack.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${customer.token}` } });
      assert.equal(me.status, 401);

      // The link works once.
      await page.goto(link);
      await page.getByLabel('New password').fill('Another-pass-3');
      await page.getByRole('button', { name: 'Save the new password' }).click();
      await page.getByRole('alert').filter({ hasText: 'unknown, already used or expired' }).waitFor();

      await page.getByRole('link', { name: 'Ask for a new link' }).click();
      await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
      await page.goto('/login');
      await fillLogin(page, customer.email, NEW_PASSWORD);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    }),
  );

  test(
    'a banner asks an unverified customer to verify, sends the link again, and goes once the link is opened',
    withPage(current, 'verify-banner', async (page) => {
      const customer = await register(running.stack.baseUrl, 'Unverified', PASSWORD);
      await page.goto('/login');
      await fillLogin(page, customer.email, PASSWORD);
      const banner = page.getByRole('complementary', { name: 'E-mail verification' });
      await banner.getByText(`open the link we sent to ${customer.email}`).waitFor();
      await checkA11y(page, 'verify banner');
      await banner.getByRole('button', { name: 'Send the link again' }).click();
      await banner.getByRole('status').filter({ hasText: 'We sent a new link' }).waitFor();
      await page.goto(await linkFrom(customer.email, /Verify your e-mail/, '/verify-email'));
      await page.getByRole('status').filter({ hasText: 'your e-mail address is verified' }).waitFor();
      await banner.waitFor({ state: 'detached' });
    }),
  );

  test(
    'the verification link confirms the address once',
    withPage(current, 'verify-email', async (page) => {
      const customer = await register(running.stack.baseUrl, 'Verifier', PASSWORD);
      assert.equal(customer.user.emailVerified, false);
      const link = await linkFrom(customer.email, /Verify your e-mail/, '/verify-email');
      await page.goto(link);
      await page.getByRole('status').filter({ hasText: 'your e-mail address is verified' }).waitFor();
      await checkA11y(page, 'verify email');
      const me = await fetch(`${running.stack.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${customer.token}` } });
      assert.equal((await me.json()).emailVerified, true);

      await page.goto(link);
      await page.getByRole('alert').filter({ hasText: 'unknown, already used or expired' }).waitFor();
    }),
  );
});
