import { createPublicKey, generateKeyPairSync, verify, type JsonWebKey } from 'node:crypto';
import ICAL from 'ical.js';
import QRCode from 'qrcode';
import { as, day, expectProblem, TestApp, type Session } from './support/test-app.js';

const PUBLIC_URL = 'https://tickets.example.test';

/** A ticket code checked offline, as a scanner app would: the JWK and node:crypto only. Answers the signed claims, or undefined. */
function verifyOffline(code: string, jwk: JsonWebKey): { bookingId: number; sessionId: number; quantity: number } | undefined {
  const bytes = Buffer.from(code, 'base64url');
  if (bytes.length !== 74) return undefined;
  const signed = bytes.subarray(0, 10);
  if (!verify(null, signed, createPublicKey({ key: jwk, format: 'jwk' }), bytes.subarray(10))) return undefined;
  return { bookingId: signed.readUInt32BE(1), sessionId: signed.readUInt32BE(5), quantity: signed.readUInt8(9) };
}

/** Changes one character of `code` in its signed part (or its signature), keeping it base64url. */
const tamper = (code: string, at: number) => `${code.slice(0, at)}${code[at] === 'A' ? 'B' : 'A'}${code.slice(at + 1)}`;

/** E-tickets (DESIGN §7): a signed code per booking, verifiable offline with the published key, and the booking as a calendar file. */
describe('tickets and calendar files', () => {
  let api: TestApp;
  let manager: Session;

  beforeAll(async () => {
    api = await TestApp.start({ PUBLIC_URL });
    manager = await api.withRole('manager');
  });

  afterAll(async () => {
    await api?.close();
  });

  /** A booking of `quantity` places on a one-off session starting at `startsAt` (90 minutes long) of a service at `location`. */
  async function timedBooking(
    who: Session,
    { name = 'Gala night', location = 'Hall A', startsAt = `${day(4)}T18:30:00Z`, quantity = 2 } = {},
  ) {
    const service = await api.service({ name, location, durationMinutes: 90 });
    const session = await api.post(`/api/services/${service.id}/sessions`, { startsAt }, as(manager));
    expect(session.status).toBe(201);
    const booked = await api.post('/api/bookings', { sessionId: session.body.id, quantity }, as(who));
    expect(booked.status).toBe(201);
    return booked.body;
  }

  it('publishes the Ed25519 public key as a JWK, to anyone', async () => {
    const reply = await api.get('/api/tickets/public-key');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: expect.stringMatching(/^[\w-]{43}$/),
      alg: 'EdDSA',
      use: 'sig',
      kid: reply.body.x.slice(0, 16),
    });
    expect(createPublicKey({ key: reply.body, format: 'jwk' }).asymmetricKeyType).toBe('ed25519');
  });

  it('gives the owner a ticket whose code verifies offline with the JWK and names the booking, session and quantity; a tampered code fails', async () => {
    const customer = await api.customer();
    const booking = await timedBooking(customer, { quantity: 3 });
    const jwk = (await api.get('/api/tickets/public-key')).body;

    const reply = await api.get(`/api/bookings/${booking.id}/ticket`, as(customer));
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(['code', 'qrSvg', 'reference']);
    const { code, reference, qrSvg } = reply.body;
    expect(reference).toBe(booking.reference);
    expect(code).toMatch(/^[A-Za-z0-9_-]{99}$/);
    expect(verifyOffline(code, jwk)).toEqual({ bookingId: booking.id, sessionId: booking.sessionId, quantity: 3 });

    // Any changed character — in the booking id, the session, the quantity or the signature — fails.
    for (const at of [2, 8, 12, 20, 60, 97]) expect(verifyOffline(tamper(code, at), jwk)).toBeUndefined();
    // Another key's JWK does not verify it.
    expect(verifyOffline(code, generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }))).toBeUndefined();

    // The QR image carries the code in a small symbol (version ≤ 10), as an SVG document.
    expect(qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>\s*$/);
    expect(QRCode.create(code, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(10);

    // The same booking always has the same code (Ed25519 signatures are deterministic).
    expect((await api.get(`/api/bookings/${booking.id}/ticket`, as(customer))).body.code).toBe(code);
  });

  it('shows a ticket to staff with bookings:read:any, and answers 404 to another customer as for a missing booking', async () => {
    const customer = await api.customer();
    const booking = await timedBooking(customer);
    expect((await api.get(`/api/bookings/${booking.id}/ticket`, as(manager))).status).toBe(200);
    expectProblem(await api.get(`/api/bookings/${booking.id}/ticket`, as(await api.customer())), 404, 'not-found');
    expectProblem(await api.get(`/api/bookings/${booking.id}/calendar.ics`, as(await api.customer())), 404, 'not-found');
    expectProblem(await api.get('/api/bookings/999999/ticket', as(manager)), 404, 'not-found');
    expectProblem(await api.get(`/api/bookings/${booking.id}/ticket`), 401, 'unauthorized');
    expectProblem(await api.get('/api/bookings/x/calendar.ics', as(customer)), 400, 'validation');
  });

  /** The iCalendar text parsed strictly by ical.js: its one event. */
  function parseEvent(text: string): ICAL.Event {
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    const events = calendar.getAllSubcomponents('vevent');
    expect(events).toHaveLength(1);
    return new ICAL.Event(events[0]);
  }

  /** RFC 5545 §3.1: CRLF line ends, content lines of at most 75 octets. */
  function expectWellFormed(text: string): void {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  }

  it('serves a timed booking as text/calendar: stable UID, DTSTAMP, start and end in UTC, summary and location, folded lines', async () => {
    const customer = await api.customer();
    const name = `Ünïcode gala — a very long evening of music, dance, and theatre; with guests ${Date.now()}`;
    const location = 'Hall A, Rue de la Paix 5; Paris';
    const booking = await timedBooking(customer, { name, location, startsAt: `${day(6)}T18:30:00Z` });

    const reply = await api.get(`/api/bookings/${booking.id}/calendar.ics`, as(customer));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toBe(`attachment; filename="booking-${booking.reference}.ics"`);
    const text = reply.body as string;
    expectWellFormed(text);
    expect(text).toMatch(/\r\n [^\r\n]/); // the long summary was folded
    expect(text).toContain(`\r\nDTSTART:${day(6).replace(/-/g, '')}T183000Z\r\n`);

    const event = parseEvent(text);
    expect(event.uid).toBe(`booking-${booking.id}@tickets.example.test`);
    expect(event.summary).toBe(name);
    expect(event.location).toBe(location);
    expect(event.startDate.isDate).toBe(false);
    expect(event.startDate.zone.tzid).toBe('UTC');
    expect(event.startDate.toJSDate().toISOString()).toBe(`${day(6)}T18:30:00.000Z`);
    expect(event.endDate.toJSDate().toISOString()).toBe(`${day(6)}T20:00:00.000Z`);
    expect(event.description).toContain(`Booking ${booking.reference}: 2 × Standard`);
    expect(event.description).toContain(`${PUBLIC_URL}/bookings`);
    const stamp = event.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(Math.abs(stamp.toJSDate().getTime() - Date.now())).toBeLessThan(60_000);
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');

    // The UID is the booking's for good: the file read again (by staff too) names the same event.
    const again = await api.get(`/api/bookings/${booking.id}/calendar.ics`, as(manager));
    expect(parseEvent(again.body).uid).toBe(event.uid);
  });

  it('serves an all-day booking as a DATE event from its day to the next, and a cancelled one as CANCELLED', async () => {
    const customer = await api.customer();
    const service = await api.service({ location: 'Park gate' });
    const date = day(3);
    const booked = await api.post('/api/bookings', { serviceId: service.id, bookingDate: date, quantity: 1 }, as(customer));
    expect(booked.status).toBe(201);

    const text = (await api.get(`/api/bookings/${booked.body.id}/calendar.ics`, as(customer))).body as string;
    expectWellFormed(text);
    expect(text).toContain(`\r\nDTSTART;VALUE=DATE:${date.replace(/-/g, '')}\r\n`);
    const event = parseEvent(text);
    expect(event.startDate.isDate).toBe(true);
    expect(event.startDate.toString()).toBe(date);
    expect(event.endDate.toString()).toBe(new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
    expect(event.location).toBe('Park gate');

    expect((await api.post(`/api/bookings/${booked.body.id}/cancel`, undefined, as(customer))).status).toBe(200);
    const cancelled = parseEvent((await api.get(`/api/bookings/${booked.body.id}/calendar.ics`, as(customer))).body);
    expect(cancelled.uid).toBe(event.uid);
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});
