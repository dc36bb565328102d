import { BOOKING_LIMITS, type BookingStatus } from '@marquee/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { can, type AuthUser } from '../../common/auth-user.js';
import { pageMeta, parseSort, totalFromPage } from '../../common/dto/pagination.dto.js';
import { qrSvg } from '../../common/qr-code.js';
import { containsPattern } from '../../common/like.js';
import { validationException } from '../../common/pipes/validation.pipe.js';
import { conflict, forbidden, notFound, ProblemException, validationProblem } from '../../common/problem.js';
import { addDays, VenueClock } from '../../common/venue-clock.js';
import { AppConfig } from '../../config/app-config.js';
import { utcDateTime } from '../../database/plain-rows.js';
import { isUniqueViolation, Transactions } from '../../database/transactions.js';
import { AuditLog } from '../audit/audit-log.js';
import { MetricsService } from '../metrics/metrics.service.js';
import type { Service } from '../services/service.entity.js';
import { ServicesService } from '../services/services.service.js';
import type { Session } from '../sessions/session.entity.js';
import { SessionsRepository } from '../sessions/sessions.repository.js';
import type { TicketType } from '../ticket-types/ticket-type.entity.js';
import { TicketTypesRepository } from '../ticket-types/ticket-types.repository.js';
import { BookingCalendar } from '../tickets/booking-calendar.js';
import type { TicketDto } from '../tickets/dto/ticket.dto.js';
import { TicketSigner } from '../tickets/ticket-signer.js';
import { WebhookEvents } from '../webhooks/webhook-events.js';
import type { Booking } from './booking.entity.js';
import { newBookingReference } from './booking-reference.js';
import { BookingsRepository, type BookingView, type NewBooking } from './bookings.repository.js';
import { CustomerMessages } from './customer-messages.js';
import type { BookingCustomerDto, BookingDto, BookingPageDto } from './dto/booking.dto.js';
import type { CreateBookingDto } from './dto/create-booking.dto.js';
import type { BOOKING_SORT_FIELDS, ListBookingsQuery } from './dto/list-bookings.query.js';

const SORT_COLUMNS: Record<(typeof BOOKING_SORT_FIELDS)[number], string> = {
  bookingDate: 'b.booking_date',
  createdAt: 'b.created_at',
  updatedAt: 'b.updated_at',
};
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,100}$/;
/** The statuses whose places the session counts: a completed booking keeps its places. */
const HOLDS_PLACES: readonly BookingStatus[] = ['confirmed', 'completed'];
/** New references drawn when one collides with an existing booking's (about once in 10^11 bookings). */
const REFERENCE_ATTEMPTS = 3;
const HOUR_MS = 3_600_000;

/** Where a booking goes: its service, its session (undefined: the all-day session of `date`, made on demand). */
interface Target {
  service: Service;
  sessionId?: number;
  date: string;
}

@Injectable()
export class BookingsService {
  constructor(
    private readonly bookings: BookingsRepository,
    private readonly inventory: SessionsRepository,
    private readonly ticketTypes: TicketTypesRepository,
    private readonly services: ServicesService,
    private readonly transactions: Transactions,
    private readonly clock: VenueClock,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly audit: AuditLog,
    private readonly messages: CustomerMessages,
    private readonly signer: TicketSigner,
    private readonly calendar: BookingCalendar,
    private readonly webhooks: WebhookEvents,
  ) {}

