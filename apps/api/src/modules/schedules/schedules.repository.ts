import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { changedRows, PlainRows, utcDateTime } from '../../database/plain-rows.js';
import { forShare, forUpdate } from '../../database/transactions.js';
import { Session } from '../sessions/session.entity.js';
import { Schedule } from './schedule.entity.js';

/** A session a schedule makes: its start, end and places. */
export interface ScheduledSession {
  serviceId: number;
  scheduleId: number;
  startsAt: Date;
  endsAt: Date;
  localDate: string;
  capacity: number;
}

/** A schedule of a live service, with what its sessions take from the service. */
export interface LiveSchedule {
  schedule: Schedule;
  serviceCapacity: number;
  durationMinutes: number;
}

/** Rows per INSERT: well under SQLite's and MySQL's limits on bound parameters. */
const INSERT_CHUNK = 500;
const SESSION_COLUMNS = 'service_id, schedule_id, starts_at, ends_at, local_date, all_day, capacity';

/** The SQL of schedules, and of the sessions they make and take away. */
@Injectable()
export class SchedulesRepository {
  private readonly mysql: boolean;
  private readonly schedules: PlainRows<Schedule>;
  private readonly sessions: PlainRows<Session>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.mysql = dataSource.options.type === 'mysql';
    this.schedules = new PlainRows(dataSource, Schedule);
    this.sessions = new PlainRows(dataSource, Session);
  }

  /** The schedules of a service, oldest first. */
  async ofService(serviceId: number): Promise<Schedule[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${this.schedules.columns('sc')} FROM schedules sc WHERE sc.service_id = ? ORDER BY sc.id`,
      [serviceId],
    );
    return rows.map((row) => this.schedules.read(row));
  }

  /**
   * A schedule of a live service, read under its row lock until `manager`'s transaction ends:
   * `exclusive` to change it, `shared` to act on it while nobody does (the service row is not
   * locked); undefined if none.
   */
  async lock(manager: EntityManager, id: number, mode: 'exclusive' | 'shared' = 'exclusive'): Promise<Schedule | undefined> {
    const lock = mode === 'exclusive' ? forUpdate(manager) : forShare(manager);
    const [row]: Record<string, unknown>[] = await manager.query(
      `SELECT ${this.schedules.columns('sc')} FROM schedules sc WHERE sc.id = ? ` +
        `AND EXISTS (SELECT 1 FROM services s WHERE s.id = sc.service_id AND s.deleted_at IS NULL)${lock}`,
      [id],
    );
    return row ? this.schedules.read(row) : undefined;
  }

  /** Every schedule of a live service that runs on or after `from`. */
  async live(from: string): Promise<LiveSchedule[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${this.schedules.columns('sc')}, s.capacity AS service_capacity, s.duration_minutes AS duration_minutes ` +
        'FROM schedules sc JOIN services s ON s.id = sc.service_id ' +
        'WHERE s.deleted_at IS NULL AND (sc.ends_on IS NULL OR sc.ends_on >= ?) ORDER BY sc.id',
      [from],
    );
    return rows.map((row) => ({
      schedule: this.schedules.read(row),
      serviceCapacity: Number(row.service_capacity),
      durationMinutes: Number(row.duration_minutes),
    }));
  }

  async insert(manager: EntityManager, values: Omit<Schedule, 'id' | 'createdAt' | 'updatedAt' | 'service'>): Promise<Schedule> {
    const { id } = await manager.save(manager.create(Schedule, values));
    return (await this.lock(manager, id))!;
  }

  async update(
    manager: EntityManager,
    id: number,
    values: Partial<Pick<Schedule, 'weekdays' | 'times' | 'startsOn' | 'endsOn' | 'capacity'>>,
  ) {
    await manager.update(Schedule, { id }, values);
  }

  /** Deletes the schedule; the sessions it leaves behind keep their place and lose the link (ON DELETE SET NULL). */
  async delete(manager: EntityManager, id: number): Promise<void> {
    await manager.delete(Schedule, { id });
  }

  /**
   * Inserts the sessions whose start is still free for their service and answers how many it
   * inserted. A start already taken (by this schedule, another one, a one-off session, or another
   * instance materialising at the same moment) is left as it is: the unique (service_id, starts_at)
   * key decides, so two instances running this together insert each session once.
   */
  async insertSessions(manager: EntityManager, sessions: ScheduledSession[]): Promise<number> {
    let inserted = 0;
    for (let start = 0; start < sessions.length; start += INSERT_CHUNK) {
      const chunk = sessions.slice(start, start + INSERT_CHUNK);
      const values = chunk.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ');
      const parameters = chunk.flatMap((session) => [
        session.serviceId,
        session.scheduleId,
        utcDateTime(session.startsAt),
        utcDateTime(session.endsAt),
        session.localDate,
        0,
        session.capacity,
      ]);
      const sql = this.mysql
        ? `INSERT IGNORE INTO sessions (${SESSION_COLUMNS}) VALUES ${values}`
        : `INSERT INTO sessions (${SESSION_COLUMNS}) VALUES ${values} ON CONFLICT (service_id, starts_at) DO NOTHING`;
      inserted += await changedRows(manager, sql, parameters);
    }
    return inserted;
  }

  /**
   * Deletes the schedule's sessions starting after `now` that nobody has booked (no booking of any
   * status names them); answers how many. A booking that takes a place meanwhile holds the session
   * row, and `booked = 0` is read again once it commits, so a session never goes with a place sold.
   */
  removeUnbookedAfter(manager: EntityManager, scheduleId: number, now: Date): Promise<number> {
    return changedRows(
      manager,
      'DELETE FROM sessions WHERE schedule_id = ? AND starts_at > ? AND booked = 0 ' +
        'AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.session_id = sessions.id)',
      [scheduleId, utcDateTime(now)],
    );
  }

  /** The schedule's sessions starting after `now` that have bookings (of any status), in time order. */
  async bookedAfter(manager: EntityManager, scheduleId: number, now: Date): Promise<Session[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${this.sessions.columns('se')} FROM sessions se WHERE se.schedule_id = ? AND se.starts_at > ? ` +
        'AND (se.booked > 0 OR EXISTS (SELECT 1 FROM bookings b WHERE b.session_id = se.id)) ORDER BY se.starts_at',
      [scheduleId, utcDateTime(now)],
    );
    return rows.map((row) => this.sessions.read(row));
  }

  /** The service's sessions from `from` to `to` (instants, inclusive) that another schedule or no schedule made. */
  async othersBetween(manager: EntityManager, serviceId: number, scheduleId: number, from: Date, to: Date): Promise<Session[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${this.sessions.columns('se')} FROM sessions se WHERE se.service_id = ? ` +
        'AND (se.schedule_id IS NULL OR se.schedule_id <> ?) AND se.starts_at >= ? AND se.starts_at <= ? ORDER BY se.starts_at',
      [serviceId, scheduleId, utcDateTime(from), utcDateTime(to)],
    );
    return rows.map((row) => this.sessions.read(row));
  }
}
