// Browser tests of the admin screens against the real API. Run: npm run test:browser (root).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { ADMIN, api, checkA11y, stackForFile, uniqueEmail, withPage } from './harness.mjs';

const running = stackForFile();
const current = () => running.stack;
const PASSWORD = 'Customer-pass-1';

async function customer(name) {
  const email = uniqueEmail(name.split(' ')[0].toLowerCase());
  const auth = await api(running.stack.baseUrl, 'POST', '/api/auth/register', { body: { name, email, password: PASSWORD } });
  return { email, token: auth.accessToken, user: auth.user };
}

async function service(name, overrides = {}) {
  return api(running.stack.baseUrl, 'POST', '/api/services', {
    token: running.adminToken,
    body: { name, category: 'concert', priceCents: 1500, durationMinutes: 60, capacity: 50, ...overrides },
  });
}

function book(who, serviceId, bookingDate) {
  return api(running.stack.baseUrl, 'POST', '/api/bookings', { token: who.token, body: { serviceId, bookingDate, quantity: 1 } });
}

function dayIso(days) {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function loginAsAdmin(page) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
}

const bookingRows = (page) => page.locator('table[aria-label="Bookings"] tbody tr');

describe('admin services and dashboard', () => {
  test(
    "label categories as the catalogue does, and hold the form to the API's limits",
    withPage(current, 'admin-service-limits', async (page) => {
      const name = `Label check ${Date.now()}`;
      await service(name, { category: 'experience' });
      await loginAsAdmin(page);
      await page.goto(`/admin/services?search=${encodeURIComponent(name)}`);
      const row = page.locator('table[aria-label="Services"] tbody tr', { hasText: name });
      await row.waitFor();
      assert.equal((await row.locator('td').nth(1).textContent()).trim(), 'Experiences');

      await page.goto('/admin/services/new');
      await page.getByRole('combobox', { name: 'Category' }).click();
      await page.getByRole('option', { name: 'Concerts' }).click();
      await page.getByLabel('Name').fill('n'.repeat(121));
      await page.getByLabel('Price per place').fill('1000000.01');
      await page.getByLabel('Capacity per day').fill('100001');
      await page.getByRole('button', { name: 'Save service' }).click();
      await page.getByText('Name can have at most 120 characters.').waitFor();
      await page.getByText('Price must be at most 1000000.').waitFor();
      await page.getByText('Capacity must be at most 100000.').waitFor();
      await checkA11y(page, 'admin-service-form-limits');

      // At the limits the API takes it.
      const atLimit = `${'m'.repeat(100)}${Date.now()}`.slice(0, 120);
      await page.getByLabel('Name').fill(atLimit);
      await page.getByLabel('Price per place').fill('1000000');
      await page.getByLabel('Capacity per day').fill('100000');
      await page.getByRole('button', { name: 'Save service' }).click();
      await page.waitForURL('**/admin/services');
      const saved = await api(running.stack.baseUrl, 'GET', `/api/services?search=${atLimit.slice(-30)}&page=1&limit=5`);
      assert.deepEqual(
        saved.data.map((s) => [s.name, s.category, s.priceCents, s.capacity]),
        [[atLimit, 'concert', 100_000_000, 100_000]],
      );
    }),
  );

  test(
    'an admin uploads a picture with its text alternative, and the service page shows it',
    withPage(current, 'admin-service-picture', async (page) => {
      const stage = await service(`Picture show ${Date.now()}`);
      const png = await sharp({ create: { width: 1200, height: 600, channels: 3, background: '#aa3366' } })
        .png()
        .toBuffer();
      await loginAsAdmin(page);
      await page.goto(`/admin/services/${stage.id}`);
      const file = page.locator('input[type="file"]');
      await page.getByText('No picture yet.').waitFor();

      // The API judges the content, not the name: its problem is shown.
      await file.setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('just some words') });
      await page.getByLabel('Text alternative').fill('The stage');
      await page.getByRole('button', { name: 'Upload picture' }).click();
      await page.getByRole('alert').filter({ hasText: 'must be a JPEG, PNG or WebP picture' }).waitFor();

      await file.setInputFiles({ name: 'stage.png', mimeType: 'image/png', buffer: png });
      await page.getByAltText('Preview of the chosen picture').waitFor();
      await page.getByRole('button', { name: 'Upload picture' }).click();
      await page.getByRole('button', { name: 'Remove picture' }).waitFor();
      assert.equal(await page.getByLabel('Text alternative').inputValue(), 'The stage', 'the current text alternative is kept');
      assert.equal(await file.inputValue(), '', 'the uploaded file is no longer chosen');
      await checkA11y(page, 'admin-service-picture');

      await page.goto(`/services/${stage.id}`);
      const picture = page.getByAltText('The stage');
      await picture.waitFor();
      await page.waitForFunction((alt) => document.querySelector(`img[alt="${alt}"]`)?.complete, 'The stage');
      const shown = await picture.evaluate((img) => ({
        naturalWidth: img.naturalWidth,
        srcset: img.getAttribute('srcset'),
        width: img.getAttribute('width'),
        height: img.getAttribute('height'),
      }));
      assert.ok(shown.naturalWidth > 0, 'the picture did not load');
      assert.match(shown.srcset, /^\/media\/\S+-400\.webp 400w, \/media\/\S+-800\.webp 800w, \/media\/\S+-1600\.webp 1200w$/);
      assert.deepEqual([shown.width, shown.height], ['1200', '600']);

      await page.goto(`/admin/services/${stage.id}`);
      await page.getByRole('button', { name: 'Remove picture' }).click();
      await page.getByText('No picture yet.').waitFor();
      assert.equal((await api(running.stack.baseUrl, 'GET', `/api/services/${stage.id}`)).image, null);
    }),
  );

  test(
    'says "1 booking", not "1 bookings"',
    withPage(current, 'admin-plural', async (page) => {
      const name = `Solo show ${Date.now()}`;
      const solo = await service(name);
      await book(await customer('Lee Solo'), solo.id, dayIso(1));
      await loginAsAdmin(page);
      await page.goto('/admin/dashboard');
      const line = page.locator('ol.top li', { hasText: name }).locator('.muted');
      await line.waitFor();
      assert.match(await line.textContent(), /^1 booking ·/);
    }),
  );
});

