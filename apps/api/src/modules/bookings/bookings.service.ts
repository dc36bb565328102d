import { BOOKING_LIMITS, type BookingStatus } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { can, type AuthUser } from '../../common/auth-user.js';
import { pageMeta, parseSort, totalFromPage } from '../../common/dto/pagination.dto.js';
import { containsPattern } from '../../common/like.js';
import { validationException } from '../../common/pipes/validation.pipe.js';
import { conflict, forbidden, notFound, ProblemException, unauthorized, validationProblem } from '../../common/problem.js';
import { addDays, VenueClock } from '../../common/venue-clock.js';
import { changedRows, insertedId, PlainRows } from '../../database/plain-rows.js';
import { forUpdate, isUniqueViolation, Transactions } from '../../database/transactions.js';
import { AuditLog } from '../audit/audit-log.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { Service, ServiceDayInventory } from '../services/service.entity.js';
import { ServicesService } from '../services/services.service.js';
import { Booking } from './booking.entity.js';
import type { BookingCustomerDto, BookingDto, BookingPageDto } from './dto/booking.dto.js';
import type { CreateBookingDto } from './dto/create-booking.dto.js';
import type { BOOKING_SORT_FIELDS, ListBookingsQuery } from './dto/list-bookings.query.js';

const SORT_COLUMNS: Record<(typeof BOOKING_SORT_FIELDS)[number], string> = {
  bookingDate: 'b.booking_date',
  createdAt: 'b.created_at',
};
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,100}$/;
/** The statuses whose places the day's inventory counts: a completed booking keeps its places. */
const HOLDS_PLACES: readonly BookingStatus[] = ['confirmed', 'completed'];

@Injectable()
export class BookingsService {
  constructor(
    @InjectRepository(Booking) private readonly bookings: Repository<Booking>,
    private readonly services: ServicesService,
    private readonly transactions: Transactions,
    private readonly clock: VenueClock,
    private readonly metrics: MetricsService,
    private readonly audit: AuditLog,
  ) {}

  // Reads of bookings, and the statements of a booking's transaction, are plain SQL: they are the
  // busiest routes, and the query builder cost more CPU than the database did (bench/README.md).
  private readonly rows = new PlainRows(this.bookings.manager.connection, Booking);
  private readonly columns = this.rows.columns('b');

  /**
   * Books `quantity` places: the capacity check and the increment are one conditional UPDATE of
   * the day's inventory row inside the booking's transaction, so no two requests can overbook.
   * With an Idempotency-Key, a repeat of the same request answers the original booking.
   */
  async create(actor: AuthUser, dto: CreateBookingDto, idempotencyKey?: string): Promise<BookingDto> {
    try {
      const { booking, replayed } = await this.book(actor, dto, idempotencyKey);
      this.metrics.countBooking(replayed ? 'replayed' : 'confirmed');
      return booking;
    } catch (error) {
      if (error instanceof ProblemException) this.metrics.countBooking(error.kind === 'sold-out' ? 'sold_out' : 'rejected');
      throw error;
    }
  }

