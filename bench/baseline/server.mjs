// The baseline: the routes the bench calls, answered by raw Fastify + mysql2 with the SQL statements
// Marquee sends (read from its query log with bench/tools/trace-sql.mjs) and the same JSON, field
// for field — and no framework, ORM, guards, validation, logging or security headers. What Marquee
// spends on top of this is what the bench measures.
//
//   BASELINE_DATABASE_URL=mysql://root@127.0.0.1:3306/db PORT=3100 JWT_SECRET=… TICKET_SIGNING_KEY=… [SMTP_URL=smtp://…] node bench/baseline/server.mjs
//
// Mirrored: GET /api/services (page, limit; the default sort), GET /api/services/:id,
// GET /api/services/:id/sessions (from, to), GET /api/bookings (a customer's own, page and limit,
// the default sort), POST /api/bookings (by session with ticket lines, or by date with a quantity;
// with or without an Idempotency-Key; the confirmation queued in the outbox) and
// GET /api/health/ready. Other query parameters are ignored, and bodies are trusted: the bench sends
// only valid requests.
import { randomInt } from 'node:crypto';
import Fastify from 'fastify';
import mysql from 'mysql2/promise';
import { authenticate } from './access-token.mjs';
import { createETickets } from './e-ticket.mjs';
import { createOutbox } from './outbox.mjs';
import * as sql from './statements.mjs';

const DAY_MS = 86_400_000;
const MAX_DAYS_AHEAD = 365;
// Marquee's defaults, as the bench runs it: SESSION_HORIZON_DAYS, PUBLIC_URL, and a 30-day window of
// at most 92 dates for GET /api/services/:id/sessions.
const SESSION_HORIZON_DAYS = 90;
const PUBLIC_URL = 'http://localhost:4200';
const DEFAULT_WINDOW_DAYS = 30;
const MAX_WINDOW_DAYS = 92;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,100}$/;
const RETRYABLE = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT']);
const MAX_ATTEMPTS = 4;
const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const databaseUrl = new URL(required('BASELINE_DATABASE_URL'));
const secret = required('JWT_SECRET');
const pool = mysql.createPool({
  // The options TypeORM's MySQL driver gives mysql2 for Marquee's data source.
  host: databaseUrl.hostname,
  port: Number(databaseUrl.port || 3306),
  user: decodeURIComponent(databaseUrl.username),
  password: decodeURIComponent(databaseUrl.password),
  database: databaseUrl.pathname.slice(1),
  charset: 'utf8mb4_unicode_ci',
  timezone: 'Z',
  dateStrings: ['DATE'],
  supportBigNumbers: true,
  bigNumberStrings: true,
  stringifyObjects: true,
  trace: false,
  connectionLimit: Number(process.env.POOL_SIZE ?? databaseUrl.searchParams.get('connectionLimit') ?? 10),
});

const eTickets = createETickets({ signingKey: required('TICKET_SIGNING_KEY'), publicUrl: PUBLIC_URL });
const outbox = createOutbox({ inTransaction, smtpUrl: process.env.SMTP_URL, files: eTickets.files });

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// Answers

function problem(reply, request, kind, status, title, detail) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: `/problems/${kind}`, title, status, detail, instance: request.url.split('?')[0] });
}

function pageMeta(page, limit, total) {
  return { page, limit, total, totalPages: Math.ceil(total / limit) };
}

/** Page and limit as Marquee's defaults have them; anything else in the query is ignored. */
function paging(query) {
  const page = Number(query.page ?? 1);
  const limit = Number(query.limit ?? 20);
  return { page, limit, offset: (page - 1) * limit };
}

/** Marquee (totalFromPage, as TypeORM's getManyAndCount) skips the COUNT when the page tells the total. */
function knownTotal(rows, limit, offset) {
  if (rows.length === limit) return undefined;
  if (rows.length === 0 && offset > 0) return undefined;
  return offset + rows.length;
}

