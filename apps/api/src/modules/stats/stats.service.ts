import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { validationException } from '../../common/pipes/validation.pipe.js';
import { addDays, daysBetween, VenueClock } from '../../common/venue-clock.js';
import { Booking } from '../bookings/booking.entity.js';
import type { BookingStatsDto, CurrencyTotalDto, StatsQuery } from './dto/stats.dto.js';

const MAX_DAYS = 366;
const TOP_SERVICES = 5;
const SOLD = "booking.status IN ('confirmed', 'completed')";

type Raw = Record<string, string | number | null>;
const num = (value: string | number | null | undefined) => Number(value ?? 0);

@Injectable()
export class StatsService {
  constructor(
    @InjectRepository(Booking) private readonly bookings: Repository<Booking>,
    private readonly clock: VenueClock,
  ) {}

  /**
   * Totals, bookings per day and the top services for booking dates in [from, to]. Revenue is
   * summed per currency, never across currencies.
   */
  async bookingStats(query: StatsQuery): Promise<BookingStatsDto> {
    const today = this.clock.today();
    const from = query.from ?? addDays(today, -30);
    const to = query.to ?? addDays(today, 30);
    const span = daysBetween(from, to) + 1;
    if (span < 1) throw validationException([{ field: 'to', message: 'to must not be before from' }]);
    if (span > MAX_DAYS) throw validationException([{ field: 'to', message: `at most ${MAX_DAYS} dates can be asked for at once` }]);

    const [totals, revenue, days, top] = await Promise.all([
      this.inRange(from, to)
        .select('COUNT(*)', 'bookings')
        .addSelect("SUM(CASE WHEN booking.status = 'confirmed' THEN 1 ELSE 0 END)", 'confirmed')
        .addSelect("SUM(CASE WHEN booking.status = 'cancelled' THEN 1 ELSE 0 END)", 'cancelled')
        .addSelect("SUM(CASE WHEN booking.status = 'completed' THEN 1 ELSE 0 END)", 'completed')
        .getRawOne<Raw>(),
      this.sold(from, to),
      this.sold(from, to, { date: 'booking.bookingDate' }),
      this.inRange(from, to)
        .andWhere(SOLD)
        // Before the join: TypeORM adds `deleted_at IS NULL` to a join made without it.
        .withDeleted()
        .innerJoin('booking.service', 'service')
        .select('service.id', 'id')
        .addSelect('service.name', 'name')
        .addSelect('COUNT(*)', 'bookings')
        .groupBy('service.id')
        .addGroupBy('service.name')
        .orderBy('bookings', 'DESC')
        .addOrderBy('service.id', 'ASC')
        .limit(TOP_SERVICES)
        .getRawMany<Raw>(),
    ]);
    const topRevenue =
      top.length > 0
        ? await this.sold(
            from,
            to,
            { id: 'booking.serviceId' },
            top.map((row) => num(row.id)),
          )
        : [];

    const perDay = groupBy(days, (row) => String(row.date));
    const perService = groupBy(topRevenue, (row) => String(num(row.id)));
    return {
      from,
      to,
      totals: {
        bookings: num(totals?.bookings),
        confirmed: num(totals?.confirmed),
        cancelled: num(totals?.cancelled),
        completed: num(totals?.completed),
        revenue: byCurrency(revenue),
      },
      byDay: Array.from({ length: span }, (_, offset) => {
        const date = addDays(from, offset);
        const rows = perDay.get(date) ?? [];
        return { date, bookings: rows.reduce((sum, row) => sum + num(row.bookings), 0), revenue: byCurrency(rows) };
      }),
      topServices: top.map((row) => ({
        serviceId: num(row.id),
        name: String(row.name),
        bookings: num(row.bookings),
        revenue: byCurrency(perService.get(String(num(row.id))) ?? []),
      })),
    };
  }

  private inRange(from: string, to: string) {
    return this.bookings.createQueryBuilder('booking').where('booking.bookingDate BETWEEN :from AND :to', { from, to });
  }

  /**
   * Confirmed and completed bookings dated in [from, to] (of the services `serviceIds` when given):
   * how many and their revenue, per currency and per each of `keys` (alias → expression).
   */
  private sold(from: string, to: string, keys: Record<string, string> = {}, serviceIds?: number[]): Promise<Raw[]> {
    const query = this.inRange(from, to)
      .andWhere(SOLD)
      .select('booking.currency', 'currency')
      .addSelect('COUNT(*)', 'bookings')
      .addSelect('SUM(booking.totalCents)', 'revenue')
      .groupBy('booking.currency');
    for (const [alias, expression] of Object.entries(keys)) query.addSelect(expression, alias).addGroupBy(expression);
    if (serviceIds) query.andWhere('booking.serviceId IN (:...ids)', { ids: serviceIds });
    return query.getRawMany<Raw>();
  }
}

/** `{ currency, totalCents }` per currency of rows grouped by currency, sorted by currency. */
function byCurrency(rows: Raw[]): CurrencyTotalDto[] {
  return rows
    .map((row) => ({ currency: String(row.currency), totalCents: num(row.revenue) }))
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}

function groupBy(rows: Raw[], key: (row: Raw) => string): Map<string, Raw[]> {
  const groups = new Map<string, Raw[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  return groups;
}
