// Browser test of a ticket's way to the door: a customer books a timed session with two ticket types and
// gets the e-ticket (QR code, calendar file) on the confirmation page and in My bookings; a staff member
// checks it in by its reference (admitted), tries again (refused: when and by whom), and checks a second
// booking in by scanning its QR code with the camera (Chromium's fake camera plays a picture of it).
// Run after a build: node --test apps/web/e2e/check-in.e2e.test.mjs
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { CHROMIUM_ARGS, api, checkA11y, loginInUi, registerViaApi, stackForFile, withPage } from './harness.mjs';

const PASSWORD = 'Customer-pass-1';
const running = stackForFile();
const current = () => running.stack;

/** Today at the venue (UTC here), plus `days`. */
const day = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A service with Adult ($20) and Child ($8) tickets and a session at 19:30 on `date`. */
async function timedService(date) {
  const service = await api(running.stack.baseUrl, 'POST', '/api/services', {
    token: running.adminToken,
    body: { name: `Door test ${Date.now()}`, category: 'concert', priceCents: 2000, durationMinutes: 90, capacity: 30 },
  });
  const [standard] = await api(running.stack.baseUrl, 'GET', `/api/services/${service.id}/ticket-types`);
  await api(running.stack.baseUrl, 'PATCH', `/api/ticket-types/${standard.id}`, { token: running.adminToken, body: { name: 'Adult' } });
  const child = await api(running.stack.baseUrl, 'POST', `/api/services/${service.id}/ticket-types`, {
    token: running.adminToken,
    body: { name: 'Child', priceCents: 800 },
  });
  await api(running.stack.baseUrl, 'POST', `/api/services/${service.id}/schedules`, {
    token: running.adminToken,
    body: { weekdays: [new Date(`${date}T00:00:00Z`).getUTCDay() || 7], times: ['19:30'], startsOn: day(0) },
  });
  const [session] = await api(running.stack.baseUrl, 'GET', `/api/services/${service.id}/sessions?from=${date}&to=${date}`);
  return { service, session, adult: standard, child };
}

/** A new account with the built-in staff role. */
async function staffMember(name) {
  const staff = await registerViaApi(running.stack.baseUrl, name, PASSWORD);
  await api(running.stack.baseUrl, 'PATCH', `/api/users/${staff.user.id}`, { token: running.adminToken, body: { role: 'staff' } });
  return staff;
}

/**
 * Sizes (px) and tilts (degrees) of the code in the fake camera's frames, as a hand-held phone sees
 * it. One still frame is not enough: ZXing (the scanner where the browser has no BarcodeDetector, as
 * in this Chromium) misreads about one ticket code in ten from a given still, a different one at
 * each size; with these six frames none of 200 random codes was missed.
 */
const CAMERA_VIEWS = [
  [440, 0],
  [400, 4],
  [420, -6],
  [380, 9],
  [460, -3],
  [360, 12],
];

/** A motion-JPEG file showing `text` as a QR code, for Chromium's fake camera. */
async function qrVideo(text, dir) {
  const frames = [];
  for (const [width, angle] of CAMERA_VIEWS) {
    const png = await QRCode.toBuffer(text, { margin: 4, width });
    const turned = await sharp(png).rotate(angle, { background: '#ffffff' }).png().toBuffer();
    frames.push(await sharp(turned).resize(640, 480, { fit: 'contain', background: '#ffffff' }).jpeg({ quality: 92 }).toBuffer());
  }
  const file = join(dir, 'ticket.mjpeg');
  writeFileSync(file, Buffer.concat(Array.from({ length: 30 }, (_, index) => frames[index % frames.length])));
  return file;
}