function toServiceDto(row) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    category: row.category,
    priceCents: row.price_cents,
    currency: row.currency,
    durationMinutes: row.duration_minutes,
    capacity: row.capacity,
    availabilityStatus: row.availability_status,
    imageUrl: row.image_url,
    location: row.location,
    salesCloseMinutes: row.sales_close_minutes,
    cancellationCutoffHours: row.cancellation_cutoff_hours,
    // The bench seeds no pictures (Marquee answers the renditions' URLs of one when it has it).
    image: null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toBookingDto(row, items) {
  return {
    id: row.id,
    userId: row.user_id,
    serviceId: row.service_id,
    service: { id: row.service_id, name: row.service_name },
    sessionId: row.session_id,
    reference: row.reference,
    startsAt: row.session_starts_at,
    allDay: Number(row.session_all_day) === 1,
    bookingDate: row.booking_date,
    quantity: row.quantity,
    unitPriceCents: row.unit_price_cents,
    totalCents: row.total_cents,
    currency: row.currency,
    status: row.status,
    tickets: items
      .filter((item) => item.booking_id === row.id)
      .map((item) => ({
        ticketTypeId: item.ticket_type_id,
        name: item.name,
        unitPriceCents: item.unit_price_cents,
        quantity: item.quantity,
      })),
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    cancelledAt: row.cancelled_at,
  };
}

/** A session as Marquee answers it; times are UTC (the bench runs it with VENUE_TIMEZONE unset). */
function toSessionDto(row) {
  const status = row.status;
  const capacity = row.capacity;
  const booked = row.booked;
  return {
    id: row.id,
    serviceId: row.service_id,
    scheduleId: row.schedule_id,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    localDate: row.local_date,
    localTime: row.starts_at.toISOString().slice(11, 16),
    allDay: Number(row.all_day) === 1,
    capacity,
    booked,
    remaining: status === 'scheduled' ? Math.max(0, capacity - booked) : 0,
    status,
  };
}

// ---------------------------------------------------------------------------------------------
// Routes

async function listServices(request) {
  const { page, limit, offset } = paging(request.query);
  const [rows] = await pool.query(sql.SERVICE_PAGE, [limit, offset]);
  const known = knownTotal(rows, limit, offset);
  const [total, next] = await Promise.all([
    known ?? pool.query(sql.SERVICE_COUNT).then(([[count]]) => Number(count.total)),
    nextStarts(rows.filter((row) => Number(row.timed) === 1).map((row) => row.id)),
  ]);
  const data = rows.map((row) => ({ ...toServiceDto(row), nextSessionAt: next.get(row.id) ?? null }));
  return { data, meta: pageMeta(page, limit, total) };
}

/** When each of these timed services' next session with places left starts. */
async function nextStarts(ids) {
  if (ids.length === 0) return new Map();
  const now = new Date().toISOString().replace('T', ' ').slice(0, 23);
  const [rows] = await pool.query(
    sql.NEXT_STARTS(ids.length),
    ids.flatMap((id) => [id, id, now]),
  );
  return new Map(rows.filter((row) => row.startsAt !== null).map((row) => [Number(row.serviceId), row.startsAt]));
}

async function getService(request, reply) {
  const id = Number(request.params.id);
  const [[row]] = await pool.query(sql.SERVICE_BY_ID, [id]);
  if (!row) return problem(reply, request, 'not-found', 404, 'Not found', `Service ${id} was not found`);
  return toServiceDto(row);
}

const addDays = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

/** A live service's sessions of `from` to `to` (default today and the next 29 days, at most 92 dates). */
async function listSessions(request, reply) {
  const id = Number(request.params.id);
  const [[service]] = await pool.query(sql.SERVICE_BY_ID, [id]);
  if (!service) return problem(reply, request, 'not-found', 404, 'Not found', `Service ${id} was not found`);
  const from = request.query.from ?? today();
  const to = request.query.to ?? addDays(from, DEFAULT_WINDOW_DAYS - 1);
  const span = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
  if (span < 1 || span > MAX_WINDOW_DAYS) return problem(reply, request, 'validation', 400, 'Validation failed', 'to: out of range');
  const [rows] = await pool.query(sql.SESSIONS_BETWEEN, [id, from, to]);
  return rows.map(toSessionDto);
}

