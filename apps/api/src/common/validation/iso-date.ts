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
