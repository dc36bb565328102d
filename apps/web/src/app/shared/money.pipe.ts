import { Pipe, type PipeTransform } from '@angular/core';
import { formatMoney } from '@marquee/contracts';

export { formatMoney, fromMinorUnits, minorDigits, toMinorUnits } from '@marquee/contracts';

const symbols = new Map<string, string>();

/** The sign people know a currency by: $ for USD, € for EUR, the code itself when there is none. */
export function currencySymbol(currency: string): string {
  let symbol = symbols.get(currency);
  if (symbol === undefined) {
    try {
      const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0);
      symbol = parts.find((part) => part.type === 'currency')?.value ?? currency;
    } catch {
      symbol = currency;
    }
    symbols.set(currency, symbol);
  }
  return symbol;
}

@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(minor: number | null | undefined, currency = 'USD'): string {
    return minor === null || minor === undefined ? '' : formatMoney(minor, currency);
  }
}