async function listOwnBookings(request) {
  const { page, limit, offset } = paging(request.query);
  const userId = request.user.id;
  const [rows] = await pool.query(sql.OWN_BOOKING_PAGE, [userId, limit, offset]);
  const items = await itemsOf(pool, rows);
  let total = knownTotal(rows, limit, offset);
  if (total === undefined) {
    const [[count]] = await pool.query(sql.OWN_BOOKING_COUNT, [userId]);
    total = Number(count.total);
  }
  return { data: rows.map((row) => toBookingDto(row, items)), meta: pageMeta(page, limit, total) };
}

/** The ticket lines of these bookings (none asked for when there are none), through `source` (the pool or a transaction's connection). */
async function itemsOf(source, bookings) {
  if (bookings.length === 0) return [];
  const [items] = await source.query(
    sql.ITEMS_OF(bookings.length),
    bookings.map((booking) => booking.id),
  );
  return items;
}

/**
 * The booking rules of DESIGN.md §3 and §6 with Marquee's statements: the Idempotency-Key's earlier
 * booking, the session (or the service and date), the ticket types, then one transaction that takes
 * the places, inserts the booking and its lines, reads it back and queues its confirmation.
 */
async function createBooking(request, reply) {
  const { body } = request;
  const key = request.headers['idempotency-key'];
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
    return problem(reply, request, 'validation', 400, 'Validation failed', 'Idempotency-Key: must be 1–100 visible ASCII characters');
  }
  const notes = body.notes ?? null;
  const userId = request.user.id;
  if (key !== undefined) {
    const [[original]] = await pool.query(sql.BOOKING_BY_KEY, [userId, key]);
    if (original) return reply.status(201).send(toBookingDto(original, await itemsOf(pool, [original])));
  }
  const target = body.sessionId !== undefined ? await sessionTarget(body) : await dayTarget(body);
  if (target.refused) return problem(reply, request, ...refusal(target.refused));
  const { service } = target;
  const [types] = await pool.query(sql.ACTIVE_TICKET_TYPES, [service.id]);
  const wanted = body.tickets ?? [{ ticketTypeId: types[0].id, quantity: body.quantity }];
  const lines = wanted.map(({ ticketTypeId, quantity }) => {
    const type = types.find((candidate) => candidate.id === ticketTypeId);
    return { ticketTypeId, name: type.name, unitPriceCents: type.price_cents, quantity };
  });
  const outcome = await inTransaction((connection) => book(connection, { userId, target, lines, notes, key: key ?? null }));
  if (outcome.refused) return problem(reply, request, ...refusal(outcome.refused));
  outbox.wake();
  return reply.status(201).send(toBookingDto(outcome.row, outcome.items));
}

const refusal = ({ kind, status, title, detail }) => [kind, status, title, detail];

