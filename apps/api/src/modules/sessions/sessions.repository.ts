import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { addDays, zonedInstant } from '../../common/venue-clock.js';
import { AppConfig } from '../../config/app-config.js';
import { changedRows, insertedId, PlainRows, readInstant, select, utcDateTime } from '../../database/plain-rows.js';
import { forUpdate } from '../../database/transactions.js';
import { Session } from './session.entity.js';

/** Rows per INSERT: well under SQLite's and MySQL's limits on bound parameters. */
const INSERT_CHUNK = 500;
const INSERT_COLUMNS = 'service_id, schedule_id, starts_at, ends_at, local_date, all_day, capacity';

/** All-day bounds remembered at most (the booking horizon is 365 days). */
const BOUNDS_KEPT = 1_000;

/** What a new session is made of. */
export interface NewSession {
  serviceId: number;
  scheduleId?: number | null;
  startsAt: Date;
  endsAt: Date;
  localDate: string;
  allDay: boolean;
  capacity: number;
}

/** Capacity and places taken on one date, summed over its scheduled sessions. */
export interface DateLoad {
  date: string;
  capacity: number;
  booked: number;
}

/**
 * Inventory: sessions and their counters, the one home of their SQL (bookings, services and the
 * sessions' own routes all come here). `booked` changes only through `take` and `release`, whose
 * conditional UPDATEs run in the caller's transaction; the statements of the booking path are
 * plain SQL written once (bench/README.md).
 */
@Injectable()
export class SessionsRepository {
  private readonly rows: PlainRows<Session>;
  private readonly columns: string;
  private readonly mysql: boolean;
  private readonly bounds = new Map<string, { startsAt: Date; endsAt: Date }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {
    this.rows = new PlainRows(dataSource, Session);
    this.columns = this.rows.columns('t');
    this.mysql = dataSource.options.type === 'mysql';
  }

  /**
   * When the all-day session of `date` starts and ends: the venue's local midnight and the next.
   * Remembered per date (a few hundred dates are booked at most), as it is asked on every booking.
   */
  allDayBounds(date: string): { startsAt: Date; endsAt: Date } {
    let bounds = this.bounds.get(date);
    if (!bounds) {
      const zone = this.config.venueTimeZone;
      bounds = { startsAt: zonedInstant(date, '00:00', zone), endsAt: zonedInstant(addDays(date, 1), '00:00', zone) };
      if (this.bounds.size >= BOUNDS_KEPT) this.bounds.clear();
      this.bounds.set(date, bounds);
    }
    return bounds;
  }

  /**
   * The id of `serviceId`'s all-day session on `date`, inserted (with `capacity` places) if missing.
   * On MySQL an existing row comes back exclusively locked: INSERT IGNORE would take a shared lock on
   * the duplicate, and concurrent bookings upgrading it for the conditional UPDATE deadlock.
   */
  async allDay(manager: EntityManager, serviceId: number, date: string, capacity: number): Promise<number> {
    const { startsAt, endsAt } = this.allDayBounds(date);
    const values = [serviceId, utcDateTime(startsAt), utcDateTime(endsAt), date, capacity];
    const insert =
      'INSERT INTO sessions (service_id, starts_at, ends_at, local_date, all_day, capacity, booked) VALUES (?, ?, ?, ?, 1, ?, 0)';
    if (this.mysql) return insertedId(manager, `${insert} ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)`, values);
    const [row]: { id: number }[] = await manager.query(
      `${insert} ON CONFLICT (service_id, starts_at) DO UPDATE SET booked = booked RETURNING id`,
      values,
    );
    return Number(row.id);
  }

  /**
   * Takes `quantity` places of a scheduled session: the capacity check and the increment are one
   * statement, so no two bookings can oversell it. False when it is full or cancelled.
   */
  async take(manager: EntityManager, sessionId: number, quantity: number): Promise<boolean> {
    const changed = await changedRows(
      manager,
      "UPDATE sessions SET booked = booked + ? WHERE id = ? AND status = 'scheduled' AND booked + ? <= capacity",
      [quantity, sessionId, quantity],
    );
    return changed === 1;
  }

  /**
   * Gives back a booking's places. Only ever called after the statement that took the booking out of
   * a place-holding status (or deleted it) changed exactly one row in the same transaction, so it
   * runs once per booking; the CHECK (booked >= 0) fails any slip loudly.
   */
  async release(manager: EntityManager, sessionId: number, quantity: number): Promise<void> {
    await changedRows(manager, 'UPDATE sessions SET booked = booked - ? WHERE id = ?', [quantity, sessionId]);
  }

