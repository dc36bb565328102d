// The bench's own MariaDB database: created empty (the API's migrations build the schema), seeded
// with fast multi-row INSERTs, checked after the hot-row contest, dropped at the end.
import { createHash, randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import bcrypt from 'bcrypt';
import mysql from 'mysql2/promise';
import { log, onCleanup, sleep } from './lifecycle.mjs';

export const SEED = { services: 1_000, users: 2_000, bookings: 50_000, timedEvery: 10, pastDays: 90, horizonDays: 90 };
/**
 * Whether the service at `index` (0-based, in seeding order) sells timed sessions: every tenth,
 * starting at the fourth, so the catalogue's first page (comedies, by name) holds 4 of them among 20.
 */
export const isTimedIndex = (index) => index % SEED.timedEvery === 3;
/** The local start times of a timed service's weekly schedule: 8 sessions a day, every day. */
export const SESSION_TIMES = ['10:00', '11:30', '13:00', '14:30', '16:00', '17:30', '19:00', '20:30'];
/** The two ticket types of every service: Adult at the service's price (its lead type), Child at 60 %. */
const CHILD_PRICE_SHARE = 0.6;
export const CUSTOMER_PASSWORD = 'Bench-password-1';
const CATEGORIES = ['movie', 'concert', 'theatre', 'comedy', 'sports', 'gaming', 'experience', 'other'];
const BATCH_ROWS = 2_000;
const DAY_MS = 86_400_000;
const REFERENCE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A small deterministic generator (mulberry32), so every run seeds the same data. */
function randomSource(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)), pick: (list) => list[Math.floor(next() * list.length)] };
}

/** YYYY-MM-DD of today + `days` (UTC, the API's default VENUE_TIMEZONE). */
export function dayFromToday(days) {
  return new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The same pre-hash as the API's PasswordHasher (SHA-256, base64) before bcrypt. */
export function passwordDigest(password) {
  return createHash('sha256').update(password, 'utf8').digest('base64');
}

/** A fresh database `marquee_bench_<random>` on the server; dropped at cleanup. */
export async function createDatabase(serverUrl, poolSize) {
  const name = `marquee_bench_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const server = new URL(serverUrl);
  const admin = await mysql.createConnection({ uri: server.href, connectTimeout: 5000 });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const [[{ version }]] = await admin.query('SELECT VERSION() AS version');
  await admin.end();
  log(`database ${name} created (${version})`);
  const url = new URL(server.href);
  url.pathname = `/${name}`;
  url.searchParams.set('connectionLimit', String(poolSize));
  const pool = mysql.createPool({ ...poolOptions(url), connectionLimit: 4 });
  onCleanup(async () => {
    await pool.end().catch(() => undefined);
    const connection = await mysql.createConnection({ uri: server.href, connectTimeout: 5000 });
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.end();
    log(`database ${name} dropped`);
  });
  return { name, url: url.href, pool, version };
}

function poolOptions(url) {
  return {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
    timezone: 'Z',
    dateStrings: ['DATE'],
    connectTimeout: 5000,
  };
}

async function insertRows(pool, table, columns, rows) {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    await pool.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ?`, [rows.slice(start, start + BATCH_ROWS)]);
  }
}

/**
 * 1,000 services, each with two ticket types (Adult, Child); every tenth (isTimedIndex) sells timed sessions from
 * a weekly schedule (8 a day, every day, from 90 days ago to the end of the 90-day booking horizon),
 * the others all-day sessions made by their bookings. 2,000 customers (one bcrypt hash, computed
 * once, for all) and 50,000 bookings with their ticket lines, the sessions counting their places.
 * Resolves what the scenarios need.
 */
export async function seed(pool, { bcryptCost }) {
  const random = randomSource(20_251_126);
  const began = Date.now();
  const services = await seedServices(pool, random);
  const hash = await bcrypt.hash(passwordDigest(CUSTOMER_PASSWORD), bcryptCost);
  const customers = await seedCustomers(pool, hash);
  const timedSessions = await seedSchedules(pool, services);
  const sessions = await seedBookings(pool, random, services, customers);
  const upcoming = await upcomingTimedSessions(pool);
  log(
    `seeded ${services.length} services (${services.filter((service) => service.timed).length} with schedules, ${timedSessions} timed sessions), ` +
      `${customers.length} customers (bcrypt cost ${bcryptCost}), ${SEED.bookings} bookings on ${sessions} sessions ` +
      `in ${((Date.now() - began) / 1000).toFixed(1)} s`,
  );
  return { services, customers, hash, upcoming };
}