  /**
   * Books places on a session: the capacity check and the increment are one conditional UPDATE of
   * the session's row inside the booking's transaction, so no two requests can oversell it. With an
   * Idempotency-Key, a repeat of the same request answers the original booking.
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
    if (dto.sessionId !== undefined && dto.bookingDate !== undefined)
      throw validationProblem('bookingDate', 'name a session or a date, not both');
    if (dto.tickets !== undefined && dto.quantity !== undefined)
      throw validationProblem('quantity', 'give tickets or a quantity, not both');
    const notes = dto.notes ?? null;
    if (idempotencyKey !== undefined) {
      const original = await this.replay(actor.id, idempotencyKey, dto, notes);
      if (original) return { booking: original, replayed: true };
    }
    const target = dto.sessionId !== undefined ? await this.sessionTarget(dto.sessionId, dto.serviceId) : await this.dayTarget(dto);
    const { service, date } = target;
    const lines = ticketLines(dto, await this.ticketTypes.ofService(service.id));
    const quantity = lines.reduce((sum, line) => sum + line.quantity, 0);
    const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
    const booking: Omit<NewBooking, 'sessionId' | 'reference'> = {
      userId: actor.id,
      serviceId: service.id,
      bookingDate: date,
      quantity,
      unitPriceCents: Math.round(totalCents / quantity),
      totalCents,
      currency: service.currency,
      notes,
      idempotencyKey: idempotencyKey ?? null,
      items: lines,
    };

    for (let attempt = 1; ; attempt++) {
      try {
        const view = await this.transactions.run(async (manager) => {
          const capacity = await this.bookings.lockForBooking(manager, service.id, actor.id, target.sessionId === undefined);
          let sessionId = target.sessionId;
          if (sessionId === undefined) {
            if (capacity.timed) throw validationProblem('sessionId', 'this service sells timed sessions: book one by its sessionId');
            sessionId = await this.inventory.allDay(manager, service.id, date, capacity.capacity);
          }
          if (!(await this.inventory.take(manager, sessionId, quantity))) throw await this.soldOut(manager, sessionId, date);
          const id = await this.bookings.insert(manager, { ...booking, sessionId, reference: newBookingReference() });
          const view = await this.load(id, manager);
          await this.messages.bookingConfirmed(manager, view);
          await this.webhooks.publish(manager, 'booking.created', this.toDto(view));
          return view;
        });
        return { booking: this.toDto(view), replayed: false };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Two requests raced with one Idempotency-Key: the loser answers the winner's booking.
        if (idempotencyKey !== undefined) {
          const original = await this.replay(actor.id, idempotencyKey, dto, notes);
          if (original) return { booking: original, replayed: true };
        }
        if (attempt >= REFERENCE_ATTEMPTS || !/reference/i.test(String((error as Error).message))) throw error;
      }
    }
  }

  /** A session to book by id: scheduled, on sale (before sales close, within the horizon), of a live service. */
  private async sessionTarget(sessionId: number, serviceId: number | undefined): Promise<Target> {
    const session = await this.inventory.find(undefined, sessionId);
    if (!session) throw notFound(`Session ${sessionId}`);
    if (serviceId !== undefined && serviceId !== session.serviceId)
      throw validationProblem('serviceId', 'is not the service of this session');
    const service = await this.services.require(session.serviceId);
    if (service.availabilityStatus !== 'available') throw validationProblem('serviceId', 'this service is not available for booking');
    if (session.status !== 'scheduled') throw conflict(`Session ${sessionId} was cancelled`);
    const today = this.clock.today();
    if (session.allDay ? session.localDate < today : Date.now() >= salesClose(session, service)) {
      throw validationProblem('sessionId', 'sales for this session have closed');
    }
    if (session.localDate > addDays(today, this.config.sessionHorizonDays)) {
      throw validationProblem('sessionId', `sessions are sold at most ${this.config.sessionHorizonDays} days ahead`);
    }
    return { service, sessionId: session.id, date: session.localDate };
  }

