import { addDays, daysBetween, zonedInstant } from '../../common/venue-clock.js';

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

/** "1,3,5" → [1, 3, 5] */
export const parseWeekdays = (stored: string): number[] => stored.split(',').map(Number);
/** "10:00,14:00" → ["10:00", "14:00"] */
export const parseTimes = (stored: string): string[] => stored.split(',');
/** Weekdays as stored: ascending, comma-separated. */
export const formatWeekdays = (weekdays: number[]): string => [...weekdays].sort((a, b) => a - b).join(',');
/** Times as stored: in clock order, comma-separated. */
export const formatTimes = (times: string[]): string => [...times].sort().join(',');
