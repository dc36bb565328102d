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

export class StatsTotalsDto {
  /** Every booking in the range, whatever its status. */
  bookings!: number;
  confirmed!: number;
  cancelled!: number;
  completed!: number;
  /** Sum of confirmed and completed bookings, in minor units. */
  revenueCents!: number;
}

export class StatsDayDto {
  /** YYYY-MM-DD */
  date!: string;
  /** Confirmed and completed bookings dated that day. */
  bookings!: number;
  revenueCents!: number;
}

export class StatsServiceDto {
  serviceId!: number;
  name!: string;
  /** Confirmed and completed bookings. */
  bookings!: number;
  revenueCents!: number;
}

export class BookingStatsDto {
  from!: string;
  to!: string;
  totals!: StatsTotalsDto;
  /** One entry per date of the range. */
  byDay!: StatsDayDto[];
  /** The five services with the most revenue in the range. */
  topServices!: StatsServiceDto[];
}
