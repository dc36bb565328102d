import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { repeatPeriodically } from '../../common/prune-periodically.js';
import { AppConfig } from '../../config/app-config.js';
import { Transactions } from '../../database/transactions.js';
import { BookingsRepository } from './bookings.repository.js';
import { CustomerMessages } from './customer-messages.js';

/** Reminders go out this long before a session starts. */
const LEAD_MS = 24 * 3_600_000;
/** Bookings reminded per round at most (the next round takes the rest). */
const BATCH = 200;

/**
 * The reminder 24 hours before a session starts (DESIGN §7), sent once: every process looks at start
 * and every REMINDER_POLL_INTERVAL_MS for confirmed bookings whose session starts within 24 hours and
 * that were not reminded, and for each marks the booking reminded and queues its message in one
 * transaction. The mark is a conditional UPDATE, so when several processes look at once only one
 * queues a booking's reminder; a booking cancelled meanwhile gets none.
 */
@Injectable()
export class BookingReminders implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BookingReminders.name);
  private stop?: () => void;

  constructor(
    private readonly bookings: BookingsRepository,
    private readonly messages: CustomerMessages,
    private readonly transactions: Transactions,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.stop = await repeatPeriodically({
      run: () => this.queueDue(),
      everyMs: this.config.mail.reminderIntervalMs,
      logger: this.logger,
      done: (count) => `Queued ${count} booking reminder(s)`,
      failure: 'Queuing booking reminders failed',
    });
  }

  onApplicationShutdown(): void {
    this.stop?.();
  }

  /** Queues the reminders now due; answers how many this process queued. */
  async queueDue(now = new Date()): Promise<number> {
    const due = await this.bookings.dueForReminder(now, new Date(now.getTime() + LEAD_MS), BATCH);
    let queued = 0;
    for (const view of due) {
      const marked = await this.transactions.run(async (manager) => {
        if (!(await this.bookings.markReminded(manager, view.booking.id, now))) return false;
        await this.messages.bookingReminder(manager, view);
        return true;
      });
      if (marked) queued += 1;
    }
    return queued;
  }
}
