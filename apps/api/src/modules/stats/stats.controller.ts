import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../common/decorators/access.decorators.js';
import { BookingStatsDto, StatsQuery } from './dto/stats.dto.js';
import { StatsService } from './stats.service.js';

@ApiTags('stats')
@Controller('stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  /** Booking totals, bookings per day and top services for the dashboard. */
  @Get('bookings')
  @RequirePermissions('stats:read')
  bookings(@Query() query: StatsQuery): Promise<BookingStatsDto> {
    return this.stats.bookingStats(query);
  }
}
