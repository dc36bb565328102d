// Browser tests of the admin's ticket types, weekly schedules, sessions and attendees against the
// real API. Run: npm run build && node --test apps/web/e2e/admin-sessions.e2e.test.mjs
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { ADMIN, api, checkA11y, loginInUi, registerViaApi, stackForFile, withPage } from './harness.mjs';

const running = stackForFile();
const current = () => running.stack;

/** "Sat 28 Nov 2026", as the pages write a date. */
function readableDay(iso) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })
      .formatToParts(new Date(`${iso}T00:00:00Z`))
      .map(({ type, value }) => [type, value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

describe('admin tickets and sessions', () => {
  test(
    'an admin adds a ticket type, builds a weekly schedule from its preview, sees the sessions and opens the attendees',
    withPage(current, 'admin-sessions', async (page) => {
      const venue = await api(running.stack.baseUrl, 'GET', '/api/venue');
      const show = await api(running.stack.baseUrl, 'POST', '/api/services', {
        token: running.adminToken,
        body: { name: `Harbour tour ${Date.now()}`, category: 'experience', priceCents: 2000, durationMinutes: 90, capacity: 12 },
      });
      await loginInUi(page, ADMIN.email, ADMIN.password);
      await page.goto('/admin/services');
      await page.getByLabel('Search services').fill(show.name);
      await page.getByRole('link', { name: `Tickets and sessions of ${show.name}` }).click();
      await page.waitForURL(`**/admin/services/${show.id}/sessions`);
      await page.getByRole('heading', { name: `${show.name}: tickets and sessions` }).waitFor();
      await page.getByText('No sessions in these days').waitFor();
      await checkA11y(page, 'admin-sessions-empty');

      // A second ticket type, priced in the currency's units like the service form.
      const types = page.locator('table[aria-label="Ticket types"] tbody tr');
      await types.filter({ hasText: 'Standard' }).waitFor();
      await page.getByLabel('Ticket type name').fill('Child');
      await page.getByLabel('Ticket price').fill('7.50');
      await page.getByRole('button', { name: 'Add ticket type' }).click();
      await types.filter({ hasText: 'Child' }).filter({ hasText: '$7.50' }).waitFor();
      const saved = await api(running.stack.baseUrl, 'GET', `/api/services/${show.id}/ticket-types`);
      assert.deepEqual(
        saved.map((t) => [t.name, t.priceCents, t.isActive]),
        [
          ['Standard', 2000, true],
          ['Child', 750, true],
        ],
      );

      // The last type on sale cannot stop: the API's 409 is shown.
      await page.getByRole('button', { name: 'Stop selling Child' }).click();
      await types.filter({ hasText: 'Child' }).filter({ hasText: 'Not sold' }).waitFor();
      await page.getByRole('button', { name: 'Stop selling Standard' }).click();
      await page.getByRole('alert').filter({ hasText: 'the last one on sale' }).waitFor();
      await page.getByRole('button', { name: 'Sell Child again' }).click();
      await types.filter({ hasText: 'Child' }).filter({ hasText: 'On sale' }).waitFor();

      // Renamed, repriced and moved first: the first active type is the service's price.
      await page.getByRole('button', { name: 'Edit Child' }).click();
      await page.getByLabel('Ticket type name').fill('Family');
      await page.getByLabel('Ticket price').fill('45');
      await page.getByRole('button', { name: 'Save ticket type' }).click();
      await types.filter({ hasText: 'Family' }).filter({ hasText: '$45.00' }).waitFor();
      await page.getByRole('button', { name: 'Move Family up' }).click();
      await types.first().filter({ hasText: 'Family' }).waitFor();
      const reordered = await api(running.stack.baseUrl, 'GET', `/api/services/${show.id}/ticket-types`);
      assert.deepEqual(
        reordered.map((t) => [t.name, t.priceCents]),
        [
          ['Family', 4500],
          ['Standard', 2000],
        ],
      );
      assert.equal((await api(running.stack.baseUrl, 'GET', `/api/services/${show.id}`)).priceCents, 4500);
      await page.getByRole('button', { name: 'Move Family down' }).click();
      await types.first().filter({ hasText: 'Standard' }).waitFor();
      await page.getByRole('button', { name: 'Edit Family' }).click();
      await page.getByLabel('Ticket type name').fill('Child');
      await page.getByLabel('Ticket price').fill('7.50');
      await page.getByRole('button', { name: 'Save ticket type' }).click();
      await types.filter({ hasText: 'Child' }).filter({ hasText: '$7.50' }).waitFor();

      // A weekly schedule: Tuesdays and Saturdays at 10:00 and 14:30, 8 places, with its preview.
      await page.getByRole('checkbox', { name: 'Tuesday' }).check();
      await page.getByRole('checkbox', { name: 'Saturday' }).check();
      for (const time of ['14:30', '10:00']) {
        await page.getByLabel('Start time', { exact: true }).fill(time);
        await page.getByRole('button', { name: 'Add time' }).click();
      }
      await page.getByLabel('Places per session').fill('8');
      const preview = page.getByRole('list', { name: 'Preview sessions' }).getByRole('listitem');
      await preview.first().waitFor();
      const previewed = (await preview.allTextContents()).map((text) => text.trim());
      assert.ok(previewed.length >= 6 && previewed.length <= 8, `two weeks of Tuesdays and Saturdays, twice a day: ${previewed.length}`);
      await checkA11y(page, 'admin-schedule-preview');

      await page.getByRole('button', { name: 'Create schedule' }).click();
      const outcome = page.getByRole('status').filter({ hasText: /^Created \d+ sessions\.$/ });
      await outcome.waitFor();
      const created = Number((await outcome.textContent()).match(/Created (\d+)/)[1]);

      // The API made exactly what the preview showed for those two weeks, and the sentence counts them all.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: venue.timeZone }).format(new Date());
      const addDays = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      const first = await api(running.stack.baseUrl, 'GET', `/api/services/${show.id}/sessions?from=${today}&to=${addDays(today, 13)}`);
      assert.deepEqual(
        previewed,
        first.map((s) => `${readableDay(s.localDate)}, ${s.localTime}`),
      );
      assert.ok(first.every((s) => s.capacity === 8));
      const all = [];
      for (let offset = 0; offset <= 91; offset += 46) {
        all.push(
          ...(await api(
            running.stack.baseUrl,
            'GET',
            `/api/services/${show.id}/sessions?from=${addDays(today, offset)}&to=${addDays(today, offset + 45)}`,
          )),
        );
      }
      assert.equal(created, all.length);
      await page.getByRole('list', { name: 'Schedules' }).getByText('Tue, Sat at 10:00, 14:30').waitFor();

      // The sessions are listed; one is booked with both ticket types.
      const rows = page.locator('table[aria-label="Sessions"] tbody tr');
      await rows.first().waitFor();
      assert.equal(await rows.count(), first.length);
      const session = first[0];
      const customer = await registerViaApi(running.stack.baseUrl, 'Rosa', 'Customer-pass-1');
      const email = customer.email;
      const booking = await api(running.stack.baseUrl, 'POST', '/api/bookings', {
        token: customer.token,
        body: {
          sessionId: session.id,
          tickets: [
            { ticketTypeId: saved[0].id, quantity: 1 },
            { ticketTypeId: saved[1].id, quantity: 2 },
          ],
        },
      });
      await page.getByRole('button', { name: 'Show sessions' }).click();
      const row = rows.filter({ hasText: readableDay(session.localDate) }).filter({ hasText: session.localTime });
      await row.locator('td:nth-child(4)', { hasText: /^\s*3\s*$/ }).waitFor();
      const cells = (await row.locator('td').allTextContents()).map((text) => text.trim());
      assert.deepEqual(cells.slice(2, 6), ['8', '3', '5', 'scheduled'], 'capacity, booked, left, status');
      await checkA11y(page, 'admin-sessions-list');

      // Capacity: not below the places booked (the API's 409 is shown), then more places.
      await row.getByRole('button', { name: /^Change capacity of / }).click();
      await row.getByLabel('Places').fill('2');
      await row.getByRole('button', { name: 'Save' }).click();
      await row.getByRole('alert').filter({ hasText: 'Capacity cannot go below 3' }).waitFor();
      await row.getByLabel('Places').fill('10');
      await row.getByRole('button', { name: 'Save' }).click();
      await row.locator('td:nth-child(3)', { hasText: /^\s*10\s*$/ }).waitFor();
      assert.equal(
        (
          await api(running.stack.baseUrl, 'GET', `/api/services/${show.id}/sessions?from=${session.localDate}&to=${session.localDate}`)
        ).find((s) => s.id === session.id).capacity,
        10,
      );

      // Editing the schedule asks first, and keeps the booked session.
      await page.getByRole('button', { name: 'Edit schedule Tue, Sat at 10:00, 14:30' }).click();
      await page.getByRole('checkbox', { name: 'Thursday' }).check();
      await page.getByRole('button', { name: 'Save schedule' }).click();
      const change = page.getByRole('dialog');
      await change.getByText('Tue, Sat at 10:00, 14:30 becomes Tue, Thu, Sat at 10:00, 14:30').waitFor();
      await change.getByRole('button', { name: 'Change schedule' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /^Created \d+ sessions(, removed \d+)?; 1 with bookings kept\.$/ })
        .waitFor();
      await page.getByRole('list', { name: 'Schedules' }).getByText('Tue, Thu, Sat at 10:00, 14:30').waitFor();
      await row.locator('td:nth-child(4)', { hasText: /^\s*3\s*$/ }).waitFor();

      // Its attendees, and the same as a CSV file.
      await row.getByRole('link', { name: /^Attendees of / }).click();
      await page.waitForURL(`**/admin/sessions/${session.id}/attendees?service=${show.id}`);
      const attendee = page.locator('table[aria-label="Attendees"] tbody tr');
      await attendee.filter({ hasText: 'Rosa' }).waitFor();
      assert.match(
        await attendee.first().textContent(),
        new RegExp(`${booking.reference}.*${email}.*1 × Standard, 2 × Child.*3.*confirmed`),
      );
      await checkA11y(page, 'admin-attendees');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
      assert.equal(download.suggestedFilename(), `session-${session.id}-attendees.csv`);
      const csv = await readFile(await download.path(), 'utf8');
      assert.match(csv, new RegExp(booking.reference));
      assert.match(csv, new RegExp(email));

      // Cancelling says what it takes with it.
      await page.getByRole('link', { name: 'Back to sessions' }).click();
      await rows.first().waitFor();
      await row.getByRole('button', { name: /^Cancel / }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('This cancels 1 booking (3 places) and tells each customer.').waitFor();
      await checkA11y(page, 'admin-session-cancel-dialog');
      await dialog.getByRole('button', { name: 'Keep it' }).click();
      await dialog.waitFor({ state: 'detached' });
      assert.equal(
        (await api(running.stack.baseUrl, 'GET', `/api/bookings/${booking.id}`, { token: running.adminToken })).status,
        'confirmed',
      );
      await row.getByRole('button', { name: /^Cancel / }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel session' }).click();
      await row.filter({ hasText: 'cancelled' }).waitFor();
      assert.equal(
        (await api(running.stack.baseUrl, 'GET', `/api/bookings/${booking.id}`, { token: running.adminToken })).status,
        'cancelled',
      );

      // Deleting the schedule asks first.
      await page.getByRole('button', { name: 'Delete schedule Tue, Thu, Sat at 10:00, 14:30' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete schedule' }).click();
      await page.getByText('No weekly schedule').waitFor();
      assert.deepEqual(await api(running.stack.baseUrl, 'GET', `/api/services/${show.id}/schedules`, { token: running.adminToken }), []);
    }),
  );

  test(
    'an admin adds a one-off session at a local time; the same start again is refused',
    withPage(current, 'admin-one-off-session', async (page) => {
      const venue = await api(running.stack.baseUrl, 'GET', '/api/venue');
      const show = await api(running.stack.baseUrl, 'POST', '/api/services', {
        token: running.adminToken,
        body: { name: `Gala night ${Date.now()}`, category: 'concert', priceCents: 5000, durationMinutes: 120, capacity: 40 },
      });
      await loginInUi(page, ADMIN.email, ADMIN.password);
      await page.goto(`/admin/services/${show.id}/sessions`);
      await page.getByText('No sessions in these days').waitFor();

      // Nothing chosen: the fields say what is missing and nothing is sent.
      await page.getByRole('button', { name: 'Add session' }).click();
      await page.getByText('Choose a date.').waitFor();
      await page.getByText('Choose a time.').waitFor();

      const today = new Intl.DateTimeFormat('en-CA', { timeZone: venue.timeZone }).format(new Date());
      const day = new Date(Date.parse(`${today}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
      await page.getByLabel('Session date').fill(day);
      await page.getByLabel('Session time').fill('20:15');
      await page.getByLabel('Session places').fill('5');
      await page.getByRole('button', { name: 'Add session' }).click();
      const row = page
        .locator('table[aria-label="Sessions"] tbody tr')
        .filter({ hasText: readableDay(day) })
        .filter({ hasText: '20:15' });
      await row.waitFor();
      assert.deepEqual((await row.locator('td').allTextContents()).map((text) => text.trim()).slice(2, 6), ['5', '0', '5', 'scheduled']);
      const [made] = await api(running.stack.baseUrl, 'GET', `/api/services/${show.id}/sessions?from=${day}&to=${day}`);
      assert.equal(made.localTime, '20:15', 'the time is the venue’s local time');
      assert.equal(made.allDay, false);
      assert.equal(made.capacity, 5);
      await checkA11y(page, 'admin-one-off-session');

      await page.getByLabel('Session date').fill(day);
      await page.getByLabel('Session time').fill('20:15');
      await page.getByRole('button', { name: 'Add session' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: `There is already a session on ${readableDay(day)} at 20:15.` })
        .waitFor();
      assert.equal((await api(running.stack.baseUrl, 'GET', `/api/services/${show.id}/sessions?from=${day}&to=${day}`)).length, 1);
    }),
  );
});
