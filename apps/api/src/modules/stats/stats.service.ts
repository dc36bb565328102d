import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { validationException } from '../../common/pipes/validation.pipe.js';
import { addDays, daysBetween, VenueClock } from '../../common/venue-clock.js';
import { Booking } from '../bookings/booking.entity.js';
import type { BookingStatsDto, StatsQuery } from './dto/stats.dto.js';

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

  /** Totals, bookings per day and the top services for booking dates in [from, to]. */
  async bookingStats(query: StatsQuery): Promise<BookingStatsDto> {
    const today = this.clock.today();
    const from = query.from ?? addDays(today, -30);
    const to = query.to ?? addDays(today, 30);
    const span = daysBetween(from, to) + 1;
    if (span < 1) throw validationException([{ field: 'to', message: 'to must not be before from' }]);
    if (span > MAX_DAYS) throw validationException([{ field: 'to', message: `at most ${MAX_DAYS} dates can be asked for at once` }]);

    const inRange = () => this.bookings.createQueryBuilder('booking').where('booking.bookingDate BETWEEN :from AND :to', { from, to });
    const [totals, days, top] = await Promise.all([
      inRange()
        .select('COUNT(*)', 'bookings')
        .addSelect("SUM(CASE WHEN booking.status = 'confirmed' THEN 1 ELSE 0 END)", 'confirmed')
        .addSelect("SUM(CASE WHEN booking.status = 'cancelled' THEN 1 ELSE 0 END)", 'cancelled')
        .addSelect("SUM(CASE WHEN booking.status = 'completed' THEN 1 ELSE 0 END)", 'completed')
        .addSelect(`SUM(CASE WHEN ${SOLD} THEN booking.totalCents ELSE 0 END)`, 'revenue')
        .getRawOne<Raw>(),
      inRange()
        .andWhere(SOLD)
        .select('booking.bookingDate', 'date')
        .addSelect('COUNT(*)', 'bookings')
        .addSelect('SUM(booking.totalCents)', 'revenue')
        .groupBy('booking.bookingDate')
        .getRawMany<Raw>(),
      inRange()
        .andWhere(SOLD)
        // Before the join: TypeORM adds `deleted_at IS NULL` to a join made without it.
        .withDeleted()
        .innerJoin('booking.service', 'service')
        .select('service.id', 'id')
        .addSelect('service.name', 'name')
        .addSelect('COUNT(*)', 'bookings')
        .addSelect('SUM(booking.totalCents)', 'revenue')
        .groupBy('service.id')
        .addGroupBy('service.name')
        .orderBy('revenue', 'DESC')
        .addOrderBy('service.id', 'ASC')
        .limit(TOP_SERVICES)
        .getRawMany<Raw>(),
    ]);

    const perDay = new Map(days.map((row) => [String(row.date), row]));
    return {
      from,
      to,
      totals: {
        bookings: num(totals?.bookings),
        confirmed: num(totals?.confirmed),
        cancelled: num(totals?.cancelled),
        completed: num(totals?.completed),
        revenueCents: num(totals?.revenue),
      },
      byDay: Array.from({ length: span }, (_, offset) => {
        const date = addDays(from, offset);
        const row = perDay.get(date);
        return { date, bookings: num(row?.bookings), revenueCents: num(row?.revenue) };
      }),
      topServices: top.map((row) => ({
        serviceId: num(row.id),
        name: String(row.name),
        bookings: num(row.bookings),
        revenueCents: num(row.revenue),
      })),
    };
  }
}