async function seedServices(pool, random) {
  const now = new Date();
  const rows = Array.from({ length: SEED.services }, (_, index) => {
    const category = CATEGORIES[index % CATEGORIES.length];
    const number = String(index + 1).padStart(4, '0');
    const availability = random.next() < 0.9 || isTimedIndex(index) ? 'available' : 'unavailable';
    return [
      `${category[0].toUpperCase()}${category.slice(1)} ${number}: ${random.pick(['Evening', 'Matinee', 'Late', 'Family', 'Premium'])} session`,
      `Bench service ${number}, a ${category} of ${random.int(30, 180)} minutes with room for a crowd.`,
      category,
      random.int(5, 200) * 100,
      'USD',
      random.int(30, 180),
      random.int(100, 500),
      availability,
      random.next() < 0.5 ? `https://images.example.com/services/${number}.jpg` : null,
      random.next() < 0.8 ? `Hall ${random.int(1, 20)}` : null,
      now,
      now,
    ];
  });
  const columns = [
    'name',
    'description',
    'category',
    'price_cents',
    'currency',
    'duration_minutes',
    'capacity',
    'availability_status',
    'image_url',
    'location',
    'created_at',
    'updated_at',
  ];
  await insertRows(pool, 'services', columns, rows);
  await insertTicketTypes(pool, 'SELECT id, price_cents FROM services');
  const [services] = await pool.query(
    'SELECT s.id, s.price_cents AS priceCents, s.capacity, s.duration_minutes AS durationMinutes, s.availability_status = ? AS available, ' +
      'a.id AS adultId, a.price_cents AS adultCents, c.id AS childId, c.price_cents AS childCents FROM services s ' +
      "INNER JOIN ticket_types a ON a.service_id = s.id AND a.name = 'Adult' INNER JOIN ticket_types c ON c.service_id = s.id AND c.name = 'Child' " +
      'ORDER BY s.id',
    ['available'],
  );
  return services.map((service, index) => ({ ...service, available: Boolean(service.available), timed: isTimedIndex(index) }));
}

/** Adult (the lead type, at the service's price) and Child of each service `select` names (its id and price_cents). */
async function insertTicketTypes(pool, select, parameters = []) {
  await pool.query(
    'INSERT INTO ticket_types (service_id, name, price_cents, position, is_active) ' +
      `SELECT id, 'Adult', price_cents, 0, 1 FROM (${select}) p UNION ALL ` +
      `SELECT id, 'Child', ROUND(price_cents * ${CHILD_PRICE_SHARE}), 1, 1 FROM (${select}) q`,
    [...parameters, ...parameters],
  );
}

/**
 * The weekly schedule of each timed service (every day, SESSION_TIMES, from SEED.pastDays ago, open
 * ended) and its sessions up to the end of the booking horizon, as the API's materialiser makes them
 * (UTC: the bench runs the API with VENUE_TIMEZONE unset), so that it finds none missing.
 */
async function seedSchedules(pool, services) {
  const timed = services.filter((service) => service.timed);
  const startsOn = dayFromToday(-SEED.pastDays);
  await insertRows(
    pool,
    'schedules',
    ['service_id', 'weekdays', 'times', 'starts_on', 'ends_on', 'capacity'],
    timed.map((service) => [service.id, '1,2,3,4,5,6,7', SESSION_TIMES.join(','), startsOn, null, null]),
  );
  const [schedules] = await pool.query('SELECT id, service_id FROM schedules');
  const scheduleOf = new Map(schedules.map((row) => [row.service_id, row.id]));
  const rows = [];
  for (const service of timed) {
    for (let offset = -SEED.pastDays; offset <= SEED.horizonDays; offset++) {
      const date = dayFromToday(offset);
      for (const time of SESSION_TIMES) {
        const start = Date.parse(`${date}T${time}:00Z`);
        const end = start + service.durationMinutes * 60_000;
        rows.push([service.id, scheduleOf.get(service.id), new Date(start), new Date(end), date, 0, service.capacity]);
      }
    }
  }
  await insertRows(pool, 'sessions', ['service_id', 'schedule_id', 'starts_at', 'ends_at', 'local_date', 'all_day', 'capacity'], rows);
  return rows.length;
}

/** The timed sessions on sale, tomorrow to the day before the horizon ends: what S4 books. */
async function upcomingTimedSessions(pool) {
  const [rows] = await pool.query(
    "SELECT id, service_id AS serviceId FROM sessions WHERE all_day = 0 AND status = 'scheduled' AND local_date >= ? AND local_date < ? ORDER BY id",
    [dayFromToday(1), dayFromToday(SEED.horizonDays)],
  );
  return rows;
}

