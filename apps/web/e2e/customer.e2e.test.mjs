// Browser tests of the customer's screens: booking across logging in, the strip of days, times and ticket types, the
// confirmation page, dates, my bookings, the profile forms, and the catalogue's filters and pictures.
// Run after a build: node --test apps/web/e2e/customer.e2e.test.mjs
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import sharp from 'sharp';
import { api, checkA11y, fillLogin, login, loginInUi, registerViaApi as register, stackForFile, withPage } from './harness.mjs';

// A venue whose calendar date is not UTC's for most of the day (UTC+14), so dates and times in
// the venue's zone differ from the browser's and the server's.
const VENUE_TIMEZONE = 'Pacific/Kiritimati';
const PASSWORD = 'Customer-pass-1';
const PHONE = { viewport: { width: 375, height: 812 } };

const running = stackForFile({ env: { VENUE_TIMEZONE } });
const current = () => running.stack;

async function createService(overrides = {}) {
  return api(running.stack.baseUrl, 'POST', '/api/services', {
    token: running.adminToken,
    body: {
      name: `Lantern walk ${Date.now()}`,
      category: 'experience',
      priceCents: 1500,
      durationMinutes: 60,
      capacity: 20,
      description: 'A walk by lantern light.',
      ...overrides,
    },
  });
}

const registerViaApi = (name) => register(running.stack.baseUrl, name, PASSWORD);

