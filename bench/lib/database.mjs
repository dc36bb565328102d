// The bench's own MariaDB database: created empty (the API's migrations build the schema), seeded
// with fast multi-row INSERTs, checked after the hot-row contest, dropped at the end.
import { createHash, randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import bcrypt from 'bcrypt';
import mysql from 'mysql2/promise';
import { log, onCleanup, sleep } from './lifecycle.mjs';

export const SEED = { services: 1_000, users: 2_000, bookings: 50_000 };
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
 * 1,000 services (each with its Standard ticket type), 2,000 customers (one bcrypt hash, computed
 * once, for all) and 50,000 bookings, each on its day's all-day session with one Standard ticket
 * line, the sessions counting their places. Resolves what the scenarios need.
 */
export async function seed(pool, { bcryptCost }) {
  const random = randomSource(20_251_126);
  const began = Date.now();
  const services = await seedServices(pool, random);
  const hash = await bcrypt.hash(passwordDigest(CUSTOMER_PASSWORD), bcryptCost);
  const customers = await seedCustomers(pool, hash);
  const days = await seedBookings(pool, random, services, customers);
  log(
    `seeded ${services.length} services, ${customers.length} customers (bcrypt cost ${bcryptCost}), ` +
      `${SEED.bookings} bookings over ${days} service-days in ${((Date.now() - began) / 1000).toFixed(1)} s`,
  );
  return { services, customers, hash };
}

async function seedServices(pool, random) {
  const now = new Date();
  const rows = Array.from({ length: SEED.services }, (_, index) => {
    const category = CATEGORIES[index % CATEGORIES.length];
    const number = String(index + 1).padStart(4, '0');
    return [
      `${category[0].toUpperCase()}${category.slice(1)} ${number}: ${random.pick(['Evening', 'Matinee', 'Late', 'Family', 'Premium'])} session`,
      `Bench service ${number}, a ${category} of ${random.int(30, 180)} minutes with room for a crowd.`,
      category,
      random.int(5, 200) * 100,
      'USD',
      random.int(30, 180),
      random.int(100, 500),
      random.next() < 0.9 ? 'available' : 'unavailable',
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
  await pool.query(
    "INSERT INTO ticket_types (service_id, name, price_cents, position, is_active) SELECT id, 'Standard', price_cents, 0, 1 FROM services",
  );
  const [services] = await pool.query(
    'SELECT id, price_cents AS priceCents, capacity, availability_status = ? AS available FROM services ORDER BY id',
    ['available'],
  );
  return services.map((service) => ({ ...service, available: Boolean(service.available) }));
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
 * Bookings from 90 days ago to 180 days ahead, each on its day's all-day session (midnight to
 * midnight UTC, as the bench's API runs with VENUE_TIMEZONE unset), which counts the confirmed and
 * completed places; each with a reference and one Standard ticket line.
 */
async function seedBookings(pool, random, services, customers) {
  const now = Date.now();
  const days = new Map();
  const drawn = [];
  for (let index = 0; index < SEED.bookings; index++) {
    const service = random.pick(services);
    const offset = random.int(-90, 180);
    const date = dayFromToday(offset);
    const quantity = random.int(1, 3);
    const status = bookingStatus(random, offset);
    const createdAt = new Date(Math.min(now, now + offset * DAY_MS) - random.int(0, 60) * DAY_MS - random.int(0, DAY_MS));
    const cancelledAt = status === 'cancelled' ? new Date(createdAt.getTime() + random.int(1, 3_600_000)) : null;
    const userId = random.pick(customers).id;
    const notes = random.next() < 0.1 ? 'Seats together, please' : null;
    drawn.push({ userId, service, date, quantity, status, notes, createdAt, cancelledAt });
    const key = `${service.id}|${date}`;
    const day = days.get(key) ?? { service, date, booked: 0 };
    if (status !== 'cancelled') day.booked += quantity;
    days.set(key, day);
  }
  const sessions = [...days.values()].map(({ service, date, booked }) => {
    const start = Date.parse(`${date}T00:00:00Z`);
    return [service.id, new Date(start), new Date(start + DAY_MS), date, 1, service.capacity, booked];
  });
  await insertRows(pool, 'sessions', ['service_id', 'starts_at', 'ends_at', 'local_date', 'all_day', 'capacity', 'booked'], sessions);
  const [sessionRows] = await pool.query('SELECT id, service_id, local_date FROM sessions');
  const sessionOf = new Map(sessionRows.map((row) => [`${row.service_id}|${row.local_date}`, row.id]));

  const references = new Set();
  const reference = () => {
    for (;;) {
      const candidate = Array.from({ length: 8 }, () => REFERENCE_ALPHABET[random.int(0, REFERENCE_ALPHABET.length - 1)]).join('');
      if (!references.has(candidate)) return (references.add(candidate), candidate);
    }
  };
  const rows = drawn.map((booking) => [
    booking.userId,
    booking.service.id,
    sessionOf.get(`${booking.service.id}|${booking.date}`),
    reference(),
    booking.date,
    booking.quantity,
    booking.service.priceCents,
    booking.service.priceCents * booking.quantity,
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
  await pool.query(
    'INSERT INTO booking_items (booking_id, ticket_type_id, name, unit_price_cents, quantity) ' +
      'SELECT b.id, t.id, t.name, b.unit_price_cents, b.quantity FROM bookings b INNER JOIN ticket_types t ON t.service_id = b.service_id ORDER BY b.id',
  );
  return sessions.length;
}

function bookingStatus(random, dayOffset) {
  const roll = random.next();
  if (dayOffset < 0) return roll < 0.7 ? 'completed' : roll < 0.85 ? 'confirmed' : 'cancelled';
  return roll < 0.9 ? 'confirmed' : 'cancelled';
}

/** A service for one hot-row contest: available, `capacity` places a day. */
export async function createContestService(pool, capacity, label) {
  const [result] = await pool.query(
    "INSERT INTO services (name, description, category, price_cents, currency, duration_minutes, capacity, availability_status) VALUES (?, '', 'concert', 2500, 'USD', 90, ?, 'available')",
    [`Hot row contest ${label}`, capacity],
  );
  await pool.query("INSERT INTO ticket_types (service_id, name, price_cents, position, is_active) VALUES (?, 'Standard', 2500, 0, 1)", [
    result.insertId,
  ]);
  return result.insertId;
}

/**
 * The contest's day as the database sees it once the server has finished the requests still in
 * flight when the load stopped: places taken and confirmed bookings, read from one snapshot.
 */
export async function contestOutcome(pool, serviceId, date) {
  let previous;
  for (let attempt = 0; attempt < 25; attempt++) {
    await sleep(200);
    const outcome = await readContest(pool, serviceId, date);
    if (previous && isDeepStrictEqual(outcome, previous)) return outcome;
    previous = outcome;
  }
  return previous;
}

async function readContest(pool, serviceId, date) {
  const connection = await pool.getConnection();
  try {
    await connection.query('START TRANSACTION WITH CONSISTENT SNAPSHOT');
    const [[day]] = await connection.query(
      'SELECT COALESCE(MAX(booked), 0) AS booked FROM sessions WHERE service_id = ? AND local_date = ? AND all_day = 1',
      [serviceId, date],
    );
    const [[bookings]] = await connection.query(
      "SELECT COUNT(*) AS confirmed, COALESCE(SUM(quantity), 0) AS places FROM bookings WHERE service_id = ? AND booking_date = ? AND status = 'confirmed'",
      [serviceId, date],
    );
    await connection.query('COMMIT');
    return { booked: Number(day.booked), confirmed: Number(bookings.confirmed), places: Number(bookings.places) };
  } finally {
    connection.release();
  }
}