describe('admin bookings', () => {
  test(
    'name the customer, filter by service and customer, and keep the filters and page in the URL',
    withPage(current, 'admin-bookings-filters', async (page) => {
      const stamp = Date.now();
      const ferry = await service(`Ferry tour ${stamp}`);
      const tram = await service(`Tram ride ${stamp}`);
      const greta = await customer(`Greta Garbo${stamp}`);
      const hal = await customer(`Hal Hartley${stamp}`);
      for (let day = 1; day <= 21; day++) await book(greta, ferry.id, dayIso(day));
      await book(greta, tram.id, dayIso(3));
      await book(hal, ferry.id, dayIso(2));

      await loginAsAdmin(page);
      await page.goto('/admin/bookings');
      await bookingRows(page).first().waitFor();
      await page.getByLabel('Customer').fill(`HAL hartley${stamp}`);
      const halsRow = bookingRows(page).filter({ hasText: hal.email });
      await halsRow.waitFor();
      await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Bookings"] tbody tr').length === 1);
      assert.match(await halsRow.textContent(), new RegExp(`Hal Hartley${stamp}`), 'the row names the customer');
      await checkA11y(page, 'admin-bookings-customers');

      // By service, then by customer (typing pauses), from the first page.
      await page.getByRole('combobox', { name: 'Service' }).click();
      await page.getByRole('option', { name: ferry.name }).click();
      await page.locator('.mat-mdc-select-panel').waitFor({ state: 'detached' });
      await page.getByLabel('Customer').fill(`greta garbo${stamp}`);
      await page.waitForURL((url) => url.searchParams.get('customer') === `greta garbo${stamp}`);
      await page.getByText('1 – 20 of 21').waitFor();
      assert.equal(await bookingRows(page).filter({ hasText: hal.email }).count(), 0, "Hal's booking is filtered out");
      assert.equal(await bookingRows(page).filter({ hasText: tram.name }).count(), 0, 'the tram booking is filtered out');

      await page.getByRole('button', { name: 'Next page' }).click();
      await page.getByText('21 – 21 of 21').waitFor();
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('service'), String(ferry.id));
      assert.equal(url.searchParams.get('page'), '2');

      // A reload shows the same list: filters in their fields, the second page.
      await page.reload();
      await page.getByText('21 – 21 of 21').waitFor();
      assert.equal(await page.getByLabel('Customer').inputValue(), `greta garbo${stamp}`);
      await page.getByRole('combobox', { name: 'Service' }).filter({ hasText: ferry.name }).waitFor();
      assert.equal(await bookingRows(page).count(), 1);
      assert.match(await bookingRows(page).first().textContent(), new RegExp(dayIso(1)), 'the earliest booking is on the last page');
      assert.match(await bookingRows(page).first().textContent(), new RegExp(greta.email));
    }),
  );

  test(
    'asks before completing a booking',
    withPage(current, 'admin-bookings-complete', async (page) => {
      const show = await service(`Matinee ${Date.now()}`);
      const ida = await customer('Ida Lupino');
      const booking = await book(ida, show.id, dayIso(0));

      await loginAsAdmin(page);
      await page.goto(`/admin/bookings?service=${show.id}`);
      const complete = page.getByRole('button', { name: `Complete booking ${booking.id}` });
      await complete.click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: `Complete booking #${booking.id}?` }).waitFor();
      assert.match(await dialog.textContent(), /1 place \(Ida Lupino\)/);
      await checkA11y(page, 'admin-bookings-complete-dialog');
      await dialog.getByRole('button', { name: 'Not yet' }).click();
      await dialog.waitFor({ state: 'detached' });
      const unchanged = await api(running.stack.baseUrl, 'GET', `/api/bookings/${booking.id}`, { token: running.adminToken });
      assert.equal(unchanged.status, 'confirmed', 'nothing happens without the confirmation');

      await complete.click();
      await page.getByRole('dialog').getByRole('button', { name: 'Complete booking' }).click();
      await page.getByText('Booking completed').waitFor();
      await bookingRows(page).filter({ hasText: 'completed' }).waitFor();
      const completed = await api(running.stack.baseUrl, 'GET', `/api/bookings/${booking.id}`, { token: running.adminToken });
      assert.equal(completed.status, 'completed');
      assert.match(await bookingRows(page).first().textContent(), /Ida Lupino/, 'the row still names the customer');
    }),
  );

  test(
    'the table shows on a phone that it scrolls sideways',
    withPage(
      current,
      'admin-bookings-phone',
      async (page) => {
        const show = await service(`Phone show ${Date.now()}`);
        await book(await customer('Jo Phone'), show.id, dayIso(4));
        await loginAsAdmin(page);
        await page.goto('/admin/bookings');
        await bookingRows(page).first().waitFor();
        const region = page.getByRole('region', { name: 'Bookings' });
        const shadows = () =>
          region.evaluate((element) => {
            const frame = element.parentElement;
            const opacity = (pseudo) => Number(getComputedStyle(frame, pseudo).opacity);
            return { before: opacity('::before'), after: opacity('::after'), overflow: element.scrollWidth - element.clientWidth };
          });
        const pageOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(pageOverflow <= 0, `the page itself does not scroll sideways (overflow ${pageOverflow}px)`);
        const start = await shadows();
        assert.ok(start.overflow > 0, 'the table is wider than the phone');
        await page.waitForFunction(
          () => Number(getComputedStyle(document.querySelector('mq-table-scroll .frame'), '::after').opacity) === 1,
        );
        assert.equal((await shadows()).before, 0, 'no shadow on the left before scrolling');
        await checkA11y(page, 'admin-bookings-phone');

        await region.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
        await page.waitForFunction(() => {
          const frame = document.querySelector('mq-table-scroll .frame');
          return Number(getComputedStyle(frame, '::before').opacity) === 1 && Number(getComputedStyle(frame, '::after').opacity) === 0;
        });
      },
      { viewport: { width: 375, height: 812 } },
    ),
  );
});