/** Today at the venue, plus `days`. */
function venueDay(days = 0) {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: VENUE_TIMEZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** "Sat 28 Nov 2026" (and ", 14:05" with a time zone for a moment). */
function readable(date, timeZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: timeZone ?? 'UTC',
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      ...(timeZone ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    })
      .formatToParts(typeof date === 'string' ? new Date(`${date}T00:00:00Z`) : date)
      .map(({ type, value }) => [type, value]),
  );
  const day = `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
  return timeZone ? `${day}, ${parts.hour}:${parts.minute}` : day;
}

/** The ticket lines shown within `scope`: "Adult × 2 at $20.00", … */
const lines = async (scope) => (await scope.getByTestId('ticket-line').allTextContents()).map((text) => text.replace(/\s+/g, ' ').trim());

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe('booking', () => {
  test(
    'keeps the chosen day and places through logging in',
    withPage(current, 'booking-login-detour', async (page) => {
      const service = await createService();
      const customer = await registerViaApi('Detour');
      const date = venueDay(4);
      await page.goto(`/services/${service.id}`);
      await page.locator(`button.day[data-date="${date}"]`).click();
      await page.getByRole('spinbutton', { name: 'Places' }).fill('3');
      await page.getByTestId('booking-total').filter({ hasText: '$45.00' }).waitFor();
      await page.getByRole('link', { name: 'Log in to book' }).click();
      await page.waitForURL('**/login?**');
      await fillLogin(page, customer.email, PASSWORD);

      await page.waitForURL(`**/services/${service.id}?**`);
      const day = page.locator(`button.day[data-date="${date}"]`);
      await page.waitForFunction(
        (d) => document.querySelector(`button.day[data-date="${d}"]`)?.getAttribute('aria-checked') === 'true',
        date,
      );
      assert.equal(await day.getAttribute('aria-checked'), 'true', 'the same day is chosen');
      assert.equal(await page.getByRole('spinbutton', { name: 'Places' }).inputValue(), '3', 'the same number of places');
      await page.getByTestId('booking-total').filter({ hasText: '$45.00' }).waitFor();
      await page.getByRole('button', { name: 'Book now' }).waitFor();
    }),
  );

  test(
    'a quantity over the limit shows one message and no total',
    withPage(current, 'booking-over-limit', async (page) => {
      const service = await createService({ capacity: 5 });
      await page.goto(`/services/${service.id}`);
      await page.locator(`button.day[data-date="${venueDay(2)}"]`).click();
      await page.getByRole('spinbutton', { name: 'Places' }).fill('11');
      const booking = page.locator('section.booking');
      const messages = booking.locator('.field .error, .field-error, .form-alert');
      await messages.first().waitFor();
      await page.waitForTimeout(300);
      const shown = (await messages.allTextContents()).map((text) => text.trim());
      assert.deepEqual(shown, ['Enter a number from 1 to 10.'], 'one message');
      assert.equal((await page.getByTestId('booking-total').textContent()).trim(), '—', 'no total');

      // Within the limit but beyond what is left: that message alone, still no total to book.
      await page.getByRole('spinbutton', { name: 'Places' }).fill('6');
      await booking.locator('.field-error', { hasText: 'Only 5 places left that day.' }).waitFor();
      assert.equal(await booking.locator('.field .error').count(), 0, 'the number itself is right');
      await checkA11y(page, 'service-detail-over-limit');
    }),
  );

  test(
    'the strip of 30 days shows that it scrolls, and scrolls with its arrows',
    withPage(current, 'booking-strip', async (page) => {
      const service = await createService();
      await page.goto(`/services/${service.id}`);
      const earlier = page.getByRole('button', { name: 'Earlier days' });
      const later = page.getByRole('button', { name: 'Later days' });
      await later.waitFor();
      assert.equal(await earlier.isDisabled(), true, 'nothing earlier at first');
      assert.equal(await later.isDisabled(), false, 'later days to scroll to');
      await page.locator('.strip-frame.more-after').waitFor();
      const first = venueDay(0);
      assert.equal(await page.locator('button.day').first().getAttribute('data-date'), first, 'the strip starts on the venue’s today');
      assert.equal(await page.locator('button.day').first().getAttribute('aria-label'), `${readable(first)}: 20 places left`);
      await later.click();
      await page.waitForFunction(() => (document.querySelector('.strip')?.scrollLeft ?? 0) > 100);
      await page.waitForFunction(() => !document.querySelector('button[aria-label="Earlier days"]')?.disabled);
      await checkA11y(page, 'service-detail-strip');
      // To the end: the last day shows and "later" is spent.
      for (let i = 0; i < 12 && !(await later.isDisabled()); i++) {
        await later.click();
        await page.waitForTimeout(400);
      }
      assert.equal(await later.isDisabled(), true);
      assert.ok(await page.locator(`button.day[data-date="${venueDay(29)}"]`).isVisible());
    }),
  );

  test(
    'books and lands on a confirmation page with the booking’s details and notes',
    withPage(current, 'booking-confirmation', async (page) => {
      const service = await createService({ name: `Harbour cruise ${Date.now()}`, priceCents: 2250 });
      const customer = await registerViaApi('Booker');
      await loginInUi(page, customer.email, PASSWORD);
      const date = venueDay(6);
      await page.goto(`/services/${service.id}`);
      await page.locator(`button.day[data-date="${date}"]`).click();
      await page.getByRole('spinbutton', { name: 'Places' }).fill('2');
      await page.getByLabel('Notes (optional)').fill('Two vegetarian meals, please.');
      await page
        .getByTestId('chosen-day')
        .filter({ hasText: `${readable(date)} · 20 of 20 places left` })
        .waitFor({ timeout: 5000 });
      const before = new Date();
      await page.getByRole('button', { name: 'Book now' }).click();

      await page.waitForURL(/\/bookings\/\d+\/confirmation$/);
      const id = Number(page.url().match(/\/bookings\/(\d+)\//)[1]);
      await page.getByRole('heading', { name: `You're booked for ${service.name}` }).waitFor();
      assert.equal((await page.getByTestId('booking-when').textContent()).trim(), `${readable(date)} · All day`);
      assert.deepEqual(await lines(page.getByTestId('booking-tickets')), ['Standard × 2 at $22.50']);
      assert.equal((await page.getByTestId('booking-total').textContent()).trim(), '$45.00');
      assert.equal((await page.getByTestId('booking-notes').textContent()).trim(), 'Two vegetarian meals, please.');
      const details = await page.getByTestId('booking-details').textContent();
      const { reference } = await api(running.stack.baseUrl, 'GET', `/api/bookings/${id}`, { token: customer.token });
      assert.equal((await page.getByTestId('booking-reference').textContent()).trim(), reference);
      // When it was booked, on the venue's clock.
      const after = new Date();
      const times = new Set([readable(before, VENUE_TIMEZONE), readable(after, VENUE_TIMEZONE)]);
      assert.ok(
        [...times].some((time) => details.includes(time)),
        `one of ${[...times].join(' / ')} in ${details}`,
      );
      assert.equal(await page.locator('.mat-mdc-snack-bar-container').count(), 0, 'no toast');
      await checkA11y(page, 'booking-confirmation');

      // The booking is the API's, and my bookings links to the same page.
      const booking = await api(running.stack.baseUrl, 'GET', `/api/bookings/${id}`, { token: customer.token });
      assert.deepEqual([booking.bookingDate, booking.quantity, booking.notes], [date, 2, 'Two vegetarian meals, please.']);
      await page.getByRole('link', { name: 'My bookings' }).first().click();
      await page.waitForURL('**/bookings');
      await page
        .locator(`li.booking[data-booking-id="${id}"]`)
        .getByRole('link', { name: readable(date) })
        .click();
      await page.waitForURL(`**/bookings/${id}/confirmation`);
    }),
  );
});

