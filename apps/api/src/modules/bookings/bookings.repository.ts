import type { BookingStatus } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { changedRows, insertedId, PlainRows, readInstant, select, utcDateTime } from '../../database/plain-rows.js';
import { forUpdate } from '../../database/transactions.js';
import { notFound, unauthorized, validationProblem } from '../../common/problem.js';
import { TIMED } from '../sessions/sessions.repository.js';
import { BookingItem } from './booking-item.entity.js';
import { Booking } from './booking.entity.js';

/** A booking as the API shows it: with its service's name, its session's times and its ticket lines. */
export interface BookingView {
  booking: Booking;
  serviceName: string;
  /** The service's location, if it has one. */
  location: string | null;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  /** The service's `cancellationCutoffHours`. */
  cancellationCutoffHours: number;
  items: BookingItem[];
}

/** The service and booker, as a booking's transaction sees them under their locks. */
export interface BookingLock {
  /** The service's capacity: an all-day session made now gets that many places. */
  capacity: number;
  /** The service sells timed sessions (asked only when booking by date). */
  timed: boolean;
}

/** A customer, as staff see them on a booking. */
export interface BookingCustomer {
  id: number;
  name: string;
  email: string;
}

/** What a new booking is made of; its lines are already priced. */
export interface NewBooking {
  userId: number;
  serviceId: number;
  sessionId: number;
  reference: string;
  bookingDate: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  currency: string;
  notes: string | null;
  idempotencyKey: string | null;
  items: Pick<BookingItem, 'ticketTypeId' | 'name' | 'unitPriceCents' | 'quantity'>[];
}

/**
 * The SQL of bookings and their ticket lines. Reads of bookings, and the statements of a booking's
 * transaction, are plain SQL: they are the busiest routes, and the query builder cost more CPU than
 * the database did (bench/README.md).
 */
@Injectable()
export class BookingsRepository {
  private readonly rows: PlainRows<Booking>;
  private readonly items: PlainRows<BookingItem>;
  private readonly columns: string;
  private readonly itemColumns: string;

  constructor(private readonly dataSource: DataSource) {
    this.rows = new PlainRows(dataSource, Booking);
    this.items = new PlainRows(dataSource, BookingItem);
    this.columns = this.rows.columns('b');
    this.itemColumns = this.items.columns('i');
  }

  /**
   * The service's capacity, read in the booking's transaction under a shared lock of the service's
   * row and the booker's on MySQL (a plain read, or a subquery in the UPDATE, would not wait under
   * READ COMMITTED): a capacity change, a service deletion and an account deletion hold one of these
   * rows' exclusive lock until they commit, so each and the booking take turns and neither misses the
   * other. 401 when the booker's account was deleted or deactivated meanwhile; 404 / 400 when the
   * service was deleted or made unavailable. `byDate`: also whether the service sells timed sessions.
   */
  async lockForBooking(manager: EntityManager, serviceId: number, userId: number, byDate: boolean): Promise<BookingLock> {
    const lock = manager.connection.options.type === 'mysql' ? ' LOCK IN SHARE MODE' : '';
    const [row] = (await manager.query(
      `SELECT s.capacity, s.availability_status AS status, s.deleted_at AS deleted, u.id AS booker${byDate ? `, ${TIMED('s.id')} AS timed` : ''} ` +
        `FROM services s LEFT JOIN users u ON u.id = ? AND u.is_active = 1 AND u.deleted_at IS NULL WHERE s.id = ?${lock}`,
      [userId, serviceId],
    )) as { capacity: number | string; status: string; deleted: unknown; booker: unknown; timed?: number | string }[];
    if (row && row.booker === null) throw unauthorized('This account was deleted or deactivated');
    if (!row || row.deleted !== null) throw notFound(`Service ${serviceId}`);
    if (row.status !== 'available') throw validationProblem('serviceId', 'this service is not available for booking');
    return { capacity: Number(row.capacity), timed: Number(row.timed ?? 0) === 1 };
  }

