/**
 * Calendar dates and wall-clock times of the venue (`VENUE_TIMEZONE`), and the weekly patterns of
 * schedules: the API materialises sessions with these, and the admin's schedule editor previews
 * them with the same code, so the preview shows what the API then makes.
 */

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
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
  return { date: `${parts['year']}-${parts['month']}-${parts['day']}`, time: `${parts['hour']}:${parts['minute']}` };
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

/** A weekly pattern as a schedule stores it. */
export interface WeeklyPattern {
  /** ISO weekdays, 1 Monday … 7 Sunday. */
  weekdays: number[];
  /** Local `HH:MM` start times. */
  times: string[];
  startsOn: string;
  /** The last date, inclusive; null: open-ended. */
  endsOn: string | null;
}

/** One start of a pattern: the venue's calendar date and the instant. */
export interface Occurrence {
  localDate: string;
  startsAt: Date;
}

/** Every start of `pattern` on the dates from `from` to `to` (inclusive) in `zone`, in time order, each instant once. */
export function occurrences(pattern: WeeklyPattern, from: string, to: string, zone: string): Occurrence[] {
  const first = pattern.startsOn > from ? pattern.startsOn : from;
  const last = pattern.endsOn !== null && pattern.endsOn < to ? pattern.endsOn : to;
  const weekdays = new Set(pattern.weekdays);
  const found = new Map<number, Occurrence>();
  for (let offset = 0; offset <= daysBetween(first, last); offset++) {
    const localDate = addDays(first, offset);
    if (!weekdays.has(isoWeekday(localDate))) continue;
    for (const time of pattern.times) {
      // On the day the clocks go forward, 02:30 and 03:30 name one instant: one session.
      const startsAt = zonedInstant(localDate, time, zone);
      if (!found.has(startsAt.getTime())) found.set(startsAt.getTime(), { localDate, startsAt });
    }
  }
  return [...found.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

/** The ISO weekday of a calendar date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}
