import { Pipe, type PipeTransform } from '@angular/core';
import type { CurrencyTotalDto } from '@marquee/contracts/client';
import { formatMoney } from './money.pipe';

/**
 * Amounts in several currencies, each in its own and never added together, e.g.
 * "€40.00 · $12.50"; "—" when there is none.
 */
export function formatAmounts(amounts: readonly CurrencyTotalDto[]): string {
  return amounts.length === 0 ? '—' : amounts.map((amount) => formatMoney(amount.totalCents, amount.currency)).join(' · ');
}

@Pipe({ name: 'amounts' })
export class AmountsPipe implements PipeTransform {
  transform(amounts: readonly CurrencyTotalDto[] | null | undefined): string {
    return formatAmounts(amounts ?? []);
  }
}
