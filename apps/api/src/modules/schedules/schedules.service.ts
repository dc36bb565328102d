import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth-user.js';
import { localParts } from '../../common/venue-clock.js';
import { validationException } from '../../common/pipes/validation.pipe.js';
import { notFound } from '../../common/problem.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transactions.js';
import { AuditLog, changes } from '../audit/audit-log.js';
import { ServicesService } from '../services/services.service.js';
import type { Session } from '../sessions/session.entity.js';
import type { CreateScheduleDto, UpdateScheduleDto } from './dto/save-schedule.dto.js';
import type { KeptSessionDto, ScheduleChangedDto, ScheduleCreatedDto, ScheduleDto } from './dto/schedule.dto.js';
import { ScheduleMaterialiser } from './schedule-materialiser.js';
import type { Schedule } from './schedule.entity.js';
import { SessionsRepository } from '../sessions/sessions.repository.js';
import { SchedulesRepository } from './schedules.repository.js';
import { formatTimes, formatWeekdays, parseTimes, parseWeekdays } from './weekly-pattern.js';

/**
 * Weekly schedules of a service. Creating one makes its sessions over the booking horizon; changing
 * or deleting one replaces its future sessions that nobody booked, and keeps (and lists) the others.
 */
@Injectable()
export class SchedulesService {
  constructor(
    private readonly schedules: SchedulesRepository,
    private readonly sessions: SessionsRepository,
    private readonly materialiser: ScheduleMaterialiser,
    private readonly services: ServicesService,
    private readonly transactions: Transactions,
    private readonly audit: AuditLog,
    private readonly config: AppConfig,
  ) {}

  async list(serviceId: number): Promise<ScheduleDto[]> {
    await this.services.require(serviceId);
    return (await this.schedules.ofService(serviceId)).map(toScheduleDto);
  }

  async create(actor: AuthUser, serviceId: number, dto: CreateScheduleDto): Promise<ScheduleCreatedDto> {
    checkDates(dto.startsOn, dto.endsOn ?? null);
    const service = await this.services.require(serviceId);
    return this.transactions.run(async (manager) => {
      const schedule = await this.schedules.insert(manager, {
        serviceId,
        weekdays: formatWeekdays(dto.weekdays),
        times: formatTimes(dto.times),
        startsOn: dto.startsOn,
        endsOn: dto.endsOn ?? null,
        capacity: dto.capacity ?? null,
      });
      const starts = this.materialiser.upcoming(schedule);
      const live = { schedule, serviceCapacity: service.capacity, durationMinutes: service.durationMinutes };
      const created = await this.materialiser.make(manager, live, starts);
      // Starts that another schedule or a one-off session already held stay theirs.
      const wanted = new Set(starts.map(({ startsAt }) => startsAt.getTime()));
      const taken =
        starts.length === 0
          ? []
          : await this.sessions.othersBetween(manager, serviceId, schedule.id, starts[0].startsAt, starts[starts.length - 1].startsAt);
      await this.audit.record(manager, actor, {
        action: 'schedule.created',
        target: 'schedule',
        targetId: schedule.id,
        after: auditedFields(schedule),
      });
      return {
        schedule: toScheduleDto(schedule),
        created,
        kept: taken.filter(({ startsAt }) => wanted.has(startsAt.getTime())).map((session) => this.toKept(session)),
      };
    });
  }

  async update(actor: AuthUser, id: number, dto: UpdateScheduleDto): Promise<ScheduleChangedDto> {
    return this.transactions.run(async (manager) => {
      const current = await this.require(manager, id);
      const requested = {
        weekdays: dto.weekdays && formatWeekdays(dto.weekdays),
        times: dto.times && formatTimes(dto.times),
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        capacity: dto.capacity,
      };
      checkDates(requested.startsOn ?? current.startsOn, requested.endsOn === undefined ? current.endsOn : requested.endsOn);
      const changed = changes(auditedFields(current), requested);
      const now = new Date();
      if (!changed) {
        return { schedule: toScheduleDto(current), created: 0, removed: 0, kept: await this.keptAfter(manager, id, now) };
      }
      await this.schedules.update(manager, id, changed.after);
      const schedule = await this.require(manager, id);
      const removed = await this.sessions.removeUnbookedOfSchedule(manager, id, now);
      const kept = await this.keptAfter(manager, id, now);
      const service = await this.services.require(schedule.serviceId);
      const live = { schedule, serviceCapacity: service.capacity, durationMinutes: service.durationMinutes };
      const created = await this.materialiser.make(manager, live, this.materialiser.upcoming(schedule));
      await this.audit.record(manager, actor, { action: 'schedule.updated', target: 'schedule', targetId: id, ...changed });
      return { schedule: toScheduleDto(schedule), created, removed, kept };
    });
  }

  /** Deletes a schedule and its future sessions that nobody booked; booked ones stay, without a schedule. */
  async remove(actor: AuthUser, id: number): Promise<void> {
    await this.transactions.run(async (manager) => {
      const schedule = await this.require(manager, id);
      await this.sessions.removeUnbookedOfSchedule(manager, id, new Date());
      await this.schedules.delete(manager, id);
      await this.audit.record(manager, actor, {
        action: 'schedule.deleted',
        target: 'schedule',
        targetId: id,
        before: auditedFields(schedule),
      });
    });
  }

  /** A schedule of a live service, locked until the transaction ends, or 404. */
  private async require(manager: EntityManager, id: number): Promise<Schedule> {
    const schedule = await this.schedules.lock(manager, id);
    if (!schedule) throw notFound(`Schedule ${id}`);
    return schedule;
  }

  /** The schedule's sessions after `now` that have bookings: a change or deletion leaves them as they are. */
  private async keptAfter(manager: EntityManager, id: number, now: Date): Promise<KeptSessionDto[]> {
    return (await this.sessions.bookedOfSchedule(manager, id, now)).map((session) => this.toKept(session));
  }

  private toKept({ id, startsAt, localDate, booked }: Session): KeptSessionDto {
    return { id, startsAt, localDate, localTime: localParts(startsAt, this.config.venueTimeZone).time, booked };
  }
}

function checkDates(startsOn: string, endsOn: string | null): void {
  if (endsOn !== null && endsOn < startsOn) throw validationException([{ field: 'endsOn', message: 'endsOn must not be before startsOn' }]);
}

/** A schedule's own fields, as the audit log records them (as stored: "1,3,5" and "10:00,14:00"). */
function auditedFields({ weekdays, times, startsOn, endsOn, capacity }: Schedule) {
  return { weekdays, times, startsOn, endsOn, capacity };
}

export function toScheduleDto(schedule: Schedule): ScheduleDto {
  const { id, serviceId, startsOn, endsOn, capacity, createdAt, updatedAt } = schedule;
  return {
    id,
    serviceId,
    weekdays: parseWeekdays(schedule.weekdays),
    times: parseTimes(schedule.times),
    startsOn,
    endsOn,
    capacity,
    createdAt,
    updatedAt,
  };
}
