import { Injectable } from '@nestjs/common';
import { localParts } from '@marquee/contracts';
import { AppConfig } from '../config/app-config.js';

// The venue's calendar arithmetic is shared with the web app's schedule preview.
export { addDays, daysBetween, localParts, zonedInstant } from '@marquee/contracts';

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Wall-clock times remembered at most (a venue's sessions start at a few instants a day). */
const TIMES_KEPT = 10_000;

/** Calendar days as the venue sees them: "today" is the date in `VENUE_TIMEZONE`. */
@Injectable()
export class VenueClock {
  private readonly format: Intl.DateTimeFormat;
  private readonly timeZone: string;
  private readonly times = new Map<number, string>();

  constructor(config: AppConfig) {
    this.timeZone = config.venueTimeZone;
    this.format = new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  today(): string {
    return this.format.format(new Date());
  }

  /**
   * The venue's `HH:MM` at `instant`. Remembered per instant: a list of sessions asks it for every
   * row, and Intl's formatToParts costs more than the rest of the row (bench/README.md, S8).
   */
  timeOf(instant: Date): string {
    const key = instant.getTime();
    let time = this.times.get(key);
    if (time === undefined) {
      time = localParts(instant, this.timeZone).time;
      if (this.times.size >= TIMES_KEPT) this.times.clear();
      this.times.set(key, time);
    }
    return time;
  }
}
