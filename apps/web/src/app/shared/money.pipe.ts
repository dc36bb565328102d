import { Pipe, type PipeTransform } from '@angular/core';

const formats = new Map<string, Intl.NumberFormat>();

/** Integer minor units (cents) in a currency, e.g. 1250 USD → $12.50. */
export function formatMoney(cents: number, currency = 'USD'): string {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format.format(cents / 100);
}

/** The sign people know a currency by: $ for USD, € for EUR, the code itself when there is none. */
export function currencySymbol(currency: string): string {
  try {
    const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).formatToParts(0);
    return parts.find((part) => part.type === 'currency')?.value ?? currency;
  } catch {
    return currency;
  }
}

@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(cents: number | null | undefined, currency = 'USD'): string {
    return cents === null || cents === undefined ? '' : formatMoney(cents, currency);
  }
}
