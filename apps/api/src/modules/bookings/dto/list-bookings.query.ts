import { BOOKING_STATUSES, type BookingStatus } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto, sortValues } from '../../../common/dto/pagination.dto.js';
import { IsId } from '../../../common/validation/id.js';
import { IsIsoDate, IsIsoDateTime } from '../../../common/validation/iso-date.js';

export const BOOKING_SORT_FIELDS = ['bookingDate', 'createdAt', 'updatedAt'] as const;

export class ListBookingsQuery extends PageQueryDto {
  @ApiProperty({ enum: BOOKING_STATUSES, required: false })
  @IsOptional()
  @IsIn(BOOKING_STATUSES)
  status?: BookingStatus;

  @IsOptional()
  @Type(() => Number)
  @IsId()
  serviceId?: number;

  /** Only with `bookings:read:any`: one customer's bookings. */
  @IsOptional()
  @Type(() => Number)
  @IsId()
  userId?: number;

  /** Only with `bookings:read:any`: customers whose name or e-mail contains this text. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  customer?: string;

  /** Bookings dated on or after (YYYY-MM-DD). */
  @IsOptional()
  @IsIsoDate()
  from?: string;

  /** Bookings dated on or before (YYYY-MM-DD). */
  @IsOptional()
  @IsIsoDate()
  to?: string;

  /**
   * Bookings changed at or after this instant (ISO 8601 with an offset), for incremental sync: keep the
   * greatest `updatedAt` seen and ask again with it, sorted by `updatedAt`.
   */
  @IsOptional()
  @IsString()
  @IsIsoDateTime()
  updatedSince?: string;

  /** `bookingDate`, `createdAt` or `updatedAt`; `-` in front for descending. Default `-createdAt`. */
  @IsOptional()
  @IsIn(sortValues(BOOKING_SORT_FIELDS))
  sort?: string;
}
