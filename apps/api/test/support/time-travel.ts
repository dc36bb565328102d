import type { TestDatabase } from './database.js';

const DAY_MS = 86_400_000;

/** A datetime(3) value as both databases take it: `YYYY-MM-DD HH:MM:SS.SSS`, UTC. */
const utc = (instant: Date) => instant.toISOString().replace('T', ' ').slice(0, 23);

/** A datetime column read from outside the API: a Date from mysql2, a UTC string from SQLite. */
const instant = (value: unknown) => (value instanceof Date ? value : new Date(`${String(value).replace(' ', 'T')}Z`));

/**
 * Time travel for a whole day: the service's sessions dated `from` (and the bookings on them) move
 * to `to`, their start and end by as many days.
 */
export async function moveDay(database: TestDatabase, serviceId: number, from: string, to: string): Promise<void> {
  const shift = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  const sessions = await database.query<{ id: number; starts_at: unknown; ends_at: unknown }>(
    'SELECT id, starts_at, ends_at FROM sessions WHERE service_id = ? AND local_date = ?',
    [serviceId, from],
  );
  for (const session of sessions) {
    await database.query('UPDATE sessions SET local_date = ?, starts_at = ?, ends_at = ? WHERE id = ?', [
      to,
      utc(new Date(instant(session.starts_at).getTime() + shift)),
      utc(new Date(instant(session.ends_at).getTime() + shift)),
      session.id,
    ]);
    await database.query('UPDATE bookings SET booking_date = ? WHERE session_id = ?', [to, session.id]);
  }
}

/**
 * Time travel for one booking (and nothing else): it moves to the all-day session of `date` (made
 * with no places taken when missing, in a UTC venue). Its old session keeps counting its places.
 */
export async function moveBooking(database: TestDatabase, id: number, date: string): Promise<void> {
  const [booking] = await database.query<{ service_id: number; capacity: number }>(
    'SELECT b.service_id, t.capacity FROM bookings b INNER JOIN sessions t ON t.id = b.session_id WHERE b.id = ?',
    [id],
  );
  const find = () =>
    database.query<{ id: number }>('SELECT id FROM sessions WHERE service_id = ? AND local_date = ? AND all_day = 1', [
      booking.service_id,
      date,
    ]);
  if ((await find()).length === 0) {
    const start = Date.parse(`${date}T00:00:00Z`);
    await database.query(
      'INSERT INTO sessions (service_id, starts_at, ends_at, local_date, all_day, capacity, booked) VALUES (?, ?, ?, ?, 1, ?, 0)',
      [booking.service_id, utc(new Date(start)), utc(new Date(start + DAY_MS)), date, booking.capacity],
    );
  }
  const [session] = await find();
  await database.query('UPDATE bookings SET booking_date = ?, session_id = ? WHERE id = ?', [date, session.id, id]);
}

/** Places taken in the service's all-day session of `date` (0 when there is none). */
export async function allDayBooked(database: TestDatabase, serviceId: number, date: string): Promise<number> {
  const [row] = await database.query<{ booked: number | string }>(
    'SELECT booked FROM sessions WHERE service_id = ? AND local_date = ? AND all_day = 1',
    [serviceId, date],
  );
  return Number(row?.booked ?? 0);
}
