import { Pipe, type PipeTransform } from '@angular/core';

const formats = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string): Intl.NumberFormat {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format;
}

/**
 * How many decimals a currency's amounts have, i.e. its minor units per unit as a power of ten:
 * 0 for JPY, 2 for USD and EUR, 3 for KWD. 2 for a code Intl does not know.
 */
export function minorDigits(currency: string): number {
  try {
    return currencyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** Integer minor units → an amount in the currency's units: 1250 USD → 12.5, 1500 JPY → 1500. */
export function fromMinorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/** An amount in the currency's units → integer minor units (rounded): 12.5 USD → 1250, 1500 JPY → 1500. */
export function toMinorUnits(amount: number, currency: string): number {
  return Math.round(amount * 10 ** minorDigits(currency));
}

/** Integer minor units in a currency, e.g. 1250 USD → $12.50, 1500 JPY → ¥1,500. */
export function formatMoney(minor: number, currency = 'USD'): string {
  return currencyFormat(currency).format(fromMinorUnits(minor, currency));
}

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
