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

/** Integer minor units in a currency, as the web and the messages show them: 1250 USD → $12.50, 1500 JPY → ¥1,500. */
export function formatMoney(minor: number, currency = 'USD'): string {
  return currencyFormat(currency).format(fromMinorUnits(minor, currency));
}
