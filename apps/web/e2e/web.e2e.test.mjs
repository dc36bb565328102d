// Browser end-to-end tests of the web app against the real API. Run: npm run test:browser (root).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ADMIN,
  api,
  checkA11y,
  login,
  loginInUi,
  registerViaApi as register,
  screenshot,
  stackForFile,
  uniqueEmail,
  withPage,
} from './harness.mjs';

const running = stackForFile();
const current = () => running.stack;
const PASSWORD = 'Customer-pass-1';

const registerViaApi = (name) => register(running.stack.baseUrl, name, PASSWORD);

/** "Sat 28 Nov 2026", as the app shows a booking date. */
function readableDay(isoDate) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
      .formatToParts(new Date(`${isoDate}T00:00:00Z`))
      .map(({ type, value }) => [type, value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

function tomorrowIso(days = 1) {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('customer', () => {
  test(
    'registers, searches, books, sees the booking and cancels it',
    withPage(current, 'customer-journey', async (page) => {
      const email = uniqueEmail('ada');
      await page.goto('/register');
      await checkA11y(page, 'register');
      await page.getByLabel('Name').fill('Ada Lovelace');
      await page.getByLabel('E-mail').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByTestId('signed-in-as').filter({ hasText: 'Ada Lovelace' }).waitFor();

      // The catalogue: search narrows the list.
      await page.getByRole('heading', { name: 'Find something to do' }).waitFor();
      await page.locator('.grid li').first().waitFor();
      await checkA11y(page, 'catalogue');
      await page.getByLabel('Search').fill('escape');
      await page
        .getByRole('link', { name: /Escape Room/ })
        .first()
        .waitFor();
      await page.waitForFunction(() => [...document.querySelectorAll('.grid li')].every((li) => /escape/i.test(li.textContent ?? '')));
      await page
        .getByRole('link', { name: /Escape Room/ })
        .first()
        .click();

      // The service: pick the first open day, two places, live total, book.
      await page.getByRole('heading', { name: 'Book' }).waitFor();
      await checkA11y(page, 'service-detail');
      const day = page.locator('button.day:not([disabled])').first();
      const bookingDate = await day.getAttribute('data-date');
      await day.click();
      await page.getByRole('spinbutton', { name: 'Places' }).fill('2');
      await page.getByTestId('booking-total').filter({ hasText: '$60.00' }).waitFor();
      // Back and forth: the catalogue keeps its search (it lives in the URL).
      await page.goBack();
      // The page's fields get their values in the render after the one that creates them.
      const search = page.getByLabel('Search');
      await search.waitFor();
      await page.waitForFunction((field) => field.value !== '', await search.elementHandle(), { timeout: 5000 }).catch(() => undefined);
      assert.equal(await search.inputValue(), 'escape');
      await page.goForward();
      await page.locator(`button.day[data-date="${bookingDate}"]`).click();
      await page.getByRole('spinbutton', { name: 'Places' }).fill('2');
      await page.getByTestId('booking-total').filter({ hasText: '$60.00' }).waitFor();
      await page.getByRole('button', { name: 'Book now' }).click();

      // The confirmation page, then my bookings: the booking is there; cancel it after confirming.
      await page.waitForURL(/\/bookings\/\d+\/confirmation$/);
      const bookingId = page.url().match(/\/bookings\/(\d+)\//)[1];
      await page.getByRole('heading', { name: /^You're booked for .*Escape Room/ }).waitFor();
      await page.getByRole('link', { name: 'My bookings' }).first().click();
      await page.waitForURL('**/bookings');
      const row = page.locator(`li.booking[data-booking-id="${bookingId}"]`);
      await row.waitFor();
      assert.equal(await row.getByRole('link').first().textContent(), readableDay(bookingDate));
      assert.match(await row.textContent(), /confirmed/);
      await checkA11y(page, 'my-bookings');
      await row.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('dialog').waitFor();
      // Check the dialog once its opening animation (a fade, which axe would read as low contrast) is over.
      await page.waitForFunction(
        () => document.querySelector('.mat-mdc-dialog-container.mdc-dialog--open:not(.mdc-dialog--opening)') !== null,
      );
      await page.waitForTimeout(300);
      await checkA11y(page, 'cancel-dialog');
      await page.getByRole('button', { name: 'Cancel booking' }).click();
      await row.locator('.status-chip', { hasText: 'cancelled' }).waitFor();

      await page.getByRole('link', { name: 'Profile' }).click();
      await page.getByRole('heading', { name: 'Profile' }).waitFor();
      await checkA11y(page, 'profile');

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.waitForURL('**/login');
      await checkA11y(page, 'login');
    }),
  );

  test(
    'cannot book a sold-out day',
    withPage(current, 'sold-out', async (page) => {
      const service = await api(running.stack.baseUrl, 'POST', '/api/services', {
        token: running.adminToken,
        body: {
          name: `Tiny show ${Date.now()}`,
          category: 'comedy',
          priceCents: 1500,
          durationMinutes: 45,
          capacity: 1,
          description: 'One seat.',
        },
      });
      const other = await registerViaApi('Grace');
      const soldOutDate = tomorrowIso(2);
      await api(running.stack.baseUrl, 'POST', '/api/bookings', {
        token: other.token,
        body: { serviceId: service.id, bookingDate: soldOutDate, quantity: 1 },
      });

      const customer = await registerViaApi('Linus');
      await loginInUi(page, customer.email, PASSWORD);
      await page.goto(`/services/${service.id}`);
      const soldOut = page.locator(`button.day[data-date="${soldOutDate}"]`);
      await soldOut.waitFor();
      assert.equal(await soldOut.isDisabled(), true, 'the sold-out day is disabled');
      assert.match(await soldOut.textContent(), /Sold out/);

      // Another customer takes the last place of an open day while this page is open: 409 is handled.
      const raceDate = tomorrowIso(3);
      await page.locator(`button.day[data-date="${raceDate}"]`).click();
      await api(running.stack.baseUrl, 'POST', '/api/bookings', {
        token: other.token,
        body: { serviceId: service.id, bookingDate: raceDate, quantity: 1 },
      });
      await page.getByRole('button', { name: 'Book now' }).click();
      await page
        .getByTestId('booking-error')
        .filter({ hasText: /sold out/i })
        .waitFor();
      await page.locator(`button.day[data-date="${raceDate}"][disabled]`).waitFor();
      await checkA11y(page, 'service-detail-sold-out');
    }),
  );

  test(
    'shows the API field errors beside the fields',
    withPage(current, 'field-errors', async (page) => {
      const existing = await registerViaApi('Taken');
      await page.goto('/register');
      await page.getByLabel('Name').fill('Someone');
      await page.getByLabel('E-mail').fill(existing.email);
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.locator('mat-form-field', { hasText: 'E-mail' }).locator('mat-error').waitFor();
      await checkA11y(page, 'register-errors');
    }),
  );

  test(
    'changes the profile name and shows a wrong current password beside the field',
    withPage(current, 'profile', async (page) => {
      const customer = await registerViaApi('Profiled');
      await loginInUi(page, customer.email, PASSWORD);
      await page.goto('/profile');
      const details = page.locator('section', { has: page.getByRole('heading', { name: 'Your details' }) });
      await details.getByLabel('Name').fill('Profiled Renamed');
      await details.getByRole('button', { name: 'Save details' }).click();
      await page.getByTestId('signed-in-as').filter({ hasText: 'Profiled Renamed' }).waitFor();

      const password = page.locator('section', { has: page.getByRole('heading', { name: 'Change password' }) });
      await password.getByLabel('Current password', { exact: true }).fill('Not-my-password-1');
      await password.getByLabel('New password', { exact: true }).fill('Another-pass-2');
      await password.getByLabel('Repeat the new password').fill('Another-pass-2');
      await password.getByRole('button', { name: 'Change password' }).click();
      await password.locator('mat-form-field', { hasText: 'Current password' }).locator('mat-error').waitFor();
      await checkA11y(page, 'profile-errors');
    }),
  );

  test(
    'refreshes an expired access token once, silently',
    withPage(current, 'silent-refresh', async (page) => {
      const customer = await registerViaApi('Refresh');
      await loginInUi(page, customer.email, PASSWORD);
      // Spoil the access token; the refresh token still works.
      await page.evaluate(() => {
        const session = JSON.parse(localStorage.getItem('marquee.session'));
        session.accessToken = 'expired.token.value';
        localStorage.setItem('marquee.session', JSON.stringify(session));
      });
      await page.goto('/bookings');
      await page.getByRole('heading', { name: 'My bookings' }).waitFor();
      await page.getByText('No upcoming bookings').waitFor();
      // Both tokens spoiled: back to the login page, the return URL kept.
      await page.evaluate(() => localStorage.setItem('marquee.session', JSON.stringify({ accessToken: 'x.y.z', refreshToken: 'nope' })));
      await page.goto('/profile');
      await page.waitForURL(/\/login\?returnUrl=%2Fprofile/);
    }),
  );

  test(
    'is turned away from admin URLs',
    withPage(current, 'customer-admin-url', async (page) => {
      await page.goto('/admin/users');
      await page.waitForURL(/\/login\?returnUrl=%2Fadmin%2Fusers/);
      const customer = await registerViaApi('Curious');
      await loginInUi(page, customer.email, PASSWORD);
      assert.equal(await page.getByRole('link', { name: 'Admin' }).count(), 0, 'no Admin link for a customer');
      for (const path of ['/admin', '/admin/users', '/admin/roles', '/admin/services/new']) {
        await page.goto(path);
        await page.waitForURL('**/forbidden');
        await page.getByTestId('forbidden').waitFor();
      }
      await checkA11y(page, 'forbidden');
    }),
  );

  test(
    'works on a 375 px wide phone',
    withPage(
      current,
      'phone',
      async (page) => {
        await page.goto('/');
        await page.locator('.grid li').first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
        await page.getByRole('button', { name: 'Open navigation menu' }).click();
        await page.getByRole('navigation', { name: 'Navigation menu' }).getByRole('link', { name: 'Log in' }).click();
        await page.waitForURL('**/login');
        await checkA11y(page, 'login-phone');
        await page.goto('/services/1');
        await page.getByRole('heading', { name: 'Book' }).waitFor();
        const detailOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(detailOverflow <= 0, `no horizontal scrolling on the service page (overflow ${detailOverflow}px)`);
        await screenshot(page, 'phone-service-detail');
      },
      { viewport: { width: 375, height: 812 } },
    ),
  );
});

describe('admin', () => {
  test(
    'creates a service that appears in the catalogue, changes a user role, sees the dashboard',
    withPage(current, 'admin-journey', async (page) => {
      const customer = await registerViaApi('Promoted');
      // Revenue in two currencies: the dashboard shows each on its own, never their sum.
      for (const [currency, priceCents] of [
        ['EUR', 1234],
        ['USD', 4321],
      ]) {
        const body = {
          name: `Priced in ${currency} ${Date.now()}`,
          category: 'concert',
          priceCents,
          currency,
          durationMinutes: 60,
          capacity: 10,
        };
        const service = await api(running.stack.baseUrl, 'POST', '/api/services', { token: running.adminToken, body });
        const booking = { serviceId: service.id, bookingDate: tomorrowIso(), quantity: 1 };
        await api(running.stack.baseUrl, 'POST', '/api/bookings', { token: customer.token, body: booking });
      }
      await loginInUi(page, ADMIN.email, ADMIN.password);
      await page.getByRole('link', { name: 'Admin' }).click();
      await page.waitForURL('**/admin/dashboard');
      await page.getByTestId('total-bookings').waitFor();
      await page.getByRole('img', { name: /Bar chart of bookings per day/ }).waitFor();
      const revenue = (await page.getByTestId('revenue').locator('strong').allTextContents()).map((text) => text.trim());
      assert.equal(revenue[0], '€12.34', revenue.join(' | '));
      assert.equal(revenue.length, 2, revenue.join(' | '));
      assert.match(revenue[1], /^\$[\d,]+\.\d\d$/);
      await checkA11y(page, 'admin-dashboard');

      // Services: create one.
      const name = `Midnight Jazz ${Date.now()}`;
      await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Services' }).click();
      await page.locator('table[aria-label="Services"]').waitFor();
      await checkA11y(page, 'admin-services');
      await page.getByRole('link', { name: 'New service' }).click();
      await page.getByLabel('Name').fill(name);
      await page.getByLabel('Description').fill('Late-night quartet in the basement club.');
      await page.getByRole('combobox', { name: 'Category' }).click();
      await page.getByRole('option', { name: 'Concerts' }).click();
      await page.getByLabel('Price per place').fill('25');
      await page.getByLabel('Capacity per day').fill('40');
      await page.getByLabel('Location').fill('Blue Room');
      await checkA11y(page, 'admin-service-form');
      await page.getByRole('button', { name: 'Save service' }).click();
      await page.waitForURL('**/admin/services');

      // It is in the public catalogue.
      await page.getByRole('link', { name: 'Catalogue' }).first().click();
      await page.getByLabel('Search').fill('Midnight Jazz');
      await page.getByRole('link', { name }).waitFor();

      // Users: make the customer a manager.
      await page.goto('/admin/users');
      await page.getByLabel('Search by name or e-mail').fill(customer.email);
      const select = page.locator(`mat-select[data-user-email="${customer.email}"]`);
      await select.waitFor();
      await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Users"] tbody tr').length === 1);
      await checkA11y(page, 'admin-users');
      await select.click();
      await page.getByRole('option', { name: 'manager' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Make manager' }).click();
      await page.getByText(/is now manager/).waitFor();
      const user = await api(running.stack.baseUrl, 'GET', `/api/users/${customer.user.id}`, {
        token: running.adminToken,
      });
      assert.equal(user.role, 'manager');

      // Services: edit the new one, then delete it; it leaves the catalogue.
      await page.goto('/admin/services');
      await page.getByLabel('Search services').fill(name);
      await page.getByRole('link', { name: `Edit ${name}` }).click();
      await page.getByLabel('Price per place').waitFor();
      await page.waitForFunction(() => document.querySelector('input[formcontrolname="price"]')?.value === '25');
      await page.getByLabel('Price per place').fill('27.5');
      await page.getByRole('button', { name: 'Save service' }).click();
      await page.waitForURL('**/admin/services');
      await page.getByLabel('Search services').fill(name);
      await page.getByRole('cell', { name: '$27.50' }).waitFor();
      await page.getByRole('button', { name: `Delete ${name}` }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
      await page.getByText(`${name} deleted`).waitFor();
      const catalogue = await api(running.stack.baseUrl, 'GET', `/api/services?search=${encodeURIComponent(name)}&page=1&limit=5`);
      assert.equal(catalogue.meta.total, 0, 'the deleted service left the catalogue');

      // Bookings and roles screens.
      await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Bookings' }).click();
      await page.getByRole('heading', { name: 'Bookings' }).waitFor();
      await page.locator('table[aria-label="Bookings"], mq-empty').first().waitFor();
      await checkA11y(page, 'admin-bookings');
      await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Roles' }).click();
      await page.locator('table[aria-label="Permission matrix"]').waitFor();
      await checkA11y(page, 'admin-roles');
    }),
  );

  test(
    'sees a capacity change in the audit log and filters it by action',
    withPage(current, 'admin-audit', async (page) => {
      const admin = await login(running.stack.baseUrl, ADMIN.email, ADMIN.password);
      const service = await api(running.stack.baseUrl, 'POST', '/api/services', {
        token: admin.accessToken,
        body: { name: `Audited show ${Date.now()}`, category: 'theatre', priceCents: 2000, durationMinutes: 60, capacity: 40 },
      });
      await api(running.stack.baseUrl, 'PATCH', `/api/services/${service.id}`, { token: admin.accessToken, body: { capacity: 60 } });

      await loginInUi(page, ADMIN.email, ADMIN.password);
      await page.getByRole('link', { name: 'Admin' }).click();
      await page.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Audit log' }).click();
      await page.waitForURL('**/admin/audit');
      assert.equal(await page.title(), 'Audit log · Marquee admin');
      const table = page.locator('table[aria-label="Audit log"]');
      const target = `service #${service.id}`;
      const changed = table.locator('tbody tr', { hasText: target }).filter({ hasText: 'capacity: 40 → 60' });
      await changed.waitFor();
      assert.match(await changed.textContent(), /service\.capacity-changed/);
      assert.match(await changed.textContent(), new RegExp(`#${admin.user.id}\\b`), 'names the acting admin');
      await table.locator('tbody tr', { hasText: target }).filter({ hasText: 'service.created' }).waitFor();
      await checkA11y(page, 'admin-audit');

      // Filtered by action: only capacity changes are left, the creation is gone.
      await page.getByRole('combobox', { name: 'Action' }).click();
      await page.getByRole('option', { name: 'service.capacity-changed', exact: true }).click();
      // The panel closes with an animation; opening the select again before it has gone toggles it shut.
      await page.locator('.mat-mdc-select-panel').waitFor({ state: 'detached' });
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('table[aria-label="Audit log"] tbody tr')];
        return rows.length > 0 && rows.every((row) => row.textContent?.includes('service.capacity-changed'));
      });
      await changed.waitFor();
      assert.equal(await table.locator('tbody tr', { hasText: 'service.created' }).count(), 0);
      await page.getByLabel('Target id').fill(String(service.id));
      await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Audit log"] tbody tr').length === 1);
      await changed.waitFor();

      // An action this service never had: the empty state.
      await page.getByRole('combobox', { name: 'Action' }).click();
      await page.getByRole('option', { name: 'service.deleted', exact: true }).click();
      await page.getByText('No staff actions match these filters').waitFor();
      await page.locator('.mat-mdc-select-panel').waitFor({ state: 'detached' });
      await checkA11y(page, 'admin-audit-empty');
    }),
  );

  test(
    'a manager does not see the audit log',
    withPage(current, 'manager-no-audit', async (page) => {
      const manager = await registerViaApi('Manager');
      await api(running.stack.baseUrl, 'PATCH', `/api/users/${manager.user.id}`, { token: running.adminToken, body: { role: 'manager' } });
      await loginInUi(page, manager.email, PASSWORD);
      await page.getByRole('link', { name: 'Admin' }).click();
      await page.waitForURL('**/admin/dashboard');
      const sections = page.getByRole('navigation', { name: 'Admin sections' });
      await sections.getByRole('link', { name: 'Bookings' }).waitFor();
      assert.equal(await sections.getByRole('link', { name: 'Audit log' }).count(), 0, 'no Audit log section for a manager');
      await page.goto('/admin/audit');
      await page.waitForURL('**/forbidden');
      await page.getByTestId('forbidden').waitFor();
    }),
  );
});
