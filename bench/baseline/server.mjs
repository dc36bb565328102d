// The baseline: the routes the bench calls, answered by raw Fastify + mysql2 with the SQL statements
// Marquee sends (read from its query log with bench/tools/trace-sql.mjs) and the same JSON, field
// for field — and no framework, ORM, guards, validation, logging or security headers. What Marquee
// spends on top of this is what the bench measures.
//
//   BASELINE_DATABASE_URL=mysql://root@127.0.0.1:3306/db PORT=3100 JWT_SECRET=… node bench/baseline/server.mjs
//
// Mirrored: GET /api/services (page, limit; the default sort), GET /api/services/:id,
// GET /api/bookings (a customer's own, page and limit, the default sort), POST /api/bookings (no
// Idempotency-Key) and GET /api/health/ready. Other query parameters are ignored, and bodies are
// trusted: the bench sends only valid requests.
import { randomInt } from 'node:crypto';
import Fastify from 'fastify';
import mysql from 'mysql2/promise';
import { authenticate } from './access-token.mjs';
import * as sql from './statements.mjs';

const DAY_MS = 86_400_000;
const MAX_DAYS_AHEAD = 365;
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

// ---------------------------------------------------------------------------------------------
// Routes

async function listServices(request) {
  const { page, limit, offset } = paging(request.query);
  const [rows] = await pool.query(sql.SERVICE_PAGE, [limit, offset]);
  let total = knownTotal(rows, limit, offset);
  if (total === undefined) {
    const [[count]] = await pool.query(sql.SERVICE_COUNT);
    total = Number(count.total);
  }
  return { data: rows.map(toServiceDto), meta: pageMeta(page, limit, total) };
}

async function getService(request, reply) {
  const id = Number(request.params.id);
  const [[row]] = await pool.query(sql.SERVICE_BY_ID, [id]);
  if (!row) return problem(reply, request, 'not-found', 404, 'Not found', `Service ${id} was not found`);
  return toServiceDto(row);
}

async function listOwnBookings(request) {
  const { page, limit, offset } = paging(request.query);
  const userId = request.user.id;
  const [rows] = await pool.query(sql.OWN_BOOKING_PAGE, [userId, limit, offset]);
  const items = await itemsOf(rows);
  let total = knownTotal(rows, limit, offset);
  if (total === undefined) {
    const [[count]] = await pool.query(sql.OWN_BOOKING_COUNT, [userId]);
    total = Number(count.total);
  }
  return { data: rows.map((row) => toBookingDto(row, items)), meta: pageMeta(page, limit, total) };
}

/** The ticket lines of these bookings (none asked for when there are none). */
async function itemsOf(bookings) {
  if (bookings.length === 0) return [];
  const [items] = await pool.query(
    sql.ITEMS_OF(bookings.length),
    bookings.map((booking) => booking.id),
  );
  return items;
}

/** The booking rules of DESIGN.md §3 with Marquee's statements: check, then one transaction. */
async function createBooking(request, reply) {
  const { serviceId, bookingDate, quantity } = request.body;
  const notes = request.body.notes ?? null;
  const today = new Date().toISOString().slice(0, 10);
  const lastDay = new Date(Date.now() + MAX_DAYS_AHEAD * DAY_MS).toISOString().slice(0, 10);
  if (bookingDate < today || bookingDate > lastDay) {
    return problem(reply, request, 'validation', 400, 'Validation failed', 'bookingDate: out of range');
  }
  const [[service]] = await pool.query(sql.SERVICE_BY_ID, [serviceId]);
  if (!service) return problem(reply, request, 'not-found', 404, 'Not found', `Service ${serviceId} was not found`);
  if (service.availability_status !== 'available') {
    return problem(reply, request, 'validation', 400, 'Validation failed', 'serviceId: this service is not available for booking');
  }
  const [[type]] = await pool.query(sql.ACTIVE_TICKET_TYPES, [serviceId]);
  const outcome = await inTransaction((connection) =>
    book(connection, { userId: request.user.id, service, type, bookingDate, quantity, notes }),
  );
  if (outcome.refused) {
    const { kind, status, title, detail } = outcome.refused;
    return problem(reply, request, kind, status, title, detail);
  }
  const [[row]] = await pool.query(sql.BOOKING_BY_ID, [outcome.id]);
  return reply.status(201).send(toBookingDto(row, await itemsOf([row])));
}

/** An all-day session runs from midnight to midnight (UTC: the bench runs the API with VENUE_TIMEZONE unset). */
function allDay(date) {
  const start = Date.parse(`${date}T00:00:00Z`);
  const format = (instant) => new Date(instant).toISOString().replace('T', ' ').slice(0, 23);
  return [format(start), format(start + DAY_MS)];
}

async function book(connection, { userId, service, type, bookingDate, quantity, notes }) {
  const serviceId = service.id;
  const [[locked]] = await connection.query(sql.SERVICE_CAPACITY_LOCKED, [userId, serviceId]);
  if (locked && locked.booker === null) return refused('unauthorized', 401, 'Unauthorized', 'This account was deleted or deactivated');
  if (!locked || locked.deleted !== null) return refused('not-found', 404, 'Not found', `Service ${serviceId} was not found`);
  if (locked.status !== 'available') return refused('validation', 400, 'Validation failed', 'serviceId: not available for booking');
  const capacity = Number(locked.capacity);
  if (Number(locked.timed) === 1) return refused('validation', 400, 'Validation failed', 'sessionId: this service sells timed sessions');
  const [ensured] = await connection.query(sql.ENSURE_ALL_DAY_SESSION, [serviceId, ...allDay(bookingDate), bookingDate, capacity]);
  const sessionId = ensured.insertId;
  const [taken] = await connection.query(sql.TAKE_PLACES, [quantity, sessionId, quantity]);
  if (taken.affectedRows !== 1) {
    const [[session]] = await connection.query(sql.SESSION_BY_ID, [sessionId]);
    const remaining = Math.max(0, Number(session?.capacity ?? 0) - Number(session?.booked ?? 0));
    return refused(
      'sold-out',
      409,
      'Sold out',
      remaining > 0 ? `Only ${remaining} place(s) left on ${bookingDate}` : `No places left on ${bookingDate}`,
    );
  }
  const price = type.price_cents;
  const reference = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)]).join('');
  const values = [userId, serviceId, sessionId, reference, bookingDate, quantity, price, price * quantity, service.currency, notes, null];
  const [inserted] = await connection.query(sql.INSERT_BOOKING, values);
  await connection.query(sql.INSERT_ITEM, [inserted.insertId, type.id, type.name, price, quantity]);
  return { id: inserted.insertId };
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
app.get('/api/bookings', { preHandler: signedIn }, listOwnBookings);
app.post('/api/bookings', { preHandler: signedIn }, createBooking);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  });
}

await app.listen({ port: Number(process.env.PORT ?? 3100), host: '127.0.0.1' });
