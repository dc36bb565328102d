import { BOOKING_LIMITS } from '@marquee/contracts';
import { IsOptional } from 'class-validator';
import { validationException } from '../pipes/validation.pipe.js';
import { IsIsoDate } from '../validation/iso-date.js';
import { addDays, daysBetween } from '../venue-clock.js';

/** The dates of a per-date answer (availability, sessions). */
export class DateWindowQuery {
  /** First date (YYYY-MM-DD), default today. */
  @IsOptional()
  @IsIsoDate()
  from?: string;

  /** Last date (YYYY-MM-DD), default `from` + 29 days; at most 92 dates in all. */
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

/** `from` and `to` with their defaults, and how many dates they span; 400 naming `to` when it is before `from` or too far. */
export function dateWindow(query: DateWindowQuery, today: string): { from: string; to: string; span: number } {
  const from = query.from ?? today;
  const to = query.to ?? addDays(from, BOOKING_LIMITS.defaultAvailabilityDays - 1);
  const span = daysBetween(from, to) + 1;
  if (span < 1) throw validationException([{ field: 'to', message: 'to must not be before from' }]);
  if (span > BOOKING_LIMITS.maxAvailabilityDays) {
    throw validationException([{ field: 'to', message: `at most ${BOOKING_LIMITS.maxAvailabilityDays} dates can be asked for at once` }]);
  }
  return { from, to, span };
}
