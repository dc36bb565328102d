import { addDaysIso } from '../../../shared/dates';

/** A weekly schedule as the editor holds it (the API's CreateScheduleDto without capacity). */
export interface WeeklyPattern {
  /** ISO weekdays, 1 Monday … 7 Sunday. */
  weekdays: number[];
  /** Local `HH:MM` start times. */
  times: string[];
  startsOn: string;
  /** The last date, inclusive; null: open-ended. */
  endsOn: string | null;
}

/** One session a pattern makes: the venue's calendar date, its local time and the instant. */
export interface PreviewSession {
  localDate: string;
  localTime: string;
  startsAt: Date;
}

const DAY_MS = 86_400_000;
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

function offsetAt(instant: number, timeZone: string): number {
  const { date, time } = localParts(new Date(instant), timeZone);
  return Date.parse(`${date}T${time}:00Z`) - (instant - (instant % 60_000));
}

/**
 * The instant of the local `time` on `date` in `timeZone`, by the API's rule (DESIGN §6): a time a
 * daylight-saving change skips moves forward by the gap (02:30 → 03:30); one that occurs twice
 * takes its first occurrence.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  const before = wall - offsetAt(wall - DAY_MS, timeZone);
  const after = wall - offsetAt(wall + DAY_MS, timeZone);
  const exists = (instant: number) => instant + offsetAt(instant, timeZone) === wall;
  const candidates = [before, after].filter(exists);
  return new Date(candidates.length > 0 ? Math.min(...candidates) : before);
}

/** The ISO weekday of a calendar date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/**
 * The sessions `pattern` makes on the dates `from` … `to` (inclusive) in `timeZone` that start after
 * `now`, in time order, each instant once: what the API materialises for the same dates.
 */
export function previewSessions(pattern: WeeklyPattern, from: string, to: string, timeZone: string, now = new Date()): PreviewSession[] {
  const first = pattern.startsOn > from ? pattern.startsOn : from;
  const last = pattern.endsOn !== null && pattern.endsOn < to ? pattern.endsOn : to;
  const weekdays = new Set(pattern.weekdays);
  const found = new Map<number, PreviewSession>();
  for (let date = first; date <= last; date = addDaysIso(date, 1)) {
    if (!weekdays.has(isoWeekday(date))) continue;
    for (const time of pattern.times) {
      const startsAt = zonedInstant(date, time, timeZone);
      if (startsAt.getTime() > now.getTime() && !found.has(startsAt.getTime()))
        found.set(startsAt.getTime(), { localDate: date, localTime: localParts(startsAt, timeZone).time, startsAt });
    }
  }
  return [...found.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}
