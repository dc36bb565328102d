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

/** One formatter per time zone: making an Intl.DateTimeFormat costs far more than using one (it is on the booking path). */
const wallClocks = new Map<string, Intl.DateTimeFormat>();

function wallClock(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    const options = {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    } as const;
    format = new Intl.DateTimeFormat('en-CA', options);
    wallClocks.set(timeZone, format);
  }
  return format;
}

/** The local `YYYY-MM-DD` and `HH:MM` of an instant in `timeZone`. */
export function localParts(instant: Date, timeZone: string): { date: string; time: string } {
  const parts: Record<string, string> = {};
  for (const part of wallClock(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const { date, time } = localParts(new Date(instant), timeZone);
  return Date.parse(`${date}T${time}:00Z`) - (instant - (instant % 60_000));
}

/**
 * The UTC instant of the local `time` (`HH:MM`) on `date` in `timeZone`. A time that does not exist
 * (skipped by a daylight-saving change) moves forward by the gap (02:30 → 03:30); one that occurs
 * twice takes its first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const before = wall - offsetAt(wall - DAY_MS, timeZone);
  const after = wall - offsetAt(wall + DAY_MS, timeZone);
  const exists = (instant: number) => instant + offsetAt(instant, timeZone) === wall;
  const candidates = [before, after].filter(exists);
  return new Date(candidates.length > 0 ? Math.min(...candidates) : before);
}