describe('e-tickets at the door', () => {
  test(
    'book → confirmation with the QR e-ticket and the calendar file → staff check the reference in, a second time refused, and a QR code through the camera',
    withPage(current, 'check-in', async (page, context) => {
      const date = day(2);
      const { service, session } = await timedService(date);
      const customer = await registerViaApi(running.stack.baseUrl, 'Rosa', PASSWORD);
      const staff = await staffMember('Sam');

      // The customer books 2 Adult + 1 Child at 19:30.
      await loginInUi(page, customer.email, PASSWORD);
      await page.goto(`/services/${service.id}`);
      await page.locator(`button.day[data-date="${date}"]`).click();
      await page.locator(`button.time[data-session-id="${session.id}"]`).click();
      await page.getByRole('spinbutton', { name: 'Adult' }).fill('2');
      await page.getByRole('spinbutton', { name: 'Child' }).fill('1');
      await page.getByTestId('booking-total').filter({ hasText: '$48.00' }).waitFor();
      await page.getByRole('button', { name: 'Book now' }).click();
      await page.waitForURL(/\/bookings\/\d+\/confirmation$/);
      const id = Number(page.url().match(/\/bookings\/(\d+)\//)[1]);
      const booking = await api(running.stack.baseUrl, 'GET', `/api/bookings/${id}`, { token: customer.token });

      // The e-ticket: the QR image drawn from the API's SVG, and the calendar file.
      const qr = page.getByRole('img', { name: `E-ticket QR code for booking ${booking.reference}` });
      await qr.waitFor();
      assert.ok(await qr.evaluate((img) => img.complete && img.naturalWidth > 0), 'the QR image is drawn');
      await checkA11y(page, 'confirmation-e-ticket');
      context.setDefaultTimeout(30_000);
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Add to calendar' }).click()]);
      assert.equal(file.suggestedFilename(), `booking-${booking.reference}.ics`);
      const ics = readFileSync(await file.path(), 'utf8');
      assert.match(ics, /^BEGIN:VCALENDAR\r\n/);
      assert.match(ics, new RegExp(`UID:booking-${id}@`));
      assert.match(ics, new RegExp(`DTSTART:${date.replaceAll('-', '')}T193000Z`));

      // My bookings opens the same ticket.
      await page.goto('/bookings');
      const item = page.locator(`li.booking[data-booking-id="${id}"]`);
      await item.getByRole('button', { name: 'Ticket' }).click();
      await item.getByRole('img', { name: `E-ticket QR code for booking ${booking.reference}` }).waitFor();
      await checkA11y(page, 'my-bookings-e-ticket');

      // The door: staff pick the session from the sessions list and type the reference.
      await page.getByRole('button', { name: 'Log out' }).click();
      await loginInUi(page, staff.email, PASSWORD);
      await page.goto('/admin');
      await page.getByRole('link', { name: 'Check-in' }).click();
      await page.getByLabel('Service', { exact: true }).selectOption(String(service.id));
      await page.getByLabel('Day', { exact: true }).fill(date);
      await page.getByLabel('Day', { exact: true }).dispatchEvent('change');
      await page.getByLabel('Session', { exact: true }).selectOption(String(session.id));
      await page.getByText('0 of 3 admitted').waitFor();
      await checkA11y(page, 'check-in');

      const code = page.getByLabel('Ticket code or reference');
      await code.fill(booking.reference.toLowerCase());
      await page.getByRole('button', { name: 'Check in' }).click();
      const outcome = page.locator('.outcome');
      await outcome.filter({ hasText: 'Admitted: 3 places' }).filter({ hasText: booking.reference }).waitFor();
      assert.equal(await outcome.getAttribute('class').then((c) => c.includes('admitted')), true);
      await page.getByText('3 of 3 admitted').waitFor();
      await checkA11y(page, 'check-in-admitted');

      await code.fill(booking.reference);
      await page.getByRole('button', { name: 'Check in' }).click();
      await outcome.filter({ hasText: 'Already checked in' }).filter({ hasText: 'by Sam' }).waitFor();
      assert.equal(await outcome.getAttribute('class').then((c) => c.includes('refused')), true);
      await checkA11y(page, 'check-in-refused');

      // A second booking, its QR code shown to the camera.
      const second = await api(running.stack.baseUrl, 'POST', '/api/bookings', {
        token: customer.token,
        body: { sessionId: session.id, quantity: 1 },
      });
      const ticket = await api(running.stack.baseUrl, 'GET', `/api/bookings/${second.id}/ticket`, { token: customer.token });
      const dir = mkdtempSync(join(tmpdir(), 'marquee-camera-'));
      const camera = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: [
          ...CHROMIUM_ARGS,
          '--use-fake-ui-for-media-stream',
          '--use-fake-device-for-media-stream',
          `--use-file-for-fake-video-capture=${await qrVideo(ticket.code, dir)}`,
        ],
      });
      try {
        const phone = await (await camera.newContext({ baseURL: running.stack.baseUrl, viewport: { width: 1280, height: 900 } })).newPage();
        phone.setDefaultTimeout(30_000);
        await loginInUi(phone, staff.email, PASSWORD);
        // The door is a phone.
        await phone.setViewportSize({ width: 390, height: 844 });
        await phone.goto(`/admin/check-in?service=${service.id}&date=${date}&session=${session.id}`);
        await phone.getByText('3 of 4 admitted').waitFor();
        await phone.getByRole('button', { name: 'Scan with the camera' }).click();
        await phone.locator('.outcome.admitted').filter({ hasText: 'Admitted: 1 place' }).filter({ hasText: second.reference }).waitFor();
        await phone.getByText('4 of 4 admitted').waitFor();
        await phone.getByRole('button', { name: 'Stop camera' }).click();
      } finally {
        await camera.close();
        rmSync(dir, { recursive: true, force: true });
      }
      const count = await api(running.stack.baseUrl, 'GET', `/api/sessions/${session.id}/check-ins`, { token: staff.token });
      assert.deepEqual(count, { expected: 4, checkedIn: 4 });
    }),
  );
});
