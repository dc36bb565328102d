import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import sharp from 'sharp';
import { SmtpSink } from './support/smtp.js';
import { as, day, expectProblem, TestApp, type Reply, type Session } from './support/test-app.js';

/** The text of the QR symbol in a PNG image, read as a scanner does (its pixels' luminance, binarised, decoded). */
async function readQr(png: Buffer): Promise<string> {
  const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
  const luminance = new RGBLuminanceSource(new Uint8ClampedArray(data), info.width, info.height);
  // An image made, not photographed: upright and square, which ZXing's finder needs told to find every one.
  const hints = new Map([[DecodeHintType.PURE_BARCODE, true]]);
  return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(luminance)), hints).getText();
}

const PUBLIC_URL = 'https://tickets.example.test';
const VENUE_TIMEZONE = 'Europe/Berlin';

/** The UTC hour at which the venue's wall clock shows `hour` on `date` (Berlin is UTC+1 in winter, UTC+2 in summer). */
function utcHourOf(date: string, hour: number): string {
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: VENUE_TIMEZONE, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((part) => part.type === 'timeZoneName')!.value;
  return String(hour - Number(/GMT([+-]\d+)/.exec(offset)![1])).padStart(2, '0');
}

/**
 * Booking messages (DESIGN §7) through the outbox to a real SMTP server: a confirmation for each
 * booking made, a cancellation for each booking cancelled (by its customer, by staff, with its
 * session), nothing for a replay or a refused booking.
 */