  /** A session, or undefined; read under its row lock until `manager`'s transaction ends when `locked`. */
  async find(manager: EntityManager | undefined, id: number, locked = false): Promise<Session | undefined> {
    const runner = manager ?? this.dataSource.manager;
    const [row]: Record<string, unknown>[] = await runner.query(
      `SELECT ${this.columns} FROM sessions t WHERE t.id = ?${locked && manager ? forUpdate(manager) : ''}`,
      [id],
    );
    return row ? this.rows.read(row) : undefined;
  }

  /** A service's sessions whose local date is from `from` to `to`, in order of start. */
  async between(serviceId: number, from: string, to: string): Promise<Session[]> {
    const rows = await select(
      this.dataSource,
      `SELECT ${this.columns} FROM sessions t WHERE t.service_id = ? AND t.local_date >= ? AND t.local_date <= ? ORDER BY t.starts_at, t.id`,
      [serviceId, from, to],
    );
    return rows.map((row) => this.rows.read(row));
  }

  /** Per date from `from` to `to` that has scheduled sessions: their capacity and places taken, summed. */
  async loadPerDate(serviceId: number, from: string, to: string): Promise<DateLoad[]> {
    const rows: { date: string; capacity: number | string; booked: number | string }[] = await this.dataSource.query(
      'SELECT t.local_date AS date, SUM(t.capacity) AS capacity, SUM(t.booked) AS booked FROM sessions t ' +
        "WHERE t.service_id = ? AND t.local_date >= ? AND t.local_date <= ? AND t.status = 'scheduled' GROUP BY t.local_date",
      [serviceId, from, to],
    );
    return rows.map((row) => ({ date: row.date, capacity: Number(row.capacity), booked: Number(row.booked) }));
  }

  /**
   * When each of `serviceIds`' next timed session with places left starts (the first scheduled one
   * after `now`), in one statement for them all; a service without one is absent from the answer.
   * Pass only services that have timed sessions (HAS_TIMED_SESSIONS): for each, the first qualifying
   * row is read in start order and the search stops there, where a grouped MIN would read every
   * future session of the service.
   */
  async nextStarts(serviceIds: readonly number[], now: Date): Promise<Map<number, Date>> {
    if (serviceIds.length === 0) return new Map();
    const next =
      "SELECT t.starts_at FROM sessions t WHERE t.service_id = ? AND t.all_day = 0 AND t.status = 'scheduled' " +
      'AND t.starts_at > ? AND t.booked < t.capacity ORDER BY t.starts_at LIMIT 1';
    const at = utcDateTime(now);
    const rows = await select<{ serviceId: number | string; startsAt: unknown }>(
      this.dataSource,
      serviceIds.map(() => `SELECT ? AS serviceId, (${next}) AS startsAt`).join(' UNION ALL '),
      serviceIds.flatMap((id) => [id, id, at]),
    );
    return new Map(rows.filter((row) => row.startsAt !== null).map((row) => [Number(row.serviceId), readInstant(row.startsAt)]));
  }

  /** True when the service sells timed sessions (a schedule, or a session that is not all-day): it books by session. */
  async isTimed(manager: EntityManager | undefined, serviceId: number): Promise<boolean> {
    const [row]: { timed: number | string }[] = await (manager ?? this.dataSource.manager).query(`SELECT ${TIMED('?')} AS timed`, [
      serviceId,
      serviceId,
    ]);
    return Number(row.timed) === 1;
  }

  /** The most places taken in one all-day session of the service dated `from` or later (0 if none). */
  async peakAllDay(manager: EntityManager, serviceId: number, from: string): Promise<number> {
    const [row]: { peak: number | string | null }[] = await manager.query(
      'SELECT MAX(t.booked) AS peak FROM sessions t WHERE t.service_id = ? AND t.all_day = 1 AND t.local_date >= ?',
      [serviceId, from],
    );
    return Number(row?.peak ?? 0);
  }

  /** All-day sessions follow their service's capacity from `from` on (the caller checked `peakAllDay`). */
  async followServiceCapacity(manager: EntityManager, serviceId: number, from: string, capacity: number): Promise<void> {
    await changedRows(manager, 'UPDATE sessions SET capacity = ? WHERE service_id = ? AND all_day = 1 AND local_date >= ?', [
      capacity,
      serviceId,
      from,
    ]);
  }

  /** Inserts a session; resolves its id (a unique violation when the service has one at that start). */
  insert(manager: EntityManager, session: NewSession): Promise<number> {
    return insertedId(manager, `INSERT INTO sessions (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`, sessionValues(session));
  }