describe('a service with timed sessions and ticket types', () => {
  /** "Sun 29 Nov, 19:30": a session's start as the catalogue shows it. */
  const shortStart = (date, time) => `${readable(date).split(' ').slice(0, 3).join(' ')}, ${time}`;

  /**
   * Made by the admin through the API: Adult ($20.00, the default type renamed) and Child ($8.00), and a
   * weekly schedule at 10:00 and 19:30 on the weekday of `date`; the 10:00 session there is sold out.
   */
  async function timedService(date) {
    const service = await createService({ name: `Night tour ${Date.now()}`, priceCents: 2000, capacity: 20 });
    const [standard] = await api(running.stack.baseUrl, 'GET', `/api/services/${service.id}/ticket-types`);
    await api(running.stack.baseUrl, 'PATCH', `/api/ticket-types/${standard.id}`, { token: running.adminToken, body: { name: 'Adult' } });
    await api(running.stack.baseUrl, 'POST', `/api/services/${service.id}/ticket-types`, {
      token: running.adminToken,
      body: { name: 'Child', priceCents: 800 },
    });
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
    await api(running.stack.baseUrl, 'POST', `/api/services/${service.id}/schedules`, {
      token: running.adminToken,
      body: { weekdays: [weekday], times: ['10:00', '19:30'], startsOn: venueDay(0) },
    });
    const sessions = await api(running.stack.baseUrl, 'GET', `/api/services/${service.id}/sessions?from=${date}&to=${date}`);
    const [morning, evening] = sessions;
    assert.deepEqual(
      sessions.map((session) => session.localTime),
      ['10:00', '19:30'],
    );
    await api(running.stack.baseUrl, 'PATCH', `/api/sessions/${morning.id}`, { token: running.adminToken, body: { capacity: 2 } });
    const other = await registerViaApi('Earlybird');
    await api(running.stack.baseUrl, 'POST', '/api/bookings', { token: other.token, body: { sessionId: morning.id, quantity: 2 } });
    return { service, morning, evening };
  }

  test(
    'books a time with two ticket types across logging in; confirmation, my bookings and the catalogue show it',
    withPage(current, 'booking-timed', async (page) => {
      const date = venueDay(3);
      const { service, morning, evening } = await timedService(date);
      const customer = await registerViaApi('Nightowl');

      // The catalogue's card says when the next session with places left starts, on the venue's clock.
      await page.goto(`/?q=${encodeURIComponent(service.name)}`);
      const card = page.locator('.grid li', { hasText: service.name });
      await card
        .getByTestId('next-session')
        .filter({ hasText: `Next: ${shortStart(date, '19:30')}` })
        .waitFor();

      await page.goto(`/services/${service.id}`);
      await page.getByText('Choose a day to see its times.').waitFor();
      await page.locator(`button.day[data-date="${date}"]`).click();
      const sold = page.locator(`button.time[data-session-id="${morning.id}"]`);
      await sold.waitFor();
      assert.equal(await sold.isDisabled(), true, 'the sold-out time cannot be chosen');
      assert.equal((await sold.getAttribute('aria-label')).trim(), '10:00: sold out');
      assert.match(await sold.textContent(), /Sold out/);
      const time = page.locator(`button.time[data-session-id="${evening.id}"]`);
      assert.equal((await time.getAttribute('aria-label')).trim(), '19:30: 20 places left');
      await time.click();
      await page.getByRole('spinbutton', { name: 'Adult' }).fill('2');
      await page.getByRole('spinbutton', { name: 'Child' }).fill('1');
      await page.getByTestId('booking-total').filter({ hasText: '$48.00' }).waitFor();
      await page
        .getByTestId('chosen-day')
        .filter({ hasText: `${readable(date)}, 19:30 · 20 of 20 places left` })
        .waitFor();
      await checkA11y(page, 'service-detail-times');

      // Through logging in and back: the same day, time and tickets.
      await page.getByRole('link', { name: 'Log in to book' }).click();
      await page.waitForURL('**/login?**');
      await fillLogin(page, customer.email, PASSWORD);
      await page.waitForURL(`**/services/${service.id}?**`);
      await page.waitForFunction(
        (id) => document.querySelector(`button.time[data-session-id="${id}"]`)?.getAttribute('aria-checked') === 'true',
        evening.id,
      );
      assert.equal(await page.locator(`button.day[data-date="${date}"]`).getAttribute('aria-checked'), 'true');
      assert.equal(await page.getByRole('spinbutton', { name: 'Adult' }).inputValue(), '2');
      assert.equal(await page.getByRole('spinbutton', { name: 'Child' }).inputValue(), '1');
      await page.getByTestId('booking-total').filter({ hasText: '$48.00' }).waitFor();
      await page.getByRole('button', { name: 'Book now' }).click();

      await page.waitForURL(/\/bookings\/\d+\/confirmation$/);
      const id = Number(page.url().match(/\/bookings\/(\d+)\//)[1]);
      await page.getByRole('heading', { name: `You're booked for ${service.name}` }).waitFor();
      const booking = await api(running.stack.baseUrl, 'GET', `/api/bookings/${id}`, { token: customer.token });
      assert.deepEqual([booking.sessionId, booking.quantity, booking.totalCents], [evening.id, 3, 4800]);
      assert.equal((await page.getByTestId('booking-when').textContent()).trim(), `${readable(date)} · 19:30`);
      assert.equal((await page.getByTestId('booking-reference').textContent()).trim(), booking.reference);
      assert.deepEqual(await lines(page.getByTestId('booking-tickets')), ['Adult × 2 at $20.00', 'Child × 1 at $8.00']);
      assert.equal((await page.getByTestId('booking-total').textContent()).trim(), '$48.00');
      await checkA11y(page, 'booking-confirmation-timed');

      await page.goto('/bookings');
      const item = page.locator(`li.booking[data-booking-id="${id}"]`);
      await item.waitFor();
      assert.equal((await item.getByTestId('booking-time').textContent()).trim(), '19:30');
      assert.equal((await item.getByTestId('booking-reference').textContent()).trim(), booking.reference);
      assert.deepEqual(await lines(item), ['Adult × 2 at $20.00', 'Child × 1 at $8.00']);
      assert.match(await item.textContent(), /\$48\.00/);
      assert.match(await item.locator('.date').textContent(), new RegExp(readable(date)));
      await checkA11y(page, 'my-bookings-timed');
    }),
  );
});

describe('my bookings', () => {
  test(
    'Upcoming counts only upcoming confirmed bookings; the Past tab says when bookings move there',
    withPage(current, 'my-bookings-counts', async (page) => {
      const service = await createService();
      const customer = await registerViaApi('Counter');
      const ids = [];
      for (const days of [3, 5, 7]) {
        const booking = await api(running.stack.baseUrl, 'POST', '/api/bookings', {
          token: customer.token,
          body: { serviceId: service.id, bookingDate: venueDay(days), quantity: 1 },
        });
        ids.push(booking.id);
      }
      await api(running.stack.baseUrl, 'POST', `/api/bookings/${ids[1]}/cancel`, { token: customer.token });
      await loginInUi(page, customer.email, PASSWORD);
      await page.goto('/bookings');
      await page.getByRole('tab', { name: 'Upcoming (2)' }).waitFor();
      // The cancelled one stays in sight, marked cancelled, but is not counted.
      await page.locator(`li.booking[data-booking-id="${ids[1]}"] .status-chip`, { hasText: 'cancelled' }).waitFor();
      assert.match(await page.locator(`li.booking[data-booking-id="${ids[0]}"]`).textContent(), new RegExp(readable(venueDay(3))));
      await checkA11y(page, 'my-bookings-upcoming');

      await page.getByRole('tab', { name: 'Past (0)' }).click();
      await page.getByText('No past bookings').waitFor();
      await page.getByText('Bookings move here once their day has gone by.').waitFor();
      assert.equal(await page.getByText('Bookings you make appear here.').isVisible(), false);
      await checkA11y(page, 'my-bookings-past-empty');
    }),
  );
});

describe('profile', () => {
  const passwordSection = (page) => page.locator('section', { has: page.getByRole('heading', { name: 'Change password' }) });

  test(
    'after a password change the form is empty and shows no errors',
    withPage(current, 'profile-password-reset', async (page) => {
      const customer = await registerViaApi('Changer');
      await loginInUi(page, customer.email, PASSWORD);
      await page.goto('/profile');
      const section = passwordSection(page);
      await section.getByLabel('Current password', { exact: true }).fill(PASSWORD);
      await section.getByLabel('New password', { exact: true }).fill('Brand-new-pass-7');
      await section.getByLabel('Repeat the new password').fill('Brand-new-pass-7');
      await section.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Password changed').waitFor();
      await page.waitForTimeout(300);
      assert.equal(await section.locator('mat-error').count(), 0, 'no error messages');
      assert.equal(await section.locator('.mat-form-field-invalid').count(), 0, 'no red fields');
      assert.equal(await section.locator('.field-error, .form-alert').count(), 0);
      for (const label of ['Current password', 'New password', 'Repeat the new password']) {
        assert.equal(await section.getByLabel(label, { exact: true }).inputValue(), '');
      }
      await checkA11y(page, 'profile-after-password-change');
      await login(running.stack.baseUrl, customer.email, 'Brand-new-pass-7');
    }),
  );

  test(
    'the API’s messages read as sentences, and "e-mail" is spelled one way',
    withPage(current, 'profile-sentences', async (page) => {
      const customer = await registerViaApi('Worder');
      await loginInUi(page, customer.email, PASSWORD);
      await page.goto('/profile');
      const section = passwordSection(page);
      // Long and mixed enough for the form, but one of the most common passwords: the API refuses it.
      await section.getByLabel('Current password', { exact: true }).fill(PASSWORD);
      await section.getByLabel('New password', { exact: true }).fill('Password1');
      await section.getByLabel('Repeat the new password').fill('Password1');
      await section.getByRole('button', { name: 'Change password' }).click();
      const error = section.locator('mat-form-field', { hasText: 'New password' }).locator('mat-error');
      await error.waitFor();
      assert.equal((await error.textContent()).trim(), 'New password is one of the most common passwords; choose another.');
      await checkA11y(page, 'profile-server-sentence');

      for (const path of ['/profile', '/login', '/register']) {
        if (path === '/login') await page.getByRole('button', { name: 'Log out' }).click();
        await page.goto(path);
        await page.getByLabel('E-mail', { exact: true }).waitFor();
        const text = await page.evaluate(() => document.body.innerText);
        assert.doesNotMatch(text, /\bemail\b/i, `${path} spells it "e-mail"`);
      }
      await page.getByLabel('E-mail', { exact: true }).fill('not-an-address');
      await page.getByLabel('E-mail', { exact: true }).blur();
      await page.getByText('Enter a valid e-mail address.').waitFor();
    }),
  );
});

describe('catalogue', () => {
  /** Uploads a plain picture of `width` × `height` for the service, as the admin. */
  async function upload(serviceId, alt, width = 900, height = 600) {
    const png = await sharp({ create: { width, height, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append('alt', alt);
    form.append('file', new Blob([png], { type: 'image/png' }), 'picture.png');
    const response = await fetch(`${running.stack.baseUrl}/api/services/${serviceId}/image`, {
      method: 'POST',
      headers: { authorization: `Bearer ${running.adminToken}` },
      body: form,
    });
    assert.equal(response.status, 200, await response.text());
  }

  test(
    'cards show their pictures in one shape; only those below the first row wait to be scrolled to',
    withPage(current, 'catalogue-pictures', async (page) => {
      const prefix = `Gallery ${Date.now()}`;
      for (let n = 1; n <= 5; n++) {
        const service = await createService({ name: `${prefix} ${n}` });
        // Pictures of different shapes: the cards still line up.
        await upload(service.id, `Poster ${n}`, n % 2 ? 900 : 600, 600);
      }
      await page.goto(`/?q=${encodeURIComponent(prefix)}`);
      const pictures = page.locator('.grid li img');
      await page.waitForFunction(() => document.querySelectorAll('.grid li img').length === 5);
      const shown = await pictures.evaluateAll((images) =>
        images.map((img) => ({
          alt: img.alt,
          renditions: img.getAttribute('srcset').split(', ').length,
          sizes: Boolean(img.getAttribute('sizes')),
          loading: img.getAttribute('loading'),
          decoding: img.getAttribute('decoding'),
          ratio: Math.round((img.getBoundingClientRect().width / img.getBoundingClientRect().height) * 100) / 100,
        })),
      );
      assert.deepEqual(
        shown.map(({ alt, loading }) => [alt, loading]),
        [
          ['Poster 1', null],
          ['Poster 2', null],
          ['Poster 3', null],
          ['Poster 4', null],
          ['Poster 5', 'lazy'],
        ],
      );
      for (const picture of shown) {
        assert.deepEqual(
          [picture.renditions, picture.sizes, picture.decoding, picture.ratio],
          [3, true, 'async', 1.5],
          JSON.stringify(picture),
        );
      }
      await page.waitForFunction(() => [...document.querySelectorAll('.grid li img')].slice(0, 4).every((img) => img.naturalWidth > 0));
      await checkA11y(page, 'catalogue-pictures');
    }),
  );

  test(
    'price filters apply as you type; with several currencies a currency filter appears',
    withPage(current, 'catalogue-prices', async (page) => {
      await page.goto('/');
      await page.locator('.grid li').first().waitFor();
      assert.equal(await page.getByTestId('currency-filter').count(), 0, 'one currency: no currency filter');
      await page.getByLabel('Max price ($)').fill('20');
      // No Enter, no leaving the field: the list follows the typing.
      await page.waitForURL(/maxPrice=2000/, { timeout: 5000 });
      await page.waitForFunction(
        () => {
          const prices = [...document.querySelectorAll('.grid li .card-actions .price')].map((el) =>
            Number(el.textContent.replace(/[^\d.]/g, '')),
          );
          return prices.length > 0 && prices.every((price) => price <= 20);
        },
        null,
        { timeout: 5000 },
      );

      const euros = await createService({ name: `Canal tour ${Date.now()}`, priceCents: 1800, currency: 'EUR' });
      await createService({ name: `Dear canal tour ${Date.now()}`, priceCents: 9000, currency: 'EUR' });
      await page.goto('/');
      const currency = page.getByTestId('currency-filter');
      await currency.waitFor();
      // Prices of two currencies cannot be compared: price bounds wait for a currency.
      assert.equal(await page.getByRole('spinbutton', { name: 'Max price' }).isDisabled(), true);
      await page.getByText('Choose a currency first').first().waitFor();
      await checkA11y(page, 'catalogue-currencies');
      await page.getByRole('combobox', { name: 'Currency' }).selectOption('EUR');
      await page.getByLabel('Max price (€)').fill('20');
      await page.waitForURL(/currency=EUR.*maxPrice=2000|maxPrice=2000.*currency=EUR/);
      await page.waitForFunction(
        (name) => {
          const cards = [...document.querySelectorAll('.grid li')];
          return cards.length === 1 && cards[0].textContent.includes(name);
        },
        euros.name,
        { timeout: 5000 },
      );
      assert.match(await page.locator('.grid li .card-actions .price').first().textContent(), /€18\.00/);
      await checkA11y(page, 'catalogue-euros');
    }),
  );

  test(
    'a 300-character word wraps on a phone, on the service page and in the catalogue',
    withPage(
      current,
      'catalogue-long-word',
      async (page) => {
        const word = `Supercalifragilistic${'x'.repeat(280)}`;
        const service = await createService({
          name: `Long ${word.slice(0, 90)}`,
          description: `${word} ${word}`,
          location: word.slice(0, 200),
        });
        await page.goto(`/services/${service.id}`);
        await page.getByRole('heading', { name: 'Book' }).waitFor();
        assert.ok((await overflow(page)) <= 0, `no horizontal scrolling on the service page (overflow ${await overflow(page)}px)`);
        await page.goto(`/?q=${encodeURIComponent(word.slice(0, 40))}`);
        await page.locator('.grid li').first().waitFor();
        assert.ok((await overflow(page)) <= 0, `no horizontal scrolling in the catalogue (overflow ${await overflow(page)}px)`);
        await checkA11y(page, 'catalogue-long-word-phone');
      },
      PHONE,
    ),
  );

  test(
    'a price in yen has no decimals: 1500 minor units are ¥1,500',
    withPage(current, 'catalogue-yen', async (page) => {
      const yen = await createService({ name: `Taiko drums ${Date.now()}`, priceCents: 1500, currency: 'JPY' });
      await page.goto(`/services/${yen.id}`);
      assert.equal((await page.locator('.facts strong').textContent()).trim(), '¥1,500');
      await page.goto('/?currency=JPY');
      const card = page.locator('.grid li', { hasText: yen.name });
      assert.equal((await card.locator('.price').textContent()).trim(), '¥1,500');
      assert.equal(await page.getByLabel('Max price (¥)').getAttribute('step'), '1');
      await page.getByLabel('Max price (¥)').fill('1500');
      await page.waitForURL(/maxPrice=1500(&|$)/, { timeout: 5000 });
    }),
  );

  test(
    'the first page takes the data index.html asked for instead of asking again',
    withPage(current, 'first-data', async (page) => {
      const asked = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) asked.push(new URL(request.url()).pathname);
      });
      // first-data.js asks with fetch(); the app's client uses XMLHttpRequest.
      const askedWith = () =>
        page.evaluate(() =>
          performance
            .getEntriesByType('resource')
            .filter((entry) => new URL(entry.name).pathname.startsWith('/api/'))
            .map((entry) => `${entry.initiatorType} ${new URL(entry.name).pathname}`)
            .sort(),
        );
      await page.goto('/');
      await page.locator('.grid li').first().waitFor();
      assert.deepEqual(asked.sort(), ['/api/services', '/api/venue'], 'one request each');
      assert.deepEqual(await askedWith(), ['fetch /api/services', 'fetch /api/venue'], 'made by first-data.js');
      const id = await page.evaluate(() => Number(new URL(document.querySelector('.grid li a').href).pathname.split('/').pop()));

      asked.length = 0;
      await page.goto(`/services/${id}`);
      await page.getByRole('heading', { name: 'Book' }).waitFor();
      const servicePage = [``, `/availability`, `/sessions`, `/ticket-types`].map((tail) => `/api/services/${id}${tail}`);
      assert.deepEqual(asked.sort(), servicePage);
      assert.deepEqual(
        await askedWith(),
        servicePage.map((path) => `fetch ${path}`),
      );

      // Pages reached from there ask the API themselves.
      asked.length = 0;
      await page.getByRole('link', { name: 'All services' }).click();
      await page.locator('.grid li').first().waitFor();
      assert.deepEqual(asked.sort(), ['/api/services', '/api/venue']);
      assert.deepEqual((await askedWith()).slice(servicePage.length), ['xmlhttprequest /api/services', 'xmlhttprequest /api/venue']);
    }),
  );
});