  private async book(actor: AuthUser, dto: CreateBookingDto, idempotencyKey?: string): Promise<{ booking: BookingDto; replayed: boolean }> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw validationProblem('Idempotency-Key', 'must be 1–100 visible ASCII characters');
    }
    const today = this.clock.today();
    if (dto.bookingDate < today) throw validationProblem('bookingDate', 'must be today or later');
    if (dto.bookingDate > addDays(today, BOOKING_LIMITS.maxDaysAhead)) {
      throw validationProblem('bookingDate', `must be at most ${BOOKING_LIMITS.maxDaysAhead} days ahead`);
    }
    const notes = dto.notes ?? null;
    if (idempotencyKey !== undefined) {
      const original = await this.replay(actor.id, idempotencyKey, dto, notes);
      if (original) return { booking: original, replayed: true };
    }
    const service = await this.services.require(dto.serviceId);
    if (service.availabilityStatus !== 'available') throw validationProblem('serviceId', 'this service is not available for booking');

    try {
      const id = await this.transactions.run(async (manager) => {
        const capacity = await this.lockCapacity(manager, service.id, actor.id);
        await this.ensureDay(manager, service.id, dto.bookingDate);
        const taken = await changedRows(
          manager,
          'UPDATE service_day_inventory SET booked = booked + ? WHERE service_id = ? AND date = ? AND booked + ? <= ?',
          [dto.quantity, service.id, dto.bookingDate, dto.quantity, capacity],
        );
        if (taken !== 1) throw await this.soldOut(manager, service.id, capacity, dto.bookingDate);
        // Plain too: manager.insert would also read back the created_at/updated_at it generated,
        // one more statement that load() below reads anyway.
        return insertedId(
          manager,
          'INSERT INTO bookings (user_id, service_id, booking_date, quantity, unit_price_cents, total_cents, currency, status, notes, idempotency_key) ' +
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?)",
          [
            actor.id,
            service.id,
            dto.bookingDate,
            dto.quantity,
            service.priceCents,
            service.priceCents * dto.quantity,
            service.currency,
            notes,
            idempotencyKey ?? null,
          ],
        );
      });
      return { booking: this.toDto(await this.load(id)), replayed: false };
    } catch (error) {
      // Two requests raced with one Idempotency-Key: the loser answers the winner's booking.
      if (idempotencyKey !== undefined && isUniqueViolation(error)) {
        const original = await this.replay(actor.id, idempotencyKey, dto, notes);
        if (original) return { booking: original, replayed: true };
      }
      throw error;
    }
  }

  async list(actor: AuthUser, query: ListBookingsQuery): Promise<BookingPageDto> {
    const readsAll = can(actor, 'bookings:read:any');
    if (!readsAll && query.userId !== undefined && query.userId !== actor.id) {
      throw forbidden("Reading another user's bookings needs the permission bookings:read:any");
    }
    if (!readsAll && query.customer) throw forbidden('Filtering by customer needs the permission bookings:read:any');
    if (query.from && query.to && query.from > query.to)
      throw validationException([{ field: 'to', message: 'to must not be before from' }]);
    const sort = parseSort<keyof typeof SORT_COLUMNS>(query.sort, '-createdAt');
    const { where, parameters } = bookingFilter(query, readsAll ? query.userId : actor.id);
    const bookings = await this.bookingsWithService(
      `${where} ORDER BY ${SORT_COLUMNS[sort.field]} ${sort.direction}, b.id ${sort.direction} LIMIT ? OFFSET ?`,
      [...parameters, query.limit, (query.page - 1) * query.limit],
    );
    const total = totalFromPage(query, bookings.length) ?? (await this.count(where, parameters));
    const customers = readsAll ? await this.customersOf(bookings) : undefined;
    return { data: bookings.map((booking) => this.toDto(booking, customers?.get(booking.userId))), meta: pageMeta(query, total) };
  }

  /** The name and e-mail of the page's customers (deleted accounts too, as they were scrubbed), by id. */
  private async customersOf(bookings: Booking[]): Promise<Map<number, BookingCustomerDto>> {
    const ids = [...new Set(bookings.map((booking) => booking.userId))];
    if (ids.length === 0) return new Map();
    const rows: { id: number | string; name: string; email: string }[] = await this.bookings.query(
      `SELECT id, name, email FROM users WHERE id IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Map(rows.map((row) => [Number(row.id), { id: Number(row.id), name: row.name, email: row.email }]));
  }

  /** Every booking has its service (a service is only ever soft-deleted), so the count needs no join. */
  private async count(where: string, parameters: unknown[]): Promise<number> {
    const [row]: { total: number | string }[] = await this.bookings.query(`SELECT COUNT(*) AS total FROM bookings b ${where}`, parameters);
    return Number(row.total);
  }

  async get(actor: AuthUser, id: number): Promise<BookingDto> {
    return this.toDto(await this.visibleTo(actor, id));
  }

  /** Owner or `bookings:write:any`; only a confirmed booking dated today or later (409 otherwise). */
  async cancel(actor: AuthUser, id: number): Promise<BookingDto> {
    const booking = await this.visibleTo(actor, id);
    if (booking.userId !== actor.id && !can(actor, 'bookings:write:any')) {
      throw forbidden("Cancelling another user's booking needs the permission bookings:write:any");
    }
    await this.transactions.run(async (manager) => {
      if (!(await this.cancelIn(manager, booking)))
        throw conflict(`Booking ${id} cannot be cancelled: only confirmed bookings dated today or later can`);
      if (booking.userId !== actor.id) await this.recordStatusChange(manager, actor, booking, 'cancelled');
    });
    return this.toDto(await this.load(id));
  }

  /** Marks a confirmed booking dated today or earlier as completed. */
  async complete(actor: AuthUser, id: number): Promise<BookingDto> {
    await this.transactions.run(async (manager) => {
      const booking = await this.lock(manager, id);
      const result = await manager
        .createQueryBuilder()
        .update(Booking)
        .set({ status: 'completed' })
        .where("id = :id AND status = 'confirmed' AND booking_date <= :today", { id, today: this.clock.today() })
        .execute();
      if (result.affected !== 1) throw conflict(`Booking ${id} cannot be completed: only confirmed bookings dated today or earlier can`);
      await this.recordStatusChange(manager, actor, booking, 'completed');
    });
    return this.toDto(await this.load(id));
  }

  /**
   * Removes a booking for good, releasing its places if it held them (confirmed or completed). The
   * booking is read under its row lock, so a cancellation or completion in flight commits first and
   * the release follows the status the DELETE removed, never an older one.
   */
  async remove(actor: AuthUser, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const booking = await this.lock(manager, id);
      const deleted = await changedRows(manager, 'DELETE FROM bookings WHERE id = ? AND status = ?', [id, booking.status]);
      if (deleted !== 1) throw conflict(`Booking ${id} changed while it was being deleted; try again`);
      if (HOLDS_PLACES.includes(booking.status)) await this.release(manager, booking);
      const { userId, serviceId, bookingDate, quantity, totalCents, currency, status } = booking;
      await this.audit.record(manager, actor, {
        action: 'booking.deleted',
        target: 'booking',
        targetId: id,
        before: { userId, serviceId, bookingDate, quantity, totalCents, currency, status },
      });
    });
  }

  /**
   * For a deleted account: cancels its confirmed bookings dated today or later and frees their
   * places. Each cancellation is conditional, so a booking cancelled or deleted meanwhile is
   * skipped; the caller has already marked the account deleted, so no new booking can join them.
   */
  async cancelUpcomingOf(manager: EntityManager, userId: number): Promise<void> {
    const upcoming = await manager
      .createQueryBuilder(Booking, 'booking')
      .where("booking.userId = :userId AND booking.status = 'confirmed' AND booking.bookingDate >= :today", {
        userId,
        today: this.clock.today(),
      })
      .getMany();
    for (const booking of upcoming) await this.cancelIn(manager, booking);
  }

  toDto(booking: Booking, customer?: BookingCustomerDto): BookingDto {
    const {
      id,
      userId,
      serviceId,
      bookingDate,
      quantity,
      unitPriceCents,
      totalCents,
      currency,
      status,
      notes,
      createdAt,
      updatedAt,
      cancelledAt,
    } = booking;
    return {
      id,
      userId,
      serviceId,
      service: { id: booking.service.id, name: booking.service.name },
      ...(customer && { customer }),
      bookingDate,
      quantity,
      unitPriceCents,
      totalCents,
      currency,
      status,
      notes,
      createdAt,
      updatedAt,
      cancelledAt,
    };
  }

  private recordStatusChange(manager: EntityManager, actor: AuthUser, booking: Booking, status: 'cancelled' | 'completed') {
    return this.audit.record(manager, actor, {
      action: status === 'cancelled' ? 'booking.cancelled' : 'booking.completed',
      target: 'booking',
      targetId: booking.id,
      before: { status: booking.status },
      after: { status },
    });
  }

  /**
   * Cancels if still confirmed and not in the past; releases the places in the same transaction,
   * only when this statement is the one that changed the status.
   */
  private async cancelIn(manager: EntityManager, booking: Booking): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Booking)
      .set({ status: 'cancelled', cancelledAt: new Date() })
      .where("id = :id AND status = 'confirmed' AND booking_date >= :today", { id: booking.id, today: this.clock.today() })
      .execute();
    if (result.affected !== 1) return false;
    await this.release(manager, booking);
    return true;
  }

  /**
   * The service's capacity, read in the booking's transaction under a shared lock of the service's
   * row and the booker's on MySQL (a plain read, or a subquery in the UPDATE, would not wait under
   * READ COMMITTED): a capacity change, a service deletion and an account deletion hold one of these
   * rows' exclusive lock until they commit, so each and the booking take turns and neither misses the
   * other. 401 when the booker's account was deleted or deactivated meanwhile; 404 / 400 when the
   * service was deleted or made unavailable.
   */
  private async lockCapacity(manager: EntityManager, serviceId: number, userId: number): Promise<number> {
    const lock = manager.connection.options.type === 'mysql' ? ' LOCK IN SHARE MODE' : '';
    const [row] = (await manager.query(
      'SELECT s.capacity, s.availability_status AS status, s.deleted_at AS deleted, u.id AS booker FROM services s ' +
        `LEFT JOIN users u ON u.id = ? AND u.is_active = 1 AND u.deleted_at IS NULL WHERE s.id = ?${lock}`,
      [userId, serviceId],
    )) as { capacity: number | string; status: string; deleted: unknown; booker: unknown }[];
    if (row && row.booker === null) throw unauthorized('This account was deleted or deactivated');
    if (!row || row.deleted !== null) throw notFound(`Service ${serviceId}`);
    if (row.status !== 'available') throw validationProblem('serviceId', 'this service is not available for booking');
    return Number(row.capacity);
  }

  /**
   * Inserts the day's inventory row if it is missing. On MySQL an existing row must come back
   * exclusively locked: INSERT IGNORE takes a shared lock on the duplicate, and concurrent bookings
   * upgrading that lock for the conditional UPDATE deadlock with one another.
   */
  private async ensureDay(manager: EntityManager, serviceId: number, date: string): Promise<void> {
    if (manager.connection.options.type === 'mysql') {
      await manager.query(
        'INSERT INTO service_day_inventory (service_id, date, booked) VALUES (?, ?, 0) ON DUPLICATE KEY UPDATE booked = booked',
        [serviceId, date],
      );
      return;
    }
    await manager.createQueryBuilder().insert().into(ServiceDayInventory).values({ serviceId, date, booked: 0 }).orIgnore().execute();
  }

  /**
   * Gives back a booking's places. Only ever called after the statement that took the booking out
   * of a place-holding status (or deleted it) changed exactly one row in the same transaction, so
   * it runs once per booking; the CHECK (booked >= 0) on the inventory fails any slip loudly.
   */
  private async release(manager: EntityManager, booking: Booking): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ServiceDayInventory)
      .set({ booked: () => 'booked - :quantity' })
      .where('service_id = :serviceId AND date = :date', { serviceId: booking.serviceId, date: booking.bookingDate })
      .setParameter('quantity', booking.quantity)
      .execute();
  }

  private async soldOut(manager: EntityManager, serviceId: number, capacity: number, date: string): Promise<ProblemException> {
    const [day]: { booked: number }[] = await manager.query('SELECT booked FROM service_day_inventory WHERE service_id = ? AND date = ?', [
      serviceId,
      date,
    ]);
    const remaining = Math.max(0, capacity - (day?.booked ?? 0));
    return new ProblemException('sold-out', remaining > 0 ? `Only ${remaining} place(s) left on ${date}` : `No places left on ${date}`);
  }

  /** The earlier booking made with this key, if any; 409 when the key was used for another request. */
  private async replay(userId: number, key: string, dto: CreateBookingDto, notes: string | null): Promise<BookingDto | undefined> {
    const [original] = await this.bookingsWithService('WHERE b.user_id = ? AND b.idempotency_key = ?', [userId, key]);
    if (!original) return undefined;
    const same =
      original.serviceId === dto.serviceId &&
      original.bookingDate === dto.bookingDate &&
      original.quantity === dto.quantity &&
      original.notes === notes;
    if (!same) throw conflict('This Idempotency-Key was already used for a different booking request');
    return this.toDto(original);
  }

  /** Owner or `bookings:read:any`; anyone else gets the same 404 as for a missing booking. */
  private async visibleTo(actor: AuthUser, id: number): Promise<Booking> {
    const [booking] = await this.bookingsWithService('WHERE b.id = ?', [id]);
    if (!booking || (booking.userId !== actor.id && !can(actor, 'bookings:read:any'))) throw notFound(`Booking ${id}`);
    return booking;
  }

  /** The booking, read under its row lock until the transaction ends (see forUpdate); 404 if missing. */
  private async lock(manager: EntityManager, id: number): Promise<Booking> {
    const [row]: Record<string, unknown>[] = await manager.query(
      `SELECT ${this.columns} FROM bookings b WHERE b.id = ?${forUpdate(manager)}`,
      [id],
    );
    if (!row) throw notFound(`Booking ${id}`);
    return this.rows.read(row);
  }

  private async load(id: number): Promise<Booking> {
    const [booking] = await this.bookingsWithService('WHERE b.id = ?', [id]);
    if (!booking) throw notFound(`Booking ${id}`);
    return booking;
  }

  /**
   * Bookings (alias `b`) with their service's id and name, deleted services included (their
   * bookings stay visible); `clauses` is what follows FROM … JOIN: WHERE, ORDER BY, LIMIT.
   */
  private async bookingsWithService(clauses: string, parameters: unknown[]): Promise<Booking[]> {
    const rows: Record<string, unknown>[] = await this.bookings.query(
      `SELECT ${this.columns}, s.name AS service_name FROM bookings b INNER JOIN services s ON s.id = b.service_id ${clauses}`,
      parameters,
    );
    return rows.map((row) => {
      const booking = this.rows.read(row);
      booking.service = Object.assign(new Service(), { id: booking.serviceId, name: row.service_name as string });
      return booking;
    });
  }
}

/** The WHERE clause of a bookings list (alias `b`) and its parameters; `userId` undefined: everyone's. */
function bookingFilter(query: ListBookingsQuery, userId: number | undefined): { where: string; parameters: unknown[] } {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    conditions.push(condition);
    parameters.push(value);
  };
  if (userId !== undefined) add('b.user_id = ?', userId);
  if (query.status) add('b.status = ?', query.status);
  if (query.serviceId) add('b.service_id = ?', query.serviceId);
  if (query.customer) {
    const pattern = containsPattern(query.customer.toLowerCase());
    conditions.push("b.user_id IN (SELECT u.id FROM users u WHERE u.name LIKE ? ESCAPE '!' OR u.email LIKE ? ESCAPE '!')");
    parameters.push(pattern, pattern);
  }
  if (query.from) add('b.booking_date >= ?', query.from);
  if (query.to) add('b.booking_date <= ?', query.to);
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', parameters };
}