/** A session to book by id: scheduled, on sale, within the horizon, of a live, available service. */
async function sessionTarget({ sessionId, serviceId }) {
  const [[session]] = await pool.query(sql.SESSION_BY_ID, [sessionId]);
  if (!session) return refused('not-found', 404, 'Not found', `Session ${sessionId} was not found`);
  if (serviceId !== undefined && serviceId !== session.service_id) {
    return refused('validation', 400, 'Validation failed', 'serviceId: is not the service of this session');
  }
  const [[service]] = await pool.query(sql.SERVICE_BY_ID, [session.service_id]);
  if (!service) return refused('not-found', 404, 'Not found', `Service ${session.service_id} was not found`);
  if (service.availability_status !== 'available') {
    return refused('validation', 400, 'Validation failed', 'serviceId: this service is not available for booking');
  }
  if (session.status !== 'scheduled') return refused('conflict', 409, 'Conflict', `Session ${sessionId} was cancelled`);
  const closes = Number(session.all_day) === 1 ? null : session.starts_at.getTime() - service.sales_close_minutes * 60_000;
  if (closes === null ? session.local_date < today() : Date.now() >= closes) {
    return refused('validation', 400, 'Validation failed', 'sessionId: sales for this session have closed');
  }
  if (session.local_date > addDays(today(), SESSION_HORIZON_DAYS)) {
    return refused('validation', 400, 'Validation failed', `sessionId: sessions are sold at most ${SESSION_HORIZON_DAYS} days ahead`);
  }
  return { service, sessionId: session.id, date: session.local_date };
}

/** A date of an all-day service: today or later, at most 365 days ahead. */
async function dayTarget({ serviceId, bookingDate }) {
  if (bookingDate < today() || bookingDate > addDays(today(), MAX_DAYS_AHEAD)) {
    return refused('validation', 400, 'Validation failed', 'bookingDate: out of range');
  }
  const [[service]] = await pool.query(sql.SERVICE_BY_ID, [serviceId]);
  if (!service) return refused('not-found', 404, 'Not found', `Service ${serviceId} was not found`);
  if (service.availability_status !== 'available') {
    return refused('validation', 400, 'Validation failed', 'serviceId: this service is not available for booking');
  }
  return { service, date: bookingDate };
}

/** An all-day session runs from midnight to midnight (UTC: the bench runs the API with VENUE_TIMEZONE unset). */
function allDay(date) {
  const start = Date.parse(`${date}T00:00:00Z`);
  const format = (instant) => new Date(instant).toISOString().replace('T', ' ').slice(0, 23);
  return [format(start), format(start + DAY_MS)];
}

async function book(connection, { userId, target, lines, notes, key }) {
  const { service, date } = target;
  const serviceId = service.id;
  const byDate = target.sessionId === undefined;
  const [[locked]] = await connection.query(byDate ? sql.SERVICE_LOCKED_BY_DATE : sql.SERVICE_LOCKED, [userId, serviceId]);
  if (locked && locked.booker === null) return refused('unauthorized', 401, 'Unauthorized', 'This account was deleted or deactivated');
  if (!locked || locked.deleted !== null) return refused('not-found', 404, 'Not found', `Service ${serviceId} was not found`);
  if (locked.status !== 'available') return refused('validation', 400, 'Validation failed', 'serviceId: not available for booking');
  let sessionId = target.sessionId;
  if (byDate) {
    if (Number(locked.timed) === 1) return refused('validation', 400, 'Validation failed', 'sessionId: this service sells timed sessions');
    const [ensured] = await connection.query(sql.ENSURE_ALL_DAY_SESSION, [serviceId, ...allDay(date), date, Number(locked.capacity)]);
    sessionId = ensured.insertId;
  }
  const quantity = lines.reduce((sum, line) => sum + line.quantity, 0);
  const [taken] = await connection.query(sql.TAKE_PLACES, [quantity, sessionId, quantity]);
  if (taken.affectedRows !== 1) {
    const [[session]] = await connection.query(sql.SESSION_BY_ID, [sessionId]);
    if (session?.status === 'cancelled') return refused('conflict', 409, 'Conflict', `Session ${sessionId} was cancelled`);
    const remaining = Math.max(0, Number(session?.capacity ?? 0) - Number(session?.booked ?? 0));
    const when = session && Number(session.all_day) !== 1 ? 'this session' : date;
    return refused('sold-out', 409, 'Sold out', remaining > 0 ? `Only ${remaining} place(s) left on ${when}` : `No places left on ${when}`);
  }
  const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  const reference = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
  const values = [
    userId,
    serviceId,
    sessionId,
    reference,
    date,
    quantity,
    Math.round(totalCents / quantity),
    totalCents,
    service.currency,
    notes,
    key,
  ];
  const [inserted] = await connection.query(sql.INSERT_BOOKING, values);
  const id = inserted.insertId;
  await connection.query(
    sql.INSERT_ITEMS(lines.length),
    lines.flatMap((line) => [id, line.ticketTypeId, line.name, line.unitPriceCents, line.quantity]),
  );
  const [[row]] = await connection.query(sql.BOOKING_BY_ID, [id]);
  const items = await itemsOf(connection, [row]);
  await queueConfirmation(connection, row, items);
  await connection.query(sql.WEBHOOK_SUBSCRIBERS);
  return { row, items };
}

