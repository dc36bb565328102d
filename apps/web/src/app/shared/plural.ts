import { Pipe, type PipeTransform } from '@angular/core';

const rules = new Intl.PluralRules('en-US');

/** A count with its noun in the right form: `1 booking`, `2 bookings`, `0 places`. */
export function plural(count: number, one: string, other = `${one}s`): string {
  return `${count} ${rules.select(count) === 'one' ? one : other}`;
}

/** `{{ n | plural: 'booking' }}`, see plural(). */
@Pipe({ name: 'plural' })
export class PluralPipe implements PipeTransform {
  transform(count: number, one: string, other?: string): string {
    return plural(count, one, other);
  }
}
