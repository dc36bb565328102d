/**
 * Wall-clock times in a time zone (`VENUE_TIMEZONE`) and the instants they name, from the zone
 * rules Intl carries. A local time that does not exist on a day the clocks go forward moves forward
 * by the gap (02:30 → 03:30); one that happens twice on a day they go back is its first occurrence.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** `HH:MM` on a 24-hour clock, 00:00–23:59. */
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, format);
  }
  return format;
}

/** The wall clock of `zone` at `instant` (ms), as if it were a UTC instant (ms, whole seconds). */
function wallClockMs(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatFor(zone).formatToParts(instant)) {
    if (type !== 'literal') parts[type] = Number(value);
  }
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** How far `zone`'s wall clock is ahead of UTC at `instant` (ms). */
function offsetMs(instant: number, zone: string): number {
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  return wallClockMs(wholeSeconds, zone) - wholeSeconds;
}

/** The instant at which `zone`'s clocks show `time` (HH:MM) on `date` (YYYY-MM-DD). */
export function localToUtc(date: string, time: string, zone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(wall)) throw new RangeError(`Not a local date and time: ${date} ${time}`);
  // The offsets in force a day either side cover any change of the clocks on this day.
  const before = offsetMs(wall - DAY_MS, zone);
  const after = offsetMs(wall + DAY_MS, zone);
  const matches = [wall - before, wall - after].filter((instant) => instant + offsetMs(instant, zone) === wall);
  // Twice (the clocks went back): the first. Never (they went forward): read with the offset before the
  // change, which lands the gap's length later on the new clock.
  return new Date(matches.length > 0 ? Math.min(...matches) : wall - before);
}

/** `zone`'s calendar date and wall-clock time (HH:MM) at `instant`. */
export function utcToLocal(instant: Date, zone: string): LocalDateTime {
  const iso = new Date(wallClockMs(instant.getTime(), zone)).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The ISO weekday of a calendar date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** `instant` plus `minutes`. */
export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * MINUTE_MS);
}