describe('booking messages', () => {
  let smtp: SmtpSink;
  let api: TestApp;
  let manager: Session;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    api = await TestApp.start({
      SMTP_URL: smtp.url,
      PUBLIC_URL,
      VENUE_TIMEZONE,
      SESSION_HORIZON_DAYS: '60',
      MAIL_POLL_INTERVAL_MS: '100',
    });
    manager = await api.withRole('manager');
  });

  afterAll(async () => {
    await api?.close();
    await smtp?.close();
  });

  /** A EUR service at "Hall <A> & B" with a session at 19:30 venue time in five days: Standard €20.00 and Child €9.00 tickets. */
  async function timedShow(capacity = 20) {
    const date = day(5);
    const service = await api.service({ capacity, priceCents: 2000, currency: 'EUR', location: 'Hall <A> & B' });
    const session = await api.post(
      `/api/services/${service.id}/sessions`,
      { startsAt: `${date}T${utcHourOf(date, 19)}:30:00Z` },
      as(manager),
    );
    expect(session.status).toBe(201);
    const child = await api.post(`/api/services/${service.id}/ticket-types`, { name: 'Child', priceCents: 900 }, as(manager));
    expect(child.status).toBe(201);
    const standard = (await api.get(`/api/services/${service.id}/ticket-types`)).body[0].id as number;
    return { service, session: session.body, tickets: { standard, child: child.body.id as number } };
  }

  function book(who: Session, body: Record<string, unknown>, key?: string): Promise<Reply> {
    return api.post('/api/bookings', body, { token: who.accessToken, headers: key ? { 'idempotency-key': key } : undefined });
  }

  /** The booking messages (not the account's) that arrived for `who`. */
  const bookingMail = (who: Session) => smtp.to(who.email).filter((mail) => /^Booking /.test(mail.subject ?? ''));

  async function queued(recipient: string, kind: string): Promise<number> {
    const [row] = await api.database.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM outbox WHERE recipient = ? AND kind = ?', [
      recipient,
      kind,
    ]);
    return Number(row.n);
  }

  /** Waits for one cancellation to `who` and answers it, after proving that exactly one was queued. */
  async function cancellationTo(who: Session): Promise<ParsedMail> {
    const [mail] = await smtp.waitFor(who.email, { subject: /cancelled/ });
    expect(await queued(who.email, 'booking-cancelled')).toBe(1);
    return mail;
  }

  it('confirms a booking with its reference, venue time, ticket lines, total and a link; a replay sends nothing more', async () => {
    const { service, session, tickets } = await timedShow();
    const customer = await api.customer('Ann <b>Buyer</b>');
    const key = randomUUID();
    const body = {
      sessionId: session.id,
      tickets: [
        { ticketTypeId: tickets.standard, quantity: 2 },
        { ticketTypeId: tickets.child, quantity: 1 },
      ],
    };
    const booked = await book(customer, body, key);
    expect(booked.status).toBe(201);
    const { reference } = booked.body;

    const [mail] = await smtp.waitFor(customer.email, { subject: /confirmed/ });
    expect(mail.subject).toContain(`Booking ${reference} confirmed`);
    const text = mail.text ?? '';
    expect(text).toContain('Hello Ann <b>Buyer</b>,');
    expect(text).toContain(`Reference: ${reference}`);
    expect(text).toMatch(/When: \w+, \d+ \w+ \d{4} at 19:30\n/);
    expect(text).toContain('Where: Hall <A> & B');
    expect(text).toContain('- Standard × 2 at €20.00: €40.00\n- Child × 1 at €9.00: €9.00\nTotal: €49.00');
    expect(text).toContain(`${PUBLIC_URL}/bookings`);
    const html = String(mail.html);
    expect(html).toContain(reference);
    expect(html).toContain('at 19:30');
    expect(html).toContain('Hall &lt;A&gt; &amp; B');
    expect(html).toContain('Hello Ann &lt;b&gt;Buyer&lt;/b&gt;,');
    expect(html).not.toContain('<b>Buyer');
    expect(html).toMatch(/>Child<\/td>\s*<td[^>]*>× 1<\/td>\s*<td[^>]*>€9\.00<\/td>/);
    expect(html).toContain('€49.00');
    expect(html).toContain(`href="${PUBLIC_URL}/bookings"`);
    expect(text).toContain(String((await api.get(`/api/services/${service.id}`)).body.name));

    const replay = await book(customer, body, key);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(booked.body.id);
    expect(await queued(customer.email, 'booking-confirmed')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(bookingMail(customer)).toHaveLength(1);
  });

  it('carries the e-ticket as an inline QR image (cid) shown by the HTML part, and the booking as an .ics attachment that parses', async () => {
    const { service, session } = await timedShow();
    const customer = await api.customer();
    const booked = await book(customer, { sessionId: session.id, quantity: 2 });
    expect(booked.status).toBe(201);
    const { id, reference } = booked.body;

    const [mail] = await smtp.waitFor(customer.email, { subject: /confirmed/ });
    const qr = mail.attachments.find((attachment) => attachment.contentType === 'image/png');
    expect(qr).toBeDefined();
    expect(qr!.contentDisposition).toBe('inline');
    expect(qr!.cid).toBeTruthy();
    expect(qr!.related).toBe(true);
    // mailparser resolves the HTML part's cid: reference to the image it names, as a mail client shows it.
    expect(String(mail.html)).toContain(`src="data:image/png;base64,${qr!.content.toString('base64')}"`);
    // A PNG image of a QR symbol: the signature, and a square of 6 px modules (version ≤ 10: at most 57 + 4 margin modules).
    expect(qr!.content.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const [width, height] = [qr!.content.readUInt32BE(16), qr!.content.readUInt32BE(20)];
    expect(width).toBe(height);
    expect(width % 6).toBe(0);
    expect(width / 6).toBeLessThanOrEqual(61);
    // The image is of the booking's ticket: the same size as the QR of its code, which verifies with the published key.
    const { code } = (await api.get(`/api/bookings/${id}/ticket`, { token: customer.accessToken })).body;
    const jwk = (await api.get('/api/tickets/public-key')).body;
    const bytes = Buffer.from(code, 'base64url');
    expect(verify(null, bytes.subarray(0, 10), createPublicKey({ key: jwk, format: 'jwk' }), bytes.subarray(10))).toBe(true);
    // And a scanner reads that code off it.
    expect(await readQr(qr!.content)).toBe(code);

    const ics = mail.attachments.find((attachment) => attachment.filename === `booking-${reference}.ics`);
    expect(ics).toBeDefined();
    expect(ics!.contentType).toBe('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8')));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(event.uid).toBe(`booking-${id}@tickets.example.test`);
    expect(event.summary).toBe(String((await api.get(`/api/services/${service.id}`)).body.name));
    expect(event.location).toBe('Hall <A> & B');
    expect(event.startDate.toJSDate().toISOString()).toBe(new Date(booked.body.startsAt).toISOString());
    expect(mail.attachments).toHaveLength(2);
  });

  it('shows an all-day booking by its date only, and totals in the currency the way it is written (no decimals in JPY)', async () => {
    const service = await api.service({ priceCents: 1500, currency: 'JPY' });
    const customer = await api.customer();
    const date = day(3);
    expect((await book(customer, { serviceId: service.id, bookingDate: date, quantity: 2 })).status).toBe(201);

    const [mail] = await smtp.waitFor(customer.email, { subject: /confirmed/ });
    const shown = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
      new Date(`${date}T00:00:00Z`),
    );
    expect(mail.text).toMatch(new RegExp(`When: \\w+, ${shown}\\n`));
    expect(mail.text).toContain('Total: ¥3,000');
  });

  it('tells the customer of a cancellation by the customer, and says so when staff cancelled', async () => {
    const { session } = await timedShow();
    const [own, other] = [await api.customer(), await api.customer()];
    const mine = await book(own, { sessionId: session.id, quantity: 1 });
    const theirs = await book(other, { sessionId: session.id, quantity: 3 });

    expect((await api.post(`/api/bookings/${mine.body.id}/cancel`, undefined, as(own))).status).toBe(200);
    const byCustomer = await cancellationTo(own);
    expect(byCustomer.subject).toContain(`Booking ${mine.body.reference} cancelled`);
    expect(byCustomer.text).toContain('You cancelled this booking.');
    expect(byCustomer.text).toContain('at 19:30');

    expect((await api.post(`/api/bookings/${theirs.body.id}/cancel`, undefined, as(manager))).status).toBe(200);
    const byStaff = await cancellationTo(other);
    expect(byStaff.subject).toContain(`Booking ${theirs.body.reference} cancelled`);
    expect(byStaff.text).toContain("The venue's staff cancelled this booking.");
    expect(byStaff.text).toContain('- Standard × 3 at €20.00: €60.00');

    // A second cancellation is refused and tells no one again.
    expectProblem(await api.post(`/api/bookings/${theirs.body.id}/cancel`, undefined, as(manager)), 409, 'conflict');
    expect(await queued(other.email, 'booking-cancelled')).toBe(1);
  });

  it('sends one cancellation per booking of a cancelled session, none for a booking already cancelled', async () => {
    const { session } = await timedShow();
    const customers = [await api.customer(), await api.customer(), await api.customer()];
    const bookings: Reply[] = [];
    for (const customer of customers) bookings.push(await book(customer, { sessionId: session.id, quantity: 1 }));
    bookings.push(await book(customers[0], { sessionId: session.id, quantity: 2 }));
    expect((await api.post(`/api/bookings/${bookings[1].body.id}/cancel`, undefined, as(customers[1]))).status).toBe(200);
    await cancellationTo(customers[1]);

    expect((await api.patch(`/api/sessions/${session.id}`, { status: 'cancelled' }, as(manager))).status).toBe(200);
    const first = await smtp.waitFor(customers[0].email, { subject: /cancelled/, count: 2 });
    expect(first.map((mail) => /^Booking (\w+) cancelled/.exec(mail.subject ?? '')?.[1]).sort()).toEqual(
      [bookings[0], bookings[3]].map((booking) => booking.body.reference as string).sort(),
    );
    for (const mail of first) expect(mail.text).toContain('The venue cancelled the session, and this booking with it.');
    const third = await cancellationTo(customers[2]);
    expect(third.subject).toContain(bookings[2].body.reference);
    expect(await queued(customers[0].email, 'booking-cancelled')).toBe(2);
    expect(await queued(customers[1].email, 'booking-cancelled')).toBe(1);
  });

  it('sends nothing for a booking refused because the session is sold out', async () => {
    const { session } = await timedShow(2);
    const [first, late] = [await api.customer(), await api.customer()];
    expect((await book(first, { sessionId: session.id, quantity: 2 })).status).toBe(201);
    expectProblem(await book(late, { sessionId: session.id, quantity: 1 }), 409, 'sold-out');
    await smtp.waitFor(first.email, { subject: /confirmed/ });
    expect(await queued(late.email, 'booking-confirmed')).toBe(0);
    expect(bookingMail(late)).toHaveLength(0);
  });
});