  /** A date of an all-day service: today or later, at most 365 days ahead. */
  private async dayTarget(dto: CreateBookingDto): Promise<Target> {
    const date = dto.bookingDate as string;
    const today = this.clock.today();
    if (date < today) throw validationProblem('bookingDate', 'must be today or later');
    if (date > addDays(today, BOOKING_LIMITS.maxDaysAhead)) {
      throw validationProblem('bookingDate', `must be at most ${BOOKING_LIMITS.maxDaysAhead} days ahead`);
    }
    const service = await this.services.require(dto.serviceId as number);
    if (service.availabilityStatus !== 'available') throw validationProblem('serviceId', 'this service is not available for booking');
    return { service, date };
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
    const views = await this.bookings.views(
      `${where} ORDER BY ${SORT_COLUMNS[sort.field]} ${sort.direction}, b.id ${sort.direction} LIMIT ? OFFSET ?`,
      [...parameters, query.limit, (query.page - 1) * query.limit],
    );
    const total = totalFromPage(query, views.length) ?? (await this.bookings.count(where, parameters));
    const customers = readsAll ? await this.bookings.customers([...new Set(views.map((view) => view.booking.userId))]) : undefined;
    return { data: views.map((view) => this.toDto(view, customers?.get(view.booking.userId))), meta: pageMeta(query, total) };
  }

  async get(actor: AuthUser, id: number): Promise<BookingDto> {
    return this.toDto(await this.visibleTo(actor, id));
  }

  /** The booking's e-ticket: its signed code, and the code as an SVG QR image. */
  async ticket(actor: AuthUser, id: number): Promise<TicketDto> {
    const { booking } = await this.visibleTo(actor, id);
    const code = this.signer.codeFor(booking);
    return { reference: booking.reference, code, qrSvg: await qrSvg(code) };
  }

  /** The booking as an iCalendar file (RFC 5545), with its file name. */
  async calendarFile(actor: AuthUser, id: number): Promise<{ filename: string; content: string }> {
    const view = await this.visibleTo(actor, id);
    return { filename: this.calendar.filename(view), content: this.calendar.render(view) };
  }

  /**
   * Owner or `bookings:write:any`, while the booking is confirmed: a customer until the service's
   * cancellation cutoff before the session starts (an all-day session: before the day ends), staff
   * until the session ends. 409 otherwise.
   */
  async cancel(actor: AuthUser, id: number): Promise<BookingDto> {
    const view = await this.visibleTo(actor, id);
    const { booking } = view;
    const staff = can(actor, 'bookings:write:any');
    if (booking.userId !== actor.id && !staff) {
      throw forbidden("Cancelling another user's booking needs the permission bookings:write:any");
    }
    const cutoff = staff ? 0 : view.cancellationCutoffHours * HOUR_MS;
    const deadline = (staff || view.allDay ? view.endsAt.getTime() : view.startsAt.getTime()) - cutoff;
    if (Date.now() >= deadline) throw conflict(`Booking ${id} cannot be cancelled any more: its session has started or is too close`);
    const cancelled = await this.transactions.run(async (manager) => {
      if (!(await this.cancelIn(manager, booking))) throw conflict(`Booking ${id} cannot be cancelled: only confirmed bookings can`);
      if (booking.userId !== actor.id) await this.recordStatusChange(manager, actor, booking, 'cancelled');
      const after = await this.load(id, manager);
      await this.messages.bookingCancelled(manager, after, booking.userId === actor.id ? 'customer' : 'staff');
      await this.webhooks.publish(manager, 'booking.cancelled', this.toDto(after));
      return after;
    });
    return this.toDto(cancelled);
  }

  /** Marks a confirmed booking dated today or earlier as completed. */
  async complete(actor: AuthUser, id: number): Promise<BookingDto> {
    await this.transactions.run(async (manager) => {
      const booking = await this.lock(manager, id);
      if (!(await this.bookings.complete(manager, id, this.clock.today()))) {
        throw conflict(`Booking ${id} cannot be completed: only confirmed bookings dated today or earlier can`);
      }
      await this.recordStatusChange(manager, actor, booking, 'completed');
      await this.webhooks.publish(manager, 'booking.completed', this.toDto(await this.load(id, manager)));
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
      if (!(await this.bookings.deleteIf(manager, id, booking.status)))
        throw conflict(`Booking ${id} changed while it was being deleted; try again`);
      if (HOLDS_PLACES.includes(booking.status)) await this.inventory.release(manager, booking.sessionId, booking.quantity);
      const { userId, serviceId, sessionId, bookingDate, quantity, totalCents, currency, status } = booking;
      await this.audit.record(manager, actor, {
        action: 'booking.deleted',
        target: 'booking',
        targetId: id,
        before: { userId, serviceId, sessionId, bookingDate, quantity, totalCents, currency, status },
      });
    });
  }