  /** Inserts a confirmed booking and its ticket lines in `manager`'s transaction; resolves its id. */
  async insert(manager: EntityManager, booking: NewBooking): Promise<number> {
    // Plain: manager.insert would also read back the created_at/updated_at it generated, one more
    // statement that the read after the commit does anyway.
    const id = await insertedId(
      manager,
      'INSERT INTO bookings (user_id, service_id, session_id, reference, booking_date, quantity, unit_price_cents, total_cents, currency, status, notes, idempotency_key) ' +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?)",
      [
        booking.userId,
        booking.serviceId,
        booking.sessionId,
        booking.reference,
        booking.bookingDate,
        booking.quantity,
        booking.unitPriceCents,
        booking.totalCents,
        booking.currency,
        booking.notes,
        booking.idempotencyKey,
      ],
    );
    await manager.query(
      `INSERT INTO booking_items (booking_id, ticket_type_id, name, unit_price_cents, quantity) VALUES ${booking.items.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      booking.items.flatMap((item) => [id, item.ticketTypeId, item.name, item.unitPriceCents, item.quantity]),
    );
    return id;
  }

  /**
   * Bookings with their service, session and lines; `clauses` follows FROM … JOIN (alias `b`): WHERE,
   * ORDER BY, LIMIT. Read in `manager`'s transaction when given.
   */
  async views(clauses: string, parameters: unknown[], manager?: EntityManager): Promise<BookingView[]> {
    const rows = await select(
      this.dataSource,
      `SELECT ${this.columns}, s.name AS service_name, s.location AS service_location, t.starts_at AS session_starts_at, t.ends_at AS session_ends_at, t.all_day AS session_all_day, ` +
        's.cancellation_cutoff_hours AS service_cutoff_hours ' +
        `FROM bookings b INNER JOIN services s ON s.id = b.service_id INNER JOIN sessions t ON t.id = b.session_id ${clauses}`,
      parameters,
      manager,
    );
    if (rows.length === 0) return [];
    const views = rows.map((row) => ({
      booking: this.rows.read(row),
      serviceName: row.service_name as string,
      location: (row.service_location as string | null) ?? null,
      startsAt: readInstant(row.session_starts_at),
      endsAt: readInstant(row.session_ends_at),
      allDay: Number(row.session_all_day) === 1 || row.session_all_day === true,
      cancellationCutoffHours: Number(row.service_cutoff_hours),
      items: [] as BookingItem[],
    }));
    const byId = new Map(views.map((view) => [view.booking.id, view]));
    const ids = [...byId.keys()];
    const itemRows = await select(
      this.dataSource,
      `SELECT ${this.itemColumns} FROM booking_items i WHERE i.booking_id IN (${ids.map(() => '?').join(', ')}) ORDER BY i.id`,
      ids,
      manager,
    );
    for (const row of itemRows) {
      const item = this.items.read(row);
      byId.get(item.bookingId)?.items.push(item);
    }
    return views;
  }

  /** Every booking has its service (a service is only ever soft-deleted), so the count needs no join. */
  async count(where: string, parameters: unknown[]): Promise<number> {
    const [row] = await select<{ total: number | string }>(
      this.dataSource,
      `SELECT COUNT(*) AS total FROM bookings b ${where}`,
      parameters,
    );
    return Number(row.total);
  }

  /** The name and e-mail of these customers (deleted accounts too, as they were scrubbed), by id; in `manager`'s transaction when given. */
  async customers(ids: number[], manager?: EntityManager): Promise<Map<number, BookingCustomer>> {
    if (ids.length === 0) return new Map();
    const rows: { id: number | string; name: string; email: string }[] = await (manager ?? this.dataSource).query(
      `SELECT id, name, email FROM users WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Map(rows.map((row) => [Number(row.id), { id: Number(row.id), name: row.name, email: row.email }]));
  }

  /** The booking, read under its row lock until the transaction ends (see forUpdate); undefined if missing. */
  async lock(manager: EntityManager, id: number): Promise<Booking | undefined> {
    const [row]: Record<string, unknown>[] = await manager.query(
      `SELECT ${this.columns} FROM bookings b WHERE b.id = ?${forUpdate(manager)}`,
      [id],
    );
    return row ? this.rows.read(row) : undefined;
  }

  /** Cancels a booking if it is still confirmed; false when it no longer was. */
  async cancel(manager: EntityManager, id: number): Promise<boolean> {
    const changed = await changedRows(
      manager,
      "UPDATE bookings SET status = 'cancelled', cancelled_at = ? WHERE id = ? AND status = 'confirmed'",
      [utcDateTime(new Date()), id],
    );
    return changed === 1;
  }

  /** Completes a confirmed booking dated `today` or earlier; false otherwise. */
  async complete(manager: EntityManager, id: number, today: string): Promise<boolean> {
    return (
      (await changedRows(manager, "UPDATE bookings SET status = 'completed' WHERE id = ? AND status = 'confirmed' AND booking_date <= ?", [
        id,
        today,
      ])) === 1
    );
  }

  /** Deletes a booking if its status is still `status`; false when it changed meanwhile. */
  async deleteIf(manager: EntityManager, id: number, status: BookingStatus): Promise<boolean> {
    return (await changedRows(manager, 'DELETE FROM bookings WHERE id = ? AND status = ?', [id, status])) === 1;
  }

  /**
   * Up to `limit` confirmed bookings, not yet reminded, whose scheduled session starts after `from`
   * and no later than `until`, soonest first.
   */
  dueForReminder(from: Date, until: Date, limit: number): Promise<BookingView[]> {
    return this.views(
      "WHERE b.status = 'confirmed' AND b.reminded_at IS NULL AND t.status = 'scheduled' AND t.starts_at > ? AND t.starts_at <= ? " +
        'ORDER BY t.starts_at, b.id LIMIT ?',
      [utcDateTime(from), utcDateTime(until), limit],
    );
  }

  /**
   * Marks a booking reminded if it is still confirmed and was not yet: one conditional UPDATE, so
   * that of several processes queuing reminders at once exactly one queues this booking's. A reminder is
   * not a change of the booking as the API shows it: updated_at stays (kept explicitly for MySQL's ON
   * UPDATE; SQLite's trigger ignores reminded_at, see Timestamped).
   */
  async markReminded(manager: EntityManager, id: number, at: Date): Promise<boolean> {
    return (
      (await changedRows(
        manager,
        "UPDATE bookings SET reminded_at = ?, updated_at = updated_at WHERE id = ? AND reminded_at IS NULL AND status = 'confirmed'",
        [utcDateTime(at), id],
      )) === 1
    );
  }

  /** Confirmed bookings matching `where` (alias `b`), read in `manager`'s transaction. */
  async confirmed(manager: EntityManager, where: string, parameters: unknown[]): Promise<Booking[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${this.columns} FROM bookings b WHERE b.status = 'confirmed' AND ${where}${forUpdate(manager)}`,
      parameters,
    );
    return rows.map((row) => this.rows.read(row));
  }
}
