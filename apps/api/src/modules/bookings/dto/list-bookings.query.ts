import { BOOKING_STATUSES, type BookingStatus } from '@marquee/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto, sortValues } from '../../../common/dto/pagination.dto.js';
import { IsId } from '../../../common/validation/id.js';
import { IsIsoDate } from '../../../common/validation/iso-date.js';

export const BOOKING_SORT_FIELDS = ['bookingDate', 'createdAt'] as const;

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

  /** `bookingDate` or `createdAt`; `-` in front for descending. Default `-createdAt`. */
  @IsOptional()
  @IsIn(sortValues(BOOKING_SORT_FIELDS))
  sort?: string;
}