describe('admin users', () => {
  test(
    'asks before changing a role, and keeps the role when told no',
    withPage(current, 'admin-role-confirm', async (page) => {
      const kim = await customer('Kim Novak');
      await loginAsAdmin(page);
      await page.goto(`/admin/users?search=${encodeURIComponent(kim.email)}`);
      const select = page.locator(`mat-select[data-user-email="${kim.email}"]`);
      await select.waitFor();
      assert.equal(await page.getByLabel('Search by name or e-mail').inputValue(), kim.email, 'the search comes from the URL');

      await select.click();
      await page.getByRole('option', { name: 'manager' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: 'Make Kim Novak manager?' }).waitFor();
      await checkA11y(page, 'admin-role-confirm');
      await dialog.getByRole('button', { name: 'Keep customer' }).click();
      await dialog.waitFor({ state: 'detached' });
      await select.filter({ hasText: 'customer' }).waitFor();
      const kept = await api(running.stack.baseUrl, 'GET', `/api/users/${kim.user.id}`, { token: running.adminToken });
      assert.equal(kept.role, 'customer');

      await select.click();
      await page.getByRole('option', { name: 'manager' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Make manager' }).click();
      await page.getByText('Kim Novak is now manager').waitFor();
      const changed = await api(running.stack.baseUrl, 'GET', `/api/users/${kim.user.id}`, { token: running.adminToken });
      assert.equal(changed.role, 'manager');
    }),
  );
});