async function seedCustomers(pool, hash) {
  const [[role]] = await pool.query("SELECT id FROM roles WHERE name = 'customer'");
  const rows = Array.from({ length: SEED.users }, (_, index) => [`Customer ${index + 1}`, customerEmail(index), hash, role.id, 1]);
  await insertRows(pool, 'users', ['name', 'email', 'password_hash', 'role_id', 'is_active'], rows);
  const [users] = await pool.query("SELECT id, email FROM users WHERE email LIKE 'customer-%@bench.test' ORDER BY id");
  return users;
}

export function customerEmail(index) {
  return `customer-${index + 1}@bench.test`;
}

/**
 * Bookings from 90 days ago to 180 days ahead: on an all-day service, on its day's all-day session
 * (midnight to midnight UTC, as the bench's API runs with VENUE_TIMEZONE unset), inserted here; on a
 * timed service (within its schedule's dates), on one of that day's sessions. Each with a reference
 * and its ticket lines: 2 or 3 places are Adults and one Child, 1 place an Adult. The sessions count
 * the confirmed and completed places. Resolves how many sessions the bookings are on.
 */
async function seedBookings(pool, random, services, customers) {
  const now = Date.now();
  const sessions = new Map();
  const drawn = [];
  for (let index = 0; index < SEED.bookings; index++) {
    const service = random.pick(services);
    const offset = service.timed ? random.int(-SEED.pastDays, SEED.horizonDays - 1) : random.int(-90, 180);
    const date = dayFromToday(offset);
    const time = service.timed ? random.pick(SESSION_TIMES) : '00:00';
    const quantity = random.int(1, 3);
    const status = bookingStatus(random, offset);
    const createdAt = new Date(Math.min(now, now + offset * DAY_MS) - random.int(0, 60) * DAY_MS - random.int(0, DAY_MS));
    const cancelledAt = status === 'cancelled' ? new Date(createdAt.getTime() + random.int(1, 3_600_000)) : null;
    const userId = random.pick(customers).id;
    const notes = random.next() < 0.1 ? 'Seats together, please' : null;
    const startsAt = Date.parse(`${date}T${time}:00Z`);
    const key = `${service.id}|${startsAt}`;
    drawn.push({ userId, service, date, key, quantity, status, notes, createdAt, cancelledAt });
    const session = sessions.get(key) ?? { service, date, startsAt, booked: 0 };
    if (status !== 'cancelled') session.booked += quantity;
    sessions.set(key, session);
  }
  const allDay = [...sessions.values()]
    .filter(({ service }) => !service.timed)
    .map(({ service, date, startsAt, booked }) => [
      service.id,
      new Date(startsAt),
      new Date(startsAt + DAY_MS),
      date,
      1,
      service.capacity,
      booked,
    ]);
  await insertRows(pool, 'sessions', ['service_id', 'starts_at', 'ends_at', 'local_date', 'all_day', 'capacity', 'booked'], allDay);
  const [sessionRows] = await pool.query('SELECT id, service_id, starts_at FROM sessions');
  const sessionOf = new Map(sessionRows.map((row) => [`${row.service_id}|${row.starts_at.getTime()}`, row.id]));
  const timedBooked = [...sessions.entries()].filter(([, { service }]) => service.timed);
  for (let start = 0; start < timedBooked.length; start += BATCH_ROWS) {
    const chunk = timedBooked.slice(start, start + BATCH_ROWS);
    await pool.query(`UPDATE sessions SET booked = CASE id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE id IN (?)`, [
      ...chunk.flatMap(([key, { booked }]) => [sessionOf.get(key), booked]),
      chunk.map(([key]) => sessionOf.get(key)),
    ]);
  }

  const references = new Set();
  const reference = () => {
    for (;;) {
      const candidate = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[random.int(0, REFERENCE_ALPHABET.length - 1)]).join('');
      if (!references.has(candidate)) return (references.add(candidate), candidate);
    }
  };
  for (const booking of drawn) {
    const { service, quantity } = booking;
    booking.reference = reference();
    booking.lines =
      quantity === 1
        ? [[service.adultId, 'Adult', service.adultCents, 1]]
        : [
            [service.adultId, 'Adult', service.adultCents, quantity - 1],
            [service.childId, 'Child', service.childCents, 1],
          ];
    booking.totalCents = booking.lines.reduce((sum, [, , cents, count]) => sum + cents * count, 0);
  }
  const rows = drawn.map((booking) => [
    booking.userId,
    booking.service.id,
    sessionOf.get(booking.key),
    booking.reference,
    booking.date,
    booking.quantity,
    Math.round(booking.totalCents / booking.quantity),
    booking.totalCents,
    'USD',
    booking.status,
    booking.notes,
    booking.createdAt,
    booking.cancelledAt ?? booking.createdAt,
    booking.cancelledAt,
  ]);
  const columns = [
    'user_id',
    'service_id',
    'session_id',
    'reference',
    'booking_date',
    'quantity',
    'unit_price_cents',
    'total_cents',
    'currency',
    'status',
    'notes',
    'created_at',
    'updated_at',
    'cancelled_at',
  ];
  await insertRows(pool, 'bookings', columns, rows);
  const [ids] = await pool.query('SELECT id, reference FROM bookings');
  const bookingOf = new Map(ids.map((row) => [row.reference, row.id]));
  const items = drawn.flatMap((booking) => booking.lines.map((line) => [bookingOf.get(booking.reference), ...line]));
  await insertRows(pool, 'booking_items', ['booking_id', 'ticket_type_id', 'name', 'unit_price_cents', 'quantity'], items);
  return sessions.size;
}

