import { IsOptional } from 'class-validator';
import { IsIsoDate } from '../../../common/validation/iso-date.js';

export class StatsQuery {
  /** First booking date (YYYY-MM-DD), default 30 days ago. */
  @IsOptional()
  @IsIsoDate()
  from?: string;

  /** Last booking date (YYYY-MM-DD), default 30 days ahead; at most 366 dates in all. */
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

/** Money in one currency: amounts in different currencies are never added together. */
export class CurrencyTotalDto {
  /** ISO 4217 code, e.g. USD. */
  currency!: string;
  /** Sum of confirmed and completed bookings in this currency, in its minor units. */
  totalCents!: number;
}

export class StatsTotalsDto {
  /** Every booking in the range, whatever its status. */
  bookings!: number;
  confirmed!: number;
  cancelled!: number;
  completed!: number;
  /** Revenue of confirmed and completed bookings, one entry per currency (sorted by currency; empty when none). */
  revenue!: CurrencyTotalDto[];
}

export class StatsDayDto {
  /** YYYY-MM-DD */
  date!: string;
  /** Confirmed and completed bookings dated that day. */
  bookings!: number;
  /** One entry per currency, sorted by currency; empty when none. */
  revenue!: CurrencyTotalDto[];
}

export class StatsServiceDto {
  serviceId!: number;
  name!: string;
  /** Confirmed and completed bookings. */
  bookings!: number;
  /** One entry per currency, sorted by currency (a service's bookings keep the currency they were made in). */
  revenue!: CurrencyTotalDto[];
}

export class BookingStatsDto {
  from!: string;
  to!: string;
  totals!: StatsTotalsDto;
  /** One entry per date of the range. */
  byDay!: StatsDayDto[];
  /** The five services with the most confirmed and completed bookings in the range (ties: lower id first). */
  topServices!: StatsServiceDto[];
}
