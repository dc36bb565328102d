import { Pipe, type PipeTransform } from '@angular/core';

const isoDay = new Map<string, Intl.DateTimeFormat>();
const readable = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, key: string, create: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let format = cache.get(key);
  if (!format) {
    format = create();
    cache.set(key, format);
  }
  return format;
}

/** Today as YYYY-MM-DD in `timeZone` (the venue's; UTC, the API's default, when not given). */
export function todayIso(now: Date = new Date(), timeZone = 'UTC'): string {
  const format = cached(
    isoDay,
    timeZone,
    () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
  );
  return format.format(now);
}

export function addDaysIso(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

type Readable = 'day' | 'moment' | 'next';

/** "Sat 28 Nov 2026" (day), "Sat 28 Nov 2026, 14:05" (moment), "Sat 28 Nov, 14:05" (next: a start soon enough to need no year). */
function readableParts(date: Date, timeZone: string, shape: Readable): string {
  const withTime = shape !== 'day';
  const format = cached(
    readable,
    `${timeZone}|${withTime}`,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
      }),
  );
  const part = Object.fromEntries(format.formatToParts(date).map(({ type, value }) => [type, value]));
  const day = `${part['weekday']} ${part['day']} ${part['month']}`;
  if (shape === 'next') return `${day}, ${part['hour']}:${part['minute']}`;
  return withTime ? `${day} ${part['year']}, ${part['hour']}:${part['minute']}` : `${day} ${part['year']}`;
}

/**
 * A booking date (YYYY-MM-DD, already a calendar day of the venue) as people read it: "Sat 28 Nov 2026".
 * Read as that calendar day wherever the browser is, never shifted by the browser's own zone.
 */
export function formatDay(isoDate: string): string {
  return readableParts(new Date(`${isoDate}T00:00:00Z`), 'UTC', 'day');
}

/** A moment (ISO timestamp) as the venue's clock showed it: "Sat 28 Nov 2026, 14:05". */
export function formatMoment(timestamp: string | Date, timeZone: string): string {
  return readableParts(new Date(timestamp), timeZone, 'moment');
}

/** A session's start as the venue's clock shows it, without the year: "Fri 28 Nov, 19:30". */
export function formatStart(timestamp: string | Date, timeZone: string): string {
  return readableParts(new Date(timestamp), timeZone, 'next');
}

/** `{{ booking.bookingDate | day }}` → "Sat 28 Nov 2026". */
@Pipe({ name: 'day' })
export class DayPipe implements PipeTransform {
  transform(isoDate: string | null | undefined): string {
    return isoDate ? formatDay(isoDate) : '';
  }
}