function bookingStatus(random, dayOffset) {
  const roll = random.next();
  if (dayOffset < 0) return roll < 0.7 ? 'completed' : roll < 0.85 ? 'confirmed' : 'cancelled';
  return roll < 0.9 ? 'confirmed' : 'cancelled';
}

/**
 * A service for one hot-row contest: available, its two ticket types, and one timed session a week
 * from now (a one-off, no schedule) of `capacity` places. Resolves the session and the ticket types.
 */
export async function createContestService(pool, capacity, label) {
  const [result] = await pool.query(
    "INSERT INTO services (name, description, category, price_cents, currency, duration_minutes, capacity, availability_status) VALUES (?, '', 'concert', 2500, 'USD', 90, ?, 'available')",
    [`Hot row contest ${label}`, capacity],
  );
  const serviceId = result.insertId;
  await insertTicketTypes(pool, 'SELECT id, price_cents FROM services WHERE id = ?', [serviceId]);
  const date = dayFromToday(7);
  const startsAt = Date.parse(`${date}T19:30:00Z`);
  const [session] = await pool.query(
    'INSERT INTO sessions (service_id, starts_at, ends_at, local_date, all_day, capacity) VALUES (?, ?, ?, ?, 0, ?)',
    [serviceId, new Date(startsAt), new Date(startsAt + 90 * 60_000), date, capacity],
  );
  const [types] = await pool.query('SELECT id, name FROM ticket_types WHERE service_id = ? ORDER BY position', [serviceId]);
  return { serviceId, sessionId: session.insertId, adultId: types[0].id, childId: types[1].id };
}

/**
 * The contest's session as the database sees it once the server has finished the requests still in
 * flight when the load stopped: places taken and confirmed bookings, read from one snapshot.
 */
export async function contestOutcome(pool, sessionId) {
  let previous;
  for (let attempt = 0; attempt < 25; attempt++) {
    await sleep(200);
    const outcome = await readContest(pool, sessionId);
    if (previous && isDeepStrictEqual(outcome, previous)) return outcome;
    previous = outcome;
  }
  return previous;
}

async function readContest(pool, sessionId) {
  const connection = await pool.getConnection();
  try {
    await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
    const [[session]] = await connection.query('SELECT booked FROM sessions WHERE id = ?', [sessionId]);
    const [[bookings]] = await connection.query(
      "SELECT COUNT(*) AS confirmed, COALESCE(SUM(quantity), 0) AS places FROM bookings WHERE session_id = ? AND status = 'confirmed'",
      [sessionId],
    );
    const [[items]] = await connection.query(
      "SELECT COALESCE(SUM(i.quantity), 0) AS places FROM booking_items i INNER JOIN bookings b ON b.id = i.booking_id WHERE b.session_id = ? AND b.status = 'confirmed'",
      [sessionId],
    );
    await connection.query('COMMIT');
    return {
      booked: Number(session.booked),
      confirmed: Number(bookings.confirmed),
      places: Number(bookings.places),
      tickets: Number(items.places),
    };
  } finally {
    connection.release();
  }
}

/**
 * Waits until every queued message has been delivered (the dispatchers of both sides take part), so
 * that no run measures the delivery of another's confirmations. Resolves the seconds it took and the
 * messages that were waiting; throws when the outbox has not drained after `timeoutSeconds`.
 */
export async function outboxDrained(pool, timeoutSeconds = 300) {
  const began = Date.now();
  let waiting;
  for (;;) {
    const [[row]] = await pool.query("SELECT COUNT(*) AS waiting FROM outbox WHERE status <> 'sent'");
    waiting ??= Number(row.waiting);
    if (Number(row.waiting) === 0) return { seconds: (Date.now() - began) / 1000, messages: waiting };
    if (Date.now() - began > timeoutSeconds * 1000)
      throw new Error(`the outbox still holds ${row.waiting} undelivered messages after ${timeoutSeconds} s`);
    await sleep(250);
  }
}
