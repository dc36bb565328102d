import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth-user.js';
import { conflict, notFound, validationProblem } from '../../common/problem.js';
import { addDays, localParts, VenueClock } from '../../common/venue-clock.js';
import { AppConfig } from '../../config/app-config.js';
import { isUniqueViolation, Transactions } from '../../database/transactions.js';
import { AuditLog } from '../audit/audit-log.js';
import { BookingsService } from '../bookings/bookings.service.js';
import { ServicesService } from '../services/services.service.js';
import { WebhookEvents } from '../webhooks/webhook-events.js';
import { dateWindow, type DateWindowQuery } from '../../common/dto/date-window.query.js';
import type { CreateSessionDto, UpdateSessionDto } from './dto/save-session.dto.js';
import type { SessionDto } from './dto/session.dto.js';
import type { Session } from './session.entity.js';
import { SessionsRepository } from './sessions.repository.js';

/** One-off sessions, a session's capacity and its cancellation, and the sessions of a service by date. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly services: ServicesService,
    private readonly bookings: BookingsService,
    private readonly transactions: Transactions,
    private readonly clock: VenueClock,
    private readonly config: AppConfig,
    private readonly audit: AuditLog,
    private readonly webhooks: WebhookEvents,
  ) {}

  /** A live service's sessions whose local date is from `from` to `to` (default: today and the next 29 days; at most 92 dates). */
  async list(serviceId: number, query: DateWindowQuery): Promise<SessionDto[]> {
    await this.services.require(serviceId);
    const { from, to } = dateWindow(query, this.clock.today());
    return (await this.sessions.between(serviceId, from, to)).map((session) => this.toDto(session));
  }

  /**
   * A one-off session of a live service: in the future and within the booking horizon, lasting the
   * service's duration, with the service's capacity unless given. 409 when one already starts then.
   */
  async create(actor: AuthUser, serviceId: number, dto: CreateSessionDto): Promise<SessionDto> {
    const startsAt = new Date(dto.startsAt);
    if (Number.isNaN(startsAt.getTime())) throw validationProblem('startsAt', 'is not a valid date and time');
    if (startsAt.getTime() <= Date.now()) throw validationProblem('startsAt', 'must be in the future');
    const { date: localDate } = localParts(startsAt, this.config.venueTimeZone);
    if (localDate > addDays(this.clock.today(), this.config.sessionHorizonDays)) {
      throw validationProblem('startsAt', `must be at most ${this.config.sessionHorizonDays} days ahead`);
    }
    try {
      const id = await this.transactions.run(async (manager) => {
        const service = await this.services.lock(manager, serviceId);
        const capacity = dto.capacity ?? service.capacity;
        const endsAt = new Date(startsAt.getTime() + service.durationMinutes * 60_000);
        const created = await this.sessions.insert(manager, { serviceId, startsAt, endsAt, localDate, allDay: false, capacity });
        await this.audit.record(manager, actor, {
          action: 'session.created',
          target: 'session',
          targetId: created,
          after: { serviceId, startsAt, capacity },
        });
        return created;
      });
      await this.services.changed();
      return this.get(id);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`Service ${serviceId} already has a session starting at ${startsAt.toISOString()}`);
      throw error;
    }
  }

  /**
   * Changes a session's capacity (409 below the places booked) and/or cancels it: a cancelled session
   * cancels its confirmed bookings and releases their places in the same transaction, with one audit
   * entry for the session and one per booking, and a message queued to each customer.
   */
  async update(actor: AuthUser, id: number, dto: UpdateSessionDto): Promise<SessionDto> {
    await this.transactions.run(async (manager) => {
      const session = await this.sessions.find(manager, id, true);
      if (!session) throw notFound(`Session ${id}`);
      if (dto.capacity !== undefined && dto.capacity !== session.capacity) {
        if (!(await this.sessions.setCapacity(manager, id, dto.capacity))) {
          const now = await this.sessions.find(manager, id);
          throw conflict(`Capacity cannot go below ${now?.booked ?? session.booked}: that many places are already booked`);
        }
        await this.audit.record(manager, actor, {
          action: 'session.capacity-changed',
          target: 'session',
          targetId: id,
          before: { capacity: session.capacity },
          after: { capacity: dto.capacity },
        });
      }
      if (dto.status === 'cancelled') {
        if (!(await this.sessions.cancel(manager, id))) throw conflict(`Session ${id} is already cancelled`);
        const cancelled = await this.bookings.cancelAllOn(manager, actor, session);
        await this.audit.record(manager, actor, {
          action: 'session.cancelled',
          target: 'session',
          targetId: id,
          before: { status: session.status },
          after: { status: 'cancelled', bookingsCancelled: cancelled.length },
        });
        const after = await this.sessions.find(manager, id);
        if (after) await this.webhooks.publish(manager, 'session.cancelled', this.toDto(after));
      }
    });
    await this.services.changed();
    return this.get(id);
  }

  private async get(id: number): Promise<SessionDto> {
    const session = await this.sessions.find(undefined, id);
    if (!session) throw notFound(`Session ${id}`);
    return this.toDto(session);
  }

  private toDto(session: Session): SessionDto {
    const { id, serviceId, scheduleId, startsAt, endsAt, localDate, allDay, capacity, booked, status } = session;
    return {
      id,
      serviceId,
      scheduleId,
      startsAt,
      endsAt,
      localDate,
      localTime: this.clock.timeOf(startsAt),
      allDay,
      capacity,
      booked,
      remaining: status === 'scheduled' ? Math.max(0, capacity - booked) : 0,
      status,
    };
  }
}
