import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';

const DAY_MS = 86_400_000;

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
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