  /**
   * For a deleted account: cancels its confirmed bookings whose session has not ended and frees their
   * places, publishing each `booking.cancelled`. Each cancellation is conditional, so a booking cancelled
   * or deleted meanwhile is skipped; the caller has already marked the account deleted, so no new booking can join them.
   */
  async cancelUpcomingOf(manager: EntityManager, userId: number): Promise<void> {
    const upcoming = await this.bookings.confirmed(
      manager,
      'b.user_id = ? AND b.session_id IN (SELECT t.id FROM sessions t WHERE t.ends_at > ?)',
      [userId, utcDateTime(new Date())],
    );
    for (const booking of upcoming) {
      if (await this.cancelIn(manager, booking))
        await this.webhooks.publish(manager, 'booking.cancelled', this.toDto(await this.load(booking.id, manager)));
    }
  }

  /**
   * For a cancelled session (in its transaction): cancels its confirmed bookings, frees their places,
   * records one audit entry each, queues a message to each customer and publishes each `booking.cancelled`
   * event. Resolves the bookings cancelled.
   */
  async cancelAllOn(manager: EntityManager, actor: AuthUser, session: Session): Promise<Booking[]> {
    const cancelled: Booking[] = [];
    for (const booking of await this.bookings.confirmed(manager, 'b.session_id = ?', [session.id])) {
      if (!(await this.cancelIn(manager, booking))) continue;
      await this.recordStatusChange(manager, actor, booking, 'cancelled');
      cancelled.push(booking);
    }
    if (cancelled.length === 0) return cancelled;
    const ids = cancelled.map((booking) => booking.id);
    const views = await this.bookings.views(`WHERE b.id IN (${ids.map(() => '?').join(', ')}) ORDER BY b.id`, ids, manager);
    await this.messages.sessionCancelled(manager, views);
    for (const view of views) await this.webhooks.publish(manager, 'booking.cancelled', this.toDto(view));
    return cancelled;
  }

