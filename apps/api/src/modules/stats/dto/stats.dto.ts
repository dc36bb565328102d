import { IsOptional } from 'class-validator';
import { IsIsoDate } from '../../../common/validation/iso-date.js';
import { ApiInteger } from '../../../common/dto/api-integer.js';

export class StatsQuery {
  /**
   * First booking date (YYYY-MM-DD), default 30 days ago.
   * @example "2026-11-01"
   */
  @IsOptional()
  @IsIsoDate()
  from?: string;

  /**
   * Last booking date (YYYY-MM-DD), default 30 days ahead; at most 366 dates in all.
   * @example "2026-11-30"
   */
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

/** Money in one currency: amounts in different currencies are never added together. */
export class CurrencyTotalDto {
  /**
   * ISO 4217 code, e.g. USD.
   * @example "EUR"
   */
  currency!: string;
  /**
   * Sum of confirmed and completed bookings in this currency, in its minor units.
   * @example 250000
   */
  @ApiInteger({ format: 'int64' })
  totalCents!: number;
}

export class StatsTotalsDto {
  /**
   * Every booking in the range, whatever its status.
   * @example 120
   */
  @ApiInteger()
  bookings!: number;
  /** @example 90 */
  @ApiInteger()
  confirmed!: number;
  /** @example 20 */
  @ApiInteger()
  cancelled!: number;
  /** @example 10 */
  @ApiInteger()
  completed!: number;
  /** Revenue of confirmed and completed bookings, one entry per currency (sorted by currency; empty when none). */
  revenue!: CurrencyTotalDto[];
}

export class StatsDayDto {
  /**
   * YYYY-MM-DD
   * @example "2026-12-24"
   */
  date!: string;
  /**
   * Confirmed and completed bookings dated that day.
   * @example 4
   */
  @ApiInteger()
  bookings!: number;
  /** One entry per currency, sorted by currency; empty when none. */
  revenue!: CurrencyTotalDto[];
}

export class StatsServiceDto {
  /** @example 7 */
  @ApiInteger()
  serviceId!: number;
  /** @example "Escape room: The Vault" */
  name!: string;
  /**
   * Confirmed and completed bookings.
   * @example 35
   */
  @ApiInteger()
  bookings!: number;
  /** One entry per currency, sorted by currency (a service's bookings keep the currency they were made in). */
  revenue!: CurrencyTotalDto[];
}

export class BookingStatsDto {
  /** @example "2026-11-01" */
  from!: string;
  /** @example "2026-11-30" */
  to!: string;
  totals!: StatsTotalsDto;
  /** One entry per date of the range. */
  byDay!: StatsDayDto[];
  /** The five services with the most confirmed and completed bookings in the range (ties: lower id first). */
  topServices!: StatsServiceDto[];
}
