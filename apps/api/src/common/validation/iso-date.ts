import { ApiProperty } from '@nestjs/swagger';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { isIsoDate } from '../venue-clock.js';

/** A real calendar date written YYYY-MM-DD (documented as `format: date`, 10 characters). */
export function IsIsoDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) => {
    ApiProperty({ type: String, format: 'date', minLength: 10, maxLength: 10 })(target, propertyName);
    registerDecorator({
      name: 'isIsoDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date written YYYY-MM-DD`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
  };
}

/** An ISO 8601 date and time with its offset: `2026-12-24T19:30:00+01:00` or `…Z` (hours 00–23, minutes and seconds 00–59). */
const DATE_TIME_WITH_OFFSET = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** A date and time with its offset, on a day the calendar has (not 2099-02-30). */
function isIsoDateTime(value: unknown): boolean {
  const match = typeof value === 'string' ? DATE_TIME_WITH_OFFSET.exec(value) : null;
  return match !== null && isIsoDate(match[1]);
}

/**
 * A real instant written as an ISO 8601 date and time with its offset (documented as `format:
 * date-time`, at most 29 characters). Put it beside `@IsString()`.
 */
export function IsIsoDateTime(options?: ValidationOptions) {
  return (target: object, propertyName: string) => {
    ApiProperty({ type: String, format: 'date-time', maxLength: 29, example: '2027-06-30T23:59:59Z' })(target, propertyName);
    registerDecorator({
      name: 'isIsoDateTime',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be an ISO 8601 date and time with an offset, such as 2027-06-30T23:59:59Z`, ...options },
      validator: { validate: isIsoDateTime },
    });
  };
}