  toDto(view: BookingView, customer?: BookingCustomerDto): BookingDto {
    const { id, userId, serviceId, sessionId, reference, bookingDate, quantity, unitPriceCents, totalCents, currency, status, notes } =
      view.booking;
    return {
      id,
      userId,
      serviceId,
      service: { id: serviceId, name: view.serviceName },
      sessionId,
      reference,
      startsAt: view.startsAt,
      allDay: view.allDay,
      ...(customer && { customer }),
      bookingDate,
      quantity,
      unitPriceCents,
      totalCents,
      currency,
      status,
      tickets: view.items.map((item) => ({
        ticketTypeId: item.ticketTypeId,
        name: item.name,
        unitPriceCents: item.unitPriceCents,
        quantity: item.quantity,
      })),
      notes,
      createdAt: view.booking.createdAt,
      updatedAt: view.booking.updatedAt,
      cancelledAt: view.booking.cancelledAt,
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

  /** Cancels if still confirmed; releases the places in the same transaction, only when this statement changed the status. */
  private async cancelIn(manager: EntityManager, booking: Booking): Promise<boolean> {
    if (!(await this.bookings.cancel(manager, booking.id))) return false;
    await this.inventory.release(manager, booking.sessionId, booking.quantity);
    return true;
  }

  private async soldOut(manager: EntityManager, sessionId: number, date: string): Promise<ProblemException> {
    const session = await this.inventory.find(manager, sessionId);
    if (session?.status === 'cancelled') return conflict(`Session ${sessionId} was cancelled`);
    const remaining = session ? Math.max(0, session.capacity - session.booked) : 0;
    const when = session && !session.allDay ? `this session` : date;
    return new ProblemException('sold-out', remaining > 0 ? `Only ${remaining} place(s) left on ${when}` : `No places left on ${when}`);
  }

  /** The earlier booking made with this key, if any; 409 when the key was used for another request. */
  private async replay(userId: number, key: string, dto: CreateBookingDto, notes: string | null): Promise<BookingDto | undefined> {
    const [original] = await this.bookings.views('WHERE b.user_id = ? AND b.idempotency_key = ?', [userId, key]);
    if (!original) return undefined;
    if (!sameRequest(original, dto, notes)) throw conflict('This Idempotency-Key was already used for a different booking request');
    return this.toDto(original);
  }

  /** Owner or `bookings:read:any`; anyone else gets the same 404 as for a missing booking. */
  private async visibleTo(actor: AuthUser, id: number): Promise<BookingView> {
    const [view] = await this.bookings.views('WHERE b.id = ?', [id]);
    if (!view || (view.booking.userId !== actor.id && !can(actor, 'bookings:read:any'))) throw notFound(`Booking ${id}`);
    return view;
  }

  /** The booking, read under its row lock until the transaction ends (see forUpdate); 404 if missing. */
  private async lock(manager: EntityManager, id: number): Promise<Booking> {
    const booking = await this.bookings.lock(manager, id);
    if (!booking) throw notFound(`Booking ${id}`);
    return booking;
  }

  /** A booking with what its answer shows, read now (in `manager`'s transaction when given); 404 if none. */
  private async load(id: number, manager?: EntityManager): Promise<BookingView> {
    const [view] = await this.bookings.views('WHERE b.id = ?', [id], manager);
    if (!view) throw notFound(`Booking ${id}`);
    return view;
  }
}

/** When sales of a timed session close: `salesCloseMinutes` before it starts (epoch milliseconds). */
function salesClose(session: Session, service: Service): number {
  return session.startsAt.getTime() - service.salesCloseMinutes * 60_000;
}

/** The priced ticket lines of a request: `tickets` by type, or `quantity` of the first active type. 400 naming `tickets` otherwise. */
function ticketLines(dto: CreateBookingDto, types: TicketType[]): NewBooking['items'] {
  if (types.length === 0) throw validationProblem('serviceId', 'this service sells no tickets at the moment');
  const wanted = dto.tickets ?? [{ ticketTypeId: types[0].id, quantity: dto.quantity as number }];
  const seen = new Set<number>();
  const lines = wanted.map(({ ticketTypeId, quantity }) => {
    const type = types.find((candidate) => candidate.id === ticketTypeId);
    if (!type) throw validationProblem('tickets', `ticket type ${ticketTypeId} is not on sale for this service`);
    if (seen.has(ticketTypeId)) throw validationProblem('tickets', 'name each ticket type once');
    seen.add(ticketTypeId);
    return { ticketTypeId, name: type.name, unitPriceCents: type.priceCents, quantity };
  });
  const places = lines.reduce((sum, line) => sum + line.quantity, 0);
  if (places > BOOKING_LIMITS.maxQuantity) throw validationProblem('tickets', `at most ${BOOKING_LIMITS.maxQuantity} places in all`);
  return lines;
}

/**
 * Whether a repeated request is the one the original booking was made with: the same place (session,
 * or all-day service and date), the same tickets and the same notes.
 */
function sameRequest(original: BookingView, dto: CreateBookingDto, notes: string | null): boolean {
  const { booking, items } = original;
  const place =
    dto.sessionId !== undefined
      ? booking.sessionId === dto.sessionId && (dto.serviceId === undefined || dto.serviceId === booking.serviceId)
      : original.allDay && booking.serviceId === dto.serviceId && booking.bookingDate === dto.bookingDate;
  const tickets = dto.tickets
    ? items.length === dto.tickets.length &&
      dto.tickets.every((line) => items.some((item) => item.ticketTypeId === line.ticketTypeId && item.quantity === line.quantity))
    : items.length === 1 && items[0].quantity === dto.quantity;
  return place && tickets && booking.notes === notes;
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
  if (query.updatedSince) add('b.updated_at >= ?', utcDateTime(new Date(query.updatedSince)));
  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', parameters };
}
