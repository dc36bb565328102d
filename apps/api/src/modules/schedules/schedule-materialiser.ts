import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { repeatPeriodically } from '../../common/prune-periodically.js';
import { addDays, VenueClock } from '../../common/venue-clock.js';
import { AppConfig } from '../../config/app-config.js';
import { isSqliteBusy, Transactions } from '../../database/transactions.js';
import type { Schedule } from './schedule.entity.js';
import { SessionsRepository } from '../sessions/sessions.repository.js';
import { SchedulesRepository, type LiveSchedule } from './schedules.repository.js';
import { occurrences, parseTimes, parseWeekdays, type Occurrence } from './weekly-pattern.js';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const BUSY_ATTEMPTS = 10;

/**
 * Turns schedules into sessions over the booking horizon (today and the next SESSION_HORIZON_DAYS
 * days in VENUE_TIMEZONE), at start and then daily, so the horizon moves on with the calendar. Every
 * instance does it; the database's unique (service_id, starts_at) key makes each session once.
 */
@Injectable()
export class ScheduleMaterialiser implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduleMaterialiser.name);
  private stop?: () => void;

  constructor(
    private readonly schedules: SchedulesRepository,
    private readonly sessions: SessionsRepository,
    private readonly transactions: Transactions,
    private readonly clock: VenueClock,
    private readonly config: AppConfig,
  ) {}

  /** The starts of `schedule` still ahead within the booking horizon. */
  upcoming(schedule: Schedule): Occurrence[] {
    const today = this.clock.today();
    const now = Date.now();
    const pattern = { ...schedule, weekdays: parseWeekdays(schedule.weekdays), times: parseTimes(schedule.times) };
    return occurrences(pattern, today, addDays(today, this.config.sessionHorizonDays), this.config.venueTimeZone).filter(
      ({ startsAt }) => startsAt.getTime() > now,
    );
  }

  /** Makes the sessions of `starts` for `schedule` whose start is free; answers how many it made. */
  make(manager: EntityManager, { schedule, serviceCapacity, durationMinutes }: LiveSchedule, starts: Occurrence[]): Promise<number> {
    return this.sessions.insertMissing(
      manager,
      starts.map(({ localDate, startsAt }) => ({
        serviceId: schedule.serviceId,
        scheduleId: schedule.id,
        startsAt,
        endsAt: new Date(startsAt.getTime() + durationMinutes * MINUTE_MS),
        localDate,
        allDay: false,
        capacity: schedule.capacity ?? serviceCapacity,
      })),
    );
  }

  /**
   * Makes the missing sessions of every schedule of a live service; answers how many. Each schedule
   * is read again under a shared lock: a change made meanwhile is seen, or waits until these sessions
   * are in (and then replaces them); other instances materialising hold the same lock at once.
   */
  async materialiseAll(): Promise<number> {
    let made = 0;
    for (const live of await this.schedules.live(this.clock.today())) {
      made += await this.retryWhileBusy(() =>
        this.transactions.run(async (manager) => {
          const schedule = await this.schedules.lock(manager, live.schedule.id, 'shared');
          return schedule ? this.make(manager, { ...live, schedule }, this.upcoming(schedule)) : 0;
        }),
      );
    }
    return made;
  }

  /**
   * Runs `work` again while SQLite answers busy: another process (an instance starting beside this
   * one) wrote the file since this transaction's read, and SQLite refuses the write at once rather
   * than wait. MySQL's deadlocks are retried by Transactions.
   */
  private async retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (attempt >= BUSY_ATTEMPTS || !isSqliteBusy(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
      }
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    this.stop = await repeatPeriodically({
      run: () => this.materialiseAll(),
      everyMs: DAY_MS,
      logger: this.logger,
      done: (count) => `Made ${count} sessions of schedules (booking horizon ${this.config.sessionHorizonDays} days)`,
      failure: 'Making the sessions of schedules failed',
    });
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }
}
