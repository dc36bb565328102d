import { localParts, occurrences, type WeeklyPattern } from '@marquee/contracts';

/** One session a pattern makes: the venue's calendar date, its local time and the instant. */
export interface PreviewSession {
  localDate: string;
  localTime: string;
  startsAt: Date;
}

/**
 * The sessions `pattern` makes on the dates `from` … `to` (inclusive) in `timeZone` that start after
 * `now`, in time order: what the API materialises for the same dates (it runs the same occurrences()).
 */
export function previewSessions(pattern: WeeklyPattern, from: string, to: string, timeZone: string, now = new Date()): PreviewSession[] {
  return occurrences(pattern, from, to, timeZone)
    .filter(({ startsAt }) => startsAt.getTime() > now.getTime())
    .map(({ localDate, startsAt }) => ({ localDate, localTime: localParts(startsAt, timeZone).time, startsAt }));
}