const money = new Map();
const formatMoney = (minor, currency) => {
  let format = money.get(currency);
  if (!format) money.set(currency, (format = new Intl.NumberFormat('en-US', { style: 'currency', currency })));
  return format.format(minor / 100);
};
const dated = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'full' });
const timed = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'full', timeStyle: 'short' });

/** The confirmation message, queued in the booking's transaction with the values Marquee's template gets. */
async function queueConfirmation(connection, row, items) {
  const [[customer]] = await connection.query(sql.CUSTOMERS(1), [row.user_id]);
  const values = {
    name: customer.name,
    reference: row.reference,
    service: row.service_name,
    when: Number(row.session_all_day) === 1 ? dated.format(new Date(`${row.booking_date}T00:00:00Z`)) : timed.format(row.session_starts_at),
    location: row.service_location ?? 'the venue',
    tickets: items.map((item) => ({
      ticket: item.name,
      quantity: item.quantity,
      unitPrice: formatMoney(item.unit_price_cents, row.currency),
      amount: formatMoney(item.quantity * item.unit_price_cents, row.currency),
    })),
    total: formatMoney(row.total_cents, row.currency),
    link: `${PUBLIC_URL}/bookings`,
  };
  const attachments = JSON.stringify(eTickets.attachments(row, items));
  await outbox.enqueue(connection, { kind: 'booking-confirmed', recipient: customer.email, payload: JSON.stringify(values), attachments });
}

/** A booking turned down inside the transaction: rolled back, as Marquee's thrown problem is. */
function refused(kind, status, title, detail) {
  return { refused: { kind, status, title, detail } };
}

/** Marquee's Transactions.run on MySQL: READ COMMITTED, retried on deadlock. */
async function inTransaction(work) {
  for (let attempt = 1; ; attempt++) {
    const connection = await pool.getConnection();
    try {
      await connection.query('SET TRANSACTION ISOLATION LEVEL READ COMMITTED');
      await connection.query('START TRANSACTION');
      const outcome = await work(connection);
      await connection.query(outcome.refused ? 'ROLLBACK' : 'COMMIT');
      return outcome;
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has(error.code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20));
    } finally {
      connection.release();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Server

const app = Fastify({ logger: false, bodyLimit: 100 * 1024 });

/** The JWT guard's work: verify the token, then read the user, their role and its permissions. */
app.decorateRequest('user', null);
async function signedIn(request, reply) {
  request.user = await authenticate(request.headers.authorization, secret, async (id) => {
    const [rows] = await pool.query(sql.SESSION_USER, [id]);
    return rows;
  });
  if (!request.user) return problem(reply, request, 'unauthorized', 401, 'Unauthorized', 'A valid access token is required');
}

app.get('/api/health/ready', async () => {
  await pool.query('SELECT 1');
  return { status: 'ok' };
});
app.get('/api/services', listServices);
app.get('/api/services/:id', getService);
app.get('/api/services/:id/sessions', listSessions);
app.get('/api/bookings', { preHandler: signedIn }, listOwnBookings);
app.post('/api/bookings', { preHandler: signedIn }, createBooking);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, async () => {
    await app.close();
    await outbox.close();
    await pool.end();
    process.exit(0);
  });
}

await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