  /**
   * Inserts the sessions whose start is still free for their service and answers how many it
   * inserted. A start already taken (by this schedule, another one, a one-off session, or another
   * instance materialising at the same moment) is left as it is: the unique (service_id, starts_at)
   * key decides, so two instances running this together insert each session once.
   */
  async insertMissing(manager: EntityManager, sessions: NewSession[]): Promise<number> {
    let inserted = 0;
    for (let start = 0; start < sessions.length; start += INSERT_CHUNK) {
      const chunk = sessions.slice(start, start + INSERT_CHUNK);
      const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
      const parameters = chunk.flatMap(sessionValues);
      const sql = this.mysql
        ? `INSERT IGNORE INTO sessions (${INSERT_COLUMNS}) VALUES ${values}`
        : `INSERT INTO sessions (${INSERT_COLUMNS}) VALUES ${values} ON CONFLICT (service_id, starts_at) DO NOTHING`;
      inserted += await changedRows(manager, sql, parameters);
    }
    return inserted;
  }

  /**
   * Deletes the schedule's sessions starting after `now` that nobody has booked (no booking of any
   * status names them); answers how many. A booking that takes a place meanwhile holds the session
   * row, and `booked = 0` is read again once it commits, so a session never goes with a place sold.
   */
  removeUnbookedOfSchedule(manager: EntityManager, scheduleId: number, now: Date): Promise<number> {
    return changedRows(
      manager,
      'DELETE FROM sessions WHERE schedule_id = ? AND starts_at > ? AND booked = 0 ' +
        'AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.session_id = sessions.id)',
      [scheduleId, utcDateTime(now)],
    );
  }

  /** The schedule's sessions starting after `now` that have bookings (of any status), in time order. */
  async bookedOfSchedule(manager: EntityManager, scheduleId: number, now: Date): Promise<Session[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${this.rows.columns('se')} FROM sessions se WHERE se.schedule_id = ? AND se.starts_at > ? ` +
        'AND (se.booked > 0 OR EXISTS (SELECT 1 FROM bookings b WHERE b.session_id = se.id)) ORDER BY se.starts_at',
      [scheduleId, utcDateTime(now)],
    );
    return rows.map((row) => this.rows.read(row));
  }

  /** The service's sessions from `from` to `to` (instants, inclusive) that another schedule or no schedule made. */
  async othersBetween(manager: EntityManager, serviceId: number, scheduleId: number, from: Date, to: Date): Promise<Session[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${this.rows.columns('se')} FROM sessions se WHERE se.service_id = ? ` +
        'AND (se.schedule_id IS NULL OR se.schedule_id <> ?) AND se.starts_at >= ? AND se.starts_at <= ? ORDER BY se.starts_at',
      [serviceId, scheduleId, utcDateTime(from), utcDateTime(to)],
    );
    return rows.map((row) => this.rows.read(row));
  }

  /** Sets a session's capacity unless fewer places than are booked; false when that would be the case. */
  async setCapacity(manager: EntityManager, id: number, capacity: number): Promise<boolean> {
    return (await changedRows(manager, 'UPDATE sessions SET capacity = ? WHERE id = ? AND booked <= ?', [capacity, id, capacity])) === 1;
  }

  /** Marks a scheduled session cancelled; false when it already was. */
  async cancel(manager: EntityManager, id: number): Promise<boolean> {
    return (await changedRows(manager, "UPDATE sessions SET status = 'cancelled' WHERE id = ? AND status = 'scheduled'", [id])) === 1;
  }
}

/** A new session's values, in the order of INSERT_COLUMNS. */
function sessionValues(session: NewSession): unknown[] {
  return [
    session.serviceId,
    session.scheduleId ?? null,
    utcDateTime(session.startsAt),
    utcDateTime(session.endsAt),
    session.localDate,
    session.allDay ? 1 : 0,
    session.capacity,
  ];
}

/** SQL, 1 when the service has a session that is not all-day (one probe of IDX_sessions_service_timed), else 0. */
export const HAS_TIMED_SESSIONS = (serviceId: string) =>
  `EXISTS (SELECT 1 FROM sessions x WHERE x.service_id = ${serviceId} AND x.all_day = 0)`;

/** SQL that is 1 when the service `serviceId` (a placeholder or column, used twice) sells timed sessions. */
export const TIMED = (serviceId: string) =>
  `(CASE WHEN ${HAS_TIMED_SESSIONS(serviceId)} OR EXISTS (SELECT 1 FROM schedules y WHERE y.service_id = ${serviceId}) THEN 1 ELSE 0 END)`;
