import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';

// The venue's calendar arithmetic is shared with the web app's schedule preview.
export { addDays, daysBetween, localParts, zonedInstant } from '@marquee/contracts';

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Calendar days as the venue sees them: "today" is the date in `VENUE_TIMEZONE`. */
@Injectable()
export class VenueClock {
  private readonly format: Intl.DateTimeFormat;

  constructor(config: AppConfig) {
    this.format = new Intl.DateTimeFormat('en-CA', { timeZone: config.venueTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  today(): string {
    return this.format.format(new Date());
  }
}
